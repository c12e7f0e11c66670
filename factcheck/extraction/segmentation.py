"""Sentence segmentation with exact character spans.

spaCy's small models split inside quotations («… […] …») and join a paragraph's last sentence with the next
paragraph's first, so sentences are cut here by rules instead, and each is then parsed as its own doc. Every
sentence keeps its [start, end) offsets in the *input* text, so `text[start:end] == sentence` holds by
construction. All regexes are linear (no nested quantifiers); quotation marks are read by one left-to-right scan.

Web text is messy: a quotation may open and never close, close without having opened (the opening mark lost at a
paragraph break), or run over several paragraphs; scraped page furniture ("Partager sur Facebook", runs of
"Related:" link titles, tracking scripts) sits between paragraphs. Junk lines are dropped, and a sentence is never
cut inside a quotation, balanced or not, so each quotation lies within one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SENTENCE_CHARS = 1500
MAX_QUOTE_DEPTH = 3

# A leading "date 2022-02" (or 2022-02-03) line header, as in the seed corpus.
_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{2})(?:-(\d{2}))?(?=\s)", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")
_SPACE = " \t\u00a0\u202f"
# The lookbehind starts a candidate only at the first mark of a run, keeping "....…" linear. Closing marks may
# follow the punctuation with or without a (no-break) space: « … fin. » Ensuite …
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+(?:[ \t\u00a0\u202f]*[»”\"’')\]])*[ \t\u00a0\u202f]+"
                       r"|(?<=[a-zà-ÿ]{3}[.!?])(?=[A-ZÀ-Ý][a-zà-ÿ])")  # "…Network.The league": a space lost in scraping
_MARKS = re.compile(r"[«»“”„\"]")
_WORD_BEFORE = re.compile(r"[\w.’'-]{1,20}\Z")
ABBREVIATIONS = frozenset(
    """m mm mme mmes mlle mgr dr pr me st ste gén col cdt lt sgt cie etc. vol art av bd fig p pp no nos n°
    mr mrs ms messrs jr sr prof gen sen rep gov lt col capt sgt cpl pte adm maj rev hon st mt ft inc ltd co corp
    dept univ jan feb mar apr jun jul aug sep sept oct nov dec janv févr avr juil déc vs e.g i.e a.m p.m approx
    est""".split()
)

# Page furniture: share buttons, ads, newsletter calls, a run of related-link titles, tracking scripts.
_FURNITURE = re.compile(
    r"(?:partager\s+sur|share\s+(?:this|on|via)|advertisement|publicité|abonnez-vous|subscribe|sign\s+up"
    r"|inscrivez-vous|suivez-nous|follow\s+us|newsletter|imprimer|print\s+this|e-?mail\s+this|copy\s+link"
    r"|copier\s+le\s+lien|click\s+here|cliquez\s+ici|skip\s+advert|continuer\s+la\s+lecture"
    r"|lire\s+la\s+suite|continue\s+reading)\b",
    re.IGNORECASE,
)
_LINK_HEADER = re.compile(
    r"(?:à\s+lire\s+aussi|a\s+lire\s+aussi|lire\s+aussi|à\s+lire|voir\s+aussi|sur\s+le\s+même\s+sujet|related"
    r"|read\s+more|read\s+also|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|more\s+from|watch|vidéo"
    r"|video|en\s+images|lire)\s*(?::|\Z)",
    re.IGNORECASE,
)
_CODE = re.compile(
    r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+\s*(?:\(|=(?!=))"  # window.dataLayer = … / _gaq.push(…)
    r"|\b(?:function|var|const|let)\b[ \t]*[\w$]*[ \t]*[({=]"
    r"|</?(?:script|div|iframe|style)\b"
)
# Editorial labels and calls to readers: "**Update added (see below)**", "UPDATE:", "Share it in the comments."
_EDITORIAL_LABEL = re.compile(
    r"(?:[*_#]+\s*)?(?:updated?|correction|clarification|editor['’]s\s+note|mise\s+à\s+jour|màj|rectificatif"
    r"|erratum)\b[^.!?]{0,40}?(?:\s*[*_]+|\s*:)?\Z|[*_]{2}[^*_]{1,80}[*_]{2}\Z", re.IGNORECASE)
_READER_CALL = re.compile(r"\b(?:in\s+the\s+comments|leave\s+a\s+comment|laissez\s+un\s+commentaire|réagissez)\b",
                          re.IGNORECASE)
_CODE_PUNCT = re.compile(r"[;{}]|\|\||&&")
MAX_JUNK_WORDS = 25  # a link title
MAX_FURNITURE_WORDS = 8  # "Sign up for our daily sport newsletter"


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


def _straight_role(text: str, i: int, start: int, end: int) -> str | None:
    """Whether a straight " at `i` opens ("open"), closes ("close") or is neither, from its neighbours."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if (before in _SPACE or before in "\n([{—–-/«“") and not after.isspace():
        return "open"
    if before not in _SPACE and before != "\n" and not before.isdigit() and (
            after.isspace() or after in ",.;:!?)]»”—–-"):
        return "close"
    return None


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) spans of the quotations («…», “…”, „…“, "…") in text[start:end], marks included, outermost only.

    The scan is one pass over the marks with a small stack (nested “…” inside «…» stay inside). Mixed pairs
    (« … ”) close each other. An opening mark never closed runs to `end`; a closing mark with no opening one
    starts the quotation at `start` (or where the previous quotation ended): the caller passes a paragraph or a
    sentence, where such a mark was opened before it (a quotation that ran over a paragraph break) or lost.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []  # (position, opening mark)
    floor = start  # quotations never overlap: an orphan closing mark starts after the previous one
    for m in _MARKS.finditer(text, start, end):
        i, mark = m.start(), m.group()
        if mark == '"':
            if stack and stack[-1][1] == '"':
                closing = True  # a straight mark closes the straight quotation that is open
            else:
                role = _straight_role(text, i, start, end)
                if role is None:
                    continue
                closing = role == "close"
        elif mark == "“":
            closing = bool(stack) and stack[-1][1] == "„"
        else:
            closing = mark in "»”"
        if not closing:
            if len(stack) < MAX_QUOTE_DEPTH:
                stack.append((i, mark))
            continue
        if stack:
            if mark == "»":
                while len(stack) > 1 and stack[-1][1] != "«":
                    stack.pop()  # a nested mark left open inside «…»
            opened, _ = stack.pop()
            if not stack:
                spans.append((opened, i + 1))
                floor = i + 1
            continue
        s = floor
        while s < i and text[s] in _SPACE + "\n":
            s += 1
        if i - s >= 2:
            spans.append((s, i + 1))
        floor = i + 1
    if stack:
        spans.append((stack[0][0], end))
    return spans


