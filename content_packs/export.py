"""Export: the site's content as a pack, and one guide for /careers/<slug>.json.

`export_pack()` gives certifying bodies, certifications and guides with every part, matched by
natural keys (see content_packs.format). `dumps()` writes it deterministically (sorted keys,
children in page order), so exporting, importing and exporting again gives the same bytes.
"""

import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import translation

from certifications.models import Certification, CertifyingBody
from guides.models import CareerGuide

from .format import (
    CHILDREN,
    FORMAT,
    NATURAL_KEYS,
    VERSION,
    PackError,
    exported_fields,
    is_translation,
)


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
    # A translated field's own name reads the active language's text: a pack's is English.
    with translation.override(settings.LANGUAGE_CODE):
        for f in exported_fields(type(obj)):
            if f.is_relation:
                data[f.name] = keys(f.related_model, getattr(obj, f.attname))
            elif is_translation(f):
                if text := getattr(obj, f.attname):  # a text not translated yet is left out
                    data[f.name] = text
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
