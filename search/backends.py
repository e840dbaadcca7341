"""Site search over published guides and certifications and the parts of published guides.

`search(query)` chooses the backend from the database in use:

- PostgreSQL: full-text search. Each kind of content has a weighted search vector (A titles
  and codes, B summaries and questions, C and D bodies) indexed by a GIN expression index
  (search/migrations); the query is read with `websearch_to_tsquery` ("quoted phrases",
  -exclusions, or), results are ordered by `ts_rank` and snippets come from `ts_headline`.
- SQLite (local development): every word must start a word somewhere in the item; the score
  uses the same weights (a title match beats a summary match beats a body match).

Both return the same `Result`s, best first. When nothing matches every word, both fall back to
items matching any word and say so (`Result.matches_all_words`). Titles and snippets are
escaped HTML in which only the matched words are wrapped in <mark>.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, FloatField, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from certifications.models import Certification
from core.models import published_q
from guides.links import career_link
from guides.models import FAQ, CareerGuide, RelatedTitle, TrainingStep
from occupations.models import Occupation

CONFIG = "english"
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}  # PostgreSQL's ts_rank defaults
MAX_PER_KIND = 100
MAX_WORDS = 16
# Highlight markers: private-use characters, never HTML, turned into <mark> after escaping.
START, STOP = "\ue000", "\ue001"
WORD = re.compile(r"\w+")
EXCLUDED = re.compile(r"(?:^|(?<=\s))-(\w+)")

# Common English words that say nothing about what someone is looking for (a subset of
# PostgreSQL's english.stop, so both backends ignore the same words).
_STOP_WORDS_TEXT = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with you
    your yours
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@dataclass(frozen=True)
class Result:
    kind: str  # what it is, for people: "Career guide", "Certification", …
    title: SafeString  # escaped, matched words in <mark>
    url: str
    snippet: SafeString  # escaped, matched words in <mark>
    context: str = ""  # the guide a part belongs to
    score: float = 0.0
    matches_all_words: bool = True
    kind_order: int = 0


@dataclass(frozen=True)
class Kind:
    """One kind of searchable content: which fields, how much each counts, where it links."""

    label: str
    order: int  # breaks ties in score: guides, certifications, then parts of guides
    model: type
    weighted_fields: tuple[tuple[str, tuple[str, ...]], ...]  # ((weight, (field, …)), …)
    title_fields: tuple[str, ...]  # the result's title, joined by ": "
    snippet_fields: tuple[str, ...]
    anchor: str = ""  # parts of a guide link to this element of the guide page
    fallback_snippet: str = ""  # when no snippet field has text; may use {guide}
    related: tuple[str, ...] = ()  # loaded with each object, for `page_of`
    page_of: Callable | None = None  # the object's page, when not get_absolute_url()

    @property
    def is_guide_part(self) -> bool:
        return bool(self.anchor)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for _, names in self.weighted_fields for name in names)

    def queryset(self):
        if self.is_guide_part:
            # Parts of a guide are public only while their guide is.
            return self.model.objects.filter(published_q("guide__")).select_related("guide")
        found = self.model.objects.published()
        return found.select_related(*self.related) if self.related else found

    def vector(self):
        """The weighted search vector; search/migrations indexes exactly this expression."""
        vectors = [
            SearchVector(*names, weight=weight, config=CONFIG)
            for weight, names in self.weighted_fields
        ]
        combined = vectors[0]
        for vector in vectors[1:]:
            combined = combined + vector
        return combined

    def url(self, obj) -> str:
        if self.is_guide_part:
            return f"{obj.guide.get_absolute_url()}#{self.anchor.format(pk=obj.pk)}"
        return self.page_of(obj) if self.page_of else obj.get_absolute_url()

    def context(self, obj) -> str:
        return obj.guide.title if self.is_guide_part else ""

    def fallback(self, obj) -> str:
        guide = obj.guide.title if self.is_guide_part else ""
        return self.fallback_snippet.format(guide=guide)


GUIDES = Kind(
    label="Career guide",
    order=0,
    model=CareerGuide,
    weighted_fields=(
        ("A", ("title",)),
        ("B", ("summary",)),
        ("C", ("overview",)),
        ("D", ("work_setting", "who_it_suits")),
    ),
    title_fields=("title",),
    snippet_fields=("summary", "overview", "work_setting", "who_it_suits"),
)
PROFILES = Kind(
    label="Career profile",
    order=1,
    model=Occupation,
    weighted_fields=(("A", ("title", "soc_codes")), ("B", ("summary",))),
    title_fields=("title",),
    snippet_fields=("summary",),
    # A profile a published guide covers leads to the guide (its own address redirects
    # there), and search() keeps one result per page.
    related=("guide",),
    page_of=career_link,
)
CERTIFICATIONS = Kind(
    label="Certification",
    order=2,
    model=Certification,
    weighted_fields=(
        ("A", ("code", "name")),
        ("B", ("summary", "best_for")),
        ("C", ("eligibility", "leads_to")),
        ("D", ("exam_notes", "experience_note", "renewal_notes")),
    ),
    title_fields=("code", "name"),
    snippet_fields=("summary", "eligibility", "leads_to", "exam_notes", "experience_note"),
)
RELATED_TITLES = Kind(
    label="Also known as",
    order=3,
    model=RelatedTitle,
    weighted_fields=(("A", ("title",)), ("C", ("note",))),
    title_fields=("title",),
    snippet_fields=("note",),
    anchor="also-known-as",
    fallback_snippet="Another name for the job of {guide}.",
)
TRAINING_STEPS = Kind(
    label="Training step",
    order=4,
    model=TrainingStep,
    weighted_fields=(("A", ("title",)), ("C", ("description",))),
    title_fields=("title",),
    snippet_fields=("description",),
    anchor="step-{pk}",
)
FAQS = Kind(
    label="Question",
    order=5,
    model=FAQ,
    weighted_fields=(("B", ("question",)), ("C", ("answer",))),
    title_fields=("question",),
    snippet_fields=("answer",),
    anchor="faq-{pk}",
)
KINDS = (GUIDES, PROFILES, CERTIFICATIONS, RELATED_TITLES, TRAINING_STEPS, FAQS)


def search(query: str) -> list[Result]:
    """Published content matching `query`, best first (at most MAX_PER_KIND of each kind)."""
    query = (query or "").replace("\x00", "").strip()
    if not query:
        return []
    backend = _postgresql if connection.vendor == "postgresql" else _simple
    results = backend(query, loose=False)
    if not results and len(_words(query)) > 1:
        results = backend(query, loose=True)
    exact = _title_words(query)
    asked = set(_title_words(query))
    ranked = sorted(
        results,
        key=lambda r: (
            # A guide, profile or certification whose title is the query ("actuary" →
            # Actuaries, "cpc" → CPC) comes first; parts of a guide never jump their guide.
            r.kind_order > CERTIFICATIONS.order or _title_words(_plain_title(r)) != exact,
            # Then a certification the query names by its code ("cpc exam" → CPC, not a
            # credential whose text mentions CPC more often).
            not (r.kind_order == CERTIFICATIONS.order and _code_of(r) in asked),
            -r.score,
            r.kind_order,
            str(r.title).lower(),
        ),
    )
    seen: set[str] = set()  # a guide and the profile it covers are one page: its best result
    return [r for r in ranked if not (r.url in seen or seen.add(r.url))]


def _plain_title(result) -> str:
    return _strip_markers(re.sub(r"<[^>]+>", "", str(result.title)))


def _code_of(result) -> str:
    """A certification result's code, as _title_words writes words ("CPC: …" → "cpc")."""
    words = _title_words(_plain_title(result).split(":")[0])
    return words[0] if len(words) == 1 else ""


