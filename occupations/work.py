"""What the work is, for one career page: the O*NET data of the career's codes, as the page's
sections show it (also called, tools and technology, skills and knowledge, interests,
preparation, related careers), read in a fixed number of queries whatever the career.

A career with several codes (a group profile) shows the O*NET occupation of its largest code by
employment, says so, and lets the visitor choose another (`?onet=<code>`, in the address, so
the page stays the same for everyone who asks for it).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.interest_areas import AREA_WORDS, area_name
from core.models import published_q

from .models import Occupation, OccupationCode
from .onet_models import (
    OnetCareerCode,
    OnetRating,
    OnetRelated,
    OnetTechnology,
    OnetTitle,
    RatingKind,
    TitleKind,
)
from .onet_names import commodity_title, element_name

SHOWN_TITLES = 12
SHOWN_RATINGS = 8
SHOWN_RELATED = 8
# O*NET's five job zones, in the site's own words.
JOB_ZONES = {
    1: gettext_lazy("Little or no preparation: a few days to a few months of training on the job."),
    2: gettext_lazy(
        "Some preparation: usually a high school diploma, and months to a year of training or "
        "experience."
    ),
    3: gettext_lazy(
        "Medium preparation: usually vocational training, an associate's degree or a "
        "certificate, and one to two years of experience or training."
    ),
    4: gettext_lazy(
        "Considerable preparation: most people have a bachelor's degree and several years of "
        "experience."
    ),
    5: gettext_lazy(
        "Extensive preparation: most people have a graduate degree, and many have years of "
        "experience beyond it."
    ),
}
# O*NET's "Required Level of Education" categories, said briefly.
# Lazy: the page shows them in its language; the JSON document keeps the English names as keys
# (occupations.work_data).
EDUCATION_LEVELS = {
    "1": gettext_lazy("Less than a high school diploma"),
    "2": gettext_lazy("High school diploma or equivalent"),
    "3": gettext_lazy("Postsecondary certificate"),
    "4": gettext_lazy("Some college courses"),
    "5": gettext_lazy("Associate's degree"),
    "6": gettext_lazy("Bachelor's degree"),
    "7": gettext_lazy("Post-baccalaureate certificate"),
    "8": gettext_lazy("Master's degree"),
    "9": gettext_lazy("Post-master's certificate"),
    "10": gettext_lazy("First professional degree"),
    "11": gettext_lazy("Doctoral degree"),
    "12": gettext_lazy("Post-doctoral training"),
}


def one_decimal(value: Decimal) -> str:
    """As `floatformat:1` shows it (half up), without a template filter per number."""
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class Rating:
    name: str
    element_id: str
    importance: Decimal
    level: Decimal | None

    @property
    def url(self) -> str:
        return f"https://www.onetonline.org/find/descriptor/result/{self.element_id}"

    @property
    def importance_shown(self) -> str:
        return one_decimal(self.importance)


@dataclass(frozen=True)
class Product:
    name: str
    slug: str
    hot: bool
    in_demand: bool
    url: str  # its page: reversed once per career, not once per product (dozens of them)


@dataclass
class Interest:
    letter: str
    score: Decimal
    high_point: int | None  # 1 for the strongest, 2, 3

    @property
    def name(self):
        return area_name(self.letter)

    @property
    def score_shown(self) -> str:
        return one_decimal(self.score)

    @property
    def words(self) -> str:
        return AREA_WORDS[self.letter]


@dataclass
class CareerWork:
    occupation: object  # OnetOccupation
    members: list = field(default_factory=list)  # [(OnetOccupation, jobs)] when several
    chosen_missing: bool = False  # the address asked for an occupation this career lacks
    reported_titles: list = field(default_factory=list)
    alternate_titles: list = field(default_factory=list)
    technology: list = field(default_factory=list)  # [(kind of product, [OnetTechnology])]
    skills: list = field(default_factory=list)
    knowledge: list = field(default_factory=list)
    related: list = field(default_factory=list)  # [(Occupation, its national AreaPay)]

    @property
    def release(self):
        return self.occupation.release

    @cached_property
    def interests(self) -> list[Interest]:
        points = self.occupation.high_points
        scores = [
            Interest(letter, Decimal(score), points.index(letter) + 1 if letter in points else None)
            for letter, score in self.occupation.interests.items()
        ]
        return sorted(scores, key=lambda i: "RIASEC".index(i.letter))

    @cached_property
    def high_points(self) -> list[Interest]:
        by_letter = {i.letter: i for i in self.interests}
        return [by_letter[letter] for letter in self.occupation.high_points if letter in by_letter]

    @property
    def high_points_words(self) -> str:
        """What the strongest interests are about, as one list for a sentence ("…, … and …")."""
        words = [
            _("%(words)s (%(name)s)") % {"words": interest.words, "name": interest.name}
            for interest in self.high_points
        ]
        return str(get_text_list(words, _("and")))

    @property
    def job_zone_words(self) -> str:
        return JOB_ZONES.get(self.occupation.job_zone, "")

    @cached_property
    def education(self) -> list[tuple[str, Decimal]]:
        shares = self.occupation.education
        return [
            (EDUCATION_LEVELS[category], Decimal(shares[category]))
            for category in sorted(shares, key=int)
            if category in EDUCATION_LEVELS and Decimal(shares[category]) >= 1
        ]

    @cached_property
    def rating_groups(self) -> list[tuple[str, list]]:
        groups = ((_("Skills"), self.skills), (_("Knowledge"), self.knowledge))
        return [(heading, ratings) for heading, ratings in groups if ratings]

    @cached_property
    def hot_technology(self) -> int:
        return sum(use.hot for _kind, uses in self.technology for use in uses)


def onet_members(codes) -> list[tuple]:
    """[(OnetOccupation, jobs)] of a career with these `OccupationCode`s, the largest by
    employment first (within one SOC code, O*NET's own ".00" before its finer ones); one query."""
    jobs = {code.soc_code: code.jobs or 0 for code in codes}
    links = (
        OnetCareerCode.objects.filter(soc_code__in=jobs)
        .select_related("occupation__release")
        .defer("occupation__work_styles", "occupation__work_values")  # not on the page
        .order_by("occupation__code")
    )
    members = {}
    for link in links:
        size = max(members.get(link.occupation, 0), jobs.get(link.soc_code, 0))
        members[link.occupation] = size
    return sorted(members.items(), key=lambda item: (-item[1], item[0].code))


def career_work(codes, chosen: str, release, national_medians) -> CareerWork | None:
    """The O*NET data for a career with these `OccupationCode`s (None when O*NET has none)."""
    ranked = onet_members(codes)
    if not ranked:
        return None
    by_code = {occupation.code: occupation for occupation, _jobs in ranked}
    occupation = by_code.get(chosen) or ranked[0][0]
    work = CareerWork(
        occupation=occupation,
        members=ranked if len(ranked) > 1 else [],
        chosen_missing=bool(chosen) and chosen not in by_code,
    )
    # Plain rows, not objects, here and below: a career has up to hundreds of titles.
    titles = OnetTitle.objects.filter(occupation=occupation, hidden=False)
    for kind, title in titles.values_list("kind", "title"):
        if kind == TitleKind.REPORTED:
            work.reported_titles.append(title)
        elif title not in work.reported_titles:
            work.alternate_titles.append(title)
    work.reported_titles = work.reported_titles[:SHOWN_TITLES]
    work.alternate_titles = work.alternate_titles[:SHOWN_TITLES]
    groups = defaultdict(list)
    uses = OnetTechnology.objects.filter(occupation=occupation, hidden=False).values_list(
        "technology__name",
        "technology__slug",
        "technology__commodity_code",
        "technology__commodity_title",
        "hot",
        "in_demand",
    )
    pages = reverse("careers:technology", kwargs={"slug": "-"}).removesuffix("-/")
    for name, slug, code, kind, hot, in_demand in uses:  # plain rows: no objects for a long list
        product = Product(name, slug, hot, in_demand, f"{pages}{slug}/")
        groups[commodity_title(code, kind)].append(product)
    # Kinds with a hot technology first, then by size: what employers ask for comes first.
    work.technology = sorted(
        groups.items(), key=lambda item: (-any(u.hot for u in item[1]), -len(item[1]), item[0])
    )
    ratings = OnetRating.objects.filter(
        occupation=occupation, hidden=False, importance__isnull=False
    ).order_by("-importance", "name")
    rows = ratings.values_list("kind", "name", "element_id", "importance", "level")
    for kind, name, element_id, importance, level in rows:
        kept = work.skills if kind == RatingKind.SKILL else work.knowledge
        if len(kept) < SHOWN_RATINGS:
            kept.append(Rating(element_name(element_id, name), element_id, importance, level))
    work.related = _related(occupation, codes, release, national_medians)
    return work


def other_careers(codes, own):
    """The codes of published profiles among `codes`, leaving out any profile that carries
    one of `own` (the career itself)."""
    return OccupationCode.objects.filter(published_q("occupation__"), soc_code__in=codes).exclude(
        occupation__codes__soc_code__in=own
    )


def _related(occupation, codes, release, national_medians) -> list:
    """O*NET's related occupations as the site's careers, closest first, without this one."""
    related_codes = list(
        OnetRelated.objects.filter(occupation=occupation, hidden=False)
        .order_by("index")
        .values_list("related__careers__soc_code", flat=True)
    )
    own = {code.soc_code for code in codes}
    order = {}
    for soc in related_codes:
        if soc and soc not in own:
            order.setdefault(soc, len(order))
    if not order:
        return []
    # Each published profile carrying a related code (not one of this career's), closest first:
    # one query for the profiles and the codes that bring them, as plain rows.
    lines = other_careers(order, own).values_list(
        "soc_code", "occupation_id", "occupation__title", "occupation__slug", "occupation__pay_code"
    )
    found, rank = {}, {}
    for soc, pk, title, slug, pay_code in lines:
        found[pk] = (title, slug, pay_code)
        rank[pk] = min(rank.get(pk, len(order)), order[soc])
    ranked = sorted(found, key=lambda pk: (rank[pk], found[pk][0]))[:SHOWN_RELATED]
    # Only what a link and a median need, for the few shown.
    chosen = []
    for pk in ranked:
        title, slug, pay_code = found[pk]
        chosen.append(Occupation(pk=pk, title=title, slug=slug, pay_code=pay_code))
    medians = national_medians(chosen, release)
    return [(profile, medians.get(profile.pk)) for profile in chosen]
