"""Corrections to CPC's seeded text, for sites seeded before them.

"Clinics" and "outpatient billing" were not in the sources (AAPC aims CPC at physician-office,
professional-fee coding), and the eligibility text gains a link to AAPC's apprenticeship page.
Each value is replaced only where it is still exactly what the seed wrote.
"""

from django.db import migrations

CPC_TEXT = [
    (
        "best_for",
        "Coding in physician offices and clinics",
        "Coding in physician offices (professional-fee coding)",
    ),
    (
        "leads_to",
        "Coding jobs in physician practices, clinics and outpatient billing. With experience, "
        "a step toward coding audit and compliance roles (AAPC’s CPMA).",
        "Coding jobs in physician practices and other professional-fee settings. With "
        "experience, a step toward coding audit and compliance roles (AAPC’s CPMA).",
    ),
    (
        "eligibility",
        "AAPC does not ask for proof of education or work experience before you sit the exam.\n\n"
        "If you pass without two years of coding experience, you are awarded **CPC-A** "
        "(apprentice). The “A” comes off once you show two years of verified coding work. An "
        "80-hour coding course and AAPC’s Practicode practice program can each count in place "
        "of one of those years.",
        "AAPC does not ask for proof of education or work experience before you sit the exam.\n\n"
        "If you pass without two years of coding experience, you are awarded **CPC-A** "
        "(apprentice). The “A” comes off once you show two years of verified coding work. An "
        "80-hour coding course and AAPC’s Practicode practice program can each count in place "
        "of one of those years: see [AAPC’s page on completing the CPC apprenticeship]"
        "(https://www.aapc.com/certifications/cpc/complete-your-cpc-apprenticeship).",
    ),
]


def rewrite_text(apps, *, forward: bool):
    """Each seeded value to its correction (or back), only where it is still the seed's."""
    cpc = apps.get_model("certifications", "Certification").objects.filter(code="CPC")
    for field, old, new in CPC_TEXT:
        before, after = (old, new) if forward else (new, old)
        cpc.filter(**{field: before}).update(**{field: after})


def correct(apps, schema_editor):
    rewrite_text(apps, forward=True)


def restore(apps, schema_editor):
    rewrite_text(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0005_experience_for_full_credential"),
    ]

    operations = [
        migrations.RunPython(correct, restore),
    ]
