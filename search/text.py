"""Site search's words and marks: a query's words as both backends read them, Markdown as
plain text for snippets, and matched words marked in escaped HTML."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import spanish
from .kinds import Kind, Result

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


def title_words(text: str) -> list[str]:
    """A title's words, lower-cased and in the singular, so "Actuaries" matches "actuary"."""
    return [singular(word) for word in words(text)]


def stem(word: str) -> str:
    """A crude English stem for the fallback's prefix matching: singular, without a final y."""
    word = singular(word)
    return word[:-1] if word.endswith("y") and len(word) > 4 else word


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def words(query: str, language: str = "en") -> list[str]:
    """The distinct words of a query, lower-cased, without stop words or -excluded words."""
    excluded = excluded_words(query)
    distinct = dict.fromkeys(word.lower() for word in WORD.findall(query))
    stop = spanish.STOP_WORDS if language == "es" else STOP_WORDS
    return [w for w in distinct if w not in stop and w not in excluded][:MAX_WORDS]


def excluded_words(query: str) -> set[str]:
    """Words the visitor excluded with a leading minus, as in "medical -coder"."""
    return {word.lower() for word in EXCLUDED.findall(query)}


MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKDOWN_SYNTAX = re.compile(r"[*`]+|^\s{0,3}(?:#{1,6}|>|[-+]|\d+\.)\s+", re.MULTILINE)
SPACES = re.compile(r"\s+")


def plain(text: str) -> str:
    """Markdown source as plain text for a snippet: no link syntax, emphasis or list markers."""
    text = MARKDOWN_LINK.sub(r"\1", text or "")
    text = MARKDOWN_SYNTAX.sub("", text)
    return SPACES.sub(" ", text).strip()


def strip_markers(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


def result(kind: Kind, obj, title: str, snippet: str, score: float, *, matches_all: bool):
    return Result(
        kind=kind.label,
        title=marked_html(title),
        url=kind.url(obj),
        snippet=marked_html(snippet),
        context=kind.context(obj),
        score=float(score or 0.0),
        matches_all_words=matches_all,
        kind_order=kind.order,
        jobs=getattr(obj, "jobs", None) or 0,  # profiles have it; the rest count as 0
    )


def also_called(name: str) -> str:
    """A snippet's lead when a profile was found by a name employers use for its work."""
    return _("Also called %(name)s.") % {"name": f"{START}{name}{STOP}"} + " "


def uses(product: str) -> str:
    """A snippet's lead when a profile was found by a product people in the job use."""
    return _("Uses %(product)s.") % {"product": f"{START}{product}{STOP}"} + " "


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
