"""Place-name keys: how a name as reporters spell it becomes the key the gazetteer looks up.

Folding drops case, accents, ʿ/ʾ and apostrophes and turns hyphens into spaces; the key drops
spacing and Arabic articles ("Al-Bukamal" = "Al Bukamal" = "bukamal"); the skeleton is a
transliteration-blind consonant frame ("Hasaka" = "Hasakah") that fuzzy matching starts from.
Used by the gazetteer's index, its lookups and the running-text scan, and by ``places import``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

ARTICLES = {
    "al", "el", "ad", "adh", "as", "az", "ash", "at", "ath", "ar", "an", "ed", "es", "ez", "et",
    "er", "en", "ul", "ud", "ur", "us", "il", "the",
}


# Cached: the running-text scan folds every capitalised n-gram of every article, and the same
# names ("Baghdad", "Islamic State") recur across a feed (a third of the geocode stage's time).
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case ASCII-ish form: accents and ʿ/ʾ/apostrophes removed, hyphens to spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[ʿʾ'’‘`´ʻʼ]", "", text)
    text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("ß", "ss")
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def display_name(name: str) -> str:
    """ACLED-style Latin spelling of a GeoNames name: "Ḩamāh" -> "Hamah", "Dar‘ā" -> "Dara"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[ʿʾ‘’`´ʻʼ]", "", text)


def tokens_without_articles(text: str) -> list[str]:
    words = fold(text).split()
    kept = [w for w in words if w not in ARTICLES]
    return kept or words


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Spacing- and article-insensitive key: "Al-Bukamal" == "Al Bukamal" == "bukamal"."""
    return "".join(tokens_without_articles(text))


def fused_article_key(text: str) -> str | None:
    """ "Albukamal" -> "bukamal": a fused article the token split cannot see."""
    key = name_key(text)
    for prefix in ("al", "el", "ar", "as", "ash", "az", "ad"):
        if key.startswith(prefix) and len(key) - len(prefix) >= 4:
            return key[len(prefix):]
    return None


_SKELETON_RULES = [
    (r"dh", "z"), (r"th", "t"), (r"kh", "k"), (r"gh", "g"), (r"sh", "s"), (r"ch", "s"),
    (r"ph", "f"), (r"q", "k"), (r"c", "k"), (r"j", "g"), (r"x", "ks"), (r"ee", "i"), (r"ou", "u"),
    (r"oo", "u"), (r"w", "u"), (r"y", "i"),
]


def skeleton(key: str) -> str:
    """Transliteration-blind form of a key: consonant frame, first letter kept."""
    if not key:
        return key
    s = key
    for pat, rep in _SKELETON_RULES:
        s = s.replace(pat, rep)
    s = re.sub(r"(?<=.)h(?=[^aeiou]|$)", "", s) or key  # Hasaka / Hasakah
    s = s[0] + re.sub(r"[aeiou]", "", s[1:])
    return re.sub(r"(.)\1+", r"\1", s)


@functools.lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """One word's share of a name key: its folded parts without articles ("al-Qaim" -> "qaim").

    Unlike ``tokens_without_articles`` it never keeps articles when nothing else is left: a span
    made of articles only contributes nothing to the key of a longer name ("Al Qaim")."""
    return "".join(w for w in fold(word).split() if w not in ARTICLES)
