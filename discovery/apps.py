from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    """Pages that join certifications with the career guides: a certification's page (the
    guides that recommend it) and the certification finder (the steps that close each gap)."""

    name = "discovery"
