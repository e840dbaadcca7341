from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from .content_version import CONTENT_APPS, bump_content_version

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
        # Every deploy runs migrate, and a new release may render the same content differently
        # (templates, code): pages cached by the previous release must not outlive it.
        post_migrate.connect(
            start_new_content_version, sender=self, dispatch_uid="new-version-after-migrate"
        )


def start_new_content_version(sender, apps=None, **kwargs):
    """After migrate (or flush): a new content version, unless the content tables are not there.

    `apps` is the migrated state; flush sends the signal without it (every model is there)."""
    from django.apps import apps as installed_apps

    from .content_version import CONTENT_APPS, bump_content_version

    apps = apps or installed_apps
    needed = ["core", *CONTENT_APPS]
    if all(label in apps.app_configs and apps.get_app_config(label).models for label in needed):
        bump_content_version()
