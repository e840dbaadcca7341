"""The interest matcher's arithmetic (/careers/match/): a visitor's six interest scores from
their answers, and the careers ranked by how closely O*NET's interest profile of each matches.

Scores are 0–100 per area: the mean of the area's answers on the five-point scale (0 "dislike a
lot" … 4 "like a lot"), as a share of the top. A career's profile is O*NET's six interest
scores (1–7) of its O*NET occupation, the largest by employment where it has several (as its
page shows). Closeness is the correlation of the two profiles (Pearson's r): it compares their
shapes, which areas stand out and which do not, whatever their levels, so a visitor who likes
everything a little and one who likes everything a lot are read the same way. A visitor whose
six scores are all equal has no shape to compare, and is told so.

Two queries whatever the answers: the published careers' codes (filtered by field), and O*NET's
interests of those codes; the page's careers and their pay come after, in one more (two with
a city or area).
"""

from dataclasses import dataclass, field
from statistics import fmean

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.interest_areas import InterestArea, area_name
from core.models import published_q
from occupations.models import OccupationCode
from occupations.onet_models import OnetCareerCode

AREAS = InterestArea.values  # R I A S E C
SCALE = [
    (0, gettext_lazy("Dislike a lot")),
    (1, gettext_lazy("Dislike")),
    (2, gettext_lazy("Not sure")),
    (3, gettext_lazy("Like")),
    (4, gettext_lazy("Like a lot")),
]
TOP = SCALE[-1][0]
ANSWERED_SHARE = 0.5  # at least half of each area's activities, or its score says little
CLOSE_TO_SECOND = 10  # a third area this close to the second is among the visitor's top
FIT_WORDS = [
    (0.7, gettext_lazy("Strong fit")),
    (0.4, gettext_lazy("Good fit")),
    (-1.0, gettext_lazy("Some fit")),
]


def scores_from_answers(items, answers: dict[int, int]) -> tuple[dict[str, int], list[str]]:
    """({area: 0–100}, [areas with too few answers]) from {item id: 0–4}."""
    by_area: dict[str, list[int]] = {letter: [] for letter in AREAS}
    asked: dict[str, int] = dict.fromkeys(AREAS, 0)
    for item in items:
        asked[item.area] += 1
        if item.pk in answers:
            by_area[item.area].append(answers[item.pk])
    short = [
        letter
        for letter in AREAS
        if asked[letter] and len(by_area[letter]) < ANSWERED_SHARE * asked[letter]
    ]
    scores = {
        letter: round(100 * fmean(values) / TOP) if values else 0
        for letter, values in by_area.items()
    }
    return scores, short


def top_areas(scores: dict[str, int]) -> list[str]:
    """The visitor's strongest two areas, and a third close behind the second."""
    ranked = sorted(AREAS, key=lambda letter: (-scores[letter], AREAS.index(letter)))
    top = ranked[:2]
    if scores[ranked[2]] >= scores[ranked[1]] - CLOSE_TO_SECOND and scores[ranked[2]] > 0:
        top.append(ranked[2])
    return top


def correlation(xs: list[float], ys: list[float]) -> float | None:
    mean_x, mean_y = fmean(xs), fmean(ys)
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    spread = (sum(d * d for d in dx) * sum(d * d for d in dy)) ** 0.5
    if not spread:
        return None
    return sum(a * b for a, b in zip(dx, dy, strict=True)) / spread


@dataclass
class Match:
    profile_id: int
    closeness: float  # Pearson's r, −1 to 1
    shared: list[str]  # the visitor's top areas that are among the career's high points
    job_zone: int | None
    onet_title: str
    occupation: object = None  # the profile, with its pay, for the page's careers only
    link: str = ""
    in_area: object = None  # its AreaPay in a chosen city or area; None where none is published

    @property
    def fit(self) -> str:
        return next(words for least, words in FIT_WORDS if self.closeness >= least)

    @property
    def why(self) -> str:
        names = [area_name(letter) for letter in self.shared]
        if not names:
            return _("Closest to your answers in overall shape")
        if len(names) == 1:
            return _("Strong in %(area)s, like you") % {"area": names[0]}
        if len(names) == 2:
            return _("Both %(first)s and %(second)s") % {"first": names[0], "second": names[1]}
        return _("Strong in %(areas)s and %(last)s, like you") % {
            "areas": ", ".join(names[:-1]),
            "last": names[-1],
        }


@dataclass
class Ranking:
    matches: list[Match] = field(default_factory=list)
    no_shape: bool = False  # every score equal: nothing to match on


def rank_careers(scores: dict[str, int], *, field_slug="", most_zone=None) -> Ranking:
    """The published careers with O*NET interests, closest first (ties: more jobs first)."""
    visitor = [scores[letter] for letter in AREAS]
    if len(set(visitor)) == 1:
        return Ranking(no_shape=True)
    codes = OccupationCode.objects.filter(published_q("occupation__"))
    if field_slug:
        codes = codes.filter(occupation__field__slug=field_slug)
    sizes: dict[int, dict[str, int]] = {}
    for profile_id, soc, jobs in codes.values_list("occupation_id", "soc_code", "jobs"):
        sizes.setdefault(profile_id, {})[soc] = jobs or 0
    onet: dict[str, list[tuple]] = {}
    for soc, *data in OnetCareerCode.objects.filter(
        soc_code__in=codes.values("soc_code")
    ).values_list(
        "soc_code",
        "occupation__code",
        "occupation__title",
        "occupation__interests",
        "occupation__high_points",
        "occupation__job_zone",
    ):
        onet.setdefault(soc, []).append(data)
    top = set(top_areas(scores))
    ranked = []
    for profile_id, jobs in sizes.items():
        members = [(jobs[soc], data) for soc in jobs for data in onet.get(soc, [])]
        if not members:
            continue
        # The largest by employment; within one SOC code, O*NET's ".00" first (as the page).
        size, (_code, title, interests, high_points, zone) = min(
            members, key=lambda member: (-member[0], member[1][0])
        )
        if most_zone and (zone is None or zone > most_zone):
            continue
        if not interests or any(letter not in interests for letter in AREAS):
            continue
        closeness = correlation(visitor, [float(interests[letter]) for letter in AREAS])
        if closeness is None:
            continue
        shared = [letter for letter in high_points if letter in top]
        ranked.append((size, Match(profile_id, closeness, shared, zone, title)))
    ranked.sort(key=lambda pair: (-pair[1].closeness, -pair[0]))
    return Ranking(matches=[match for _size, match in ranked])
