"""Translated fields (django-modeltranslation): which columns are which, their migrations and
their history.

Registering a field for translation adds `<field>_en` and `<field>_es` columns beside the
original one. The English text editors already saved is in the original column: it is copied
into `<field>_en`, which the site reads from then on, so nothing saved is lost. Spanish starts
empty (the site falls back to English and says so) and is filled by imports and editors.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import F
from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, translator


def is_english_column(field) -> bool:
    """A translated field's English column (`title_en`): the field's own name ("title") reads
    and writes the same English, so forms, packs and diffs name it once, by that name."""
    return isinstance(field, TranslationField) and field.language == settings.LANGUAGE_CODE


def is_translated(model, name: str) -> bool:
    """Whether `name` is one of the model's translated fields (it has `<name>_es`)."""
    try:
        return name in translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return False


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
