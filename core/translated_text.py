"""Migrations' helper for translated fields (django-modeltranslation).

Registering a field for translation adds `<field>_en` and `<field>_es` columns beside the
original one. The English text editors already saved is in the original column: it is copied
into `<field>_en`, which the site reads from then on, so nothing saved is lost. Spanish starts
empty (the site falls back to English and says so) and is filled by imports and editors.
"""

from django.db import migrations
from django.db.models import F


def keep_english(app_label: str, fields: dict[str, tuple[str, ...]]):
    """A RunPython operation copying each model's original text into its English column."""

    def forwards(apps, schema_editor):
        for model_name, names in fields.items():
            model = apps.get_model(app_label, model_name)
            model._base_manager.update(**{f"{name}_en": F(name) for name in names})

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)
