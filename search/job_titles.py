"""The names employers use, for search: a profile is also found by O*NET's titles of its work
("barista", "RN", "HVAC tech") and by the products people in it use ("AutoCAD", "Epic"),
ranked just below a match in its own title.

Two queries whatever the search: the titles and products that match, with the SOC codes of
their O*NET occupations (and, for a product, how many tools of its kind the occupation lists),
then the profiles that carry those codes.
"""

import re
from collections import defaultdict

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from occupations.models import OccupationCode
from occupations.onet_models import OnetTechnology, OnetTitle

from .kinds import CONFIG
from .text import also_called, stem, uses, words

# Points a profile gets for its job's names: below a title match (1.0 a word), above a summary
# match (0.4), and a little more for each further title that matches (many nurse titles say
# "RN"), so the job most often called that comes first.
TITLE_POINTS = 0.6
PRODUCT_POINTS = 0.3
HOT_POINTS = 0.05  # a product employers ask for in this job (hot, in demand) counts a little more
EACH_MORE = 0.02
MOST_MORE = 20
# Many careers use Epic Systems or Python: those whose tools are mostly of that kind (medical
# software, programming languages) come first, up to KIND_POINTS for KIND_MOST such tools.
KIND_POINTS = 0.1
KIND_MOST = 20
TITLE_VECTOR = ("title", "short_title")  # search/migrations/0003 indexes exactly this


def title_vector():
    return SearchVector(*TITLE_VECTOR, config=CONFIG)


def _matching(query: str, loose: bool):
    """Titles and products matching the query, as (soc code, what matched, points)."""
    titles = OnetTitle.objects.filter(hidden=False)
    products = OnetTechnology.objects.filter(hidden=False)
    if connection.vendor == "postgresql":
        parts = [SearchQuery(word, config=CONFIG) for word in words(query)]
        if not parts:
            return []
        ts_query = parts[0]
        for part in parts[1:]:
            ts_query = (ts_query | part) if loose else (ts_query & part)
        titles = titles.alias(document=title_vector()).filter(document=ts_query)
        products = products.alias(document=SearchVector("technology__name", config=CONFIG)).filter(
            document=ts_query
        )
    else:
        stems = [stem(word) for word in words(query)]
        if not stems:
            return []
        join = Q.__or__ if loose else Q.__and__
        condition = product_condition = None
        for word in stems:
            one = Q(title__icontains=word) | Q(short_title__icontains=word)
            product = Q(technology__name__icontains=word)
            condition = one if condition is None else join(condition, one)
            product_condition = (
                product if product_condition is None else join(product_condition, product)
            )
        titles, products = titles.filter(condition), products.filter(product_condition)
    of_its_kind = (
        OnetTechnology.objects.filter(
            hidden=False,
            occupation=OuterRef("occupation"),
            technology__commodity_code=OuterRef("technology__commodity_code"),
        )
        .order_by()
        .values("occupation")
        .annotate(tools=Count("pk"))
        .values("tools")
    )
    matched = list(
        products.annotate(kind_tools=Coalesce(Subquery(of_its_kind), 0))
        .values_list(
            "occupation__careers__soc_code", "technology__name", "hot", "in_demand", "kind_tools"
        )
        .distinct()
    )
    rows = [
        (soc, title, TITLE_POINTS, "title")
        for soc, title in titles.values_list("occupation__careers__soc_code", "title")
    ] + [
        (
            soc,
            name,
            PRODUCT_POINTS
            + HOT_POINTS * (hot + in_demand)
            + KIND_POINTS * min(kind_tools, KIND_MOST) / KIND_MOST,
            "product",
        )
        for soc, name, hot, in_demand, kind_tools in matched
    ]
    if connection.vendor != "postgresql":
        # icontains matched inside words too: keep names where each word starts a word.
        patterns = [re.compile(rf"(?<!\w){re.escape(word)}", re.I) for word in stems]
        test = any if loose else all
        rows = [row for row in rows if test(p.search(row[1]) for p in patterns)]
    return rows


def profiles_by_job_names(query: str, *, loose: bool) -> dict[int, tuple[float, str]]:
    """{profile id: (points, what to say)} for the profiles whose O*NET titles or products
    match the query; what to say leads the result's snippet ("Also called Barista. ")."""
    by_code = defaultdict(list)
    for soc, name, points, kind in _matching(query, loose):
        if soc:
            by_code[soc].append((points, also_called(name) if kind == "title" else uses(name)))
    if not by_code:
        return {}
    found: dict[int, list] = defaultdict(list)
    codes = OccupationCode.objects.filter(soc_code__in=by_code)
    for profile_id, soc in codes.values_list("occupation_id", "soc_code"):
        found[profile_id] += by_code[soc]
    scored = {}
    for profile_id, matches in found.items():
        best = max(points for points, _ in matches)
        names = [name for points, name in matches if points == best]
        extra = EACH_MORE * min(len(names) - 1, MOST_MORE)
        # The shortest name reads best in a result ("Barista", not "Lead Barista Trainer").
        scored[profile_id] = (best + extra, min(names, key=len))
    return scored
