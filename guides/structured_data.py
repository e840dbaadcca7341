"""schema.org JSON-LD for a career guide: Occupation, FAQPage, WebPage and BreadcrumbList.

Every value comes from the guide as editors left it. Pay is added per address
(occupations.structured_data.with_salary): the rest is the same for every address, so it is
built once per content version with the page's other parts (core.page_parts).
"""

from core.structured_data import (
    absolute,
    breadcrumb_list,
    graph,
    html_safe_text,
    plain_text,
    web_page,
)
from occupations.work_data import add_work

SOC_CODE_SET = "https://www.bls.gov/soc/"


def guide_structured_data(request, guide, *, certification_links, breadcrumbs, work=None):
    page_url = absolute(request, guide.get_absolute_url())
    breadcrumb = breadcrumb_list(request, breadcrumbs, page_url)
    page = web_page(page_url, guide.title, guide.last_reviewed, breadcrumb)
    return graph(
        add_work(occupation(request, guide, page, certification_links), work),
        faq_page(guide, page_url),
        breadcrumb,
    )


def occupation(request, guide, page, certification_links) -> dict:
    page_url = page["url"]
    data = {
        "@type": "Occupation",
        "@id": f"{page_url}#occupation",
        "name": guide.title,
        "description": guide.summary,
        "url": page_url,
        "mainEntityOfPage": page,
    }
    facts = guide.facts  # from the handbook's data (guides.selectors)
    if facts.education:
        data["educationRequirements"] = facts.education
    if codes := facts.soc_codes:
        data["occupationalCategory"] = [
            {"@type": "CategoryCode", "codeValue": code, "inCodeSet": SOC_CODE_SET}
            for code in codes
        ]
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
    return data


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
