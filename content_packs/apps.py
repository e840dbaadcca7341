from django.apps import AppConfig


class ContentPacksConfig(AppConfig):
    """Content packs: guides and certifications as JSON files, exported, checked and imported."""

    name = "content_packs"