def is_junk_line(line: str) -> bool:
    """Scraped page furniture: a share or ad line, a related-links header, tracking script code."""
    stripped = line.strip()
    if not stripped:
        return False
    if _CODE.search(stripped) and _CODE_PUNCT.search(stripped):
        return True
    words = len(stripped.split())
    if words > MAX_JUNK_WORDS:
        return False
    if _LINK_HEADER.match(stripped):
        return True
    if (words <= MAX_FURNITURE_WORDS and _EDITORIAL_LABEL.match(stripped)) or (
            words <= 2 * MAX_FURNITURE_WORDS and _READER_CALL.search(stripped)):
        return True
    return words <= MAX_FURNITURE_WORDS and bool(_FURNITURE.match(stripped)) and stripped[-1] not in ".!?»”\""


def _opens_link_run(line: str) -> bool:
    return bool(_LINK_HEADER.match(line.strip()))


def _is_title(line: str) -> bool:
    """A link title in a run of them: short and without the final stop of a sentence."""
    stripped = line.strip()
    return len(stripped.split()) <= MAX_JUNK_WORDS and stripped[-1] not in ".!…»”\""


def _blocks(text: str, start: int) -> list[tuple[int, int, int]]:
    """Cut text[start:] into blocks (start, end, paragraph): lines, joined when a line continues a wrapped one or
    follows a colon ("X a déclaré :" / a quotation on the next line); junk lines are left out."""
    blocks: list[tuple[int, int, int]] = []
    paragraph = 0
    prev_end = start
    link_run = False
    for m in _LINE.finditer(text, start):
        s, e = m.span()
        stripped = m.group().strip()
        if not stripped:
            continue
        gap = text[prev_end:s]
        new_paragraph = gap.count("\n") >= 2
        prev_end = e
        if new_paragraph:
            paragraph += 1
            link_run = False
        if link_run and _is_title(stripped):
            continue
        if is_junk_line(stripped):
            link_run = link_run or _opens_link_run(stripped)
            continue
        link_run = False
        first = stripped[0]
        if blocks:
            bs, be, bp = blocks[-1]
            after_colon = text[max(bs, be - 8):be].rstrip().endswith(":") and gap.count("\n") <= 2
            if after_colon or (not new_paragraph and (first.islower() or first in ",;)")):
                blocks[-1] = (bs, e, bp)
                continue
        blocks.append((s, e, paragraph))
    return blocks


