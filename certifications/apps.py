from django.apps import AppConfig


class CertificationsConfig(AppConfig):
    name = "certifications"
    editorial_content = True  # editorial.roles: Editors and Publishers work on these models

    def ready(self):
        from core.content_version import track

        # What the public sees is made of these: a change to any of them changes the pages.
        track(*self.get_models())
