import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.models import Publishable, Reviewable

# Words used by the certifications section's own pages (/certifications/compare/ …).
RESERVED_SLUGS = {"compare", "finder"}


def validate_not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another page; choose another slug."),
            params={"slug": slug},
        )


@reversion.register()
class CertifyingBody(models.Model):
    """An organisation that awards credentials, such as AAPC or AHIMA."""

    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    website = models.URLField(max_length=500)
    description = models.TextField(blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["abbreviation"]
        verbose_name_plural = _("certifying bodies")

    def __str__(self) -> str:
        return self.abbreviation

    def get_absolute_url(self) -> str:
        return f"{reverse('certifications:list')}#{self.slug}"

    @property
    def full_name(self) -> str:
        """“American Health Information Management Association (AHIMA)”, but “AAPC”, not
        “AAPC (AAPC)”, for a body whose name is its abbreviation."""
        if self.name == self.abbreviation:
            return self.name
        return f"{self.name} ({self.abbreviation})"


class ExamBook(models.TextChoices):
    OPEN = "open", _("Open book")
    CLOSED = "closed", _("Closed book")
    NOT_STATED = "", _("Not stated")


class Education(models.IntegerChoices):
    """Highest education, in order: the finder compares levels. An accredited program an
    issuer asks for is a rule of its own (`Program`)."""

    NONE = 0, _("None yet")
    HIGH_SCHOOL = 1, _("High school diploma or GED")
    ASSOCIATE = 2, _("Associate degree, or 60 college credits")
    BACHELORS = 3, _("Bachelor’s degree or higher")


class Program(models.TextChoices):
    """An accredited program an issuer requires its candidates to have finished (or to be in
    the final term of)."""

    NONE = "", _("None")
    CAHIIM_ASSOCIATE = "cahiim_associate", _("A CAHIIM-accredited associate program")
    CAHIIM_BACHELORS = (
        "cahiim_bachelors",
        _("A CAHIIM-accredited bachelor’s or master’s program (or post-baccalaureate certificate)"),
    )
    NCRA = "ncra", _("An NCRA-accredited cancer registry program")
    MEDICAL_ASSISTING = (
        "ma_accredited",
        _("A CAAHEP- or ABHES-accredited medical assisting program"),
    )


# Programs that take a year or more of college: they do not suit a visitor in a hurry.
LONG_PROGRAMS = {Program.CAHIIM_ASSOCIATE, Program.CAHIIM_BACHELORS, Program.NCRA}


class WorkFocus(models.TextChoices):
    """The kind of work a credential is for: the finder's goals go beyond coding."""

    CODING = "coding", _("Medical coding")
    RECORDS = "records", _("Health records and data")
    REGISTRY = "registry", _("Registry work, such as a cancer registry")
    MANAGEMENT = "management", _("Managing health information")
    DOCUMENTATION = "documentation", _("Healthcare documentation (transcription and editing)")
    BILLING = "billing", _("Billing and the revenue cycle")
    AUDIT = "audit", _("Coding audit and compliance")
    PATIENT_CARE = "patient_care", _("Patient care, as a medical assistant")
    FRONT_OFFICE = "front_office", _("Front-office work in a medical practice")


class Experience(models.IntegerChoices):
    """Experience in health information work (coding, records, registry, billing), in order."""

    NONE = 0, _("None")
    UNDER_ONE_YEAR = 1, _("Under 1 year")
    ONE_TO_TWO_YEARS = 2, _("1–2 years")
    TWO_PLUS_YEARS = 3, _("2 years or more")


class Setting(models.TextChoices):
    PHYSICIAN_PRACTICE = "physician", _("Physician practice")
    HOSPITAL = "hospital", _("Hospital")
    ANY = "any", _("Any setting")


# History (django-reversion). The guides' links to it belong to the guides' histories (links
# edited on its page are still recorded): following them from here would make reverting a
# certification delete every link a guide made since.
@reversion.register()
class Certification(Publishable, Reviewable):
    """A professional credential, with the facts a job seeker needs to plan for it."""

    reviewed_field = "last_checked"

    body = models.ForeignKey(
        CertifyingBody,
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name=_("issuer"),
    )
    code = models.CharField(max_length=20, unique=True, help_text=_("e.g. CPC"))
    name = models.CharField(max_length=200, help_text=_("e.g. Certified Professional Coder"))
    slug = models.SlugField(max_length=60, unique=True, validators=[validate_not_reserved])
    summary = models.CharField(
        max_length=300, help_text=_("One or two sentences: what it is and who it is for.")
    )
    best_for = models.CharField(
        max_length=200, blank=True, help_text=_("The setting or role it suits, e.g. “Hospitals”.")
    )
    eligibility = models.TextField(help_text=_("Who may sit the exam. Markdown."))

    # Rules the "which certification fits me?" finder applies.
    min_education = models.PositiveSmallIntegerField(
        choices=Education.choices,
        default=Education.NONE,
        help_text=_("The least education the issuer requires to sit the exam."),
    )
    required_program = models.CharField(
        max_length=20,
        choices=Program.choices,
        blank=True,
        default=Program.NONE,
        help_text=_("An accredited program candidates must have finished (or be finishing)."),
    )
    experience_in_place_of_program = models.PositiveSmallIntegerField(
        choices=Experience.choices,
        default=Experience.NONE,
        help_text=_(
            "Experience the issuer accepts instead of that program (CTR: a year in a cancer "
            "registry). “None” when the program is the only way."
        ),
    )
    credential_required = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("A credential candidates must hold first, e.g. “RHDS” for CHDS."),
    )
    eligibility_checked = models.BooleanField(
        default=True,
        help_text=_(
            "Untick when no page of the issuer's own states who may sit the exam: the finder "
            "then judges nothing and sends visitors to the issuer."
        ),
    )
    work_focus = models.CharField(
        max_length=20,
        choices=WorkFocus.choices,
        default=WorkFocus.CODING,
        db_index=True,
        help_text=_("The kind of work it is for (the finder's “what would you like to do?”)."),
    )
    recommended_experience = models.PositiveSmallIntegerField(
        choices=Experience.choices,
        default=Experience.NONE,
        help_text=_("Experience the issuer recommends (not requires) before the exam."),
    )
    experience_for_full_credential = models.PositiveSmallIntegerField(
        choices=Experience.choices,
        default=Experience.NONE,
        help_text=_(
            "Experience needed before the full credential is awarded; passing with less gives "
            "an interim one (CPC-A for CPC). Not needed to sit the exam."
        ),
    )
    experience_note = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "What happens without that experience, e.g. “You start as CPC-A (apprentice).”"
        ),
    )
    setting_focus = models.CharField(
        max_length=20,
        choices=Setting.choices,
        default=Setting.ANY,
        help_text=_("Where the credential is most valued."),
    )
    leads_to = models.TextField(
        blank=True, help_text=_("Jobs and next steps the credential opens. Markdown.")
    )

    exam_question_count = models.PositiveSmallIntegerField(null=True, blank=True)
    exam_questions_note = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Qualifies the count, e.g. “90 scored” or “reported as 130–160”."),
    )
    exam_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    exam_book = models.CharField(
        max_length=10, choices=ExamBook.choices, blank=True, default=ExamBook.NOT_STATED
    )
    exam_delivery = models.CharField(
        max_length=200, blank=True, help_text=_("e.g. “In person or online-proctored”.")
    )
    exam_passing_score = models.CharField(max_length=60, blank=True, help_text=_("e.g. 70%"))
    exam_notes = models.TextField(
        blank=True, help_text=_("Anything else about the exam. Markdown.")
    )

    renewal_ceus = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("renewal CEUs"),
        help_text=_("Continuing education units needed per renewal cycle."),
    )
    renewal_cycle_years = models.PositiveSmallIntegerField(null=True, blank=True)
    renewal_notes = models.CharField(max_length=300, blank=True)

    fee_amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Shown only together with its source and the date it was checked."),
    )
    fee_currency = models.CharField(max_length=3, default="USD")
    fee_note = models.CharField(max_length=200, blank=True, help_text=_("e.g. “members”"))
    fee_source_name = models.CharField(max_length=200, blank=True)
    fee_source_url = models.URLField(max_length=500, blank=True)
    fee_checked = models.DateField(null=True, blank=True)

    official_url = models.URLField(max_length=500, verbose_name=_("official page"))
    source_name = models.CharField(max_length=200, help_text=_("Where these facts were checked."))
    source_url = models.URLField(max_length=500, blank=True)
    last_checked = models.DateField(help_text=_("When the facts were last checked at the source."))

    class Meta:
        ordering = ["code"]
        permissions = [
            ("publish_certification", "Can publish, schedule and unpublish certifications")
        ]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="certification_code_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(exam_minutes__isnull=True) | models.Q(exam_minutes__gt=0),
                name="certification_exam_minutes_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(renewal_cycle_years__isnull=True)
                | models.Q(renewal_cycle_years__gt=0),
                name="certification_renewal_cycle_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(fee_amount__isnull=True) | models.Q(fee_amount__gte=0),
                name="certification_fee_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("certifications:detail", kwargs={"slug": self.slug})

    @property
    def exam_hours(self) -> str:
        """The exam length as people say it: “4 hours”, “3.5 hours”, “90 minutes”."""
        if not self.exam_minutes:
            return ""
        if self.exam_minutes % 30:
            return ngettext("%(minutes)s minute", "%(minutes)s minutes", self.exam_minutes) % {
                "minutes": self.exam_minutes
            }
        hours = self.exam_minutes / 60
        text = f"{hours:g}"
        # Not ngettext: the hours may be a fraction (3.5), which gettext cannot count.
        if hours == 1:
            return gettext("%(hours)s hour") % {"hours": text}
        return gettext("%(hours)s hours") % {"hours": text}

    @property
    def has_checked_fee(self) -> bool:
        """A fee is shown only with the date it was checked and where (sources disagree)."""
        return bool(self.fee_amount is not None and self.fee_checked and self.fee_source_name)

    @property
    def renewal_summary(self) -> str:
        if not (self.renewal_ceus and self.renewal_cycle_years):
            return ""
        if self.renewal_cycle_years == 1:
            return gettext("%(ceus)s CEUs every year") % {"ceus": self.renewal_ceus}
        return gettext("%(ceus)s CEUs every %(years)s years") % {
            "ceus": self.renewal_ceus,
            "years": self.renewal_cycle_years,
        }
