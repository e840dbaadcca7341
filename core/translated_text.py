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


def keep_translations_in_history() -> None:
    """django-reversion reads a model's fields when the model registers (as its class is
    made), before django-modeltranslation adds the `_en` and `_es` columns: without this, a
    version would store the English alone, and reverting would leave the Spanish as it is.
    Each translated model registered for history is registered again with every column."""
    import reversion
    from modeltranslation.translator import translator
    from reversion.revisions import _get_options

    for model in translator.get_registered_models():
        if not reversion.is_registered(model):
            continue
        options = _get_options(model)
        names = [f.name for f in model._meta.concrete_model._meta.local_fields]
        missing = [name for name in names if name not in options.fields]
        if not missing:
            continue
        reversion.unregister(model)
        reversion.register(
            model,
            fields=(*options.fields, *missing),
            follow=options.follow,
            format=options.format,
            for_concrete_model=options.for_concrete_model,
            ignore_duplicates=options.ignore_duplicates,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        )
