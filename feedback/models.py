from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 500


class PageFeedback(models.Model):
    """One answer to "Was this page useful?" on a guide or certification page."""

    path = models.CharField(max_length=300, db_index=True, help_text=_("The page’s address."))
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")

    def __str__(self) -> str:
        answer = _("useful") if self.useful else _("not useful")
        return f"{self.path}: {answer}"

    def get_absolute_url(self) -> str:
        return self.path
