"""Careers side by side: which careers a comparison address asks for, and their figures.

`/careers/compare/?c=<slug>&c=<slug>…` names two to four careers, by a profile's slug or by its
guide's (extra ones, repeats and unknown names are dropped, and the page says so);
`&state=<name>` adds that state's median, and `&area=<code or name>` a metropolitan or
nonmetropolitan area's (in the state's place: the view decides which, by occupations.areas).
Every figure comes from one query for all the careers' pay, whatever their number.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from core.models import published_q
from guides.models import GuideCertification
from occupations.areas import Area
from occupations.models import AreaPay, AreaType, CodeLevel, Occupation

MIN_CAREERS, MAX_CAREERS = 2, 4


@dataclass
class Compared:
    occupation: Occupation
    national: AreaPay | None = None
    state: AreaPay | None = None
    area: AreaPay | None = None  # None: BLS publishes no figure for it in the area
    link: str = ""
    certifications: list = field(default_factory=list)
    # For a group without a national median of its own: its occupations' lowest and highest.
    median_range: tuple | None = None


@dataclass
class Comparison:
    careers: list[Compared] = field(default_factory=list)
    unknown: int = 0
    dropped: int = 0
    repeated: int = 0

    @property
    def enough(self) -> bool:
        return len(self.careers) >= MIN_CAREERS

    @property
    def slugs(self) -> list[str]:
        return [compared.occupation.slug for compared in self.careers]


def compare(slugs, user, release, state: str = "", area: Area | None = None) -> Comparison:
    wanted, seen = [], set()
    result = Comparison()
    for slug in slugs:
        if not slug:
            continue  # an empty choice of the form
        if slug in seen:
            result.repeated += 1
            continue
        seen.add(slug)
        wanted.append(slug)
    if len(wanted) > MAX_CAREERS:
        result.dropped = len(wanted) - MAX_CAREERS
        wanted = wanted[:MAX_CAREERS]
    found = _found(wanted, user)
    result.unknown = len([slug for slug in wanted if slug not in found])
    # A guide's address and its profile's name one career: the second is a repeat.
    first_slug = {}  # career → the first slug that named it
    for slug in (slug for slug in wanted if slug in found):
        if found[slug].pk in first_slug:
            result.repeated += 1
        else:
            first_slug[found[slug].pk] = slug
    wanted = list(first_slug.values())
    members = {
        slug: [
            code.soc_code for code in found[slug].codes.all() if code.level == CodeLevel.DETAILED
        ]
        for slug in wanted
    }
    codes = [found[slug].pay_code for slug in wanted if found[slug].pay_code]
    codes += [code for slug in wanted for code in members[slug]]
    # Only the places shown: the nation, the state, the area (not every area of each code).
    places = Q(area_type=AreaType.NATIONAL)
    if state:
        places |= Q(area_name=state)
    if area is not None:
        places |= Q(area_code=area.code, area_type=area.area_type)
    rows = AreaPay.objects.filter(places, release=release, soc_code__in=codes) if release else []
    national = {row.soc_code: row for row in rows if row.area_type == AreaType.NATIONAL}
    in_state = {row.soc_code: row for row in rows if state and row.area_name == state}
    in_area = {
        row.soc_code: row
        for row in rows
        if area is not None and (row.area_code, row.area_type) == (area.code, area.area_type)
    }
    for slug in wanted:
        occupation = found.get(slug)
        if occupation is None:
            continue
        guide = getattr(occupation, "guide", None)
        published_guide = guide if guide is not None and guide.is_published else None
        result.careers.append(
            Compared(
                occupation=occupation,
                national=national.get(occupation.pay_code),
                state=in_state.get(occupation.pay_code),
                area=in_area.get(occupation.pay_code),
                median_range=_range(national, members[slug]),
                link=(published_guide or occupation).get_absolute_url(),
                certifications=[
                    link.certification
                    for link in (
                        published_guide.recommended_certifications.all() if published_guide else []
                    )
                    if link.certification.is_published
                ],
            )
        )
    return result


def _range(national: dict, codes: list) -> tuple | None:
    medians = [
        national[code].annual_median
        for code in codes
        if code in national and national[code].annual_median is not None
    ]
    return (min(medians), max(medians)) if medians else None


def _found(wanted, user) -> dict:
    """The careers asked for, by the profile's slug or by its guide's (the address a visitor
    reading a guide has), a guide counting only where the visitor may see it."""
    by_guide = Q(guide__slug__in=wanted)
    if not (user.is_authenticated and user.is_staff):
        by_guide &= published_q("guide__")
    occupations = (
        Occupation.objects.visible_to(user)
        .filter(Q(slug__in=wanted) | by_guide)
        .select_related("field", "guide")
        .prefetch_related(
            "codes",
            Prefetch(
                "guide__recommended_certifications",
                queryset=GuideCertification.objects.select_related("certification"),
            ),
        )
    )
    found = {}
    for occupation in occupations:
        found[occupation.slug] = occupation
        guide = getattr(occupation, "guide", None)
        if guide is not None and guide.slug in wanted:
            found[guide.slug] = occupation
    return found
