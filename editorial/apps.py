from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editorial workflow the content apps' admin is built on: roles, publishing actions,
    history and review reminders. It names no content app: each content app's admin uses it."""

    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from .roles import ensure_roles_after_migrate

        # After every `migrate` (and the test database's set-up and flushes): the Editor and
        # Publisher groups, with the permissions of every content app installed at that time.
        post_migrate.connect(
            ensure_roles_after_migrate, sender=self, dispatch_uid="editorial-roles"
        )
