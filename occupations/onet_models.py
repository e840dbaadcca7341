"""What the work is, from O*NET: its occupations, and what each says of the work.

One `OnetRelease` holds the data as `import_onet` read it from data/onet/ (the version, its
licence and the credit line its pages must carry). Each `OnetOccupation` is one O*NET code
(29-2072.00) and names the site's SOC codes it describes (`OnetCareerCode`), which is how a
career finds its O*NET data: through its `OccupationCode` rows, nothing copied. A new release
replaces the occupations and everything under them in one transaction.
"""

import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CREDIT = (
    "This page includes information from the {name} by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
    "O*NET® is a trademark of USDOL/ETA. CareerPath has modified all or some of this "
    "information. USDOL/ETA has not approved, endorsed, or tested these modifications."
)


class OnetRelease(models.Model):
    """The O*NET database the site's data comes from ("O*NET 30.1 Database", December 2025)."""

    version = models.CharField(max_length=10, unique=True, help_text=_("e.g. 30.1"))
    name = models.CharField(max_length=60, help_text=_("e.g. O*NET 30.1 Database"))
    released = models.CharField(max_length=30, help_text=_("e.g. December 2025"))
    skills_version = models.CharField(
        max_length=10, blank=True, help_text=_("The release skills and knowledge come from.")
    )
    licence = models.CharField(max_length=30, default="CC BY 4.0")
    licence_url = models.URLField(default="https://creativecommons.org/licenses/by/4.0/")
    source_url = models.URLField(default="https://www.onetcenter.org/database.html")
    file_sha256 = models.CharField(max_length=64)
    imported = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-imported", "-pk"]
        verbose_name = _("O*NET release")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.source_url

    @property
    def credit(self) -> str:
        """The credit the licence asks for, with the version (data README)."""
        return CREDIT.format(name=self.name)

    @classmethod
    def current(cls):
        return cls.objects.first()


@reversion.register(follow=("titles", "technology", "ratings"))
class OnetOccupation(models.Model):
    """One O*NET occupation and the ratings O*NET gives it as a whole."""

    release = models.ForeignKey(OnetRelease, on_delete=models.CASCADE, related_name="occupations")
    code = models.CharField(max_length=10, help_text=_("O*NET-SOC code, e.g. 29-2072.00"))
    title = models.CharField(max_length=200)
    job_zone = models.PositiveSmallIntegerField(null=True, blank=True)
    # The six RIASEC scores (1–7) by letter, as O*NET gives them ("4.33"); high points in order.
    interests = models.JSONField(default=dict, blank=True)
    high_points = models.CharField(max_length=3, blank=True)
    # "Required Level of Education": O*NET's category number → share of people in the job (%).
    education = models.JSONField(default=dict, blank=True)
    work_styles = models.JSONField(default=dict, blank=True)
    work_values = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("O*NET occupation")
        constraints = [
            models.UniqueConstraint(fields=["release", "code"], name="onet_code_once_a_release"),
            models.CheckConstraint(
                condition=models.Q(job_zone__isnull=True) | models.Q(job_zone__range=(1, 5)),
                name="onet_job_zone_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return f"https://www.onetonline.org/link/summary/{self.code}"


class OnetCareerCode(models.Model):
    """A site SOC code an O*NET occupation describes (29-2072.00 → 29-2072)."""

    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="careers")
    soc_code = models.CharField(max_length=7, db_index=True)

    class Meta:
        ordering = ["occupation", "soc_code"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "soc_code"], name="onet_career_once")
        ]

    def __str__(self) -> str:
        return f"{self.occupation.code} → {self.soc_code}"


class OnetPart(models.Model):
    """Something O*NET says of one occupation. Editors may hide one that misleads on a page;
    they never edit it."""

    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="+")
    hidden = models.BooleanField(default=False, help_text=_("Not shown on the site."))

    class Meta:
        abstract = True


class TitleKind(models.TextChoices):
    REPORTED = "reported", _("Reported by people in the job")
    ALTERNATE = "alternate", _("Alternate title")


@reversion.register()
class OnetTitle(OnetPart):
    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="titles")
    kind = models.CharField(max_length=10, choices=TitleKind.choices)
    title = models.CharField(max_length=250)
    short_title = models.CharField(max_length=100, blank=True)
    in_my_next_move = models.BooleanField(default=False)

    class Meta:
        ordering = ["occupation", "-kind", "title"]  # reported first
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "kind", "title"], name="onet_title_once_an_occupation"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Technology(models.Model):
    """A product O*NET names as used in some occupations (Epic Systems, AutoCAD, Python)."""

    name = models.CharField(max_length=250, unique=True)
    slug = models.SlugField(max_length=250, unique=True)
    commodity_code = models.CharField(max_length=8)
    commodity_title = models.CharField(max_length=200, help_text=_("What kind of product it is."))

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("technologies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("careers:technology", kwargs={"slug": self.slug})


@reversion.register()
class OnetTechnology(OnetPart):
    occupation = models.ForeignKey(
        OnetOccupation, on_delete=models.CASCADE, related_name="technology"
    )
    technology = models.ForeignKey(Technology, on_delete=models.PROTECT, related_name="uses")
    hot = models.BooleanField(default=False, help_text=_("O*NET's hot technology"))
    in_demand = models.BooleanField(default=False, help_text=_("Often in job postings"))

    class Meta:
        ordering = ["occupation", "technology__commodity_title", "technology__name"]
        verbose_name_plural = _("O*NET technology")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "technology"], name="onet_tech_once")
        ]

    def __str__(self) -> str:
        return f"{self.technology} in {self.occupation.code}"


class RatingKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    KNOWLEDGE = "knowledge", _("Knowledge")


@reversion.register()
class OnetRating(OnetPart):
    """A skill or knowledge area: how important it is (1–5) and at what level (0–7)."""

    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="ratings")
    kind = models.CharField(max_length=10, choices=RatingKind.choices)
    element_id = models.CharField(max_length=20)
    name = models.CharField(max_length=100)
    importance = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    level = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["occupation", "kind", "-importance", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "kind", "element_id"], name="onet_rating_once"
            ),
            models.CheckConstraint(
                condition=models.Q(importance__isnull=True) | models.Q(importance__range=(1, 5)),
                name="onet_importance_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__range=(0, 7)),
                name="onet_level_0_to_7",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display().lower()}) in {self.occupation.code}"


class OnetRelated(OnetPart):
    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="related")
    related = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="+")
    tier = models.CharField(max_length=20, help_text=_("O*NET's tier, e.g. Primary-Short"))
    index = models.PositiveSmallIntegerField(help_text=_("O*NET's order, closest first"))

    class Meta:
        ordering = ["occupation", "index"]
        verbose_name_plural = _("O*NET related occupations")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "related"], name="onet_related_once")
        ]

    def __str__(self) -> str:
        return f"{self.occupation.code} → {self.related.code}"


class OnetSimilar(models.Model):
    """One of an O*NET occupation's closest occupations by what carries over (skills and
    knowledge, tools, O*NET's related tiers): occupations.onet_similarity, computed by
    `build_next_steps` after each import, never edited."""

    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="similar")
    other = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(help_text=_("0 (nothing carries over) to 1"))

    class Meta:
        ordering = ["occupation", "-score", "other"]
        verbose_name = _("O*NET similar occupation")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "other"], name="onet_similar_once"),
            models.CheckConstraint(
                condition=models.Q(score__range=(0, 1)), name="onet_similar_score_0_to_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation.code} → {self.other.code} ({self.score:.2f})"