def is_abbreviation(text: str, punct_pos: int) -> bool:
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


def _split_block(text: str, bs: int, be: int) -> list[tuple[int, int]]:
    """Cut a block at sentence boundaries that are not inside a quotation."""
    quotes = quote_spans(text, bs, be)
    cuts = [bs]
    qi = 0
    for m in _BOUNDARY.finditer(text, bs, be):
        end_of_sentence = m.start() + len(m.group().rstrip(_SPACE))
        next_start = m.end()
        if next_start >= be:
            break
        while qi < len(quotes) and quotes[qi][1] < end_of_sentence:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] < end_of_sentence < quotes[qi][1]:
            continue
        if is_abbreviation(text, m.start()) or not _starts_sentence(text, next_start):
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


_DATELINE = re.compile(
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+(?:[ /][A-ZÀ-Ý][A-ZÀ-Ý'’.-]+){0,3}"  # LONDON, NEW YORK, SAINT-DENIS
    r"(?:,\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)?"  # ", Argentina", ", Calif."
    r"(?:,\s*[A-Z][a-zé]+\.?\s+\d{1,2})?"  # ", March 3"
    r"(?:\s*\([^()\n]{1,40}\))?\s*[-–—]+\s+")  # "(Reuters) - ", "(AFP) — "


def segment(text: str) -> Segmented:
    """Split text into sentences with exact spans; a leading "date YYYY-MM[-DD]" header is skipped and returned."""
    header = _HEADER.match(text)
    header_date = None
    start = 0
    if header:
        header_date = (int(header.group(1)), int(header.group(2)), int(header.group(3)) if header.group(3) else None)
        start = header.end()
    sentences: list[SentenceSpan] = []
    for bs, be, paragraph in _blocks(text, start):
        for s, e in _split_block(text, bs, be):
            for cs, ce in _cap_length(text, s, e):
                raw = text[cs:ce]
                lead = len(raw) - len(raw.lstrip())
                trail = len(raw.rstrip())
                cs2, ce2 = cs + lead, cs + trail
                if cs == bs and (dateline := _DATELINE.match(text, cs2, ce2)):
                    cs2 = dateline.end()  # "LONDON (Reuters) - " names where it was filed, not who did what
                if ce2 <= cs2 or not any(ch.isalnum() for ch in text[cs2:ce2]):
                    continue
                sentences.append(SentenceSpan(cs2, ce2, text[cs2:ce2], paragraph))
    return Segmented(tuple(sentences), header_date)
