"""The GIN index for finding profiles by the names employers use for their work (O*NET's
titles and short titles), on PostgreSQL only; the expression is search.job_titles.title_vector
as it is today, copied as 0001 explains."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"
NAME = "onettitle_search_gin"


def index(apps):
    vector = SearchVector("title", "short_title", config=CONFIG)
    return apps.get_model("occupations", "OnetTitle"), GinIndex(vector, name=NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(*index(apps))


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(*index(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_profile_search_index"),
        ("occupations", "0005_onet_data"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
