from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"
    # editorial.roles: Editors and Publishers work on these models; Editors may also remove
    # a guide's parts (the rows of its sections), though not a whole guide.
    editorial_content = True
    editors_remove_parts = True

    def ready(self):
        from core.content_version import track

        # What the public sees is made of these: a change to any of them changes the pages.
        track(*self.get_models())
