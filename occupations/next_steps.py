"""Where my experience can take me: the careers a career's skills, knowledge and tools carry
over to best (O*NET's occupations, closest first by occupations.onet_similarity, computed by
`build_next_steps`), as the site's careers, each with its pay change and what is new to learn.

A move is told apart as
- "a new start": the career is in another of the handbook's fields;
- "a step up": same field, and its median pay at least STEP_UP more;
- "a step sideways": same field, pay within STEP_UP either way (or less).
Preparation (O*NET's job zone) is shown beside, not used to sort: the closest comes first.
Pay change is national, and in a state or a city or area when one is chosen; the kind of move
always goes by the national figures, so it does not change with where the visitor looks.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, F, When
from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import published_q

from .areas import area_medians
from .filters import with_pay
from .models import Occupation
from .onet_models import OnetRating, OnetSimilar
from .onet_names import element_name
from .work import onet_members, other_careers

STEP_UP = Decimal("0.10")  # a tenth more pay, or more, is a step up
LEARN_GAP = Decimal("0.5")  # importance higher there by at least this much is new to learn
LEARN_MIN = Decimal("3")  # …and it matters there (3 of 5 or more)
SHOWN_LEARN = 4


@dataclass
class NextStep:
    occupation: Occupation  # with its pay (median_pay, state_pay, …)
    score: float  # 0–1: how much carries over
    job_zone: int | None
    onet_code: str
    kind: str = ""  # "up", "sideways", "new"
    pay_change: int | None = None  # national median, theirs less this career's
    state_change: int | None = None
    in_area: object = None  # its AreaPay in a chosen city or area; None where none is published
    area_change: int | None = None  # its median there less this career's, both published
    learn: list = field(default_factory=list)  # [(name, their importance, this importance)]

    @property
    def kind_words(self) -> str:
        return {"up": _("A step up"), "sideways": _("A step sideways"), "new": _("A new start")}[
            self.kind
        ]

    @property
    def carries_over(self) -> int:
        return round(self.score * 100)


@dataclass
class NextSteps:
    onet: object  # this career's O*NET occupation
    own: Occupation | None  # this career, with its pay
    steps: list[NextStep]
    area: object = None  # the city or area chosen (occupations.areas.Area), if any
    own_in_area: object = None  # this career's AreaPay there, None where none is published


@dataclass
class Closest:
    """A career the section on a career's page names: no pay or learning, only how much
    carries over (the page of next steps has the rest)."""

    title: str
    url: str
    score: float

    @property
    def carries_over(self) -> int:
        return round(self.score * 100)


def closest_careers(onet, codes, limit=3) -> list[Closest]:
    """The `limit` careers this O*NET occupation's work carries over to best (two queries)."""
    own_codes = [code.soc_code for code in codes]
    best = _best_by_code(onet, own_codes)
    # One page per career: a profile a published guide covers leads to the guide.
    page = Case(
        When(published_q("occupation__guide__"), then=F("occupation__guide__slug")),
        default=F("occupation__slug"),
    )
    lines = (
        other_careers(best, own_codes)
        .annotate(page=page)
        .values_list("occupation_id", "soc_code", "occupation__title", "page")
    )
    found: dict[int, tuple] = {}
    for pk, soc, title, page_slug in lines:
        if pk not in found or best[soc][0] > found[pk][0]:
            url = reverse("careers:detail", kwargs={"slug": page_slug})
            found[pk] = (best[soc][0], title, url)
    ranked = sorted(found.values(), key=lambda item: (-item[0], item[1]))[:limit]
    return [Closest(title, url, score) for score, title, url in ranked]


def _best_by_code(onet, own_codes) -> dict[str, tuple]:
    """{SOC code: (score, job zone, O*NET code)} of this occupation's closest, not its own."""
    similar = (
        OnetSimilar.objects.filter(occupation=onet)
        .exclude(other__careers__soc_code__in=own_codes)
        .values_list("other__careers__soc_code", "score", "other__job_zone", "other__code")
    )
    best: dict[str, tuple] = {}
    for soc, score, zone, code in similar:
        if soc and (soc not in best or score > best[soc][0]):
            best[soc] = (score, zone, code)
    return best


