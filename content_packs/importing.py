"""Import: a checked pack written to the database, in one transaction.

`import_pack()` checks the whole pack, then creates or updates each object by its natural key
and brings a guide's children in line with the pack's (only the kinds that differ), all in one
transaction: a pack is imported completely or not at all. A child the pack still describes is
updated in place, keeping its database id: links such as `#step-12` and job seekers' plans
(which remember training steps by id) survive an import (see `match_children`). Every object
passes the model's own validation (`full_clean`) first.

`seed_pack()` is the create-only mode `seed_content` uses: it creates what is missing and never
changes anything that exists, but for giving an empty Spanish field the pack's Spanish.
"""

from dataclasses import dataclass, field

import reversion
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.utils import translation

from core.content_version import deferred_bumps

from .export import KeyLookup, children_of, json_value, serialise
from .format import (
    CHILDREN,
    NATURAL_KEYS,
    SECTIONS,
    PackError,
    child_name,
    exported_fields,
    is_translation,
)
from .validate import read_pack


@dataclass
class Change:
    label: str
    key: str
    action: str  # created, updated or unchanged (or kept or translated, by seed_pack)
    details: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = f"{self.action:<9} {self.label} {self.key}"
        return f"{text} ({'; '.join(self.details)})" if self.details else text


@dataclass
class ImportReport:
    dry_run: bool = False
    changes: list[Change] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(change.action == action for change in self.changes)

    def lines(self) -> list[str]:
        summary = (
            f"{self.count('created')} created, {self.count('updated')} updated, "
            f"{self.count('unchanged')} unchanged."
        )
        if translated := self.count("translated"):
            summary += f" {translated} given Spanish text."
        lines = [change.line() for change in self.changes] + [summary]
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines


def canonical(model, values: dict) -> dict:
    """Python values (foreign keys as natural keys) written as the export writes them."""
    return {
        f.name: json_value(f, values[f.name])
        for f in exported_fields(model)
        if values[f.name] or not is_translation(f)  # as serialise, leaves out what is empty
    }


class Importer:
    """Creates or updates objects from a checked pack; with `create_only`, only creates."""

    def __init__(self, *, create_only: bool = False):
        self.keys = KeyLookup()
        self.report = ImportReport()
        self.create_only = create_only

    def resolve(self, f, natural_key, path):
        if natural_key is None:
            return None
        model = f.related_model
        found = model.objects.filter(**{NATURAL_KEYS[model]: natural_key}).first()
        if found is None:
            label = model._meta.verbose_name
            raise PackError(path, f'no {label} "{natural_key}" in the pack or on this site')
        return found

    def assign(self, obj, values: dict, path: str):
        for f in exported_fields(type(obj)):
            value = values[f.name]
            if f.is_relation:
                setattr(obj, f.name, self.resolve(f, value, f"{path}.{f.name}"))
            else:
                setattr(obj, f.name, value)

    @staticmethod
    def save(obj, path: str):
        try:
            obj.full_clean()
        except ValidationError as error:
            name, messages = next(iter(error.message_dict.items()))
            where = path if name == NON_FIELD_ERRORS else f"{path}.{name}"
            raise PackError(where, " ".join(messages)) from error
        try:
            with transaction.atomic():
                obj.save()
        except DatabaseError as error:  # a rule full_clean cannot see; still name the place
            raise PackError(path, f"the database refused it: {error}") from error

    def upsert(self, model, label: str, record) -> tuple:
        values, path = record["values"], record["path"]
        key_name = NATURAL_KEYS[model]
        obj = model.objects.filter(**{key_name: values[key_name]}).first()
        if obj is None:
            obj = model()
            self.assign(obj, values, path)
            self.save(obj, path)
            change = Change(label, values[key_name], "created")
        elif self.create_only:
            action = "translated" if self.fill_translations(obj, values) else "kept"
            change = Change(label, values[key_name], action)
        else:
            current = serialise(obj, self.keys)
            wanted = canonical(model, values)
            changed = sorted(
                name
                for name in wanted.keys() | current.keys()
                if wanted.get(name) != current.get(name)
            )
            if changed:
                self.assign(obj, values, path)
                self.save(obj, path)
                change = Change(label, values[key_name], "updated", [", ".join(changed)])
            else:
                change = Change(label, values[key_name], "unchanged")
        self.report.changes.append(change)
        return obj, change

    @staticmethod
    def fill_translations(obj, values: dict) -> bool:
        """Give a kept object the pack's Spanish where its own is empty and its English is
        still the pack's (the Spanish translates that English: an editor who rewrote the
        English needs Spanish of their own); an editor's text is never replaced. True when any
        was given."""
        names = [
            f.name
            for f in exported_fields(type(obj))
            if is_translation(f)
            and values[f.name]
            and not getattr(obj, f.name)
            and getattr(obj, f"{f.translated_field.name}_en") == values[f.translated_field.name]
        ]
        for name in names:
            setattr(obj, name, values[name])
        if names:
            obj.save(update_fields=names)
        return bool(names)

    def children(self, guide, record):
        """Per kind of part: its name and model, the pack's records, the guide's parts by id,
        those parts as the export writes them, and the records as the export would write them."""
        current = children_of([guide])[guide.pk]
        for kind, model in CHILDREN.items():
            records = record["children"][kind]
            existing = {row.pk: row for row in current[kind]}
            rows = {pk: serialise(row, self.keys) for pk, row in existing.items()}
            wanted = [canonical(model, child["values"]) for child in records]
            yield kind, model, records, existing, rows, wanted

    def fill_child_translations(self, guide, record, change: Change):
        """fill_translations for a kept guide's parts, each matched as an update matches it."""
        for _kind, model, records, existing, rows, wanted in self.children(guide, record):
            for index, pk in match_children(model, rows, wanted).items():
                if self.fill_translations(existing[pk], records[index]["values"]):
                    change.action = "translated"

    def sync_children(self, guide, record, change: Change):
        """Make the guide's children what the pack says, kind by kind, keeping ids where it can."""
        changed = []
        for kind, model, records, existing, rows, wanted in self.children(guide, record):
            if wanted == list(rows.values()):
                continue  # a new guide's empty lists, or the same children as before
            pairs = match_children(model, rows, wanted)
            model.objects.filter(guide=guide).exclude(pk__in=list(pairs.values())).delete()
            for index, child in enumerate(records):
                pk = pairs.get(index)
                if pk is not None and rows[pk] == wanted[index]:
                    continue  # this child is unchanged
                obj = existing[pk] if pk is not None else model(guide=guide)
                self.assign(obj, child["values"], child["path"])
                self.save(obj, child["path"])
            changed.append(kind)
        if changed and change.action != "created":
            change.details.append(f"changed {', '.join(changed)}")
            if change.action == "unchanged":
                change.action = "updated"
                guide.save(update_fields=["updated_at"])  # the page changed: fresh lastmod

    def run(self, sections) -> list:
        """Save the pack; the objects created or changed, in pack order."""
        saved = {}
        for section, model, label in SECTIONS:
            self.keys = KeyLookup()  # natural keys of what the previous sections saved
            saved[section] = [self.upsert(model, label, record) for record in sections[section]]
        # Children last: a ladder rung may point to any guide in the pack.
        self.keys = KeyLookup()
        for (guide, change), record in zip(saved["guides"], sections["guides"], strict=True):
            if change.action in ("kept", "translated"):
                self.fill_child_translations(guide, record, change)
            else:
                self.sync_children(guide, record, change)
        return [
            obj
            for pairs in saved.values()
            for obj, change in pairs
            if change.action not in ("unchanged", "kept")
        ]


