"""Every text saved so far is English: copied into its English column (core.translated_text),
in a migration of its own after the one adding the columns (PostgreSQL refuses to alter a table
in the transaction that changed its rows)."""

from django.db import migrations

from core.translated_text import keep_english


class Migration(migrations.Migration):
    dependencies = [("guides", "0013_text_in_spanish")]

    operations = [
        keep_english(
            "guides",
            {
                "CareerGuide": ("title", "summary", "overview", "work_setting", "who_it_suits"),
                "JobDuty": ("text",),
                "RelatedTitle": ("note",),
                "TrainingStep": ("title", "description", "typical_duration"),
                "FAQ": ("question", "answer"),
                "Tool": ("description",),
                "ProgressionStep": ("next_role", "what_it_takes", "education", "typical_years"),
                "GuideCertification": ("note",),
                "PathwayMove": ("what_it_takes",),
            },
        )
    ]
