from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "questions"
    editorial_content = True  # editorial.roles: Editors and Publishers moderate them
    verbose_name = _("Visitors’ questions")
