"""Read helpers other apps use: a profile with everything its page shows, its similar
profiles, national medians for a list of profiles, the fields with their careers, and the
context of a profile's sections (which a guide's page shows too)."""

from urllib.parse import urlencode

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from core.models import published_q
from core.page_parts import parts_key

from .areas import find_area
from .models import AreaPay, AreaType, Field, Occupation, PayRelease, SimilarOccupation
from .next_steps import closest_careers
from .pay import career_pay, industry_pay, sort_states
from .state_map import state_map
from .work import career_work


def profile_queryset(user, sections=True):
    """A profile and everything its page shows, in a fixed number of queries; without its
    `sections` (cached: core.page_parts), what the header and the pay section need."""
    profiles = Occupation.objects.visible_to(user).select_related("field")
    if not sections:
        return profiles.prefetch_related("codes")
    return profiles.prefetch_related(
        "codes",
        "duties",
        "employers",
        Prefetch("similar_links", queryset=similar_links(user)),
    )


def similar_links(user=None):
    """A profile's links to similar profiles the visitor may see (drafts only for staff)."""
    links = SimilarOccupation.objects.select_related("similar")
    if user is None or not (user.is_authenticated and user.is_staff):
        links = links.filter(published_q("similar__"))
    return links


def national_medians(profiles, release) -> dict:
    """{profile id: the national AreaPay of its headline code}, one query for them all. A group
    without a code of its own has no headline code (`pay_code` is empty), so lists show no
    figure rather than one detailed occupation's as if it were the whole group's."""
    wanted = {profile.pay_code for profile in profiles if profile.pay_code}
    pays = {}
    if release is not None and wanted:
        pays = {
            pay.soc_code: pay
            for pay in AreaPay.objects.filter(
                release=release, area_type=AreaType.NATIONAL, soc_code__in=wanted
            )
        }
    return {profile.pk: pays.get(profile.pay_code) for profile in profiles}


def similar_with_pay(occupation, release) -> list[tuple]:
    """(similar profile, its national AreaPay or None), one query for them all."""
    links = [link.similar for link in occupation.similar_links.all()]
    medians = national_medians(links, release)
    return [(profile, medians.get(profile.pk)) for profile in links]


def fields_with_counts():
    """The handbook's fields that hold a published career, each with how many."""
    return (
        Field.objects.annotate(careers=Count("occupations", filter=published_q("occupations__")))
        .filter(careers__gt=0)
        .order_by("name")
    )


def pay_context(request, occupation, page_url: str, codes=None) -> dict:
    """What a career page's pay section needs: the nation's figures, and the state and the area
    the address asks for (?state=, ?area=). A guide shows the same sections as a profile, for
    its profile or, when it is about one occupation inside a group's profile, for that
    occupation's `codes`. The rest of the page's sections: sections_context."""
    release = PayRelease.current()
    codes = list(occupation.codes.all() if codes is None else codes)
    # The career's own areas are searched first: its headline code is the first code's.
    headline = codes[0].soc_code if codes else ""
    area_search = find_area(release, request.GET.get("area", ""), headline)
    pay = career_pay(codes, request.GET.get("state", ""), release, area_search.area)
    order = "median" if request.GET.get("sort") == "median" else "state"
    # Only a state and an area the page knows go back into its links: never what was typed.
    keep = {"state": pay.state.area_name} if pay.state else {}
    if pay.area:
        keep["area"] = pay.area.area_code
    to_rows = _tiles_lead_to_rows(pay)
    state_error = (
        bool(request.GET.get("state")) and pay.national is not None and not to_rows
    ) and pay.state is None
    return {
        "occupation": occupation,
        "codes": codes,
        "career_pay": pay,
        "state_error": state_error,
        # A message that repeats what the visitor typed: the page is not kept for others.
        "shows_visitor_input": state_error or bool(area_search.error),
        "area_search": area_search,
        # An area BLS publishes no figure for this career in: said, never an empty column.
        "area_missing": area_search.area if area_search.area and not pay.area else None,
        "area_list_url": f"{page_url}pay/",
        "state_sort": order,
        "state_picker": bool(pay.states) and not to_rows and pay.national is not None,
        "tiles_lead_to_rows": to_rows,
        "sort_by_median_url": f"{page_url}?{urlencode({**keep, 'sort': 'median'})}#pay-by-state",
        "sort_by_state_url": f"{page_url}?{urlencode({**keep, 'sort': 'state'})}#pay-by-state",
        "page_url": page_url,
    }


