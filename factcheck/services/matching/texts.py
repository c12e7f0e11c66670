"""What matching compares in a claim's words: its normalised text and hash, its figures, the words two claims share.

Pure: no Flask, no SQLAlchemy. Content words are cut to the 5-letter stems the extraction's duplicate detection
uses (``extraction.similarity``), so "recruited"/"recruitment" and « recrutées »/« recruté » meet.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from factcheck.extraction.similarity import proposition_stems

_WORD = re.compile(r"[^\W\d_]+|\d+")
# A figure: digits with any thousands separator ("40,000", "40 000", "40 000") and an optional decimal part.
_FIGURE = re.compile(r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
_SEPARATORS = re.compile(r"[ ,.\u00a0\u202f](?=\d{3}\b)")
_TOKEN = re.compile(_FIGURE.pattern + r"|[^\W\d_]+")  # a figure stays one token: "40,000", not "40" and "000"


def normalise(text: str) -> str:
    """Lower case, accents and punctuation gone, one space between words: what an exact match compares."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_WORD.findall(folded))


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode()).hexdigest()


def figures(text: str) -> frozenset[str]:
    """The numbers written in digits, thousands separators removed ("40,000" and "40 000" are both "40000")."""
    return frozenset(_SEPARATORS.sub("", f).replace(",", ".") for f in _FIGURE.findall(text))


def figures_conflict(a: str, b: str) -> bool:
    """Both claims give figures and neither's are all in the other's: "£2 billion" is not "£20 billion", 2022 is
    not 2019. A figure in words ("seven percent") is not read, so it never conflicts."""
    fa, fb = figures(a), figures(b)
    return bool(fa and fb and not (fa <= fb or fb <= fa))


def content_words(text: str) -> list[str]:
    """The words that carry the claim (no stop words), in order, each once."""
    return list(dict.fromkeys(w for w in _TOKEN.findall(text) if proposition_stems({"text": w})))


def shared_words(text: str, other: str) -> list[str]:
    """The content words of ``text`` whose stem is also in ``other``: why two claims look alike, in words."""
    stems = proposition_stems({"text": other})
    return [w for w in content_words(text) if proposition_stems({"text": w}) <= stems]
