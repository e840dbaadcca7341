"""The seed command loads the whole flagship guide, and running it again changes nothing."""

import datetime
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
from guides.selectors import attach_facts
from occupations.models import AreaPay, CodeLevel, PayRelease
from occupations.pay import career_pay
from tests.factories import AreaPayFactory, PayReleaseFactory

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


def pay_snapshot() -> str:
    """Every pay row (OEWS releases and their figures), serialised."""
    objects = [
        *PayRelease.objects.order_by("pk"),
        *AreaPay.objects.order_by("pk"),
    ]
    return serializers.serialize("json", objects)


def test_seed_loads_every_part_of_the_guide(seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    assert guide.is_published
    assert guide.duties.count() == 7  # the six the facts list, and O*NET's further tasks
    assert guide.related_titles.count() == 7
    assert guide.training_steps.count() == 4
    assert guide.faqs.count() == 5
    assert guide.tools.exists()
    assert guide.progression.exists()
    assert guide.sources.exists()
    # It is about the handbook profile the pack names: its code (and so its pay, see the next
    # test) is the profile's.
    assert guide.occupation.slug == "medical-records-and-health-information-technicians"
    assert guide.detailed_code == ""
    facts = attach_facts([guide])[0].facts
    assert facts.profile == guide.occupation
    assert facts.soc_codes == [code.soc_code for code in guide.occupation.codes.all()]
    assert facts.soc_codes == ["29-2072"]
    assert facts.pay_code == "29-2072"
    assert [link.certification.code for link in guide.recommended_certifications.all()] == [
        "CCA",
        "CPC",
        "RHIT",
    ]


def test_guides_about_one_occupation_in_a_group_are_seeded_with_its_code(seeded):
    """Medical secretaries have no profile of their own: the pack gives the code of their line
    in the group's profile (secretaries and administrative assistants), and no profile."""
    for slug in ("medical-secretary", "billing-and-posting-clerk"):
        shipped = json.loads((content_dir() / "guides" / f"{slug}.json").read_text("utf-8"))
        code = shipped["guides"][0]["detailed_code"]
        assert code
        guide = CareerGuide.objects.get(slug=slug)
        assert (guide.occupation, guide.detailed_code) == (None, code)
        facts = attach_facts([guide])[0].facts
        assert facts.line.level == CodeLevel.DETAILED
        assert facts.soc_codes == [code]
        assert facts.profile == facts.line.occupation


def test_the_seed_writes_no_pay_and_the_guide_reads_its_occupations(db):
    """Packs carry no pay: the seeded guide's figures are its occupation's, in `AreaPay`
    (here the May 2023 figures the packs of version 1 carried as the guide's bands)."""
    release = PayReleaseFactory(
        code="2023A01", name="May 2023", published=datetime.date(2024, 4, 3)
    )
    AreaPayFactory(
        release=release,
        soc_code="29-2072",
        soc_title="Medical Records Specialists",
        annual_p10=Decimal("35080"),
        annual_median=Decimal("48780"),
        annual_p90=Decimal("77810"),
        hourly_median=Decimal("23.45"),
    )
    pay_before = pay_snapshot()

    call_command("seed_content", stdout=io.StringIO())

    assert pay_snapshot() == pay_before
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    pay = career_pay(guide.occupation.codes.all(), release=release)
    assert pay.release == release
    assert pay.national.soc_code == "29-2072"
    national = {point.percentile: point for point, _ in pay.comparison}
    assert {percentile: national[percentile].annual for percentile in (10, 50, 90)} == {
        10: Decimal("35080"),
        50: Decimal("48780"),
        90: Decimal("77810"),
    }
    assert national[50].hourly == Decimal("23.45")
    assert [national[p].label for p in (10, 50, 90)] == ["Entry level", "Median", "Experienced"]
    assert "OEWS" in pay.release.source_name
    assert pay.release.source_url.startswith("https://www.bls.gov/")


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
    before, pay = snapshot(), pay_snapshot()
    output = io.StringIO()
    call_command("seed_content", stdout=output)
    assert snapshot() == before
    assert pay_snapshot() == pay  # the packs carry no pay: the site's figures stay BLS's
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
