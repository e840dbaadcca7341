from django.apps import AppConfig


class InterestsConfig(AppConfig):
    """The interest questionnaire's activities, which editors write, review and publish (the
    matcher at /careers/match/ that asks them lives in the careers section)."""

    name = "interests"
    # editorial.roles: Editors and Publishers work on these models.
    editorial_content = True

    def ready(self):
        from core.content_version import track

        # The questionnaire page is made of these: a change to one changes the page.
        track(*self.get_models())