def sections_context(request, context: dict) -> dict:
    """The sections of a career page that do not depend on its address (but for ?sort= and
    ?onet=, which are part of their cache key): the state map and table, pay by industry,
    what the work is, similar careers and next steps. `context` is pay_context's."""
    occupation, codes, pay = context["occupation"], context["codes"], context["career_pay"]
    release, page_url = pay.release, context["page_url"]
    to_rows = context["tiles_lead_to_rows"]
    similar = similar_with_pay(occupation, release) if occupation else []
    work = career_work(codes, request.GET.get("onet", ""), release, national_medians)
    steps = None
    if work is not None:  # O*NET's related careers join the handbook's similar ones, no repeats
        shown = {profile.pk for profile, _pay in similar} | {getattr(occupation, "pk", None)}
        work.related = [(p, pay) for p, pay in work.related if p.pk not in shown]
        # Where it can take you: the three closest, the rest on a page of their own.
        steps = closest_careers(work.occupation, codes)
    return {
        "industries": industry_pay(release, pay.national.soc_code if pay.national else ""),
        "state_rows": sort_states(pay.states, context["state_sort"]),
        "state_map": state_map(
            pay.states, lambda postal: _state_link(page_url, pay.states, postal, to_rows)
        ),
        "state_map_caption": _map_caption(release, to_rows),
        "similar": similar,
        "work": work,
        "next_steps": steps,
    }


def career_parts(template: str) -> dict[str, str]:
    """The parts of a career page's template (a guide's or a profile's) that are the same for
    every address, as core.page_parts renders them: {name: "template.html#partial"}."""
    states = "occupations/includes/pay_by_state.html"
    return {
        "aside": f"{template}#aside",
        "intro": f"{template}#intro",
        "state_map": f"{states}#map",
        "state_rows": f"{states}#rows",
        "body": f"{template}#body",
        # Whether the page's own text has its language or shows the English, and says so.
        "untranslated": f"{template}#untranslated",
    }


def sections_key(request, kind: str, slug: str) -> str | None:
    """The cache key of a career page's address-independent parts (core.page_parts); None,
    not to keep them, when ?onet= chooses another occupation of a group (a rare page, and one
    that may answer what was typed)."""
    if request.GET.get("onet"):
        return None
    return parts_key(
        kind,
        slug,
        request.get_host(),  # the structured data's addresses are absolute
        "median" if request.GET.get("sort") == "median" else "state",
    )


def _tiles_lead_to_rows(pay) -> bool:
    """Tiles lead to the state beside the nation where that compares like with like (the
    headline's own code); otherwise to the state's row in the table."""
    return pay.map_code is not None and pay.map_code != pay.headline_code


def _map_caption(release, to_rows: bool) -> str:
    if release is None:
        return ""
    names = {"release": release.period, "source": release.source_name}
    if to_rows:
        return (
            _(
                "Median annual pay by state, %(release)s (%(source)s); darker tiles pay more. Each "
                "tile links to its row in the table below; the table below lists every state."
            )
            % names
        )
    return (
        _(
            "Median annual pay by state, %(release)s (%(source)s); darker tiles pay more. Each "
            "tile links to that state’s figures beside the nation’s; the table below lists every "
            "state."
        )
        % names
    )


def _state_link(page_url, states, postal, to_rows=False) -> str:
    """A state's tile leads to its figures beside the nation's (or its table row); a state
    without figures, to the table, which says which states BLS published none for."""
    name = next((row.area_name for row in states if row.postal == postal), "")
    if not name:
        return "#pay-by-state"
    if to_rows:
        return f"#state-{postal}"
    return f"{page_url}?{urlencode({'state': name})}#pay"
