"""The health-information family's guides and the pages issue 16 added, for the suites that
check every page type (axe, the Nu checker) and the family's own tests."""

FAMILY = [
    "medical-records-specialist",
    "health-information-technologist",
    "medical-and-health-services-manager",
    "medical-transcriptionist",
    "medical-assistant",
    "medical-secretary",
    "billing-and-posting-clerk",
]
NEIGHBOURS = FAMILY[1:]
NEW_CERTIFICATIONS = [
    "rhia",
    "ccs",
    "ctr",
    "cpb",
    "cpma",
    "rhds",
    "chds",
    "cma",
    "ccma",
    "cmaa",
    "cbcs",
]

FAMILY_PAGES = {
    **{f"family guide: {slug}": f"/careers/{slug}/" for slug in NEIGHBOURS},
    "pathway map": "/careers/pathway-map/",
    **{f"certification: {code}": f"/certifications/{code}/" for code in NEW_CERTIFICATIONS},
    "finder, registry work": (
        "/certifications/finder/?work=registry&education=2&experience=2&setting=any&goal=growth"
    ),
    "finder, patient care": (
        "/certifications/finder/?work=patient_care&education=1&programs=ma_accredited"
        "&experience=0&setting=any&goal=quick"
    ),
    "compare by kind of work": "/certifications/compare/?c=rhds&c=chds",
}
