"""Content packs: all guides and certifications as one JSON document, and back.

`export_pack()` gives certifying bodies, certifications and guides with every child, matched by
natural keys (body abbreviation, certification code, guide slug), never by database ids, so a
pack moves between sites. `dumps()` writes it deterministically (sorted keys, children in page
order), so exporting, importing and exporting again gives the same bytes.

`import_pack()` checks the whole pack, then creates or updates each object by its natural key
and brings a guide's children in line with the pack's (only the kinds that differ), all in one
transaction: a pack is imported completely or not at all. A child the pack still describes is
updated in place, keeping its database id: links such as `#step-12` and job seekers' plans
(which remember training steps by id) survive an import (see `match_children`). Every
object passes the model's own validation (`full_clean`) first. Errors name the place in the
pack, e.g. `guides[0].salary_bands[2].percentile`.

Which fields travel is read from the models, so a field added later is exported without a
change here; `created_at`/`updated_at` stay behind (they describe this site's database, not
the content). The format version changes when a pack written today could not be read by the
code of tomorrow (a field renamed or its meaning changed).
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import reversion
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.dateparse import parse_datetime

from certifications.models import Certification, CertifyingBody

from .models import (
    FAQ,
    CareerGuide,
    GuideCertification,
    GuideSource,
    JobDuty,
    ProgressionStep,
    RelatedTitle,
    SalaryBand,
    Tool,
    TrainingStep,
)

FORMAT = "careerpath-content-pack"
VERSION = 1

NOT_EXPORTED = {"id", "created_at", "updated_at"}

# How each kind of object is named in a pack and elsewhere in it.
NATURAL_KEYS = {CertifyingBody: "abbreviation", Certification: "code", CareerGuide: "slug"}

# A guide's children, under their related names, in the order they appear on the page.
CHILDREN = {
    "duties": JobDuty,
    "related_titles": RelatedTitle,
    "training_steps": TrainingStep,
    "salary_bands": SalaryBand,
    "faqs": FAQ,
    "tools": Tool,
    "progression": ProgressionStep,
    "recommended_certifications": GuideCertification,
    "sources": GuideSource,
}

# What names a child when its other fields change, so an import updates it in place (see
# match_children). Children with unique constraints are named by the constrained fields instead.
NAMED_BY = {
    JobDuty: ("text",),
    TrainingStep: ("title",),
    FAQ: ("question",),
    Tool: ("kind", "name"),
    ProgressionStep: ("next_role",),
    GuideSource: ("title",),
}

SECTIONS = (
    ("certifying_bodies", CertifyingBody, "certifying body"),
    ("certifications", Certification, "certification"),
    ("guides", CareerGuide, "guide"),
)


class PackError(Exception):
    """A pack that cannot be imported; `path` says where in the pack the problem is."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


def exported_fields(model) -> list:
    """The model's fields that travel in a pack (a child's link to its guide is implied)."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in NOT_EXPORTED and not (model in CHILDREN.values() and f.name == "guide")
    ]


# Export ----------------------------------------------------------------------------------------


def json_value(f, value):
    """A field's Python value as it is written in a pack (foreign keys already natural keys)."""
    if value is None:
        return None
    if isinstance(f, models.DecimalField):
        return f"{Decimal(value):.{f.decimal_places}f}"
    if isinstance(f, models.DateTimeField):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(f, models.DateField):
        return value.isoformat()
    return value


class KeyLookup:
    """Database id → natural key, loaded once per export (a handful of small tables)."""

    def __init__(self):
        self._maps: dict = {}

    def __call__(self, model, pk):
        if pk is None:
            return None
        if model not in self._maps:
            self._maps[model] = dict(model.objects.values_list("pk", NATURAL_KEYS[model]))
        return self._maps[model][pk]


def serialise(obj, keys: KeyLookup) -> dict:
    data = {}
    for f in exported_fields(type(obj)):
        if f.is_relation:
            data[f.name] = keys(f.related_model, getattr(obj, f.attname))
        else:
            data[f.name] = json_value(f, getattr(obj, f.attname))
    return data


def children_of(guides) -> dict:
    """{guide id: {kind: [child, …] in page order}} with one query per kind."""
    grouped: dict = {guide.pk: {kind: [] for kind in CHILDREN} for guide in guides}
    for kind, model in CHILDREN.items():
        for child in model.objects.filter(guide__in=list(grouped)).order_by(*model._meta.ordering):
            grouped[child.guide_id][kind].append(child)
    return grouped


