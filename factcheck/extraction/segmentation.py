"""Sentence segmentation with exact character spans.

spaCy's small models split inside quotations («… […] …») and join a paragraph's last sentence with the next
paragraph's first, so sentences are cut here by rules instead, and each is then parsed as its own doc. Every
sentence keeps its [start, end) offsets in the *input* text, so `text[start:end] == sentence` holds by
construction. All regexes are linear (no nested quantifiers); quotations are bounded in length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SENTENCE_CHARS = 1500

# A leading "date 2022-02" (or 2022-02-03) line header, as in the seed corpus.
_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})(?:-(\d{2}))?(?=\s)", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")
# The lookbehind starts a candidate only at the first mark of a run, keeping "....…" linear.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[»”\"’')\]]*[ \t\u00a0\u202f]+")
_QUOTES = (
    re.compile(r"«[^«»\n]{0,3000}»"),
    re.compile(r"“[^“”\n]{0,3000}”"),
    re.compile(r"\"[^\"\n]{0,3000}\""),
)
_WORD_BEFORE = re.compile(r"[\w.’'-]{1,20}\Z")
ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle dr pr me st ste gén col cdt lt sgt cie etc. vol art av bd fig p pp no nos n°
    mr mrs ms messrs jr sr prof gen sen rep gov lt col capt sgt rev hon st mt ft inc ltd co corp dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec janv févr avr juil déc vs e.g i.e a.m p.m approx est""".split()
)


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence: its verbatim text, offsets in the input, and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Segmented:
    """The sentences of a text plus a header date (year, month, day or None) when the text starts with one."""

    sentences: tuple[SentenceSpan, ...]
    header_date: tuple[int, int, int | None] | None = None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return [start, end) spans of quotations («…», “…”, "…"), marks included, without overlaps."""
    spans: list[tuple[int, int]] = []
    for pattern in _QUOTES:
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.sort()
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e))
    return kept


def _blocks(text: str, start: int) -> list[tuple[int, int, int]]:
    """Cut text[start:] into blocks (start, end, paragraph): lines, joined when a line continues a wrapped one."""
    blocks: list[tuple[int, int, int]] = []
    paragraph = 0
    prev_end = start
    for m in _LINE.finditer(text, start):
        s, e = m.span()
        stripped = m.group().strip()
        if not stripped:
            continue
        gap = text[prev_end:s]
        new_paragraph = gap.count("\n") >= 2
        if new_paragraph:
            paragraph += 1
        first = stripped[0]
        if blocks and not new_paragraph and (first.islower() or first in ",;)"):
            bs, _, bp = blocks[-1]
            blocks[-1] = (bs, e, bp)
        else:
            blocks.append((s, e, paragraph))
        prev_end = e
    return blocks


def _is_abbreviation(text: str, punct_pos: int) -> bool:
    if text[punct_pos] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, punct_pos - 20), punct_pos)
    if not m:
        return False
    word = m.group().lstrip("'’-").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Biden"
    if word.rstrip(".") in ABBREVIATIONS or word in ABBREVIATIONS:
        return True
    return bool(re.fullmatch(r"(?:\w\.){1,4}\w", word))  # U.S, e.g


def _starts_sentence(text: str, pos: int) -> bool:
    j = pos
    while j < len(text) and j < pos + 3 and text[j] in "«“\"([ \u00a0\u202f":
        j += 1
    return j < len(text) and (text[j].isupper() or text[j].isdigit())


def _split_block(text: str, bs: int, be: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    cuts = [bs]
    qi = 0
    for m in _BOUNDARY.finditer(text, bs, be):
        end_of_sentence = m.start() + len(m.group().rstrip(" \t\u00a0\u202f"))
        next_start = m.end()
        if next_start >= be:
            break
        while qi < len(quotes) and quotes[qi][1] <= end_of_sentence:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] < end_of_sentence < quotes[qi][1]:
            continue
        if _is_abbreviation(text, m.start()) or not _starts_sentence(text, next_start):
            continue
        cuts.append(next_start)
    cuts.append(be)
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]


def _cap_length(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split over-long stretches at whitespace so no doc exceeds MAX_SENTENCE_CHARS."""
    out = []
    while e - s > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS)
        cut = cut + 1 if cut > s else s + MAX_SENTENCE_CHARS
        out.append((s, cut))
        s = cut
    out.append((s, e))
    return out


def segment(text: str) -> Segmented:
    """Split text into sentences with exact spans; a leading "date YYYY-MM[-DD]" header is skipped and returned."""
    header = _HEADER.match(text)
    header_date = None
    start = 0
    if header:
        header_date = (int(header.group(1)), int(header.group(2)), int(header.group(3)) if header.group(3) else None)
        start = header.end()
    quotes = quote_spans(text)
    sentences: list[SentenceSpan] = []
    for bs, be, paragraph in _blocks(text, start):
        block_quotes = [q for q in quotes if bs <= q[0] < be]
        for s, e in _split_block(text, bs, be, block_quotes):
            for cs, ce in _cap_length(text, s, e):
                raw = text[cs:ce]
                lead = len(raw) - len(raw.lstrip())
                trail = len(raw.rstrip())
                cs2, ce2 = cs + lead, cs + trail
                if ce2 <= cs2 or not any(ch.isalnum() for ch in text[cs2:ce2]):
                    continue
                sentences.append(SentenceSpan(cs2, ce2, text[cs2:ce2], paragraph))
    return Segmented(tuple(sentences), header_date)
