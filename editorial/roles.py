"""The two editorial roles, as auth groups whose permissions are defined here, in code.

Editor: view, add and change every model of the content apps (guides and their parts,
certifications, certifying bodies, visitors' questions and feedback), and remove a guide's
parts (rows of its inline sections). Cannot publish, unpublish or schedule, cannot delete
guides, certifications or certifying bodies, cannot revert or recover, cannot manage users.

Publisher: everything an Editor can do, plus every other permission of the content apps:
publish/unpublish/schedule (`publish_careerguide`, `publish_certification`), delete, and so
revert to an earlier version and recover deleted items (which the admin allows to publishers).

`ensure_roles()` creates or corrects both groups; it runs after every `migrate` and from
`manage.py setup_roles`. An app takes part by saying so on its AppConfig (`editorial_content`,
and `editors_remove_parts` where Editors may remove rows of an item's sections), so apps added
later are included the next time it runs, and nothing here names them. It resets the groups to
this definition.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

from core.models import Publishable

EDITOR = "Editor"
PUBLISHER = "Publisher"

EDITOR_ACTIONS = ("view", "add", "change")


def content_app_labels() -> list[str]:
    return [
        config.label
        for config in global_apps.get_app_configs()
        if getattr(config, "editorial_content", False)
    ]


def editor_may(app_label: str, model: str, codename: str) -> bool:
    action = codename.removesuffix(f"_{model}")
    if codename == f"{action}_{model}" and action in EDITOR_ACTIONS:
        return True
    if codename != f"delete_{model}":
        return False
    # Removing rows of an item's sections, where the app allows it; never a whole item.
    config = global_apps.get_app_config(app_label)
    return getattr(config, "editors_remove_parts", False) and not issubclass(
        config.get_model(model), Publishable
    )


def _model_exists(app_label: str, model: str) -> bool:
    try:
        global_apps.get_app_config(app_label).get_model(model)
    except LookupError:
        return False
    return True


def ensure_roles(using: str = DEFAULT_DB_ALIAS, apps=global_apps) -> dict:
    """Create or correct the Editor and Publisher groups; returns {group name: permission count}."""
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth is not installed or not migrated
        return {}
    labels = []
    for label in content_app_labels():
        try:
            apps.get_app_config(label)
        except LookupError:  # not installed, or not migrated yet
            continue
        labels.append(label)
        # Permissions are normally created after migrate, app by app: make sure they exist now.
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)

    content = [
        permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=labels)
        .select_related("content_type")
        # A model removed by a migration leaves its content type and permissions behind
        # (Django keeps them until remove_stale_contenttypes): they grant nothing.
        if _model_exists(permission.content_type.app_label, permission.content_type.model)
    ]
    editor = [
        permission
        for permission in content
        if editor_may(
            permission.content_type.app_label, permission.content_type.model, permission.codename
        )
    ]
    counts = {}
    for name, permissions in ((EDITOR, editor), (PUBLISHER, content)):
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts


def ensure_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    ensure_roles(using=using, apps=apps)
