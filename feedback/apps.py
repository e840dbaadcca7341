from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    editorial_content = True  # editorial.roles: Editors and Publishers read it
    verbose_name = _("Page feedback")
