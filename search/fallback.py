"""Site search on SQLite (local development) and anything but PostgreSQL: every word must start
a word somewhere in the item, scored with the same weights as PostgreSQL's ranking."""

import re

from django.db.models import Exists, OuterRef, Q

from . import spanish
from .job_titles import profiles_by_job_names
from .kinds import GUIDES, KINDS, MAX_PER_KIND, PROFILES, RELATED_TITLES, WEIGHTS, Kind, Result
from .text import (
    START,
    STOP,
    excluded_words,
    plain,
    result,
    stem,
    strip_markers,
    words,
)


def search_simple(query: str, *, loose: bool, language: str = "en") -> list[Result]:
    # A word's stem, so "actuary" finds Actuaries as PostgreSQL's stemmer does; in Spanish
    # without accents, so "medicos" finds "médicos" (search.spanish).
    stemmed = spanish.stem if language == "es" else stem
    stems = list(dict.fromkeys(stemmed(word) for word in words(query, language)))
    if not stems:
        return []
    patterns = [_word_pattern(word, language) for word in stems]
    excluded = [_word_pattern(word, language) for word in excluded_words(query)]
    highlighter = re.compile("|".join(pattern.pattern + r"\w*" for pattern in patterns), re.I)
    results = []
    named = profiles_by_job_names(query, loose=loose)
    for kind in KINDS:
        rows = kind.queryset()
        conditions = [_contains_word(kind, pattern, language) for pattern in patterns]
        combined = conditions[0]
        for condition in conditions[1:]:
            combined = (combined | condition) if loose else (combined & condition)
        if kind is PROFILES and named:
            combined |= Q(pk__in=list(named))  # the names employers use (search/job_titles.py)
        rows = rows.filter(combined)
        if kind is GUIDES:
            rows = rows.prefetch_related("related_titles")
        found = []
        for obj in rows:
            weighted = [
                (WEIGHTS[weight], getattr(obj, name))
                for weight, names in kind.searched(language)
                for name in names
            ]
            if any(pattern.search(text) for pattern in excluded for _, text in weighted):
                continue
            if kind is GUIDES:
                weighted += [(WEIGHTS["A"], alias.title) for alias in obj.related_titles.all()]
            scores = [
                max((w for w, text in weighted if pattern.search(text)), default=0.0)
                for pattern in patterns
            ]
            points, name = named.get(obj.pk, (0.0, "")) if kind is PROFILES else (0.0, "")
            if not name and (not any(scores) or (not loose and not all(scores))):
                continue  # the database matched inside a word, not at its start
            if name and not loose and not all(scores):
                scores = [0.0]  # found by a name it is called or a product: "systems" alone in
                # its title does not put Computer systems analysts first for "Epic Systems"
            title = ": ".join(getattr(obj, field) for field in kind.title_fields)
            snippet = _excerpt(
                [plain(getattr(obj, field)) for field in kind.snippet_fields], highlighter
            ) or kind.fallback(obj)
            if name:
                snippet = name + snippet
            found.append(
                result(
                    kind,
                    obj,
                    _mark_all(title, highlighter),
                    snippet,
                    sum(scores) + points,
                    matches_all=all(scores) or bool(name),
                )
            )
        found.sort(key=lambda result: -result.score)
        results += found[:MAX_PER_KIND]
    return results


def _word_pattern(word: str, language: str = "en") -> re.Pattern:
    """Matches words that start with `word` ("cod" finds coder, coding); short words whole.
    In Spanish, with or without accents."""
    end = r"(?!\w)" if len(word) < 3 else ""
    letters = spanish.accent_free(word) if language == "es" else re.escape(word)
    return re.compile(rf"(?<!\w){letters}{end}", re.IGNORECASE)


def _contains_word(kind: Kind, pattern: re.Pattern, language: str) -> Q:
    """The rows with a word starting with the pattern's (the database's own regular
    expressions: Django gives SQLite Python's), in the fields searched in `language`: a
    translated field's name reads the page's language (django-modeltranslation)."""
    names = [name for _, names in kind.searched(language) for name in names]
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__iregex": pattern.pattern})
    if kind is GUIDES:
        aliases = RELATED_TITLES.model.objects.filter(
            guide=OuterRef("pk"), title__iregex=pattern.pattern
        )
        condition |= Q(Exists(aliases))
    return condition


def _mark_all(text: str, highlighter: re.Pattern) -> str:
    return highlighter.sub(lambda m: f"{START}{m.group(0)}{STOP}", strip_markers(text))


def _excerpt(texts: list[str], highlighter: re.Pattern, width: int = 200) -> str:
    """About `width` characters from the first text with a match, starting just before it."""
    for text in texts:
        match = highlighter.search(text)
        if match is None:
            continue
        lead_start = max(0, match.start() - width // 4)
        lead = text[lead_start : match.start()]
        if lead_start:
            lead = lead.partition(" ")[2]  # no half word at the start
        tail = text[match.start() : match.start() + width - len(lead)]
        cut = match.start() + len(tail) < len(text)
        if cut:
            tail = tail[: max(tail.rfind(" "), match.end() - match.start())]
        excerpt = _mark_all(lead + tail, highlighter)
        return ("… " if lead_start else "") + excerpt + (" …" if cut else "")
    first = next((text for text in texts if text), "")
    if len(first) <= width:
        return first
    cut = first.rfind(" ", 0, width)
    return first[: cut if cut > 0 else width] + " …"
