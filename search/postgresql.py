"""Site search on PostgreSQL: full-text search over each kind's weighted vector (indexed by
search/migrations), read with `websearch_to_tsquery`, ranked by `ts_rank`, snippets from
`ts_headline`."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Concat

from .job_titles import profiles_by_job_names
from .kinds import CONFIGS, GUIDES, KINDS, MAX_PER_KIND, PROFILES, RELATED_TITLES, Kind, Result
from .text import START, STOP, plain, result, strip_markers, words


def search_postgresql(query: str, *, loose: bool, language: str = "en") -> list[Result]:
    config = CONFIGS[language]
    if loose:
        parts = [SearchQuery(word, config=config) for word in words(query, language)]
        if not parts:
            return []
        ts_query = parts[0]
        for part in parts[1:]:
            ts_query = ts_query | part
    else:
        ts_query = SearchQuery(query, search_type="websearch", config=config)

    results = []
    named = profiles_by_job_names(query, loose=loose)
    for kind in KINDS:
        rows = kind.queryset().alias(document=kind.vector(language))
        rank = SearchRank(F("document"), ts_query)
        if kind is GUIDES:
            # A guide is also found by the other names of its job, ranked as if they were in
            # its title: "medical coder" finds Medical Records Specialist.
            aliases = RELATED_TITLES.model.objects.alias(
                document=RELATED_TITLES.vector(language)
            ).filter(document=ts_query)
            best_alias = aliases.filter(guide=OuterRef("pk")).annotate(
                alias_rank=SearchRank(F("document"), ts_query)
            )
            rows = rows.filter(Q(document=ts_query) | Q(pk__in=aliases.values("guide_id")))
            rank = rank + Coalesce(
                Subquery(best_alias.order_by("-alias_rank").values("alias_rank")[:1]),
                Value(0.0),
                output_field=FloatField(),
            )
        elif kind is PROFILES and named:
            # Also found by the names employers use for the work (search/job_titles.py); its
            # own text counts only where it matches the whole query, as on SQLite.
            rows = rows.filter(Q(document=ts_query) | Q(pk__in=list(named)))
            rank = Case(When(Q(document=ts_query), then=rank), default=Value(0.0))
        else:
            rows = rows.filter(document=ts_query)
        rows = rows.annotate(
            rank=rank,
            title_marked=SearchHeadline(
                _joined(kind, kind.title_fields, ": ", language),
                ts_query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                highlight_all=True,
            ),
            snippet_marked=SearchHeadline(
                _joined(kind, kind.snippet_fields, "\n\n", language),
                ts_query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                min_words=12,
                max_words=30,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-rank", "pk")[:MAX_PER_KIND]
        for obj in rows:
            snippet = _with_ellipses(plain(obj.snippet_marked), kind, obj)
            points, name = named.get(obj.pk, (0.0, "")) if kind is PROFILES else (0.0, "")
            if name:
                snippet = name + snippet
            score = obj.rank + points
            results.append(
                result(kind, obj, obj.title_marked, snippet, score, matches_all=not loose)
            )
    return results


def _with_ellipses(snippet: str, kind: Kind, obj) -> str:
    """Say where ts_headline cut the text: "… " before and " …" after an excerpt."""
    bare = strip_markers(snippet)
    if not bare:
        return kind.fallback(obj)
    whole = plain("\n\n".join(getattr(obj, name) for name in kind.snippet_fields))
    if not whole.startswith(bare[:30]):
        snippet = "… " + snippet
    if not whole.endswith(bare[-30:]):
        snippet += " …"
    return snippet


def _joined(kind: Kind, fields: tuple[str, ...], separator: str, language: str):
    if len(fields) == 1:
        return kind.text(fields[0], language)
    pieces = [kind.text(fields[0], language)]
    for name in fields[1:]:
        pieces += [Value(separator), kind.text(name, language)]
    return Concat(*pieces, output_field=TextField())
