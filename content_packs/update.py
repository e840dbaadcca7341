"""Update: a corrected pack brought to a site that was loaded from an earlier one.

`update_pack(previous, new)` compares three values for every field of every object and part:
the previous pack's (what the site was given), the new pack's, and the site's own. A field
changes only where the site still holds the previous pack's value; where an editor changed it,
the editor's value stays and the field is reported as skipped. Objects and parts are matched as
an import matches them (natural keys; parts by name, see format.child_name):

- in the new pack, not on the site: created, unless the previous pack had it (an editor deleted
  it: skipped);
- in the previous pack, not in the new one: deleted only if the site still holds it exactly as
  the previous pack had it (otherwise skipped).

Running it again changes nothing: the site then holds the new pack's values. All or nothing, in
one transaction, and what it changes gets a version in each item's history.
"""

from dataclasses import dataclass, field

import reversion
from django.conf import settings
from django.db import transaction
from django.utils import translation

from guides.models import CareerGuide

from .export import KeyLookup, children_of, serialise
from .format import CHILDREN, NATURAL_KEYS, SECTIONS, child_name, exported_fields
from .importing import Change, Importer, canonical
from .validate import read_pack


@dataclass
class UpdateReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"{action:<9} {item}"
            for action, items in (
                ("created", self.created),
                ("updated", self.updated),
                ("deleted", self.deleted),
                ("skipped", self.skipped),
            )
            for item in items
        ]
        lines.append(
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.deleted)} deleted, {len(self.skipped)} skipped (changed on this site)."
        )
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines


def short(name: tuple) -> str:
    text = "; ".join(str(value) for value in name)
    return f'"{text[:50]}…"' if len(text) > 50 else f'"{text}"'


class Updater(Importer):
    def __init__(self):
        super().__init__()
        self.log = UpdateReport()
        self.touched: list = []

    def merge(self, where: str, current: dict, old: dict | None, new: dict) -> list[str]:
        """The fields to change: new differs from the site, and the site holds the old value."""
        changed = []
        for name, value in new.items():  # a text not translated yet is absent (serialise)
            if value == current.get(name):
                continue
            if old is not None and current.get(name) == old.get(name):
                changed.append(name)
            else:
                self.log.skipped.append(f"{where} {name}")
        return sorted(changed)

    def assign_some(self, obj, values: dict, names: list, path: str):
        for f in exported_fields(type(obj)):
            if f.name in names:
                value = values[f.name]
                if f.is_relation:
                    value = self.resolve(f, value, f"{path}.{f.name}")
                setattr(obj, f.name, value)

    def update_object(self, model, label: str, record, old_record):
        values, path = record["values"], record["path"]
        where = f"{label} {values[NATURAL_KEYS[model]]}"
        obj = model.objects.filter(**{NATURAL_KEYS[model]: values[NATURAL_KEYS[model]]}).first()
        if obj is None:
            if old_record is not None:
                self.log.skipped.append(f"{where} (deleted on this site)")
                return None, False
            obj = model()
            self.assign(obj, values, path)
            self.save(obj, path)
            self.log.created.append(where)
            self.touched.append(obj)
            return obj, True
        old = canonical(model, old_record["values"]) if old_record else None
        changed = self.merge(where, serialise(obj, self.keys), old, canonical(model, values))
        if changed:
            self.assign_some(obj, values, changed, path)
            self.save(obj, path)
            self.log.updated.append(f"{where} ({', '.join(changed)})")
            self.touched.append(obj)
        return obj, False

    def update_children(self, guide, record, old_record):
        where = f"guide {guide.slug}"
        current = children_of([guide])[guide.pk]
        changed_any = False
        for kind, model in CHILDREN.items():
            names = child_name(model)

            def name_of(child, names=names):
                return tuple(child[name] for name in names)

            new = [(canonical(model, c["values"]), c) for c in record["children"][kind]]
            old_children = old_record["children"][kind] if old_record else []
            old = {name_of(c): c for c in (canonical(model, o["values"]) for o in old_children)}
            rows = {}
            for row in current[kind]:
                data = serialise(row, self.keys)
                rows[name_of(data)] = (row, data)
            new_names = {name_of(wanted) for wanted, _ in new}
            for name, was in old.items():  # parts the new pack no longer has
                if name in new_names or name not in rows:
                    continue
                row, now = rows.pop(name)
                if now == was:
                    row.delete()
                    self.log.deleted.append(f"{where} {kind} {short(name)}")
                    changed_any = True
                else:
                    self.log.skipped.append(f"{where} {kind} {short(name)} (kept: edited here)")
            for wanted, child in new:
                name = name_of(wanted)
                if name not in rows:
                    if name in old:
                        self.log.skipped.append(f"{where} {kind} {short(name)} (deleted here)")
                        continue
                    obj = model(guide=guide)
                    self.assign(obj, child["values"], child["path"])
                    self.save(obj, child["path"])
                    self.log.created.append(f"{where} {kind} {short(name)}")
                    changed_any = True
                    continue
                row, now = rows[name]
                part = f"{where} {kind} {short(name)}"
                changed = self.merge(part, now, old.get(name), wanted)
                if changed:
                    self.assign_some(row, child["values"], changed, child["path"])
                    self.save(row, child["path"])
                    self.log.updated.append(f"{part} ({', '.join(changed)})")
                    changed_any = True
        if changed_any:
            guide.save(update_fields=["updated_at"])  # the page changed: fresh lastmod
            if guide not in self.touched:
                self.touched.append(guide)

    def run(self, old_sections, new_sections):
        guides = []
        for section, model, label in SECTIONS:
            self.keys = KeyLookup()
            key = NATURAL_KEYS[model]
            old = {record["values"][key]: record for record in old_sections[section]}
            for record in new_sections[section]:
                old_record = old.get(record["values"][key])
                obj, created = self.update_object(model, label, record, old_record)
                if model is CareerGuide:
                    guides.append((obj, created, record, old_record))
        # Parts last: a ladder rung may point to any guide in the pack.
        self.keys = KeyLookup()
        for guide, created, record, old_record in guides:
            if guide is None:
                continue
            if created:
                self.sync_children(guide, record, Change("guide", guide.slug, "created"))
            else:
                self.update_children(guide, record, old_record)


def update_pack(previous, new, *, dry_run: bool = False) -> UpdateReport:
    """Bring the site from the previous pack to the new one, keeping every editor's change."""
    with translation.override(settings.LANGUAGE_CODE):  # a field's own name is its English
        return _update_pack(previous, new, dry_run)


def _update_pack(previous, new, dry_run: bool) -> UpdateReport:
    old_sections, new_sections = read_pack(previous), read_pack(new)
    updater = Updater()
    updater.log.dry_run = dry_run
    with transaction.atomic():
        with reversion.create_revision():
            reversion.set_comment("Updated from the content packs by update_content.")
            updater.run(old_sections, new_sections)
            for obj in updater.touched:
                reversion.add_to_revision(obj)
        if dry_run:
            transaction.set_rollback(True)
    return updater.log
