"""What a content pack holds: its sections, the kinds of a guide's parts and their keys.

A pack is one JSON object: `format`, `version`, and three sections (certifying bodies,
certifications, guides, each guide with every part). Objects are named by natural keys (body
abbreviation, certification code, guide slug), never by database ids, so a pack moves between
sites. Which fields travel is read from the models, so a field added later travels without a
change here; `created_at`/`updated_at` stay behind (they describe this site's database, not the
content). The format version changes when a pack written today could not be read by the code of
tomorrow (a field renamed or its meaning changed).
"""

from django.db import models
from modeltranslation.fields import TranslationField

from certifications.models import Certification, CertifyingBody
from core.translated_text import is_english_column
from guides.models import (
    FAQ,
    GUIDE_PARTS,
    CareerGuide,
    GuideSource,
    JobDuty,
    ProgressionStep,
    Tool,
    TrainingStep,
)
from occupations.models import Occupation

FORMAT = "careerpath-content-pack"
VERSION = 3
# What changed since each older version, for the message that refuses an older pack.
FIELDS_FROM_DATA = (
    'version 3 guides carry no "soc_code", "field", "entry_education", "outlook", '
    '"outlook_source_name" or "outlook_source_url": they are read from the occupation the guide '
    'is about ("occupation", a profile\'s slug, or "detailed_code", the code of one occupation '
    "inside a group's profile). Delete those keys, give each guide one of the two, and set "
    '"version": 3'
)
CHANGES = {
    1: "version 2 packs carry no \"salary_bands\": a guide's pay is read from BLS's data (its "
    "occupation's figures, loaded by import_ooh and import_oews), not written in the pack. "
    'Delete each guide\'s "salary_bands"; and ' + FIELDS_FROM_DATA,
    2: FIELDS_FROM_DATA,
}

NOT_EXPORTED = {"id", "created_at", "updated_at"}

# How each kind of object is named in a pack and elsewhere in it.
# A guide's occupation is named by its slug too: import_ooh loads profiles before any pack.
NATURAL_KEYS = {
    CertifyingBody: "abbreviation",
    Certification: "code",
    CareerGuide: "slug",
    Occupation: "slug",
}

# A guide's parts, under their related names, in the order they appear on the page: the list is
# guides.models.GUIDE_PARTS, and each part's model is read from the guide's relation.
CHILDREN = {part: CareerGuide._meta.get_field(part).related_model for part in GUIDE_PARTS}

# What names a child when its other fields change, so an import updates it in place (see
# importing.match_children). Children with unique constraints are named by the constrained
# fields instead.
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
    """The model's fields that travel in a pack (a child's link to its guide is implied).

    A translated field's English travels under its own name ("title"), its Spanish beside it
    ("title_es", optional: see is_translation); the English column ("title_en") stays behind,
    as it holds the same text."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in NOT_EXPORTED
        and not (model in CHILDREN.values() and f.name == "guide")
        and not is_english_column(f)
    ]


def is_translation(f) -> bool:
    """A translated field's column in another language than English: optional in a pack (a
    pack written before the site had Spanish, or a text not translated yet, leaves it out or
    empty, and the page shows the English with a note)."""
    return isinstance(f, TranslationField)


def unique_fields(model) -> tuple:
    """The fields a child's unique constraints hold, besides its guide."""
    names = {
        name
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        for name in constraint.fields
    }
    return tuple(sorted(names - {"guide"}))


def child_name(model) -> tuple:
    """The fields that name a child of this kind (see NAMED_BY)."""
    return unique_fields(model) or NAMED_BY[model]
