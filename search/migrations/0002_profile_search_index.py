"""The GIN index for searching handbook profiles (title and SOC codes, then summary), on
PostgreSQL only; the expression is copied from search.kinds.PROFILES as 0001 explains."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
NAME = "occupation_search_gin"


def index(apps):
    vector = SearchVector("title", "soc_codes", weight="A", config=CONFIG) + SearchVector(
        "summary", weight="B", config=CONFIG
    )
    return apps.get_model("occupations", "Occupation"), GinIndex(vector, name=NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(*index(apps))


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(*index(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_indexes"),
        ("occupations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
