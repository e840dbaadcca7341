"""What the matcher reads: the questionnaire as the public sees it."""

from .models import InterestItem


def questionnaire() -> list[InterestItem]:
    """The published activities, in the order they are asked."""
    return list(InterestItem.objects.published().only("text", "area", "position"))