def match_children(model, rows: dict, wanted: list) -> dict:
    """Which existing child each of the pack's children updates: {pack index: row id}.

    `rows` maps ids to children as the export writes them; `wanted` is the pack's list, written
    the same way. A row is matched once, first to an identical child, then to one with the same
    name (NAMED_BY). A renamed child is a new one: matching by place instead would hand one
    step's ticks in a plan to another step whenever steps are inserted or removed. For children
    with unique constraints the name is the constrained fields, so a kept row never changes a
    unique value and updates cannot collide with each other (rows that lose their match are
    deleted before anything is saved, which frees their values).
    """
    names = child_name(model)
    rules = [lambda child: child, lambda child: tuple(child[name] for name in names)]
    free = dict(rows)
    pairs: dict = {}
    for rule in rules:
        for index, child in enumerate(wanted):
            if index in pairs:
                continue
            same = next((pk for pk, row in free.items() if rule(row) == rule(child)), None)
            if same is not None:
                pairs[index] = same
                del free[same]
    return pairs


def import_pack(pack, *, dry_run: bool = False, source: str = "a content pack") -> ImportReport:
    """Import a parsed pack in one transaction; raise PackError (and save nothing) if it is bad."""
    with translation.override(settings.LANGUAGE_CODE):  # a field's own name is its English
        return _import_pack(pack, dry_run, source)


def _import_pack(pack, dry_run: bool, source: str) -> ImportReport:
    sections = read_pack(pack)
    importer = Importer()
    importer.report.dry_run = dry_run
    with deferred_bumps(), transaction.atomic():
        with reversion.create_revision():
            reversion.set_comment(f"Imported from {source}.")
            # What the import made goes into each item's history, as an editor's save would.
            for obj in importer.run(sections):
                reversion.add_to_revision(obj)
        if dry_run:
            transaction.set_rollback(True)
    return importer.report


def seed_pack(pack) -> ImportReport:
    """Create what the pack holds and this site lacks; leave everything that exists as it is.

    An object that exists (by natural key) is kept with all its parts, even parts an editor
    deleted; only its Spanish fields that are empty get the pack's Spanish. Each object created
    (or given Spanish) gets a version of its own in its history, so editors can always go back
    to the content as it was first loaded.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _seed_pack(pack)


def _seed_pack(pack) -> ImportReport:
    sections = read_pack(pack)
    importer = Importer(create_only=True)
    with deferred_bumps(), transaction.atomic():
        for obj in importer.run(sections):
            with reversion.create_revision():
                reversion.set_comment("Loaded by seed_content.")
                reversion.add_to_revision(obj)
    return importer.report
