from django.apps import AppConfig


class CareersConfig(AppConfig):
    """The /careers/ section: the finder, fields, careers side by side, the pathway map, each
    career's page (a guide, or else its handbook profile), its JSON and its questions."""

    name = "careers"