def serialise_guide(guide, children: dict, keys: KeyLookup) -> dict:
    data = serialise(guide, keys)
    for kind in CHILDREN:
        data[kind] = [serialise(child, keys) for child in children[kind]]
    return data


def export_pack(guide_slug: str | None = None) -> dict:
    """Everything, or one guide with the certifications it recommends and their issuers."""
    keys = KeyLookup()
    guides = CareerGuide.objects.order_by("slug")
    certifications = Certification.objects.order_by("code")
    bodies = CertifyingBody.objects.order_by("abbreviation")
    if guide_slug is not None:
        guides = guides.filter(slug=guide_slug)
        if not guides:
            raise PackError("", f'There is no guide with the slug "{guide_slug}".')
        certifications = certifications.filter(guide_links__guide__in=guides).distinct()
        bodies = bodies.filter(certifications__in=certifications).distinct()
    guides = list(guides)
    children = children_of(guides)
    return {
        "format": FORMAT,
        "version": VERSION,
        "certifying_bodies": [serialise(body, keys) for body in bodies],
        "certifications": [serialise(cert, keys) for cert in certifications],
        "guides": [serialise_guide(guide, children[guide.pk], keys) for guide in guides],
    }


def guide_document(guide, *, public: bool) -> dict:
    """One guide as the export writes it, for /careers/<slug>.json.

    For the public, links to unpublished certifications and guides are left out, as on the page.
    """
    data = serialise_guide(guide, children_of([guide])[guide.pk], KeyLookup())
    if public:
        published_codes = set(Certification.objects.published().values_list("code", flat=True))
        published_slugs = set(CareerGuide.objects.published().values_list("slug", flat=True))
        data["recommended_certifications"] = [
            link
            for link in data["recommended_certifications"]
            if link["certification"] in published_codes
        ]
        for rung in data["progression"]:
            if rung["next_guide"] not in published_slugs:
                rung["next_guide"] = None
    return {"format": FORMAT, "version": VERSION, "guide": data}


def dumps(data) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# Import: reading and checking the pack ---------------------------------------------------------


def _describe(value) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


def python_value(f, value, path: str):
    """Check a pack value's JSON type strictly and turn it into the field's Python value."""
    if value is None:
        if f.null:
            return None
        raise PackError(path, "must not be null")
    if f.is_relation or isinstance(f, models.CharField | models.TextField):
        expected = "text"
        ok = isinstance(value, str)
    elif isinstance(f, models.BooleanField):
        expected = "true or false"
        ok = isinstance(value, bool)
    elif isinstance(f, models.IntegerField):
        expected = "a whole number"
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(f, models.DecimalField):
        expected = 'a decimal number (e.g. "50250.00")'
        ok = isinstance(value, str | int | float) and not isinstance(value, bool)
        if ok:
            try:
                return Decimal(str(value))
            except InvalidOperation:
                ok = False
    elif isinstance(f, models.DateTimeField):
        expected = 'a date and time with its offset (e.g. "2026-11-24T09:00:00+00:00")'
        try:
            moment = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:  # well formed but impossible, e.g. month 13
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
        ok = False
    elif isinstance(f, models.DateField):
        expected = 'a date written YYYY-MM-DD (e.g. "2026-11-24")'
        ok = isinstance(value, str) and len(value) == 10
        if ok:
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                ok = False
    else:  # pragma: no cover - a new kind of field needs a rule here
        raise TypeError(f"No pack rule for {f!r}")
    if not ok:
        raise PackError(path, f"expected {expected}, found {_describe(value)}: {value!r}")
    return value


def read_record(model, data, path: str, extra_lists=()) -> dict:
    """A pack object's fields as Python values, after checking its keys and their types."""
    if not isinstance(data, dict):
        raise PackError(path, f"expected an object, found {_describe(data)}")
    fields = {f.name: f for f in exported_fields(model)}
    expected = set(fields) | set(extra_lists)
    if missing := sorted(expected - set(data)):
        raise PackError(path, f"missing key(s): {', '.join(missing)}")
    if unknown := sorted(set(data) - expected):
        raise PackError(path, f"unexpected key(s): {', '.join(unknown)}")
    return {name: python_value(f, data[name], f"{path}.{name}") for name, f in fields.items()}


def read_list(data, path: str) -> list:
    if not isinstance(data, list):
        raise PackError(path, f"expected a list, found {_describe(data)}")
    return data


def read_children(model, data, path: str) -> list:
    records = [
        {"path": f"{path}[{index}]", "values": read_record(model, child, f"{path}[{index}]")}
        for index, child in enumerate(read_list(data, path))
    ]
    # In page order (as the export writes them); children in the same place keep pack order.
    names = [name for name in model._meta.ordering if name != "pk"]
    return sorted(records, key=lambda record: [record["values"][name] for name in names])


