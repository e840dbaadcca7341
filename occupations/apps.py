from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "occupations"
    # editorial.roles: Editors and Publishers work on these models. A profile's parts are
    # imported facts (read-only in the admin), so nobody removes them by hand.
    editorial_content = True

    def ready(self):
        from core.content_version import track

        # What the public sees is made of these: a change to any of them changes the pages.
        track(*self.get_models())
