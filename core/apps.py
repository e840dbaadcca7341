from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from .cache import CONTENT_APPS, bump_content_version

        # Any change to content invalidates the cached page fragments (see core.cache).
        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                post_save.connect(
                    bump_content_version,
                    sender=model,
                    dispatch_uid=f"bump-{model._meta.label}-save",
                )
                post_delete.connect(
                    bump_content_version,
                    sender=model,
                    dispatch_uid=f"bump-{model._meta.label}-delete",
                )
