"""What Spanish search needs beyond the English: its stop words, a crude stem for the
fallback's prefix matching, and patterns that ignore accents ("medicos" finds "médicos").
PostgreSQL does the same with its Spanish stemmer behind unaccent (search/migrations/0004)."""

import re
import unicodedata

# Words that say nothing about what someone is looking for (a subset of PostgreSQL's
# spanish.stop, so both backends ignore the same words).
_STOP_WORDS_TEXT = """
    a al algo como con cual de del donde el ella en entre era es esa ese eso esta este esto
    fue ha hay la las le les lo los mas me mi muy no o para pero por que se sin sobre su sus
    te tu un una uno unos y ya
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Each letter a Spanish writer may accent (or not, on a phone keyboard).
ACCENTED = {"a": "aá", "e": "eé", "i": "ií", "o": "oó", "u": "uúü", "n": "nñ"}


def fold(text: str) -> str:
    """Lower case without accents: "Médicos" → "medicos", "niño" → "nino"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """Plural and gender off: "enfermeras" → "enfermer", "médicos" → "medic" (prefixes)."""
    word = fold(word)
    if word.endswith("es") and len(word) > 5:
        word = word[:-2]
    elif word.endswith("s") and len(word) > 3:
        word = word[:-1]
    if word[-1:] in ("a", "o", "e") and len(word) > 4:
        word = word[:-1]
    return word


def accent_free(word: str) -> str:
    """A regular expression matching `word` written with or without its accents."""
    return "".join(
        f"[{ACCENTED[char]}]" if char in ACCENTED else re.escape(char) for char in fold(word)
    )
