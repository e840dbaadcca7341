"""schema.org JSON-LD for a career guide: Occupation, FAQPage, WebPage and BreadcrumbList.

Every value comes from the guide as editors left it; pay is the latest chart of the main region
(national figures when there are any), the same figures the page's headline shows.
"""

from core.structured_data import (
    absolute,
    breadcrumb_list,
    graph,
    html_safe_text,
    plain_text,
    web_page,
)

from .pay import NATIONAL_REGION, PayChart

SOC_CODE_SET = "https://www.bls.gov/soc/"

# schema.org's MonetaryAmountDistribution names these percentiles; others are left out.
PERCENTILE_PROPERTIES = {
    10: "percentile10",
    25: "percentile25",
    50: "median",
    75: "percentile75",
    90: "percentile90",
}


def guide_structured_data(request, guide, *, pay_chart, certification_links, breadcrumbs):
    page_url = absolute(request, guide.get_absolute_url())
    breadcrumb = breadcrumb_list(request, breadcrumbs, page_url)
    page = web_page(page_url, guide.title, guide.last_reviewed, breadcrumb)
    return graph(
        occupation(request, guide, page, pay_chart, certification_links),
        faq_page(guide, page_url),
        breadcrumb,
    )


def occupation(request, guide, page, pay_chart, certification_links) -> dict:
    page_url = page["url"]
    data = {
        "@type": "Occupation",
        "@id": f"{page_url}#occupation",
        "name": guide.title,
        "description": guide.summary,
        "url": page_url,
        "mainEntityOfPage": page,
        "educationRequirements": guide.entry_education,
    }
    if guide.soc_code:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": guide.soc_code,
            "inCodeSet": SOC_CODE_SET,
        }
    if related := [related.title for related in guide.related_titles.all()]:
        data["alternateName"] = related
    if duties := [plain_text(duty.text) for duty in guide.duties.all()]:
        data["responsibilities"] = duties
    if skills := [tool.name for tool in guide.tools.all()]:
        data["skills"] = skills
    if credentials := [
        {
            "@type": "EducationalOccupationalCredential",
            "name": link.certification.name,
            "alternateName": link.certification.code,
            "credentialCategory": "certification",
            "url": absolute(request, link.certification.get_absolute_url()),
        }
        for link in certification_links
    ]:
        data["qualifications"] = credentials
    if pay_chart is not None and (salary := estimated_salary(pay_chart)):
        data["estimatedSalary"] = [salary]
        data["occupationLocation"] = [place(pay_chart.region)]
    return data


def estimated_salary(chart: PayChart) -> dict | None:
    """One region and period of pay as a MonetaryAmountDistribution (annual amounts)."""
    percentiles = {
        PERCENTILE_PROPERTIES[band.percentile]: band.annual_amount
        for band in chart.bands
        if band.percentile in PERCENTILE_PROPERTIES
    }
    if not percentiles:
        return None
    sources = ", ".join(source["name"] for source in chart.sources)
    return {
        "@type": "MonetaryAmountDistribution",
        "name": chart.reference_period,
        "description": (
            f"Annual pay, {chart.region}, {chart.reference_period}. Source: {sources}."
        ),
        "currency": chart.bands[0].currency,
        "duration": "P1Y",
        **percentiles,
    }


def place(region: str) -> dict:
    if region == NATIONAL_REGION:
        return {"@type": "Country", "name": region}
    return {"@type": "AdministrativeArea", "name": region}


def faq_page(guide, page_url) -> dict | None:
    faqs = list(guide.faqs.all())
    if not faqs:
        return None
    return {
        "@type": "FAQPage",
        "@id": f"{page_url}#faqs",
        "url": page_url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": html_safe_text(faq.answer)},
            }
            for faq in faqs
        ],
    }
