"""schema.org JSON-LD for a certification: EducationalOccupationalCredential and BreadcrumbList."""

from core.structured_data import absolute, breadcrumb_list, graph, web_page


def certification_structured_data(request, certification, *, breadcrumbs):
    page_url = absolute(request, certification.get_absolute_url())
    breadcrumb = breadcrumb_list(request, breadcrumbs, page_url)
    body = certification.body
    credential = {
        "@type": "EducationalOccupationalCredential",
        "@id": f"{page_url}#credential",
        "name": certification.name,
        "alternateName": certification.code,
        "description": certification.summary,
        "credentialCategory": "certification",
        "url": page_url,
        "sameAs": certification.official_url,
        "recognizedBy": {
            "@type": "Organization",
            "name": body.name,
            "alternateName": body.abbreviation,
            "url": body.website,
        },
        "mainEntityOfPage": web_page(
            page_url, certification.name, certification.last_checked, breadcrumb
        ),
    }
    if certification.renewal_cycle_years:
        credential["validFor"] = f"P{certification.renewal_cycle_years}Y"
    return graph(credential, breadcrumb)
