"""Data migrations that correct the seeded text on sites seeded before the corrections."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from certifications.models import Certification
from guides.models import CareerGuide, ProgressionStep
from tests.factories import CareerGuideFactory

pytestmark = pytest.mark.django_db

guide_fix = importlib.import_module("guides.migrations.0005_correct_seeded_text")
cpc_fix = importlib.import_module("certifications.migrations.0006_correct_seeded_cpc_text")
GUIDE = guide_fix.GUIDE
# The last state of the guides app with salary bands (0009 moved pay into one table).
WITH_SALARY_BANDS = [("guides", "0008_pathway_moves")]


def corrected_fields():
    """(object, field, seeded text, corrected text) for every correction."""
    guide = CareerGuide.objects.get(slug=GUIDE)
    cpc = Certification.objects.get(code="CPC")
    steps = {step.next_role: step for step in ProgressionStep.objects.filter(guide=guide)}
    return [
        *((guide, field, old, new) for field, old, new in guide_fix.GUIDE_TEXT),
        *((steps[role], field, old, new) for role, field, old, new in guide_fix.LADDER_TEXT),
        *((cpc, field, old, new) for field, old, new in cpc_fix.CPC_TEXT),
    ]


def run_corrections():
    """The corrections' text (the guide migration's figure is a salary band's: see below)."""
    guide_fix.rewrite_text(apps, forward=True)
    cpc_fix.correct(apps, None)


def test_a_site_seeded_today_already_has_every_correction(seeded):
    for obj, field, _, new in corrected_fields():
        assert getattr(obj, field) == new, (obj, field)


def test_seeded_text_is_corrected_and_text_an_editor_changed_is_left_alone(seeded):
    rows = corrected_fields()
    for obj, field, old, _ in rows:  # as the earlier seed wrote it
        type(obj).objects.filter(pk=obj.pk).update(**{field: old})
    edited_obj, edited_field, _, _ = rows[0]
    type(edited_obj).objects.filter(pk=edited_obj.pk).update(**{edited_field: "Edited by hand."})

    run_corrections()

    for obj, field, _, new in rows[1:]:
        obj.refresh_from_db()
        assert getattr(obj, field) == new, (obj, field)
    edited_obj.refresh_from_db()
    assert getattr(edited_obj, edited_field) == "Edited by hand."


@pytest.mark.django_db(transaction=True)
def test_the_hourly_median_is_added_only_to_the_seeded_figure():
    """The correction ran (and runs, on a site migrating from before it) while guides had
    salary bands: it is run here on the database as it was then, then migrated back up."""
    flagship, other = CareerGuideFactory(slug=GUIDE), CareerGuideFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(WITH_SALARY_BANDS)
    then = executor.loader.project_state(WITH_SALARY_BANDS).apps
    SalaryBand = then.get_model("guides", "SalaryBand")
    try:

        def band(guide, percentile, annual):
            return SalaryBand.objects.create(
                guide_id=guide.pk,
                label=f"Band {percentile}",
                percentile=percentile,
                annual_amount=Decimal(annual),
                region="United States",
                reference_period="May 2024",
                source_name="BLS Occupational Employment and Wage Statistics (OEWS)",
            )

        def hourly(band):
            return SalaryBand.objects.get(pk=band.pk).hourly_amount

        median = band(flagship, 50, "50250")  # as the earlier seed wrote it
        entry = band(flagship, 10, "35780")
        elsewhere = band(other, 50, "50250")

        guide_fix.correct(then, None)
        assert hourly(median) == Decimal("24.16")
        assert hourly(entry) is None
        assert hourly(elsewhere) is None

        guide_fix.restore(then, None)  # reversing the correction takes it away again
        assert hourly(median) is None

        SalaryBand.objects.filter(pk=median.pk).update(annual_amount=Decimal("51000"))
        guide_fix.correct(then, None)  # an editor changed the figure: its hourly pay is not guessed
        assert hourly(median) is None
    finally:
        SalaryBand.objects.all().delete()
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_reversing_the_corrections_restores_the_seeded_text(seeded):
    guide_fix.rewrite_text(apps, forward=False)
    cpc_fix.restore(apps, None)
    for obj, field, old, _ in corrected_fields():
        obj.refresh_from_db()
        assert getattr(obj, field) == old, (obj, field)