def read_pack(pack) -> dict:
    """The whole pack checked for shape and types, before the database is touched."""
    if not isinstance(pack, dict):
        raise PackError("", f"A pack is a JSON object, not {_describe(pack)}.")
    expected = {"format", "version", *(section for section, _, _ in SECTIONS)}
    if missing := sorted(expected - set(pack)):
        raise PackError("", f"missing key(s): {', '.join(missing)}")
    if unknown := sorted(set(pack) - expected):
        raise PackError("", f"unexpected key(s): {', '.join(unknown)}")
    if pack["format"] != FORMAT:
        raise PackError("format", f'expected "{FORMAT}", found {pack["format"]!r}')
    if pack["version"] != VERSION or isinstance(pack["version"], bool):
        raise PackError(
            "version",
            f"this site reads version {VERSION} packs; this pack is version {pack['version']!r}",
        )
    sections: dict = {}
    for section, model, _label in SECTIONS:
        key = NATURAL_KEYS[model]
        records, seen = [], {}
        for index, data in enumerate(read_list(pack[section], section)):
            path = f"{section}[{index}]"
            extra = CHILDREN if model is CareerGuide else ()
            record = {"path": path, "values": read_record(model, data, path, extra)}
            natural_key = record["values"][key]
            if natural_key in seen:
                raise PackError(
                    f"{path}.{key}", f'"{natural_key}" is also used by {seen[natural_key]}'
                )
            seen[natural_key] = path
            if model is CareerGuide:
                record["children"] = {
                    kind: read_children(child_model, data[kind], f"{path}.{kind}")
                    for kind, child_model in CHILDREN.items()
                }
            records.append(record)
        sections[section] = records
    return sections


# Import: writing -------------------------------------------------------------------------------


@dataclass
class Change:
    label: str
    key: str
    action: str  # created, updated or unchanged
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
        lines = [change.line() for change in self.changes] + [summary]
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines


def canonical(model, values: dict) -> dict:
    """Python values (foreign keys as natural keys) written as the export writes them."""
    return {f.name: json_value(f, values[f.name]) for f in exported_fields(model)}


class Importer:
    def __init__(self):
        self.keys = KeyLookup()
        self.report = ImportReport()

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
        else:
            current = serialise(obj, self.keys)
            wanted = canonical(model, values)
            changed = sorted(name for name in wanted if wanted[name] != current[name])
            if changed:
                self.assign(obj, values, path)
                self.save(obj, path)
                change = Change(label, values[key_name], "updated", [", ".join(changed)])
            else:
                change = Change(label, values[key_name], "unchanged")
        self.report.changes.append(change)
        return obj, change

    def sync_children(self, guide, record, change: Change):
        """Make the guide's children what the pack says, kind by kind, keeping ids where it can."""
        current = children_of([guide])[guide.pk]
        changed = []
        for kind, model in CHILDREN.items():
            records = record["children"][kind]
            wanted = [canonical(model, child["values"]) for child in records]
            existing = {row.pk: row for row in current[kind]}
            rows = {pk: serialise(row, self.keys) for pk, row in existing.items()}
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

    def run(self, sections):
        saved = {}
        for section, model, label in SECTIONS:
            self.keys = KeyLookup()  # natural keys of what the previous sections saved
            saved[section] = [self.upsert(model, label, record) for record in sections[section]]
        # Children last: a ladder rung may point to any guide in the pack.
        self.keys = KeyLookup()
        for (guide, change), record in zip(saved["guides"], sections["guides"], strict=True):
            self.sync_children(guide, record, change)
        # What the import made goes into each item's history, as an editor's save would.
        for pairs in saved.values():
            for obj, change in pairs:
                if change.action != "unchanged":
                    reversion.add_to_revision(obj)


def unique_fields(model) -> tuple:
    """The fields a child's unique constraints hold, besides its guide."""
    names = {
        name
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        for name in constraint.fields
    }
    return tuple(sorted(names - {"guide"}))


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
    names = unique_fields(model) or NAMED_BY[model]
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
    sections = read_pack(pack)
    importer = Importer()
    importer.report.dry_run = dry_run
    with transaction.atomic():
        with reversion.create_revision():
            reversion.set_comment(f"Imported from {source}.")
            importer.run(sections)
        if dry_run:
            transaction.set_rollback(True)
    return importer.report


def load(text: str):
    """Parse a pack's JSON text, naming the line and column of a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PackError(
            f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}"
        ) from error
