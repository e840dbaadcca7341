"""GIN indexes for site search, on PostgreSQL only (SQLite's fallback search uses none).

Each index covers exactly the weighted search vector that search.kinds builds for that
model, so PostgreSQL answers `vector @@ query` from the index. The expressions are copied here
because a migration must not change when the code does; tests/test_search.py checks on
PostgreSQL that the search queries use these indexes.

They live in the search app so that the content apps' migrations stay about their own models.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
INDEXES = [
    (
        "guides",
        "CareerGuide",
        "guide_search_gin",
        (
            ("A", ("title",)),
            ("B", ("summary",)),
            ("C", ("overview",)),
            ("D", ("work_setting", "who_it_suits")),
        ),
    ),
    (
        "certifications",
        "Certification",
        "certification_search_gin",
        (
            ("A", ("code", "name")),
            ("B", ("summary", "best_for")),
            ("C", ("eligibility", "leads_to")),
            ("D", ("exam_notes", "experience_note", "renewal_notes")),
        ),
    ),
    ("guides", "RelatedTitle", "relatedtitle_search_gin", (("A", ("title",)), ("C", ("note",)))),
    (
        "guides",
        "TrainingStep",
        "trainingstep_search_gin",
        (("A", ("title",)), ("C", ("description",))),
    ),
    ("guides", "FAQ", "faq_search_gin", (("B", ("question",)), ("C", ("answer",)))),
]


def search_indexes(apps):
    for app_label, model_name, name, weighted_fields in INDEXES:
        vectors = [
            SearchVector(*fields, weight=weight, config=CONFIG)
            for weight, fields in weighted_fields
        ]
        vector = vectors[0]
        for other in vectors[1:]:
            vector = vector + other
        yield apps.get_model(app_label, model_name), GinIndex(vector, name=name)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in search_indexes(apps):
        schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in search_indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0002_ladder_gaps_and_percentiles"),
        ("certifications", "0003_reserved_slugs"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
