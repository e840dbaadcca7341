import reversion
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Publishable, Reviewable
from occupations.models import CodeLevel, OccupationCode

soc_code_validator = RegexValidator(r"^\d{2}-\d{4}$", _("Use the SOC format, e.g. 43-6013."))


# A guide's history (django-reversion) holds every part of it, so a revert restores them all.
GUIDE_PARTS = (
    "duties",
    "related_titles",
    "training_steps",
    "faqs",
    "tools",
    "progression",
    "recommended_certifications",
    "moves",
    "sources",
)


@reversion.register(follow=GUIDE_PARTS)
class CareerGuide(Publishable, Reviewable):
    """Everything a job seeker needs to know about one occupation."""

    reviewed_field = "last_reviewed"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.CharField(
        _("one-line summary"),
        max_length=200,
        help_text=_("Shown in lists and as the page description for search engines."),
    )
    overview = models.TextField(help_text=_("What the job is and why it matters. Markdown."))
    work_setting = models.TextField(help_text=_("Where and how they work. Markdown."))
    who_it_suits = models.TextField(help_text=_("The people who enjoy this work. Markdown."))
    # What the guide is about: a whole handbook profile, or one occupation inside a group's
    # profile. Every fact (field, codes, education, outlook, pay) is read from there.
    occupation = models.OneToOneField(
        "occupations.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guide",
        help_text=_(
            "The handbook profile this guide goes deeper on: its facts, pay and similar "
            "occupations appear on the guide, and the profile's address leads here."
        ),
    )
    detailed_code = models.CharField(
        _("occupation inside a group (SOC)"),
        max_length=7,
        blank=True,
        validators=[soc_code_validator],
        help_text=_(
            "Instead of a profile: the code of the one occupation inside a group's profile "
            "the guide is about, e.g. 43-6013 (medical secretaries) in secretaries and "
            "administrative assistants. Its own figures appear, and the group's profile is linked."
        ),
    )
    last_reviewed = models.DateField(help_text=_("When an editor last checked the whole guide."))
    featured = models.BooleanField(
        default=False, help_text=_("Show this guide first on the home page.")
    )

    class Meta:
        ordering = ["title"]
        permissions = [("publish_careerguide", "Can publish, schedule and unpublish career guides")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(occupation__isnull=False) & models.Q(detailed_code=""))
                | (models.Q(occupation__isnull=True) & ~models.Q(detailed_code="")),
                name="guide_is_about_a_profile_or_an_occupation_in_one",
                violation_error_message=_(
                    "Choose the handbook profile the guide is about, or give the code of the "
                    "occupation inside a group's profile; one of the two, not both."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("careers:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.detailed_code and not self._code_lines().exists():
            raise ValidationError(
                {
                    "detailed_code": _(
                        "No handbook profile has an occupation with this code: use the code "
                        "of one of the occupations a group's profile lists."
                    )
                }
            )

    def _code_lines(self):
        return OccupationCode.objects.filter(
            soc_code=self.detailed_code, level=CodeLevel.DETAILED
        ).select_related("occupation__field")


class GuideChild(models.Model):
    """A part of a guide shown in an order the editor chooses."""

    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower numbers come first; equal numbers keep the order added.")
    )

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


@reversion.register()
class JobDuty(GuideChild):
    guide = models.ForeignKey(CareerGuide, on_delete=models.CASCADE, related_name="duties")
    text = models.TextField(help_text=_("One duty. Markdown."))

    class Meta(GuideChild.Meta):
        verbose_name_plural = _("job duties")

    def __str__(self) -> str:
        return self.text[:80]


@reversion.register()
class RelatedTitle(GuideChild):
    """Another name employers use for the job (“also known as”)."""

    guide = models.ForeignKey(CareerGuide, on_delete=models.CASCADE, related_name="related_titles")
    title = models.CharField(max_length=200)
    note = models.CharField(max_length=300, blank=True)

    class Meta(GuideChild.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "title"], name="related_title_unique_per_guide"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Gap(models.TextChoices):
    """What a pathway step gives you: the finder links each missing requirement to its step."""

    HIGH_SCHOOL = "high_school", _("High school diploma or GED")
    CODING_PROGRAM = "coding_program", _("Coding or health information training")
    ACCREDITED_PROGRAM = "accredited_program", _("A CAHIIM-accredited associate program")
    ASSOCIATE_DEGREE = "associate_degree", _("An associate degree")
    BACHELORS_DEGREE = "bachelors_degree", _("A bachelor’s degree")
    HIM_BACHELORS_PROGRAM = (
        "him_bachelors_program",
        _("A CAHIIM-accredited bachelor’s or master’s program"),
    )
    REGISTRY_PROGRAM = "registry_program", _("An NCRA-accredited cancer registry program")
    MA_PROGRAM = "ma_program", _("An accredited medical assisting program")
    CERTIFICATION = "certification", _("A certification")
    EXPERIENCE = "experience", _("Work experience")


@reversion.register()
class TrainingStep(GuideChild):
    """One step of the pathway into the job, in order."""

    guide = models.ForeignKey(CareerGuide, on_delete=models.CASCADE, related_name="training_steps")
    title = models.CharField(max_length=200)
    description = models.TextField(help_text=_("Markdown."))
    typical_duration = models.CharField(
        max_length=100, blank=True, help_text=_("e.g. “Under a year”.")
    )
    cost_min = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    cost_max = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    cost_currency = models.CharField(max_length=3, default="USD")
    cost_source = models.CharField(
        max_length=300, blank=True, help_text=_("Where the cost comes from, and when.")
    )
    closes_gap = models.CharField(
        max_length=30,
        choices=Gap.choices,
        blank=True,
        help_text=_("What this step gives you (the certification finder links to it)."),
    )

    class Meta(GuideChild.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost_min__isnull=True) | models.Q(cost_min__gte=0),
                name="training_step_cost_min_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_max__isnull=True) | models.Q(cost_max__gte=0),
                name="training_step_cost_max_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_min__isnull=True)
                | models.Q(cost_max__isnull=True)
                | models.Q(cost_min__lte=models.F("cost_max")),
                name="training_step_cost_range_ordered",
                violation_error_message=_("The lowest cost must not exceed the highest."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_cost(self) -> bool:
        return self.cost_min is not None or self.cost_max is not None


@reversion.register()
class FAQ(GuideChild):
    guide = models.ForeignKey(CareerGuide, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text=_("Markdown."))

    class Meta(GuideChild.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self) -> str:
        return self.question


class ToolKind(models.TextChoices):
    CODE_SET = "code_set", _("Code set")
    SOFTWARE = "software", _("Software")
    REFERENCE = "reference", _("Reference or regulation")


@reversion.register()
class Tool(GuideChild):
    """Tools of the trade: code sets, software, the rules the work follows."""

    guide = models.ForeignKey(CareerGuide, on_delete=models.CASCADE, related_name="tools")
    kind = models.CharField(max_length=20, choices=ToolKind.choices, db_index=True)
    name = models.CharField(max_length=200)
    description = models.TextField(help_text=_("Markdown."))

    def __str__(self) -> str:
        return self.name


@reversion.register()
class ProgressionStep(GuideChild):
    """One rung of the career ladder, from entry roles through this job to senior ones."""

    guide = models.ForeignKey(CareerGuide, on_delete=models.CASCADE, related_name="progression")
    next_role = models.CharField(_("role"), max_length=200)
    is_this_role = models.BooleanField(
        default=False, help_text=_("Tick for the rung that is the guide’s own job.")
    )
    what_it_takes = models.TextField(help_text=_("Experience, training, credentials. Markdown."))
    credential = models.CharField(max_length=200, blank=True, help_text=_("e.g. RHIA or CPMA"))
    education = models.CharField(max_length=200, blank=True)
    typical_years = models.CharField(
        max_length=60, blank=True, help_text=_("Typical years of experience, e.g. “3–5 years”.")
    )
    median_pay = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    pay_currency = models.CharField(max_length=3, default="USD")
    pay_source_name = models.CharField(max_length=200, blank=True)
    pay_source_url = models.URLField(max_length=500, blank=True)
    pay_period = models.CharField(max_length=40, blank=True, help_text=_("e.g. May 2024"))
    next_guide = models.ForeignKey(
        CareerGuide,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Link to that role’s own guide, when there is one."),
    )
    occupation = models.ForeignKey(
        "occupations.Occupation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "When the rung is an occupation of its own in the handbook: its profile is linked "
            "and its current median pay shown. Leave empty for a role within an occupation."
        ),
    )

    class Meta(GuideChild.Meta):
        verbose_name = _("career ladder rung")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(median_pay__isnull=True) | models.Q(median_pay__gte=0),
                name="progression_pay_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(median_pay__isnull=True)
                | (~models.Q(pay_source_name="") & ~models.Q(pay_period="")),
                name="progression_pay_has_source_and_period",
                violation_error_message=_("Pay needs its source and period."),
            ),
        ]

    def __str__(self) -> str:
        return self.next_role


