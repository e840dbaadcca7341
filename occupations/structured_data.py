"""schema.org JSON-LD for a handbook profile: Occupation (with its pay distribution for the
current release, added per address by with_salary), WebPage and BreadcrumbList, from the
same figures the page shows."""

from django.utils.translation import gettext as _

from core.structured_data import absolute, breadcrumb_list, graph, web_page

from .models import AreaType
from .work_data import add_work

SOC_CODE_SET = "https://www.bls.gov/soc/"
PERCENTILES = {
    "percentile10": "annual_p10",
    "percentile25": "annual_p25",
    "median": "annual_median",
    "percentile75": "annual_p75",
    "percentile90": "annual_p90",
}


def profile_structured_data(request, occupation, pay, breadcrumbs, work=None) -> dict:
    page_url = absolute(request, occupation.get_absolute_url())
    breadcrumb = breadcrumb_list(request, breadcrumbs, page_url)
    page = web_page(page_url, occupation.title, occupation.ooh_modified, breadcrumb)
    data = {
        "@type": "Occupation",
        "@id": f"{page_url}#occupation",
        "name": occupation.title,
        "description": occupation.summary,
        "url": page_url,
        "mainEntityOfPage": page,
        "sameAs": occupation.ooh_url,
    }
    if duties := [duty.text for duty in occupation.duties.all()]:
        data["responsibilities"] = duties
    if occupation.entry_education:
        data["educationRequirements"] = occupation.get_entry_education_display()
    if occupation.work_experience:
        data["experienceRequirements"] = occupation.get_work_experience_display()
    codes = [code.soc_code for code in occupation.codes.all()]
    if codes:
        data["occupationalCategory"] = [
            {"@type": "CategoryCode", "codeValue": code, "inCodeSet": SOC_CODE_SET}
            for code in codes
        ]
    if occupation.outlook_percent is not None:
        data["description"] = _(
            "%(summary)s Outlook 2024–34: %(percent)s%% (%(label)s; %(source)s)."
        ) % {
            "summary": occupation.summary,
            "percent": f"{occupation.outlook_percent:+d}",
            "label": occupation.get_outlook_label_display().lower(),
            # The handbook's name, as the page's sources name it (models.OOH_NAME in English).
            "source": _("BLS, Occupational Outlook Handbook, 2024–34 edition"),
        }
    return graph(add_work(data, work), breadcrumb)


PLACE_TYPES = {
    AreaType.NATIONAL: "Country",
    AreaType.METRO: "AdministrativeArea",
    AreaType.NONMETRO: "AdministrativeArea",
}


def with_salary(graph: dict, pay) -> dict:
    """The graph (cached for every address of the page) with the Occupation's salary for this
    address: the nation's, and the area's when one is chosen."""
    salary = salary_data(pay)
    nodes = [
        {**node, **salary} if node.get("@type") == "Occupation" else node
        for node in graph["@graph"]
    ]
    return {**graph, "@graph": nodes}


def salary_data(pay) -> dict:
    """estimatedSalary and occupationLocation: the nation's, and the metropolitan or
    nonmetropolitan area's a visitor chose (a page of its own address, ?area=). A chosen
    state's figures stay in the page: the state map is the same page for every state."""
    chosen = [pay.national, pay.area] if pay.national is not None else []
    places = [place for place in chosen if place and distribution(place, pay.release)]
    if not places:
        return {}
    return {
        "estimatedSalary": [distribution(place, pay.release) for place in places],
        "occupationLocation": [
            {"@type": PLACE_TYPES.get(place.area_type, "Place"), "name": place.place_name}
            for place in places
        ],
    }


def distribution(area_pay, release) -> dict | None:
    """An area's annual pay as a MonetaryAmountDistribution; top-coded figures are left out
    (BLS gives no number for them)."""
    percentiles = {
        name: getattr(area_pay, field)
        for name, field in PERCENTILES.items()
        if getattr(area_pay, field) is not None
    }
    if not percentiles:
        return None
    return {
        "@type": "MonetaryAmountDistribution",
        "name": release.period,
        "description": _("Annual pay, %(area)s, %(release)s (SOC %(soc)s). Source: %(source)s.")
        % {
            "area": area_pay.place_name,
            "release": release.period,
            "soc": area_pay.soc_code,
            "source": release.source_name,
        },
        "currency": "USD",
        "duration": "P1Y",
        **percentiles,
    }
