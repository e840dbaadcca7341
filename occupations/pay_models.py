"""OEWS pay: a release (`PayRelease`) and its estimates (`AreaPay`), one row per SOC code and
area (the nation, a state or territory, a metropolitan or nonmetropolitan area) and, for the
nation, per industry too. The one table every page's pay is read from (by `occupations.pay`).
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.periods import month_year


class PayRelease(models.Model):
    """One OEWS release ("May 2025"). The newest is the site's current pay everywhere."""

    code = models.CharField(max_length=10, unique=True, help_text=_("BLS’s code, e.g. 2025A01."))
    name = models.CharField(max_length=20, unique=True, help_text=_("e.g. May 2025"))
    published = models.DateField(help_text=_("When BLS published it."))
    source_name = models.CharField(
        max_length=200, default="BLS Occupational Employment and Wage Statistics (OEWS)"
    )
    source_url = models.URLField(max_length=300, default="https://www.bls.gov/oes/tables.htm")

    class Meta:
        ordering = ["-published"]

    def __str__(self) -> str:
        return f"OEWS {self.name}"

    def get_absolute_url(self) -> str:
        return self.source_url

    @property
    def period(self) -> str:
        """The release's month in the page's language: "May 2025", "mayo de 2025"."""
        return month_year(self.name)

    @classmethod
    def current(cls):
        return cls.objects.first()

    def state_names(self) -> list[str]:
        """The states (and DC) this release has figures for, by name: one query."""
        rows = self.pay.filter(area_type=AreaType.STATE)
        return list(rows.values_list("area_name", flat=True).distinct().order_by("area_name"))


class AreaType(models.TextChoices):
    NATIONAL = "national", _("The nation")
    STATE = "state", _("State or DC")
    TERRITORY = "territory", _("Territory")
    METRO = "metro", _("Metropolitan area")
    NONMETRO = "nonmetro", _("Nonmetropolitan area")
    INDUSTRY = "industry", _("The nation, in one industry")


# Where a visitor lives: the places "Pay near you" and /pay/<area>/ offer.
LOCAL_AREA_TYPES = (AreaType.METRO, AreaType.NONMETRO)
ALL_INDUSTRIES = "000000"


PAY_FIGURES = tuple(
    f"{unit}_{point}"
    for unit in ("annual", "hourly")
    for point in ("mean", "p10", "p25", "median", "p75", "p90")
)


class AreaPay(models.Model):
    """OEWS estimates for one SOC code in one area for one release: all industries, or, for
    the nation, one industry (`area_type` INDUSTRY, with its NAICS code and title).

    An empty figure is one BLS did not publish; `top_coded` names the figures BLS gives only as
    "at or above" its top wage ($115.00 an hour, $239,200 a year): they are not numbers.
    """

    release = models.ForeignKey(PayRelease, on_delete=models.CASCADE, related_name="pay")
    soc_code = models.CharField(_("SOC code"), max_length=7)
    soc_title = models.CharField(_("OEWS title"), max_length=200)
    area_type = models.CharField(max_length=10, choices=AreaType.choices)
    area_code = models.CharField(
        max_length=60,
        help_text=_("BLS’s AREA: 99 for the nation, a state’s FIPS code, a metro area’s code."),
    )
    area_name = models.CharField(max_length=100)
    postal = models.CharField(
        max_length=2, help_text=_("US for the nation, else the (primary) state’s.")
    )
    states = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("The states a metropolitan area spans, its primary state first: “PA NJ”."),
    )
    industry_code = models.CharField(
        max_length=6, default=ALL_INDUSTRIES, help_text=_("NAICS; 000000 for all industries.")
    )
    industry_title = models.CharField(max_length=200, blank=True)
    employment = models.PositiveIntegerField(null=True, blank=True)
    annual_mean = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    annual_p10 = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    annual_p25 = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    annual_median = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    annual_p75 = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    annual_p90 = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    hourly_mean = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p10 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p25 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p75 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p90 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    top_coded = models.CharField(
        max_length=200, blank=True, help_text=_("Figures at or above BLS’s top wage, e.g. p90.")
    )
    annual_only = models.BooleanField(
        default=False, help_text=_("BLS publishes no hourly wage (paid by the year).")
    )
    hourly_only = models.BooleanField(
        default=False, help_text=_("BLS publishes no annual wage (not year-round work).")
    )

    class Meta:
        verbose_name = _("pay in an area")
        verbose_name_plural = _("pay by area")
        ordering = ["release", "soc_code", "area_type", "area_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "soc_code", "area_code", "industry_code"],
                name="area_pay_unique_with_industry",
            ),
            # Pay is never negative, whichever way a figure arrives (an import, the shell).
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 0})
                    | models.Q(**{f"{name}__isnull": True}),
                    name=f"area_pay_{name}_non_negative",
                    violation_error_message=_("Pay cannot be negative."),
                )
                for name in PAY_FIGURES
            ),
        ]
        # The lists and the finder look up one row per profile (its code's national figure,
        # or one state's) for every profile they sort or filter by pay: with the area in the
        # index each lookup is one probe, not a walk through the code's 54 areas. Measured at
        # 10× today's profiles (analyzed tables): national lookups about the same as with
        # (release, soc_code) alone, a state's about a fifth faster.
        indexes = [
            models.Index(
                fields=["release", "soc_code", "area_type"], name="area_pay_code_area_type"
            ),
            models.Index(
                fields=["release", "soc_code", "area_name"], name="area_pay_code_area_name"
            ),
            # An area's own page reads every career there.
            models.Index(fields=["release", "area_code"], name="area_pay_area"),
            # The states, and the areas, a release has figures for (one DISTINCT each).
            models.Index(fields=["release", "area_type", "area_name"], name="area_pay_type_name"),
        ]

    def __str__(self) -> str:
        industry = f" ({self.industry_title})" if self.industry_title else ""
        return f"{self.soc_code} {self.area_name}{industry}, {self.release.name}"

    def get_absolute_url(self) -> str:
        return self.release.source_url

    @property
    def place_name(self) -> str:
        """Where the figures are for, in the page's language: the nation's name is the site's
        to say ("Estados Unidos"); a state's or an area's is BLS's, as people search for it."""
        if self.area_type == AreaType.NATIONAL:
            return gettext("United States")
        return self.area_name
