from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from .translated_text import keep_translations_in_history

        # Versions store both languages (after django-modeltranslation, an earlier app, has
        # added the Spanish columns).
        keep_translations_in_history()
        # A change to content invalidates the cached pages: each content app's ready() names
        # its models with core.content_version.track(), which connects the signals.

        # Every deploy runs migrate, and a new release may render the same content differently
        # (templates, code): pages cached by the previous release must not outlive it.
        post_migrate.connect(
            start_new_content_version, sender=self, dispatch_uid="new-version-after-migrate"
        )


def start_new_content_version(sender, apps=None, **kwargs):
    """After migrate (or flush): a new content version, unless the content tables are not there.

    `apps` is the migrated state; flush sends the signal without it (every model is there)."""
    from django.apps import apps as installed_apps

    from .content_version import bump_content_version, tracked_app_labels

    apps = apps or installed_apps
    needed = ["core", *tracked_app_labels()]
    if all(label in apps.app_configs and apps.get_app_config(label).models for label in needed):
        bump_content_version()
