from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    editorial_content = True  # editorial.roles: Editors and Publishers read it
    verbose_name = "Page feedback"
