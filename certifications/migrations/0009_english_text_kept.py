"""Every text saved so far is English: copied into its English column (core.translated_text),
in a migration of its own after the one adding the columns (PostgreSQL refuses to alter a table
in the transaction that changed its rows)."""

from django.db import migrations

from core.translated_text import keep_english


class Migration(migrations.Migration):
    dependencies = [("certifications", "0008_text_in_spanish")]

    operations = [
        keep_english(
            "certifications",
            {
                "CertifyingBody": ("description",),
                "Certification": (
                    "summary",
                    "best_for",
                    "eligibility",
                    "experience_note",
                    "leads_to",
                    "exam_questions_note",
                    "exam_delivery",
                    "exam_notes",
                    "renewal_notes",
                    "fee_note",
                ),
            },
        )
    ]