def _title_words(text: str) -> list[str]:
    """A title's words, lower-cased and in the singular, so "Actuaries" matches "actuary"."""
    return [_singular(word) for word in _words(text)]


def _stem(word: str) -> str:
    """A crude English stem for the fallback's prefix matching: singular, without a final y."""
    word = _singular(word)
    return word[:-1] if word.endswith("y") and len(word) > 4 else word


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(query: str) -> list[str]:
    """The distinct words of a query, lower-cased, without stop words or -excluded words."""
    excluded = _excluded_words(query)
    words = dict.fromkeys(word.lower() for word in WORD.findall(query))
    return [word for word in words if word not in STOP_WORDS and word not in excluded][:MAX_WORDS]


def _excluded_words(query: str) -> set[str]:
    """Words the visitor excluded with a leading minus, as in "medical -coder"."""
    return {word.lower() for word in EXCLUDED.findall(query)}


# PostgreSQL ------------------------------------------------------------------------------------


def _postgresql(query: str, *, loose: bool) -> list[Result]:
    if loose:
        parts = [SearchQuery(word, config=CONFIG) for word in _words(query)]
        if not parts:
            return []
        ts_query = parts[0]
        for part in parts[1:]:
            ts_query = ts_query | part
    else:
        ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)

    results = []
    for kind in KINDS:
        rows = kind.queryset().alias(document=kind.vector())
        rank = SearchRank(F("document"), ts_query)
        if kind is GUIDES:
            # A guide is also found by the other names of its job, ranked as if they were in
            # its title: "medical coder" finds Medical Records Specialist.
            aliases = RelatedTitle.objects.alias(document=RELATED_TITLES.vector()).filter(
                document=ts_query
            )
            best_alias = aliases.filter(guide=OuterRef("pk")).annotate(
                alias_rank=SearchRank(F("document"), ts_query)
            )
            rows = rows.filter(Q(document=ts_query) | Q(pk__in=aliases.values("guide_id")))
            rank = rank + Coalesce(
                Subquery(best_alias.order_by("-alias_rank").values("alias_rank")[:1]),
                Value(0.0),
                output_field=FloatField(),
            )
        else:
            rows = rows.filter(document=ts_query)
        rows = rows.annotate(
            rank=rank,
            title_marked=SearchHeadline(
                _joined(kind.title_fields, ": "),
                ts_query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                highlight_all=True,
            ),
            snippet_marked=SearchHeadline(
                _joined(kind.snippet_fields, "\n\n"),
                ts_query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                min_words=12,
                max_words=30,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-rank", "pk")[:MAX_PER_KIND]
        for obj in rows:
            snippet = _with_ellipses(_plain(obj.snippet_marked), kind, obj)
            results.append(
                _result(kind, obj, obj.title_marked, snippet, obj.rank, matches_all=not loose)
            )
    return results


def _with_ellipses(snippet: str, kind: Kind, obj) -> str:
    """Say where ts_headline cut the text: "… " before and " …" after an excerpt."""
    bare = _strip_markers(snippet)
    if not bare:
        return kind.fallback(obj)
    whole = _plain("\n\n".join(getattr(obj, name) for name in kind.snippet_fields))
    if not whole.startswith(bare[:30]):
        snippet = "… " + snippet
    if not whole.endswith(bare[-30:]):
        snippet += " …"
    return snippet


def _joined(fields: tuple[str, ...], separator: str):
    if len(fields) == 1:
        return F(fields[0])
    pieces = [F(fields[0])]
    for name in fields[1:]:
        pieces += [Value(separator), F(name)]
    return Concat(*pieces, output_field=TextField())


# SQLite and anything else ----------------------------------------------------------------------


def _simple(query: str, *, loose: bool) -> list[Result]:
    # A word's stem, so "actuary" finds Actuaries as PostgreSQL's stemmer does.
    words = list(dict.fromkeys(_stem(word) for word in _words(query)))
    if not words:
        return []
    patterns = [_word_pattern(word) for word in words]
    excluded = [_word_pattern(word) for word in _excluded_words(query)]
    highlighter = re.compile("|".join(pattern.pattern + r"\w*" for pattern in patterns), re.I)
    results = []
    for kind in KINDS:
        rows = kind.queryset()
        conditions = [_contains_word(kind, word) for word in words]
        combined = conditions[0]
        for condition in conditions[1:]:
            combined = (combined | condition) if loose else (combined & condition)
        rows = rows.filter(combined)
        if kind is GUIDES:
            rows = rows.prefetch_related("related_titles")
        found = []
        for obj in rows:
            weighted = [
                (WEIGHTS[weight], getattr(obj, name))
                for weight, names in kind.weighted_fields
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
            if not any(scores) or (not loose and not all(scores)):
                continue  # the database matched inside a word, not at its start
            title = ": ".join(getattr(obj, name) for name in kind.title_fields)
            snippet = _excerpt(
                [_plain(getattr(obj, name)) for name in kind.snippet_fields], highlighter
            ) or kind.fallback(obj)
            found.append(
                _result(
                    kind,
                    obj,
                    _mark_all(title, highlighter),
                    snippet,
                    sum(scores),
                    matches_all=all(scores),
                )
            )
        found.sort(key=lambda result: -result.score)
        results += found[:MAX_PER_KIND]
    return results


def _word_pattern(word: str) -> re.Pattern:
    """Matches words that start with `word` ("cod" finds coder, coding); short words whole."""
    end = r"(?!\w)" if len(word) < 3 else ""
    return re.compile(rf"(?<!\w){re.escape(word)}{end}", re.IGNORECASE)


def _contains_word(kind: Kind, word: str) -> Q:
    condition = Q()
    for name in kind.fields:
        condition |= Q(**{f"{name}__icontains": word})
    if kind is GUIDES:
        condition |= Q(
            Exists(RelatedTitle.objects.filter(guide=OuterRef("pk"), title__icontains=word))
        )
    return condition


def _mark_all(text: str, highlighter: re.Pattern) -> str:
    return highlighter.sub(lambda m: f"{START}{m.group(0)}{STOP}", _strip_markers(text))


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


# Shared ----------------------------------------------------------------------------------------

MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_SYNTAX = re.compile(r"[*`]+|^\s{0,3}(?:#{1,6}|>|[-+]|\d+\.)\s+", re.MULTILINE)
SPACES = re.compile(r"\s+")


def _plain(text: str) -> str:
    """Markdown source as plain text for a snippet: no link syntax, emphasis or list markers."""
    text = MARKDOWN_LINK.sub(r"\1", text or "")
    text = MARKDOWN_SYNTAX.sub("", text)
    return SPACES.sub(" ", text).strip()


def _strip_markers(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


def _result(kind: Kind, obj, title: str, snippet: str, score: float, *, matches_all: bool):
    return Result(
        kind=kind.label,
        title=marked_html(title),
        url=kind.url(obj),
        snippet=marked_html(snippet),
        context=kind.context(obj),
        score=float(score or 0.0),
        matches_all_words=matches_all,
        kind_order=kind.order,
    )


def marked_html(text: str) -> SafeString:
    """Escape `text`, turning each START…STOP span into <mark>…</mark> (always balanced)."""
    head, *rest = (text or "").split(START)
    parts = [escape(head.replace(STOP, ""))]
    for chunk in rest:
        marked, _, after = chunk.partition(STOP)
        if marked:
            parts.append(f"<mark>{escape(marked)}</mark>")
        parts.append(escape(after.replace(STOP, "")))
    # Every piece of text above went through escape(); the only markup is our own <mark>.
    return mark_safe("".join(parts))  # noqa: S308
