"""O*NET's six interest areas (RIASEC), in one place: what a career's interest profile is
scored on (occupations) and what the questionnaire's activities speak to (interests)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InterestArea(models.TextChoices):
    """The six areas, by O*NET's letter, in their usual order."""

    REALISTIC = "R", _("Realistic")
    INVESTIGATIVE = "I", _("Investigative")
    ARTISTIC = "A", _("Artistic")
    SOCIAL = "S", _("Social")
    ENTERPRISING = "E", _("Enterprising")
    CONVENTIONAL = "C", _("Conventional")


# What each area means, in the site's own words ("You most enjoy …").
AREA_WORDS = {
    "R": _("hands-on work with tools, machines, plants or animals"),
    "I": _("working out problems with ideas, facts and analysis"),
    "A": _("creating, designing and expressing ideas"),
    "S": _("helping, teaching and caring for people"),
    "E": _("leading, persuading and making business decisions"),
    "C": _("working with data, records and procedures in an orderly way"),
}


def area_name(letter: str) -> str:
    return str(InterestArea(letter).label)
