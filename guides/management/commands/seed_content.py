"""Load the flagship content: AAPC, AHIMA, CPC, RHIT, CCA and the Medical Records Specialist guide.

Idempotent and safe for editors' work: anything that already exists (matched by its natural
key: body abbreviation, certification code, guide slug) is left exactly as it is, so running
it again after editors changed the content changes nothing.

Everything it creates gets a first version in its history (django-reversion), so editors can
always go back to the content as it was first loaded.
"""

import reversion
from django.core.management.base import BaseCommand
from django.db import transaction

from certifications import seed as certification_seed
from certifications.models import Certification, CertifyingBody
from guides import seed as guide_seed
from guides.models import (
    FAQ,
    CareerGuide,
    GuideCertification,
    GuideSource,
    JobDuty,
    ProgressionStep,
    RelatedTitle,
    SalaryBand,
    Tool,
    TrainingStep,
)


class Command(BaseCommand):
    help = "Load the seeded guide and certifications; leaves existing content untouched."

    @transaction.atomic
    def handle(self, *args, **options):
        bodies = {body["abbreviation"]: self.seed_body(body) for body in certification_seed.BODIES}
        for data in certification_seed.CERTIFICATIONS:
            self.seed_certification(data, bodies)
        self.seed_guide()

    def report(self, created: bool, label: str):
        if created:
            self.stdout.write(self.style.SUCCESS(f"created {label}"))
        else:
            self.stdout.write(f"kept {label} (already present, left unchanged)")

    def seed_body(self, data):
        body, created = CertifyingBody.objects.get_or_create(
            abbreviation=data["abbreviation"], defaults=data
        )
        self.report(created, f"certifying body {body}")
        if created:
            self.record_first_version(body)
        return body

    def seed_certification(self, data, bodies):
        defaults = {
            **data,
            "body": bodies[data["body"]],
            "status": "published",
            "last_checked": certification_seed.CHECKED,
        }
        certification, created = Certification.objects.get_or_create(
            code=data["code"], defaults=defaults
        )
        self.report(created, f"certification {certification.code}")
        if created:
            self.record_first_version(certification)

    def seed_guide(self):
        guide, created = CareerGuide.objects.get_or_create(
            slug=guide_seed.GUIDE["slug"], defaults=guide_seed.GUIDE
        )
        self.report(created, f"guide {guide.slug}")
        if created:
            self.seed_guide_children(guide)
            self.record_first_version(guide)

    @staticmethod
    def record_first_version(obj):
        """The item with every part of it (its registered relations) as loaded."""
        with reversion.create_revision():
            reversion.set_comment("Loaded by seed_content.")
            reversion.add_to_revision(obj)

    @staticmethod
    def seed_guide_children(guide):
        # Positions follow the order of the seed file.
        JobDuty.objects.bulk_create(
            JobDuty(guide=guide, position=i, text=text) for i, text in enumerate(guide_seed.DUTIES)
        )
        RelatedTitle.objects.bulk_create(
            RelatedTitle(guide=guide, position=i, title=title, note=note)
            for i, (title, note) in enumerate(guide_seed.RELATED_TITLES)
        )
        TrainingStep.objects.bulk_create(
            TrainingStep(guide=guide, position=i, **step)
            for i, step in enumerate(guide_seed.TRAINING_STEPS)
        )
        SalaryBand.objects.bulk_create(
            SalaryBand(
                guide=guide,
                position=i,
                label=label,
                percentile=percentile,
                annual_amount=amount,
                hourly_amount=hourly,
                currency="USD",
                region="United States",
                reference_period=period,
                source_name=guide_seed.OEWS_NAME,
                source_url=guide_seed.OEWS_URL,
            )
            for i, (period, label, percentile, amount, hourly) in enumerate(
                [(guide_seed.SALARY_PERIOD, *band) for band in guide_seed.SALARY_BANDS]
                + [
                    (guide_seed.EARLIER_SALARY_PERIOD, *band)
                    for band in guide_seed.EARLIER_SALARY_BANDS
                ]
            )
        )
        FAQ.objects.bulk_create(
            FAQ(guide=guide, position=i, question=question, answer=answer)
            for i, (question, answer) in enumerate(guide_seed.FAQS)
        )
        Tool.objects.bulk_create(
            Tool(guide=guide, position=i, kind=kind, name=name, description=description)
            for i, (kind, name, description) in enumerate(guide_seed.TOOLS)
        )
        ProgressionStep.objects.bulk_create(
            ProgressionStep(guide=guide, position=i, **rung)
            for i, rung in enumerate(guide_seed.PROGRESSION)
        )
        GuideSource.objects.bulk_create(
            GuideSource(guide=guide, position=i, title=title, publisher=publisher, url=url)
            for i, (title, publisher, url) in enumerate(guide_seed.SOURCES)
        )
        certifications = Certification.objects.in_bulk(
            [code for code, _ in guide_seed.RECOMMENDED_CERTIFICATIONS], field_name="code"
        )
        GuideCertification.objects.bulk_create(
            GuideCertification(
                guide=guide, position=i, certification=certifications[code], note=note
            )
            for i, (code, note) in enumerate(guide_seed.RECOMMENDED_CERTIFICATIONS)
        )
