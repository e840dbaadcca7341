"""Every occupation of the BLS Occupational Outlook Handbook, and OEWS pay for its SOC codes.

A profile (`Occupation`) holds the facts BLS publishes for it, imported by `import_ooh` from
data/ooh/, and a summary in the site's own words that an editor may rewrite and no import
overwrites (its duties: occupations.duties). Pay (`AreaPay`) is one row per OEWS release, SOC
code and area (the nation, each state), imported by `import_oews` from BLS's OEWS layout.
"""

import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Publishable

NATIONAL_AREA_NAME = "United States"
OOH_NAME = "BLS, Occupational Outlook Handbook, 2024–34 edition"
PROJECTIONS_NAME = "BLS Employment Projections, 2024–34"


class EntryEducation(models.TextChoices):
    """BLS's typical entry-level education categories, from the most to the least."""

    DOCTORAL = "doctoral", _("Doctoral or professional degree")
    MASTERS = "masters", _("Master’s degree")
    BACHELORS = "bachelors", _("Bachelor’s degree")
    ASSOCIATES = "associates", _("Associate’s degree")
    POSTSECONDARY = "postsecondary_nondegree", _("Postsecondary nondegree award")
    SOME_COLLEGE = "some_college", _("Some college, no degree")
    HIGH_SCHOOL = "high_school", _("High school diploma or equivalent")
    NONE = "no_formal", _("No formal educational credential")
    SEE_PROFILE = "see_profile", _("Varies (see how to become one)")


class WorkExperience(models.TextChoices):
    FIVE_OR_MORE = "5_or_more", _("5 years or more")
    LESS_THAN_FIVE = "less_than_5", _("Less than 5 years")
    NONE = "none", _("None")
    SEE_PROFILE = "see_profile", _("Varies (see how to become one)")


class Training(models.TextChoices):
    """BLS's typical on-the-job training categories."""

    INTERNSHIP = "internship", _("Internship/residency")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    LONG_TERM = "long_term", _("Long-term on-the-job training")
    MODERATE_TERM = "moderate_term", _("Moderate-term on-the-job training")
    SHORT_TERM = "short_term", _("Short-term on-the-job training")
    NONE = "none", _("None")
    SEE_PROFILE = "see_profile", _("Varies (see how to become one)")


class OutlookLabel(models.TextChoices):
    """BLS's words for a projected change, from the fastest growth to decline."""

    MUCH_FASTER = "much_faster", _("Much faster than average")
    FASTER = "faster", _("Faster than average")
    AS_FAST = "as_fast", _("As fast as average")
    SLOWER = "slower", _("Slower than average")
    LITTLE_OR_NO_CHANGE = "little_or_no_change", _("Little or no change")
    DECLINE = "decline", _("Decline")


class Field(models.Model):
    """One of the handbook's 25 occupational fields (its "occupation groups")."""

    slug = models.SlugField(max_length=60, unique=True, help_text=_("As in the OOH's addresses."))
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:field", kwargs={"slug": self.slug})

    @property
    def ooh_url(self) -> str:
        return f"https://www.bls.gov/ooh/{self.slug}/home.htm"


OCCUPATION_PARTS = ("codes", "employers", "similar_links", "duties")  # a revert restores all


