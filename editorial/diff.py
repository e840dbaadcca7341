"""What reverting to a stored version would change: its fields and parts beside the current ones.

Compares the version django-reversion stored (and the versions of the item's parts saved in the
same revision) with the item as it is in the database now, field by field, in the terms an
editor sees in the admin (labels, choice names, linked items' names).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.translated_text import is_english_column

SKIPPED_FIELDS = {"id", "created_at", "updated_at"}


@dataclass
class FieldChange:
    label: str
    then: str
    now: str


@dataclass
class PartChange:
    """One part (a training step, a salary band…) that differs."""

    part: str  # e.g. "Training step"
    name: str
    kind: str  # "changed", "only_then" (revert restores it), "only_now" (revert removes it)
    fields: list = field(default_factory=list)


@dataclass
class VersionDiff:
    fields: list
    parts: list

    def __bool__(self) -> bool:
        return bool(self.fields or self.parts)


def shown(model_field, value) -> str:
    """A stored value as the admin would show it."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else _("(deleted item #%(id)s)") % {"id": value}
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    # Browsers submit text areas with CRLF line ends: not a change anyone made.
    return str(value).replace("\r\n", "\n")


def field_changes(model, then: dict, now: dict, skip=()) -> list[FieldChange]:
    changes = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in SKIPPED_FIELDS or model_field.name in skip:
            continue
        if is_english_column(model_field):
            continue  # the field's own name holds the same English
        before = shown(model_field, then.get(model_field.attname))
        after = shown(model_field, now.get(model_field.attname))
        if before != after:
            changes.append(FieldChange(capfirst(str(model_field.verbose_name)), before, after))
    return changes


def current_values(obj) -> dict:
    return {f.attname: f.value_from_object(obj) for f in type(obj)._meta.concrete_fields}


def compare_with_current(version, obj, parts=()) -> VersionDiff:
    """The differences between `version` (of `obj`) and `obj` now, including the `parts`
    (reverse relation names the model's history follows, e.g. "training_steps")."""
    model = type(obj)
    diff = VersionDiff(field_changes(model, version.field_dict, current_values(obj)), [])
    stored = version.revision.version_set.all()
    for name in parts:
        relation = model._meta.get_field(name)
        part_model, link = relation.related_model, relation.field
        label = capfirst(str(part_model._meta.verbose_name))
        content_type = ContentType.objects.get_for_model(part_model)
        then = {
            part.object_id: part
            for part in stored
            if part.content_type_id == content_type.pk
            and part.field_dict.get(link.attname) == obj.pk
        }
        now = {str(part.pk): part for part in getattr(obj, name).all()}
        for pk in list(then) + [pk for pk in now if pk not in then]:
            if pk not in now:
                diff.parts.append(PartChange(label, then[pk].object_repr, "only_then"))
            elif pk not in then:
                diff.parts.append(PartChange(label, str(now[pk]), "only_now"))
            else:
                changes = field_changes(
                    part_model,
                    then[pk].field_dict,
                    current_values(now[pk]),
                    skip={link.name},
                )
                if changes:
                    diff.parts.append(PartChange(label, str(now[pk]), "changed", changes))
    return diff
