from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    editorial_content = True  # editorial.roles: Editors and Publishers moderate them
    verbose_name = "Visitors’ questions"
