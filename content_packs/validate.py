"""Validate: a pack's JSON read and checked for shape and types before the database is touched.

Errors name the place in the pack, e.g. `guides[0].training_steps[2].cost_min`. Several pack
files (the packs under content/, one per guide) are read as one pack (`read_files`).
"""

import datetime
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.dateparse import parse_datetime

from guides.models import CareerGuide

from .format import (
    CHANGES,
    CHILDREN,
    FORMAT,
    NATURAL_KEYS,
    SECTIONS,
    VERSION,
    PackError,
    exported_fields,
    is_translation,
)


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
    optional = {name for name, f in fields.items() if is_translation(f)}
    data = dict.fromkeys(optional, "") | data
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
        known = isinstance(pack["version"], int) and not isinstance(pack["version"], bool)
        changed = CHANGES.get(pack["version"]) if known else None
        raise PackError(
            "version",
            f"this site reads version {VERSION} packs; this pack is version {pack['version']!r}"
            + (f": {changed}" if changed else ""),
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


def load(text: str):
    """Parse a pack's JSON text, naming the line and column of a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PackError(
            f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}"
        ) from error


def content_dir() -> Path:
    """The packs the repository ships: content/certifications.json and one file per guide."""
    return Path(settings.BASE_DIR) / "content"


def pack_files(paths) -> list[Path]:
    """The pack files named, a directory standing for every .json file under it."""
    files = []
    for path in map(Path, paths):
        files += sorted(path.rglob("*.json")) if path.is_dir() else [path]
    return files


def read_files(paths) -> dict:
    """Several pack files as one pack, each checked first; errors name the file."""
    files = pack_files(paths)
    if not files:
        raise PackError("", f"No pack files in {', '.join(map(str, paths))}.")
    merged = {"format": FORMAT, "version": VERSION, **{section: [] for section, _, _ in SECTIONS}}
    for path in files:
        try:
            pack = load(path.read_text(encoding="utf-8"))
            read_pack(pack)
        except (OSError, UnicodeDecodeError) as error:
            raise PackError(str(path), f"cannot read it: {error}") from error
        except PackError as error:
            where = f"{path}: {error.path}" if error.path else str(path)
            raise PackError(where, error.message) from error
        for section, _, _ in SECTIONS:
            merged[section] += pack[section]
    return merged