@reversion.register(follow=OCCUPATION_PARTS)
class Occupation(Publishable):
    """A career profile: one occupation of the Occupational Outlook Handbook."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True, help_text=_("The OOH page’s name."))
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="occupations")
    summary = models.CharField(
        max_length=300,
        help_text=_(
            "What the work is, in one or two sentences of the site’s own words. "
            "Imports never change it."
        ),
    )
    search_terms = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "Other names people type for this job, separated by commas: search finds the "
            "career by them; they are not shown."
        ),
    )
    soc_codes = models.CharField(
        _("SOC codes"),
        max_length=300,
        blank=True,
        help_text=_("Its codes, space-separated, for search (import_ooh keeps it in line)."),
    )
    pay_code = models.CharField(
        _("SOC code of the headline pay"),
        max_length=7,
        blank=True,
        db_index=True,
        help_text=_(
            "The profile's only code or its group's, when it has one: the code its single pay "
            "figure is for (import_ooh keeps it in line). Empty for a group without a code."
        ),
    )
    ooh_url = models.URLField(_("OOH address"), max_length=300, unique=True)
    ooh_modified = models.DateField(_("OOH page last modified"), null=True, blank=True)
    entry_education = models.CharField(
        _("typical entry-level education"),
        max_length=30,
        choices=EntryEducation.choices,
        blank=True,
    )
    work_experience = models.CharField(
        _("work experience in a related occupation"),
        max_length=20,
        choices=WorkExperience.choices,
        blank=True,
    )
    training = models.CharField(
        _("typical on-the-job training"), max_length=20, choices=Training.choices, blank=True
    )
    jobs = models.PositiveIntegerField(_("number of jobs, 2024"), null=True, blank=True)
    projected_jobs = models.PositiveIntegerField(_("projected jobs, 2034"), null=True, blank=True)
    employment_change = models.IntegerField(_("employment change, 2024–34"), null=True, blank=True)
    outlook_percent = models.SmallIntegerField(_("job outlook, 2024–34 (%)"), null=True, blank=True)
    outlook_label = models.CharField(
        _("job outlook label"), max_length=30, choices=OutlookLabel.choices, blank=True
    )
    openings_per_year = models.PositiveIntegerField(
        _("openings a year, 2024–34 average"), null=True, blank=True
    )
    similar = models.ManyToManyField(
        "self", through="SimilarOccupation", symmetrical=False, related_name="+", blank=True
    )

    class Meta:
        ordering = ["title"]
        permissions = [("publish_occupation", "Can publish, schedule and unpublish profiles")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outlook_percent__gte=-100) | models.Q(outlook_percent=None),
                name="occupation_outlook_at_least_minus_100",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("careers:detail", kwargs={"slug": self.slug})

    @property
    def group_code(self):
        """The code the profile's quick facts describe (the group, or its only code)."""
        codes = list(self.codes.all())
        return codes[0] if codes else None


class OccupationPart(models.Model):
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class CodeLevel(models.TextChoices):
    SINGLE = "single", _("The whole profile")
    GROUP = "group", _("The group the profile covers")
    DETAILED = "detailed", _("A detailed occupation within the group")


@reversion.register()
class OccupationCode(OccupationPart):
    """A SOC code of the profile's projections table: its only code, or the group and its parts."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="codes")
    soc_code = models.CharField(_("SOC code"), max_length=7, db_index=True)
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=CodeLevel.choices)
    jobs = models.PositiveIntegerField(_("jobs, 2024"), null=True, blank=True)
    projected_jobs = models.PositiveIntegerField(_("projected jobs, 2034"), null=True, blank=True)
    change_percent = models.SmallIntegerField(_("change, 2024–34 (%)"), null=True, blank=True)
    change = models.IntegerField(_("change, 2024–34"), null=True, blank=True)

    class Meta(OccupationPart.Meta):
        verbose_name = _("SOC code")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "soc_code"], name="occupation_code_unique_per_profile"
            )
        ]

    def __str__(self) -> str:
        return f"{self.soc_code} {self.title}"


@reversion.register()
class LargestEmployer(OccupationPart):
    """An industry employing a share of the occupation's workers, as the OOH lists them."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="employers")
    industry = models.CharField(max_length=200)
    percent = models.PositiveSmallIntegerField()

    class Meta(OccupationPart.Meta):
        verbose_name = _("largest employer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="largest_employer_percent_0_100"
            ),
            models.UniqueConstraint(
                fields=["occupation", "industry"], name="largest_employer_unique_per_profile"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.industry} ({self.percent}%)"


@reversion.register()
class SimilarOccupation(OccupationPart):
    """A link from one profile to another the handbook calls similar."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="similar_links"
    )
    similar = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")

    class Meta(OccupationPart.Meta):
        verbose_name = _("similar occupation")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "similar"], name="similar_occupation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(occupation=models.F("similar")),
                name="similar_occupation_not_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} → {self.similar}"


class ImportRun(models.Model):
    """One run of an import (ooh, oews, onet), with its report: the history of imported data."""

    kind = models.CharField(
        max_length=10, choices=[("ooh", "OOH"), ("oews", "OEWS"), ("onet", "O*NET")]
    )
    file_name = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    ran_at = models.DateTimeField(auto_now_add=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    report = models.TextField()

    class Meta:
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import of {self.file_name} ({self.ran_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("admin:occupations_importrun_change", args=[self.pk])


# Pay has a module of its own; the names stay importable from here, where most readers look.
from .pay_models import PAY_FIGURES, AreaPay, AreaType, PayRelease  # noqa: E402, F401
