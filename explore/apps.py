from django.apps import AppConfig


class ExploreConfig(AppConfig):
    """Visitor tools over the handbook's careers: fields, careers side by side."""

    name = "explore"