def next_steps(
    occupation, codes, release, state="", limit=10, learn=True, onet=None, area=None
) -> NextSteps | None:
    """The closest careers to this one (its profile and codes), `limit` of them; None when O*NET
    has no data for it. Four queries (three without `learn`, one fewer given its O*NET
    occupation `onet`, one more with an `area`), whatever the career."""
    if onet is None:
        members = onet_members(codes)
        if not members:
            return None
        onet = members[0][0]
    own_codes = [code.soc_code for code in codes]
    best = _best_by_code(onet, own_codes)
    lines = other_careers(best, own_codes)
    by_profile: dict[int, tuple] = {}
    for profile_id, soc in lines.values_list("occupation_id", "soc_code"):
        if profile_id not in by_profile or best[soc][0] > by_profile[profile_id][0]:
            by_profile[profile_id] = best[soc]
    chosen = sorted(by_profile, key=lambda pk: -by_profile[pk][0])[:limit]
    wanted = [*chosen, occupation.pk] if occupation else chosen
    profiles = {
        profile.pk: profile
        for profile in with_pay(
            Occupation.objects.filter(pk__in=wanted).select_related("field", "guide"),
            release,
            state,
        )
    }
    own = profiles.get(occupation.pk) if occupation else None
    in_area = area_medians(release, area, [profile.pay_code for profile in profiles.values()])
    own_in_area = in_area.get(own.pay_code) if own is not None else None
    steps = []
    for pk in chosen:
        if pk not in profiles:
            continue
        score, zone, code = by_profile[pk]
        step = NextStep(profiles[pk], score, zone, code, in_area=in_area.get(profiles[pk].pay_code))
        classify(step, own)
        step.area_change = _change(step.in_area, own_in_area)
        steps.append(step)
    if learn and steps:
        add_learning(onet, steps)
    return NextSteps(onet=onet, own=own, steps=steps, area=area, own_in_area=own_in_area)


def _change(theirs, own) -> int | None:
    """Their annual median less this career's, where BLS publishes both (in one area)."""
    if theirs is None or own is None:
        return None
    if theirs.annual_median is None or own.annual_median is None:
        return None
    return round(theirs.annual_median - own.annual_median)


def classify(step: NextStep, own) -> None:
    theirs = step.occupation
    if own is not None and own.pay_order is not None and theirs.pay_order is not None:
        step.pay_change = round(theirs.pay_order - own.pay_order)
    if own is not None and own.state_pay is not None and theirs.state_pay is not None:
        step.state_change = round(theirs.state_pay - own.state_pay)
    if own is not None and theirs.field_id != own.field_id:
        step.kind = "new"
    elif (
        step.pay_change is not None
        and own.pay_order
        and (Decimal(step.pay_change) >= STEP_UP * own.pay_order)
    ):
        step.kind = "up"
    else:
        step.kind = "sideways"


def add_learning(onet, steps) -> None:
    """Each step's skills and knowledge that matter more there than here (one query)."""
    codes = {step.onet_code for step in steps} | {onet.code}
    ratings: dict[str, dict[str, tuple]] = {}
    for code, element, name, importance in OnetRating.objects.filter(
        occupation__code__in=codes, hidden=False, importance__isnull=False
    ).values_list("occupation__code", "element_id", "name", "importance"):
        ratings.setdefault(code, {})[element] = (element_name(element, name), importance)
    here = ratings.get(onet.code, {})
    if not here:
        return  # O*NET rates no skills for this career: nothing to compare with
    for step in steps:
        there = ratings.get(step.onet_code, {})
        gaps = [
            (name, importance, here[element][1] if element in here else None)
            for element, (name, importance) in there.items()
            if importance >= LEARN_MIN
            and importance - (here[element][1] if element in here else 0) >= LEARN_GAP
        ]
        gaps.sort(key=lambda gap: (-(gap[1] - (gap[2] or 0)), gap[0]))
        step.learn = gaps[:SHOWN_LEARN]
