"""Short lists for the home page, computed from the data: one query each, whatever the number
of careers, each with the source and period of the figure it ranks by."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from occupations.filters import with_pay
from occupations.models import EntryEducation, Occupation

NO_DEGREE = (
    EntryEducation.NONE,
    EntryEducation.HIGH_SCHOOL,
    EntryEducation.POSTSECONDARY,
    EntryEducation.SOME_COLLEGE,
)
LENGTH = 5


@dataclass
class Highlight:
    title: str
    source: str
    careers: list
    figure: str  # which annotated figure each career shows: outlook, openings or pay


def highlights(user, release) -> list[Highlight]:
    careers = with_pay(Occupation.objects.visible_to(user).select_related("guide"), release)
    pay_source = (
        _("%(source)s, national median, %(period)s")
        % {"source": release.source_name, "period": release.period}
        if release
        else ""
    )
    projections = "BLS Employment Projections, 2024–34"
    return [
        Highlight(
            _("Fastest-growing careers that need no degree"),
            projections,
            list(
                careers.filter(entry_education__in=NO_DEGREE, outlook_percent__gt=0).order_by(
                    "-outlook_percent", "title"
                )[:LENGTH]
            ),
            "outlook",
        ),
        Highlight(
            _("Careers with the most openings a year"),
            _("%(source)s, average openings a year") % {"source": projections},
            list(
                careers.filter(openings_per_year__isnull=False).order_by(
                    "-openings_per_year", "title"
                )[:LENGTH]
            ),
            "openings",
        ),
        Highlight(
            _("Best-paid careers you can start with a postsecondary certificate"),
            pay_source,
            list(
                careers.filter(
                    entry_education=EntryEducation.POSTSECONDARY, median_pay__isnull=False
                ).order_by("-median_pay", "title")[:LENGTH]
            ),
            "pay",
        ),
    ]