@reversion.register()
class GuideCertification(GuideChild):
    """A certification the guide recommends, in the order it recommends them."""

    guide = models.ForeignKey(
        CareerGuide, on_delete=models.CASCADE, related_name="recommended_certifications"
    )
    certification = models.ForeignKey(
        "certifications.Certification", on_delete=models.PROTECT, related_name="guide_links"
    )
    note = models.CharField(max_length=300, blank=True, help_text=_("Why or when to take it."))

    class Meta(GuideChild.Meta):
        verbose_name = _("recommended certification")
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "certification"],
                name="guide_certification_unique",
                violation_error_message=_("This guide already recommends that certification."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.guide} → {self.certification.code}"


class MoveKind(models.TextChoices):
    STEP_UP = "step_up", _("Step up")
    SIDEWAYS = "sideways", _("Sideways move")


@reversion.register()
class PathwayMove(GuideChild):
    """A move from this career to another guide's: one edge of the pathway map.

    A step up goes one way; a sideways move is drawn both ways, so it is stored once, on either
    guide. `what_it_takes` and the source say what the handbook says the move needs."""

    guide = models.ForeignKey(CareerGuide, on_delete=models.CASCADE, related_name="moves")
    to_guide = models.ForeignKey(
        CareerGuide,
        on_delete=models.CASCADE,
        related_name="moves_in",
        verbose_name=_("to"),
        help_text=_("The career the move leads to."),
    )
    kind = models.CharField(max_length=20, choices=MoveKind.choices, default=MoveKind.STEP_UP)
    what_it_takes = models.CharField(
        max_length=200, help_text=_("The credential, degree or experience the move takes.")
    )
    source_name = models.CharField(
        max_length=200, help_text=_("The statement the move rests on, e.g. the handbook page.")
    )
    source_url = models.URLField(max_length=500)

    class Meta(GuideChild.Meta):
        verbose_name = _("pathway map move")
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "to_guide"],
                name="pathway_move_unique",
                violation_error_message=_("This guide already has a move to that career."),
            ),
            models.CheckConstraint(
                condition=~models.Q(guide=models.F("to_guide")),
                name="pathway_move_not_to_itself",
                violation_error_message=_("A move leads to another career."),
            ),
        ]

    def __str__(self) -> str:
        arrow = "↔" if self.kind == MoveKind.SIDEWAYS else "→"
        return f"{self.guide} {arrow} {self.to_guide}"


@reversion.register()
class GuideSource(GuideChild):
    """A publication the guide's facts come from, listed at the foot of the page."""

    guide = models.ForeignKey(CareerGuide, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500)

    def __str__(self) -> str:
        return self.title
