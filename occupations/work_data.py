"""What the work is (occupations.work), as data: in a career's JSON document and its schema.org
JSON-LD, with the credit the O*NET licence asks for."""

from django.utils import translation

ONET_CODE_SET = "https://www.onetcenter.org/taxonomy.html"


def source(release) -> dict:
    return {
        "name": release.name,
        "version": release.version,
        "released": release.released,
        "skills_and_knowledge_version": release.skills_version,
        "licence": release.licence,
        "licence_url": release.licence_url,
        "url": release.source_url,
        "credit": release.credit,
    }


def work_document(work) -> dict | None:
    """The `work` part of /careers/<slug>.json: the figures and names as O*NET gives them."""
    if work is None:
        return None
    onet = work.occupation
    return {
        "source": source(work.release),
        "onet_soc_code": onet.code,
        "onet_title": onet.title,
        "other_onet_occupations": [member.code for member, _jobs in work.members if member != onet],
        "job_zone": onet.job_zone,
        "interests": onet.interests,
        "interest_high_points": list(onet.high_points),
        "also_called": {"reported": work.reported_titles, "alternate": work.alternate_titles},
        "technology": [
            {"name": use.name, "kind": kind, "hot": use.hot, "in_demand": use.in_demand}
            for kind, uses in work.technology
            for use in uses
        ],
        "skills": [_rating(rating) for rating in work.skills],
        "knowledge": [_rating(rating) for rating in work.knowledge],
        "education_of_people_in_the_job_percent": _education(work),
        "related_careers": [profile.slug for profile, _pay in work.related],
    }


def _education(work) -> dict:
    """{O*NET's category, in English whatever the page's language: a key, not text: share}."""
    with translation.override("en"):
        return {str(level): str(share) for level, share in work.education}


def _rating(rating) -> dict:
    level = None if rating.level is None else str(rating.level)
    return {"name": rating.name, "element_id": rating.element_id,
            "importance": str(rating.importance), "level": level}  # fmt: skip


def add_work(occupation: dict, work) -> dict:
    """Add O*NET's facts to a schema.org Occupation (and the credit to its page)."""
    if work is None:
        return occupation
    onet = work.occupation
    names = [rating.name for rating in work.skills] + [rating.name for rating in work.knowledge]
    if names:
        occupation["skills"] = names
    titles = list(occupation.get("alternateName", []))
    titles += [t for t in work.reported_titles + work.alternate_titles if t not in titles]
    if titles:
        occupation["alternateName"] = titles
    occupation.setdefault("occupationalCategory", []).append(
        {"@type": "CategoryCode", "codeValue": onet.code, "inCodeSet": ONET_CODE_SET}
    )
    occupation["mainEntityOfPage"]["isBasedOn"] = {
        "@type": "Dataset",
        "name": work.release.name,
        "url": work.release.source_url,
        "license": work.release.licence_url,
        "creditText": work.release.credit,
    }
    return occupation
