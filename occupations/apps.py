from importlib import import_module

from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "occupations"
    # editorial.roles: Editors and Publishers work on these models. A profile's parts are
    # imported facts (read-only in the admin), so nobody removes them by hand.
    editorial_content = True

    def import_models(self):
        super().import_models()
        # O*NET's data on what the work is lives in a module of its own (models.py is the
        # handbook and pay); importing it here registers its models with this app.
        import_module(f"{self.name}.onet_models")
        import_module(f"{self.name}.duties")  # the site's own duties for each profile

    def ready(self):
        from core.content_version import track

        # What the public sees is made of these: a change to any of them changes the pages.
        track(*self.get_models())

    def stale_figures(self, today) -> list[str]:
        """For content_report: the site's current pay, when its period is over two years old
        (a newer OEWS release is due to be imported)."""
        from core.freshness import period_is_stale

        from .models import PayRelease

        release = PayRelease.current()
        if release is None or not period_is_stale(release.name, today):
            return []
        return [f"Pay: the newest release is {release} (import a newer one with import_oews)"]
