"""Data migrations that correct the seeded text on sites seeded before the corrections."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from certifications.models import Certification
from guides.models import CareerGuide, ProgressionStep, SalaryBand

pytestmark = pytest.mark.django_db

guide_fix = importlib.import_module("guides.migrations.0005_correct_seeded_text")
cpc_fix = importlib.import_module("certifications.migrations.0006_correct_seeded_cpc_text")
GUIDE = guide_fix.GUIDE


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


def median_band():
    return SalaryBand.objects.get(
        guide__slug=GUIDE, region="United States", reference_period="May 2024", percentile=50
    )


def run_corrections():
    guide_fix.correct(apps, None)
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


def test_the_hourly_median_is_added_only_to_the_seeded_figure(seeded):
    SalaryBand.objects.update(hourly_amount=None)
    run_corrections()
    assert median_band().hourly_amount == Decimal("24.16")

    SalaryBand.objects.update(hourly_amount=None)
    SalaryBand.objects.filter(pk=median_band().pk).update(annual_amount=Decimal("51000"))
    run_corrections()  # an editor changed the figure: its hourly pay is not guessed
    assert median_band().hourly_amount is None


def test_reversing_the_corrections_restores_the_seeded_text(seeded):
    guide_fix.restore(apps, None)
    cpc_fix.restore(apps, None)
    for obj, field, old, _ in corrected_fields():
        obj.refresh_from_db()
        assert getattr(obj, field) == old, (obj, field)
    assert median_band().hourly_amount is None
