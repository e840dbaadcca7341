"""Every text saved so far is English: copied into its English column (core.translated_text),
in a migration of its own after the one adding the columns (PostgreSQL refuses to alter a table
in the transaction that changed its rows)."""

from django.db import migrations

from core.translated_text import keep_english


class Migration(migrations.Migration):
    dependencies = [("occupations", "0009_text_in_spanish")]

    operations = [
        keep_english(
            "occupations",
            {
                "Field": ("name",),
                "Occupation": ("title", "summary"),
                "Duty": ("text",),
            },
        )
    ]
