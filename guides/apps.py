from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"

    def ready(self):
        from core.content_version import track

        # What the public sees is made of these: a change to any of them changes the pages.
        track(*self.get_models())
