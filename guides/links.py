"""One page per career: where a link to a handbook profile should lead.

A profile a published guide covers redirects to the guide, so lists, search results and similar
occupations link the guide itself.
"""

from .models import CareerGuide


def link_guides(profiles, user) -> None:
    """Give each profile a guide covers `page_url`, the guide's address, so lists link straight
    to the one page per career rather than through the profile's redirect (one query)."""
    profiles = list(profiles)
    if not profiles:
        return
    guides = CareerGuide.objects.visible_to(user).filter(occupation__in=profiles)
    urls = {g.occupation_id: g.get_absolute_url() for g in guides.only("slug", "occupation")}
    for profile in profiles:
        if profile.pk in urls:
            profile.page_url = urls[profile.pk]


def career_link(occupation) -> str:
    """A profile's address, or its guide's when a published guide covers it (no redirect)."""
    guide = getattr(occupation, "guide", None)
    if guide is not None and guide.is_published:
        return guide.get_absolute_url()
    return occupation.get_absolute_url()
