"""What an area's page shows: the site's careers BLS publishes there, the best-paid and the
largest, and how their pay compares with the area's (primary) state.

Read in three queries whatever the number of careers: the area's rows, the site's careers for
their codes (through `Occupation.pay_code`, the code a profile's headline pay is for) and the
state's rows for those codes. Sorting and comparing happen here, in Python: an area has at
most about 800 codes.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from occupations.models import Occupation
from occupations.pay_models import ALL_INDUSTRIES, AreaPay, AreaType
from occupations.state_map import NAMES, TOP_CODED_ANNUAL

TOP = 10  # careers in each of the page's lists
STATE_TYPES = (AreaType.STATE, AreaType.TERRITORY)  # an area in Puerto Rico compares with it


def median_top_coded(pay) -> bool:
    """BLS gives the median only as "$239,200 or more": a rank, not a number to compare."""
    return pay is not None and pay.annual_median is None and "annual_median" in pay.top_coded


def comparable_median(pay) -> Decimal | None:
    """The annual median as a number to compare, or None (not published, or top-coded)."""
    return None if pay is None else pay.annual_median


@dataclass
class CareerHere:
    """One of the site's careers with its figures in the area and, when BLS publishes them,
    in the area's state."""

    occupation: Occupation
    pay: AreaPay
    state_pay: AreaPay | None = None

    @property
    def rank_median(self) -> Decimal | None:
        """For ordering only: a top-coded median counts as BLS's top wage, the highest there is."""
        if median_top_coded(self.pay):
            return TOP_CODED_ANNUAL
        return self.pay.annual_median

    @property
    def difference(self) -> int | None:
        """How far the area's median is above (positive) or below the state's, in whole percent;
        None when either median is not a number."""
        here, state = comparable_median(self.pay), comparable_median(self.state_pay)
        if here is None or not state:
            return None
        percent = (here - state) * 100 / state
        return int(percent.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def difference_label(self) -> str:
        """ "+12%", "−3%" (a minus sign) or "the same": as the table and the summary say it."""
        difference = self.difference
        if difference is None:
            return ""
        if difference == 0:
            return _("the same")
        return f"+{difference}%" if difference > 0 else f"−{-difference}%"


@dataclass
class AreaOverview:
    """Everything an area's page lists. `compared` holds every career with both medians;
    `comparison` the ones the page's table shows (those in the two lists above it)."""

    careers: list[CareerHere] = field(default_factory=list)
    best_paid: list[CareerHere] = field(default_factory=list)
    most_jobs: list[CareerHere] = field(default_factory=list)
    compared: list[CareerHere] = field(default_factory=list)
    comparison: list[CareerHere] = field(default_factory=list)
    state_name: str = ""

    @property
    def paying_more(self) -> int:
        return sum(1 for career in self.compared if career.difference > 0)

    @property
    def paying_less(self) -> int:
        return sum(1 for career in self.compared if career.difference < 0)

    @property
    def paying_same(self) -> int:
        return sum(1 for career in self.compared if career.difference == 0)


def _more_here(count: int) -> str:
    """ "none pays more here than statewide", "1 pays …", "5 pay …": the number agreeing with
    its verb (always said, even when none do)."""
    if count == 0:
        return _("none pays more here than statewide")
    return ngettext(
        "%(count)s pays more here than statewide", "%(count)s pay more here than statewide", count
    ) % {"count": count}


def comparison_summary(overview: AreaOverview) -> str:
    """One sentence: of the careers with a median both here and statewide, how many pay more
    here (always said, even when none do), and how many less or the same."""
    count = len(overview.compared)
    if not count:
        return ""
    careers = ngettext("one career", "%(count)s careers", count) % {"count": count}
    parts = [_more_here(overview.paying_more)]
    if overview.paying_less:
        parts.append(
            ngettext("%(count)s pays less", "%(count)s pay less", overview.paying_less)
            % {"count": overview.paying_less}
        )
    if overview.paying_same:
        parts.append(
            ngettext("%(count)s pays the same", "%(count)s pay the same", overview.paying_same)
            % {"count": overview.paying_same}
        )
    return _(
        "Of the %(careers)s on this site with a median published both here and for %(state)s "
        "as a whole, %(parts)s."
    ) % {
        "careers": careers,
        "state": overview.state_name,
        "parts": get_text_list(parts, _("and")),
    }


def state_names(postals) -> list[str]:
    """The states' names ("Texas"), in the order given; an unknown code as it is."""
    return [NAMES.get(postal, postal) for postal in postals]


def area_overview(release, area, user) -> AreaOverview:
    """The area's careers (the ones the visitor may see), best-paid, largest and compared with
    the area's primary state. Three queries, however many careers."""
    overview = AreaOverview(state_name=NAMES.get(area.postal, area.postal))
    if release is None:
        return overview
    rows = {
        pay.soc_code: pay
        for pay in release.pay.filter(
            area_code=area.code, area_type=area.area_type, industry_code=ALL_INDUSTRIES
        )
    }
    if not rows:
        return overview
    profiles = (
        Occupation.objects.visible_to(user)
        .filter(pay_code__in=rows)
        .select_related("guide")
        .order_by("title", "pk")
    )
    overview.careers = [CareerHere(profile, rows[profile.pay_code]) for profile in profiles]
    if not overview.careers:
        return overview
    state_rows = release.pay.filter(
        area_type__in=STATE_TYPES,
        postal=area.postal,
        industry_code=ALL_INDUSTRIES,
        soc_code__in={career.pay.soc_code for career in overview.careers},
    )
    by_code = {pay.soc_code: pay for pay in state_rows}
    for career in overview.careers:
        career.state_pay = by_code.get(career.pay.soc_code)
    if by_code:  # BLS's own name for the state, which the rows carry
        overview.state_name = next(iter(by_code.values())).area_name

    # Titles break ties, so the order is the same on every render (a cached page, an ETag).
    paid = [career for career in overview.careers if career.rank_median is not None]
    overview.best_paid = sorted(paid, key=lambda career: -career.rank_median)[:TOP]
    counted = [career for career in overview.careers if career.pay.employment is not None]
    overview.most_jobs = sorted(counted, key=lambda career: -career.pay.employment)[:TOP]
    overview.compared = [career for career in overview.careers if career.difference is not None]
    shown = {id(career) for career in overview.best_paid + overview.most_jobs}
    overview.comparison = sorted(
        (career for career in overview.compared if id(career) in shown),
        key=lambda career: -career.pay.annual_median,
    )
    return overview
