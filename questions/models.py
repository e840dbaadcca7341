from django.core.validators import MinLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

QUESTION_MIN_LENGTH = 10
QUESTION_MAX_LENGTH = 1000


class QuestionStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    PUBLISHED = "published", _("Published as FAQ")
    REJECTED = "rejected", _("Rejected")


class SubmittedQuestion(models.Model):
    """A question a visitor asked on a guide, waiting for an editor (never shown as is)."""

    guide = models.ForeignKey(
        "guides.CareerGuide", on_delete=models.CASCADE, related_name="submitted_questions"
    )
    question = models.TextField(
        max_length=QUESTION_MAX_LENGTH, validators=[MinLengthValidator(QUESTION_MIN_LENGTH)]
    )
    email = models.EmailField(
        blank=True,
        help_text=_("Only for replying. Never shown publicly; removed by purge_question_emails."),
    )
    status = models.CharField(
        max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.NEW, db_index=True
    )
    answer = models.TextField(
        blank=True, help_text=_("Markdown. Used as the FAQ answer when published.")
    )
    faq = models.OneToOneField(
        "guides.FAQ",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_question",
        help_text=_("The FAQ made from this question."),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=QuestionStatus.values),
                name="submitted_question_status_valid",
            ),
        ]

    def __str__(self) -> str:
        text = " ".join(self.question.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def get_absolute_url(self) -> str:
        # Questions are private; the public page they belong to is the guide's questions section.
        return f"{self.guide.get_absolute_url()}#faqs"
