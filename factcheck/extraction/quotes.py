"""Direct quotations («…», “…”, "…") and who said them.

The speaker is looked for in the same sentence (an incise after the quote: «…», a souligné X; or a lead-in:
X a déclaré : «…»), then in the next sentence ("Propos tenus par X à Y." / "The remarks were made by X."),
which is then consumed as pure attribution. Short quoted fragments (scare quotes) are not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import actor_after
from .attribution import Reported, find_attribution
from .nlp import TokenIndex
from .segmentation import quote_spans

MIN_QUOTE_WORDS = 4
_NEXT_SENTENCE = {
    "fr": re.compile(
        r"\s*(?:(?:des|ces|les|de tels|ses|leurs)\s+)?(?:propos|paroles|déclarations?|mots|remarques|commentaires)\s+"
        r"(?:(?:ont|avaient|a|avait)\s+été\s+)?(?:tenus|tenues|prononcés|prononcées|lancés|rapportés|faits|faites)"
        r"\s+(?:\w+\s+){0,3}?par\s+(.{1,200})",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\s*(?:(?:the|these|those|his|her|their|such)\s+)?(?:remarks|comments|words|statements?)\s+"
        r"(?:(?:were|was|had\s+been)\s+)?(?:made|delivered|given|spoken|uttered)\s+(?:\w+\s+){0,3}?by\s+(.{1,200})",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class Quote:
    """A quotation inside a sentence: its span (marks included), inner text and speaker if found."""

    start: int
    end: int
    inner: str
    speaker: str | None = None
    speaker_in_next: bool = False


def find_quotes(sentence: str) -> list[tuple[int, int]]:
    """Spans of quotations long enough to be claims."""
    return [(s, e) for s, e in quote_spans(sentence) if len(sentence[s + 1:e - 1].split()) >= MIN_QUOTE_WORDS]


def mask(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the given spans blanked out (same length, so offsets stay valid)."""
    chars = list(sentence)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def speaker_in_next(next_sentence: str | None, lang: str) -> str | None:
    """The speaker named by a following attribution sentence ("Propos tenus par X à Y.")."""
    if not next_sentence:
        return None
    m = _NEXT_SENTENCE["fr" if lang == "fr" else "en"].match(next_sentence)
    return actor_after(m.group(1)) if m else None


def quotes_with_speakers(sentence: str, lang: str, tokens: TokenIndex | None,
                         next_sentence: str | None) -> tuple[list[Quote], Reported | None]:
    """Quotes of `sentence` with speakers, and the attribution of its unquoted rest (for its other content)."""
    spans = find_quotes(sentence)
    if not spans:
        return [], None
    all_quotes = quote_spans(sentence)
    masked = mask(sentence, all_quotes)
    reported = find_attribution(masked, lang, tokens)
    speaker, from_next = (reported.claimant if reported else None), False
    if speaker is None:
        speaker = speaker_in_next(next_sentence, lang)
        from_next = speaker is not None
    quotes = [Quote(s, e, sentence[s + 1:e - 1].strip(" ,;:\u00a0\u202f"), speaker, from_next) for s, e in spans]
    return quotes, reported
