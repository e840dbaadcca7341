"""Corrections to the flagship guide's seeded text, for sites seeded before them.

The seed claimed things its sources do not say (remote work; credentials, degrees and years on
the career ladder) and left out the hourly median BLS gives. Each value is replaced only where
it is still exactly what the seed wrote, so nothing an editor changed is touched.
"""

from decimal import Decimal

from django.db import migrations

GUIDE = "medical-records-specialist"

GUIDE_TEXT = [
    (
        "work_setting",
        "Hospitals, physician practices, clinics and other healthcare organisations employ "
        "them. The work is administrative and data-focused: you work with records and software, "
        "not with patients, and many coding roles can be done remotely once you are "
        "established.",
        "Hospitals, physician practices and other healthcare providers employ them. The work "
        "is administrative and data-focused: you work with records and software, not with "
        "patients.",
    ),
    (
        "entry_education",
        "Postsecondary certificate (no degree required)",
        "Postsecondary nondegree award, such as a certificate (BLS)",
    ),
]

# (career ladder role, field, what the seed wrote, what the sources support)
LADDER_TEXT = [
    ("Health information supervisor", "credential", "Often RHIT", ""),
    ("Health information supervisor", "education", "Certificate or associate degree", "Further training"),
    ("Health information supervisor", "typical_years", "Several years of experience", "With experience"),
    ("Coding auditor or compliance specialist", "education", "Certificate plus auditing training", "Further training in auditing"),
    ("Coding auditor or compliance specialist", "typical_years", "Several years of coding experience", "With coding experience"),
    ("Clinical documentation improvement specialist", "education", "Coding experience plus further training", "Further training"),
    ("Clinical documentation improvement specialist", "typical_years", "Several years of experience", "With coding experience"),
    ("Health data analyst", "education", "Training in data analysis", "Further training in data analysis"),
    ("Health data analyst", "typical_years", "Experience with health data", "With experience"),
    ("Health information technologist", "education", "Often an associate or bachelor’s degree", "Further training in health IT"),
    ("Health information technologist", "typical_years", "Experience plus IT skills", "With experience"),
    ("Health information manager", "typical_years", "Senior", "With experience"),
]


def rewrite_text(apps, *, forward: bool):
    """Each seeded value to its correction (or back), only where it is still the seed's."""
    CareerGuide = apps.get_model("guides", "CareerGuide")
    ProgressionStep = apps.get_model("guides", "ProgressionStep")
    places = [
        (CareerGuide.objects.filter(slug=GUIDE), field, old, new) for field, old, new in GUIDE_TEXT
    ] + [
        (ProgressionStep.objects.filter(guide__slug=GUIDE, next_role=role), field, old, new)
        for role, field, old, new in LADDER_TEXT
    ]
    for queryset, field, old, new in places:
        before, after = (old, new) if forward else (new, old)
        queryset.filter(**{field: before}).update(**{field: after})


def seeded_median(apps):
    SalaryBand = apps.get_model("guides", "SalaryBand")
    return SalaryBand.objects.filter(
        guide__slug=GUIDE, region="United States", reference_period="May 2024", percentile=50
    )


def correct(apps, schema_editor):
    rewrite_text(apps, forward=True)
    seeded_median(apps).filter(annual_amount=Decimal("50250"), hourly_amount__isnull=True).update(
        hourly_amount=Decimal("24.16")
    )


def restore(apps, schema_editor):
    rewrite_text(apps, forward=False)
    seeded_median(apps).filter(hourly_amount=Decimal("24.16")).update(hourly_amount=None)


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0004_salary_band_hourly_amount"),
    ]

    operations = [
        migrations.RunPython(correct, restore),
    ]
