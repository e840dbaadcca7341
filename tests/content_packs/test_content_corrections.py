"""Data migrations that correct the seeded text on sites seeded before the corrections."""

import importlib
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from certifications.models import Certification
from guides.models import CareerGuide
from guides.selectors import attach_facts
from tests.factories import CareerGuideFactory

pytestmark = pytest.mark.django_db

guide_fix = importlib.import_module("guides.migrations.0005_correct_seeded_text")
cpc_fix = importlib.import_module("certifications.migrations.0006_correct_seeded_cpc_text")
GUIDE = guide_fix.GUIDE
# The last state of the guides app with salary bands (0009 moved pay into one table).
WITH_SALARY_BANDS = [("guides", "0008_pathway_moves")]
# The last state in which a guide held its own entry education, which the guide correction
# rewrites (0010 reads a guide's facts from its occupation's data).
WITH_OWN_FACTS = [("guides", "0009_pay_in_one_table")]
CORRECTION_COUNT = len(guide_fix.GUIDE_TEXT) + len(guide_fix.LADDER_TEXT) + len(cpc_fix.CPC_TEXT)


def corrected_fields(models=apps):
    """(object, field, seeded text, corrected text) for every correction to a field the guides
    app of `models` (the current one, or an earlier state's) still has."""
    Guide = models.get_model("guides", "CareerGuide")
    guide = Guide.objects.get(slug=GUIDE)
    held = {f.name for f in Guide._meta.concrete_fields}
    steps = models.get_model("guides", "ProgressionStep").objects.filter(guide_id=guide.pk)
    steps = {step.next_role: step for step in steps}
    cpc = Certification.objects.get(code="CPC")  # the certifications app is as it is today
    return [
        *((guide, field, old, new) for field, old, new in guide_fix.GUIDE_TEXT if field in held),
        *((steps[role], field, old, new) for role, field, old, new in guide_fix.LADDER_TEXT),
        *((cpc, field, old, new) for field, old, new in cpc_fix.CPC_TEXT),
    ]


@contextmanager
def guides_as_they_were(nodes):
    """The database migrated back to `nodes`, and that state's apps; migrated up again after."""
    executor = MigrationExecutor(connection)
    executor.migrate(nodes)
    try:
        yield executor.loader.project_state(nodes).apps
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def run_corrections(guide_apps):
    """The corrections' text (the guide migration's figure is a salary band's: see below)."""
    guide_fix.rewrite_text(guide_apps, forward=True)
    cpc_fix.correct(apps, None)


def test_a_site_seeded_today_already_has_every_correction(seeded):
    rows = corrected_fields()
    for obj, field, _, new in rows:
        assert getattr(obj, field) == new, (obj, field)
    # A guide no longer holds its entry education (guides 0010): it shows its profile's, BLS's
    # category, which the correction put in place of the seed's claim.
    on_the_guide = {field for obj, field, _, _ in rows if isinstance(obj, CareerGuide)}
    [(field, old, new)] = [row for row in guide_fix.GUIDE_TEXT if row[0] not in on_the_guide]
    assert field == "entry_education"
    guide = attach_facts([CareerGuide.objects.get(slug=GUIDE)])[0]
    assert guide.facts.education == guide.occupation.get_entry_education_display()
    assert new.startswith(guide.facts.education)
    assert not old.startswith(guide.facts.education)


@pytest.mark.django_db(transaction=True)
def test_seeded_text_is_corrected_and_text_an_editor_changed_is_left_alone(seeded):
    """Run on the database as it was when guides held their entry education (see above)."""
    with guides_as_they_were(WITH_OWN_FACTS) as then:
        rows = corrected_fields(then)
        assert len(rows) == CORRECTION_COUNT
        for obj, field, old, _ in rows:  # as the earlier seed wrote it
            type(obj).objects.filter(pk=obj.pk).update(**{field: old})
        edited_obj, edited_field, _, _ = rows[0]
        type(edited_obj).objects.filter(pk=edited_obj.pk).update(
            **{edited_field: "Edited by hand."}
        )

        run_corrections(then)

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


@pytest.mark.django_db(transaction=True)
def test_reversing_the_corrections_restores_the_seeded_text(seeded):
    with guides_as_they_were(WITH_OWN_FACTS) as then:
        rows = corrected_fields(then)
        assert len(rows) == CORRECTION_COUNT
        # Migrating back filled the guide's entry education from its profile: give it the
        # corrected text, as a site seeded after the correction and before 0010 held it (the
        # rest is as seeded today: see the first test).
        held_today = {f.name for f in CareerGuide._meta.concrete_fields}
        for obj, field, _, new in rows:
            if obj._meta.model_name == "careerguide" and field not in held_today:
                type(obj).objects.filter(pk=obj.pk).update(**{field: new})

        guide_fix.rewrite_text(then, forward=False)
        cpc_fix.restore(apps, None)

        for obj, field, old, _ in rows:
            obj.refresh_from_db()
            assert getattr(obj, field) == old, (obj, field)
