"""Model rules: constraints hold in the database, and models describe themselves."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from guides.models import CareerGuide
from occupations.models import CodeLevel
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    CertificationFactory,
    CertifyingBodyFactory,
    GuideCertificationFactory,
    OccupationCodeFactory,
    OccupationFactory,
    PayReleaseFactory,
    RelatedTitleFactory,
    TrainingStepFactory,
)

pytestmark = pytest.mark.django_db


def assert_rejected_by_database(factory, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)


def test_guide_str_and_url():
    guide = CareerGuideFactory(title="Medical Coder", slug="medical-coder")
    assert str(guide) == "Medical Coder"
    assert guide.get_absolute_url() == "/careers/medical-coder/"


def test_certification_str_url_and_readable_facts():
    cert = CertificationFactory(
        code="RHIT",
        name="Registered Health Information Technician",
        slug="rhit",
        exam_minutes=210,
        renewal_ceus=20,
        renewal_cycle_years=2,
    )
    assert str(cert) == "RHIT – Registered Health Information Technician"
    assert cert.get_absolute_url() == "/certifications/rhit/"
    assert cert.exam_hours == "3.5 hours"
    assert cert.renewal_summary == "20 CEUs every 2 years"


@pytest.mark.parametrize(
    ("minutes", "text"), [(240, "4 hours"), (60, "1 hour"), (95, "95 minutes"), (None, "")]
)
def test_exam_length_reads_naturally(minutes, text):
    assert CertificationFactory.build(exam_minutes=minutes).exam_hours == text


def test_body_str_and_url():
    body = CertifyingBodyFactory(abbreviation="AHIMA", slug="ahima")
    assert str(body) == "AHIMA"
    assert body.get_absolute_url() == "/certifications/#ahima"


def test_guide_slugs_are_unique():
    CareerGuideFactory(slug="same")
    assert_rejected_by_database(CareerGuideFactory, slug="same")


def test_certification_codes_are_unique_ignoring_case():
    CertificationFactory(code="CPC", slug="cpc")
    assert_rejected_by_database(CertificationFactory, code="cpc", slug="cpc-2")


def test_one_pay_figure_per_release_code_and_area():
    national = AreaPayFactory(soc_code="29-2072")
    assert_rejected_by_database(
        AreaPayFactory, release=national.release, soc_code="29-2072", area_code="99"
    )
    # Another release for the same code and area is a different figure, and allowed.
    earlier = PayReleaseFactory(code="2024A01", name="May 2024")
    AreaPayFactory(release=earlier, soc_code="29-2072", area_code="99")
    # So is another area (a state) in the same release.
    AreaPayFactory(
        release=national.release,
        soc_code="29-2072",
        area_type="state",
        area_code="06",
        area_name="California",
        postal="CA",
    )


def test_training_cost_range_must_be_ordered_and_non_negative():
    assert_rejected_by_database(TrainingStepFactory, cost_min=Decimal("-5"))
    assert_rejected_by_database(TrainingStepFactory, cost_min=Decimal(900), cost_max=Decimal(100))
    step = TrainingStepFactory(cost_min=Decimal(100), cost_max=Decimal(900))
    assert step.has_cost


def test_a_guide_recommends_a_certification_once():
    link = GuideCertificationFactory()
    assert_rejected_by_database(
        GuideCertificationFactory, guide=link.guide, certification=link.certification
    )


def test_related_titles_are_unique_per_guide():
    related = RelatedTitleFactory(title="Coder")
    assert_rejected_by_database(RelatedTitleFactory, guide=related.guide, title="Coder")


# What a guide is about: a whole handbook profile, or one occupation inside a group's profile.
ABOUT_ONE_OF_THE_TWO = (
    "Choose the handbook profile the guide is about, or give the code of the occupation inside "
    "a group's profile; one of the two, not both."
)
NO_SUCH_OCCUPATION = (
    "No handbook profile has an occupation with this code: use the code of one of the "
    "occupations a group's profile lists."
)


def detailed_line(soc_code="43-6013"):
    """One occupation's line inside a group's handbook profile."""
    return OccupationCodeFactory(soc_code=soc_code, level=CodeLevel.DETAILED)


def test_detailed_code_format_is_validated():
    detailed_line()
    for code in ("436013", "43-6013.00"):  # the SOC format only (O*NET's suffix is not SOC's)
        guide = CareerGuideFactory.build(occupation=None, detailed_code=code)
        with pytest.raises(ValidationError) as error:
            guide.full_clean()
        assert "Use the SOC format" in " ".join(error.value.message_dict["detailed_code"])
    CareerGuideFactory.build(occupation=None, detailed_code="43-6013").full_clean()


def test_a_guide_is_about_a_profile_or_an_occupation_in_one_never_both_nor_neither():
    line = detailed_line()
    assert_rejected_by_database(CareerGuideFactory, occupation=None, detailed_code="")
    assert_rejected_by_database(CareerGuideFactory, detailed_code=line.soc_code)  # and a profile
    assert not CareerGuide.objects.exists()
    about_a_profile = CareerGuideFactory()
    about_an_occupation = CareerGuideFactory(occupation=None, detailed_code=line.soc_code)
    assert (about_a_profile.occupation is not None, about_a_profile.detailed_code) == (True, "")
    assert CareerGuide.objects.filter(occupation=None, detailed_code="43-6013").get() == (
        about_an_occupation
    )


@pytest.mark.parametrize("about", ["both", "neither"])
def test_model_validation_names_the_rule_before_the_database_does(about):
    line = detailed_line()
    if about == "both":
        guide = CareerGuideFactory.build(
            occupation=OccupationFactory(), detailed_code=line.soc_code
        )
    else:
        guide = CareerGuideFactory.build(occupation=None, detailed_code="")
    with pytest.raises(ValidationError) as error:
        guide.full_clean()
    assert error.value.message_dict == {"__all__": [ABOUT_ONE_OF_THE_TWO]}


def test_a_guide_about_one_occupation_needs_a_code_a_profile_lists_as_detailed():
    guide = CareerGuideFactory.build(occupation=None, detailed_code="43-6013")
    with pytest.raises(ValidationError) as error:
        guide.full_clean()  # no profile lists it
    assert error.value.message_dict == {"detailed_code": [NO_SUCH_OCCUPATION]}

    OccupationCodeFactory(soc_code="43-6013", level=CodeLevel.SINGLE)  # a whole profile's code
    with pytest.raises(ValidationError) as error:
        guide.full_clean()
    assert error.value.message_dict == {"detailed_code": [NO_SUCH_OCCUPATION]}

    detailed_line("43-6013")  # listed as one occupation inside a group's profile
    guide.full_clean()
    guide.save()
    assert CareerGuide.objects.get(detailed_code="43-6013") == guide


def test_a_profile_with_a_guide_cannot_be_deleted():
    guide = CareerGuideFactory()
    with pytest.raises(ProtectedError), transaction.atomic():
        guide.occupation.delete()
    guide.refresh_from_db()
    assert guide.occupation is not None
    OccupationFactory().delete()  # a profile no guide is about can go


def test_children_follow_their_position():
    guide = CareerGuideFactory()
    TrainingStepFactory(guide=guide, position=2, title="Second")
    TrainingStepFactory(guide=guide, position=1, title="First")
    assert [step.title for step in guide.training_steps.all()] == ["First", "Second"]


def test_published_filter_hides_drafts():
    from guides.models import CareerGuide

    published = CareerGuideFactory(status="published")
    CareerGuideFactory(status="draft")
    assert list(CareerGuide.objects.published()) == [published]


@pytest.mark.django_db
@pytest.mark.parametrize("figure", ["annual_median", "annual_p10", "hourly_p90", "annual_mean"])
def test_pay_cannot_be_negative(figure):
    with pytest.raises(IntegrityError), transaction.atomic():
        AreaPayFactory(**{figure: Decimal("-1")})
    pay = AreaPayFactory.build(**{figure: Decimal("-1")})
    pay.release.save()
    with pytest.raises(ValidationError, match="Pay cannot be negative"):
        pay.full_clean()
