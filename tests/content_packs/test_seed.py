"""The seed command loads the whole flagship guide, and running it again changes nothing."""

import io
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from certifications.models import Certification, CertifyingBody
from content_packs.validate import content_dir
from guides.models import CareerGuide

pytestmark = pytest.mark.django_db

CONTENT_APPS = ("guides", "certifications")


def snapshot() -> str:
    """Every content row, serialised: equal snapshots mean nothing changed."""
    objects = [
        obj
        for app in CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
        for obj in model.objects.order_by("pk")
    ]
    return serializers.serialize("json", objects)


def test_seed_loads_every_part_of_the_guide(seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    assert guide.is_published
    assert guide.soc_code == "29-2072"
    assert guide.duties.count() == 7  # the six the facts list, and O*NET's further tasks
    assert guide.related_titles.count() == 7
    assert guide.training_steps.count() == 4
    assert guide.faqs.count() == 5
    assert guide.tools.exists()
    assert guide.progression.exists()
    assert guide.sources.exists()
    bands = {(band.reference_period, band.percentile): band for band in guide.salary_bands.all()}
    assert {key: band.annual_amount for key, band in bands.items()} == {
        ("May 2024", 10): Decimal("35780"),
        ("May 2024", 50): Decimal("50250"),
        ("May 2024", 90): Decimal("80950"),
        ("May 2023", 10): Decimal("35080"),
        ("May 2023", 50): Decimal("48780"),
        ("May 2023", 90): Decimal("77810"),
    }
    assert bands[("May 2024", 50)].hourly_amount == Decimal("24.16")  # only figure the facts give
    for band in bands.values():
        assert "OEWS" in band.source_name
        assert band.source_url.startswith("https://www.bls.gov/")
    assert [link.certification.code for link in guide.recommended_certifications.all()] == [
        "CCA",
        "CPC",
        "RHIT",
    ]


def test_seed_loads_bodies_and_certifications_with_their_facts(seeded):
    shipped = json.loads((content_dir() / "certifications.json").read_text(encoding="utf-8"))
    bodies = set(CertifyingBody.objects.values_list("abbreviation", flat=True))
    assert bodies == {body["abbreviation"] for body in shipped["certifying_bodies"]}
    assert {"AAPC", "AHIMA"} <= bodies  # the flagship's certifications' issuers
    codes = set(Certification.objects.values_list("code", flat=True))
    assert codes == {cert["code"] for cert in shipped["certifications"]}
    cpc = Certification.objects.get(code="CPC")
    assert cpc.body.abbreviation == "AAPC"
    assert (cpc.exam_question_count, cpc.exam_minutes, cpc.exam_book) == (100, 240, "open")
    assert (cpc.renewal_ceus, cpc.renewal_cycle_years) == (36, 2)
    rhit = Certification.objects.get(code="RHIT")
    assert (rhit.body.abbreviation, rhit.exam_minutes, rhit.renewal_ceus) == ("AHIMA", 210, 20)
    assert "approximate" in rhit.exam_questions_note
    cca = Certification.objects.get(code="CCA")
    assert (cca.exam_question_count, cca.exam_minutes) == (105, 120)
    for cert in (cpc, rhit, cca):
        assert cert.is_published
        assert cert.source_name
        assert cert.last_checked


def test_running_the_seed_twice_changes_nothing(seeded):
    before = snapshot()
    output = io.StringIO()
    call_command("seed_content", stdout=output)
    assert snapshot() == before
    assert "created" not in output.getvalue()


def test_seed_never_overwrites_an_editors_changes(seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    guide.summary = "Edited by an editor"
    guide.save()
    guide.faqs.first().delete()
    call_command("seed_content", stdout=io.StringIO())
    guide.refresh_from_db()
    assert guide.summary == "Edited by an editor"
    assert guide.faqs.count() == 4
