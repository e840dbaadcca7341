"""Spanish search on PostgreSQL: the unaccent extension and a text-search configuration that
folds accents before Spanish stemming, so "medicos" finds "médicos" and "enfermera" finds
"enfermeros" (search.kinds.CONFIGS). Nothing on other databases: the fallback folds accents
itself (search.spanish)."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIG = "spanish_unaccent"


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.spanish);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
              ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
          END IF;
        END $$;
        """
    )


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_job_title_search_index")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_config, drop_config),
    ]
