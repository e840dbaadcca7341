"""Site search over published guides and certifications and the parts of published guides.

`search(query)` chooses the backend from the database in use:

- PostgreSQL: full-text search. Each kind of content has a weighted search vector (A titles
  and codes, B summaries and questions, C and D bodies) indexed by a GIN expression index
  (search/migrations); the query is read with `websearch_to_tsquery` ("quoted phrases",
  -exclusions, or), results are ordered by `ts_rank` and snippets come from `ts_headline`.
- SQLite (local development): every word must start a word somewhere in the item; the score
  uses the same weights (a title match beats a summary match beats a body match).

The backends are `search/postgresql.py` and `search/fallback.py`; what they search is
`search/kinds.py`, the words and marks they share `search/text.py`. Both return the same
`Result`s, best first. When nothing matches every word, both fall back to
items matching any word and say so (`Result.matches_all_words`). Titles and snippets are
escaped HTML in which only the matched words are wrapped in <mark>.
"""

import re

from django.db import connection
from django.utils.translation import get_language

from . import spanish
from .fallback import search_simple
from .kinds import CERTIFICATIONS, Result
from .postgresql import search_postgresql
from .text import strip_markers, title_words, words


def search(query: str) -> list[Result]:
    """Published content matching `query`, best first (at most MAX_PER_KIND of each kind)."""
    query = (query or "").replace("\x00", "").strip()
    if not query:
        return []
    backend = search_postgresql if connection.vendor == "postgresql" else search_simple
    # The page's language: a Spanish page searches the Spanish text (and the English where a
    # text has no Spanish yet), with Spanish stemming and without accents.
    language = "es" if get_language() == "es" else "en"
    results = backend(query, loose=False, language=language)
    if not results and len(words(query, language)) > 1:
        results = backend(query, loose=True, language=language)
    exact = title_words(query)
    asked = set(title_words(query))
    stems = [spanish.stem(word) for word in words(query, language)]

    def named(r) -> bool:
        """Its title is the query ("actuary" → Actuaries, "cpc" → CPC); in Spanish, whose
        words are inflected, its title holds every word ("enfermera" → Enfermeros titulados)."""
        if language == "en":
            return title_words(_plain_title(r)) == exact
        title = [spanish.fold(word) for word in re.findall(r"\w+", _plain_title(r))]
        return all(any(word.startswith(stem) for word in title) for stem in stems)

    ranked = sorted(
        results,
        key=lambda r: (
            # A guide, profile or certification the query names comes first; parts of a
            # guide never jump their guide.
            r.kind_order > CERTIFICATIONS.order or not named(r),
            # In Spanish, among those, the job more people do ("enfermera": registered
            # nurses before nurse anesthetists, whose title says "enfermeros" three times).
            -r.jobs if language != "en" and named(r) else 0,
            # Then a certification the query names by its code ("cpc exam" → CPC, not a
            # credential whose text mentions CPC more often).
            not (r.kind_order == CERTIFICATIONS.order and _code_of(r) in asked),
            -r.score,
            r.kind_order,
            -r.jobs,  # "nurse": Registered nurses before the other careers it names equally
            _plain_title(r).lower(),
        ),
    )
    seen: set[str] = set()  # a guide and the profile it covers are one page: its best result
    return [r for r in ranked if not (r.url in seen or seen.add(r.url))]


def _plain_title(result) -> str:
    return strip_markers(re.sub(r"<[^>]+>", "", str(result.title)))


def _code_of(result) -> str:
    """A certification result's code, as title_words writes words ("CPC: …" → "cpc")."""
    found = title_words(_plain_title(result).split(":")[0])
    return found[0] if len(found) == 1 else ""
