"""The columns that copied a guide's occupation facts go (0011 tied each guide to its data and,
backwards, fills them again); the occupation a guide is about cannot be deleted under it; and a
guide is about exactly one thing: a handbook profile or an occupation inside one.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("guides", "0011_tie_guides_to_their_data")]

    operations = [
        migrations.RemoveField(
            model_name="careerguide",
            name="entry_education",
        ),
        migrations.RemoveField(
            model_name="careerguide",
            name="field",
        ),
        migrations.RemoveField(
            model_name="careerguide",
            name="outlook",
        ),
        migrations.RemoveField(
            model_name="careerguide",
            name="outlook_source_name",
        ),
        migrations.RemoveField(
            model_name="careerguide",
            name="outlook_source_url",
        ),
        migrations.RemoveField(
            model_name="careerguide",
            name="soc_code",
        ),
        migrations.AlterField(
            model_name="careerguide",
            name="occupation",
            field=models.OneToOneField(
                blank=True,
                help_text="The handbook profile this guide goes deeper on: its facts, pay and similar occupations appear on the guide, and the profile's address leads here.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="guide",
                to="occupations.occupation",
            ),
        ),
        migrations.AddConstraint(
            model_name="careerguide",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("occupation__isnull", False), ("detailed_code", "")),
                    models.Q(
                        ("occupation__isnull", True), models.Q(("detailed_code", ""), _negated=True)
                    ),
                    _connector="OR",
                ),
                name="guide_is_about_a_profile_or_an_occupation_in_one",
                violation_error_message="Choose the handbook profile the guide is about, or give the code of the occupation inside a group's profile; one of the two, not both.",
            ),
        ),
    ]
