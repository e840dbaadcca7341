"""Editing both languages in admin: each translated field's Spanish beside its English.

django-modeltranslation adds `<field>_en` and `<field>_es` columns. Admin edits the English
under the field's own name (admin is in English, so "title" is the English column) and the
Spanish in `<field>_es`, on the same row; the `_en` column is never a second box for the same
text. Drafts, review, publishing and history cover both, as both are the model's own fields.
"""

from django.core.exceptions import FieldDoesNotExist

from core.translated_text import is_english_column, is_translated


def _spanish_of(model, name: str) -> str | None:
    return f"{name}_es" if is_translated(model, name) else None


def _is_english_copy(model, name: str) -> bool:
    try:
        return is_english_column(model._meta.get_field(name))
    except FieldDoesNotExist:  # a method or a read-only property shown in admin
        return False


def with_spanish(model, fields) -> list:
    """Admin `fields` with each translated field's Spanish after it, on its row."""
    shown = [
        name for entry in fields for name in (entry if isinstance(entry, list | tuple) else [entry])
    ]
    result = []
    for entry in fields:
        row = list(entry) if isinstance(entry, list | tuple) else [entry]
        row = [name for name in row if not _is_english_copy(model, name)]
        spanish = [
            found for name in row if (found := _spanish_of(model, name)) and found not in shown
        ]
        if isinstance(entry, str) and not spanish and row:
            result.append(row[0])
        elif row:
            result.append((*row, *spanish))
    return result


class SpanishBesideEnglish:
    """Mixin for a ModelAdmin or an inline: the Spanish of each translated field it shows."""

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": with_spanish(self.model, options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
