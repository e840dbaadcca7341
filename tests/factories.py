"""factory_boy factories for every content model. Published by default, like most test data."""

import datetime
from decimal import Decimal

import factory

from certifications.models import Certification, CertifyingBody
from guides import models as guide_models
from occupations import models as occupation_models
from occupations import onet_models
from occupations.duties import Duty


class CertifyingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertifyingBody
        django_get_or_create = ["abbreviation"]

    abbreviation = factory.Sequence(lambda n: f"BODY{n}")
    name = factory.LazyAttribute(lambda body: f"{body.abbreviation} Association")
    slug = factory.LazyAttribute(lambda body: body.abbreviation.lower())
    website = factory.LazyAttribute(lambda body: f"https://{body.slug}.example.org/")


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    body = factory.SubFactory(CertifyingBodyFactory)
    code = factory.Sequence(lambda n: f"CERT{n}")
    name = factory.LazyAttribute(lambda cert: f"Certified {cert.code} Professional")
    slug = factory.LazyAttribute(lambda cert: cert.code.lower())
    status = "published"
    summary = factory.Faker("sentence")
    best_for = "Physician practices"
    eligibility = factory.Faker("paragraph")
    exam_question_count = 100
    exam_minutes = 240
    exam_book = "open"
    exam_delivery = "Online or in person"
    renewal_ceus = 36
    renewal_cycle_years = 2
    official_url = factory.LazyAttribute(lambda cert: f"https://example.org/{cert.slug}")
    source_name = "Issuer page"
    source_url = factory.LazyAttribute(lambda cert: f"https://example.org/{cert.slug}")
    last_checked = datetime.date(2026, 11, 1)


class CareerGuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = guide_models.CareerGuide

    title = factory.Sequence(lambda n: f"Career {n}")
    slug = factory.Sequence(lambda n: f"career-{n}")
    # A guide is about a handbook profile (or, with `occupation=None`, one occupation inside a
    # group's profile: give its `detailed_code`).
    occupation = factory.SubFactory("tests.factories.OccupationFactory")
    status = "published"
    summary = factory.Faker("sentence")
    overview = factory.Faker("paragraph")
    work_setting = factory.Faker("paragraph")
    who_it_suits = factory.Faker("paragraph")
    last_reviewed = datetime.date(2026, 11, 1)


class GuideChildFactory(factory.django.DjangoModelFactory):
    guide = factory.SubFactory(CareerGuideFactory)
    position = factory.Sequence(lambda n: n)


class JobDutyFactory(GuideChildFactory):
    class Meta:
        model = guide_models.JobDuty

    text = factory.Faker("sentence")


class RelatedTitleFactory(GuideChildFactory):
    class Meta:
        model = guide_models.RelatedTitle

    title = factory.Sequence(lambda n: f"Related title {n}")


class TrainingStepFactory(GuideChildFactory):
    class Meta:
        model = guide_models.TrainingStep

    title = factory.Sequence(lambda n: f"Training step {n}")
    description = factory.Faker("paragraph")
    typical_duration = "6 months"


class FAQFactory(GuideChildFactory):
    class Meta:
        model = guide_models.FAQ

    question = factory.Sequence(lambda n: f"Question number {n}?")
    answer = factory.Faker("paragraph")


class ToolFactory(GuideChildFactory):
    class Meta:
        model = guide_models.Tool

    kind = "software"
    name = factory.Sequence(lambda n: f"Tool {n}")
    description = factory.Faker("sentence")


class ProgressionStepFactory(GuideChildFactory):
    class Meta:
        model = guide_models.ProgressionStep

    next_role = factory.Sequence(lambda n: f"Next role {n}")
    what_it_takes = factory.Faker("sentence")


class GuideCertificationFactory(GuideChildFactory):
    class Meta:
        model = guide_models.GuideCertification

    certification = factory.SubFactory(CertificationFactory)
    note = "Recommended"


class PathwayMoveFactory(GuideChildFactory):
    class Meta:
        model = guide_models.PathwayMove

    to_guide = factory.SubFactory(CareerGuideFactory)
    kind = guide_models.MoveKind.STEP_UP
    what_it_takes = factory.Faker("sentence")
    source_name = "BLS Occupational Outlook Handbook"
    source_url = "https://www.bls.gov/ooh/"


class GuideSourceFactory(GuideChildFactory):
    class Meta:
        model = guide_models.GuideSource

    title = factory.Sequence(lambda n: f"Source {n}")
    url = "https://example.org/source"


CHILD_FACTORIES = [
    JobDutyFactory,
    RelatedTitleFactory,
    TrainingStepFactory,
    FAQFactory,
    ToolFactory,
    ProgressionStepFactory,
    GuideCertificationFactory,
    GuideSourceFactory,
]


def complete_guide(children_each: int = 1, **guide_fields):
    """A guide with `children_each` of every kind of child."""
    guide = CareerGuideFactory(**guide_fields)
    for child_factory in CHILD_FACTORIES:
        for _ in range(children_each):
            child_factory(guide=guide)
    return guide


class SubmittedQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "questions.SubmittedQuestion"

    guide = factory.SubFactory(CareerGuideFactory)
    question = factory.Sequence(lambda n: f"Question number {n}: can I work from home?")
    email = "visitor@example.com"


class PageFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.PageFeedback"

    path = "/careers/medical-records-specialist/"
    useful = True


# Handbook profiles and OEWS pay (occupations) -------------------------------------------------


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = occupation_models.Field
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"field-{n}")
    name = factory.LazyAttribute(lambda field: field.slug.replace("-", " ").title())


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = occupation_models.Occupation

    title = factory.Sequence(lambda n: f"Example workers {n}")
    slug = factory.Sequence(lambda n: f"example-workers-{n}")
    field = factory.SubFactory(FieldFactory)
    summary = "Example workers do example work in example places."
    ooh_url = factory.LazyAttribute(lambda o: f"https://www.bls.gov/ooh/x/{o.slug}.htm")
    status = "published"
    entry_education = occupation_models.EntryEducation.HIGH_SCHOOL
    work_experience = occupation_models.WorkExperience.NONE
    training = occupation_models.Training.SHORT_TERM
    jobs = 100_000
    projected_jobs = 105_000
    employment_change = 5_000
    outlook_percent = 5
    outlook_label = occupation_models.OutlookLabel.FASTER
    openings_per_year = 9_000


class OccupationCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = occupation_models.OccupationCode

    occupation = factory.SubFactory(OccupationFactory)
    soc_code = factory.Sequence(lambda n: f"99-{1000 + n:04d}")
    title = factory.LazyAttribute(lambda code: code.occupation.title)
    level = occupation_models.CodeLevel.SINGLE
    jobs = 100_000


class DutyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Duty

    occupation = factory.SubFactory(OccupationFactory)
    position = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Do example task number {n} carefully and on time.")


class PayReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = occupation_models.PayRelease
        django_get_or_create = ["code"]

    code = "2025A01"
    name = "May 2025"
    published = datetime.date(2026, 5, 15)


class AreaPayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = occupation_models.AreaPay

    release = factory.SubFactory(PayReleaseFactory)
    soc_code = "99-1000"
    soc_title = "Example Workers"
    area_type = occupation_models.AreaType.NATIONAL
    area_code = "99"
    area_name = occupation_models.NATIONAL_AREA_NAME
    postal = "US"
    employment = 100_000
    annual_p10 = Decimal("30000")
    annual_p25 = Decimal("36000")
    annual_median = Decimal("45000")
    annual_p75 = Decimal("56000")
    annual_p90 = Decimal("70000")
    hourly_median = Decimal("21.63")


class OnetReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.OnetRelease
        django_get_or_create = ["version"]

    version = "30.1"
    name = "O*NET 30.1 Database"
    released = "December 2025"
    skills_version = "29.3"
    file_sha256 = "0" * 64


class OnetOccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.OnetOccupation
        skip_postgeneration_save = True

    release = factory.SubFactory(OnetReleaseFactory)
    code = factory.Sequence(lambda n: f"29-{2000 + n:04d}.00")
    title = factory.Sequence(lambda n: f"O*NET occupation {n}")
    job_zone = 3
    interests = factory.LazyFunction(
        lambda: {"R": "2", "I": "4", "A": "1", "S": "3", "E": "2", "C": "6.5"}
    )
    high_points = "CI"
    careers = factory.RelatedFactory(
        "tests.factories.OnetCareerCodeFactory",
        factory_related_name="occupation",
        soc_code=factory.LazyAttribute(lambda o: o.factory_parent.code[:7]),
    )


class OnetCareerCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.OnetCareerCode

    occupation = factory.SubFactory(OnetOccupationFactory, careers=None)
    soc_code = factory.LazyAttribute(lambda o: o.occupation.code[:7])


class OnetTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.OnetTitle

    occupation = factory.SubFactory(OnetOccupationFactory)
    kind = onet_models.TitleKind.ALTERNATE
    title = factory.Sequence(lambda n: f"Job title {n}")


class TechnologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.Technology
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.LazyAttribute(lambda t: t.name.lower().replace(" ", "-"))
    commodity_code = "43232610"
    commodity_title = "Medical software"


class OnetTechnologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.OnetTechnology

    occupation = factory.SubFactory(OnetOccupationFactory)
    technology = factory.SubFactory(TechnologyFactory)


class OnetRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.OnetRating

    occupation = factory.SubFactory(OnetOccupationFactory)
    kind = onet_models.RatingKind.SKILL
    element_id = factory.Sequence(lambda n: f"2.A.1.{n}")
    name = factory.Sequence(lambda n: f"Skill {n}")
    importance = Decimal("3.50")
    level = Decimal("4.00")


class OnetRelatedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.OnetRelated

    occupation = factory.SubFactory(OnetOccupationFactory)
    related = factory.SubFactory(OnetOccupationFactory)
    tier = "Primary-Short"
    index = factory.Sequence(lambda n: n + 1)


class OnetSimilarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = onet_models.OnetSimilar

    occupation = factory.SubFactory(OnetOccupationFactory)
    other = factory.SubFactory(OnetOccupationFactory)
    score = 0.8
