"""Numbers with their units, written in digits ("3 000", "2,000", "12,5 %") or in words ("un millier", "two million").

Thousands separators depend on the language: space, no-break space (U+00A0), narrow no-break space (U+202F) and
"." in French, "," (and spaces) in English. A unit is the noun that follows ("3 000 militaires", "un millier de
ces soldats"); "2 000 autres" takes the noun of the quantity before it, and in "trois de ses cinq piscines" both
numbers count piscines. Four-digit years without a unit are left to the dates module. All regexes are linear:
each repetition starts with a separator its body cannot contain.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from .models import Quantity

MAX_NUMBER_CHARS = 24
MAX_NUMBER_WORDS = 8
_SPACES = " \u00a0\u202f\u2009"
_DIGITS = {
    "fr": re.compile(
        r"(?<![\w.,\-/])(?:\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?)(?![\w\-/]|[.,]\d)"
    ),
    "en": re.compile(
        r"(?<![\w.,\-/])(?:\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w\-/]|[.,]\d)"
    ),
}
_SCALES = {
    "mille": 1_000, "millier": 1_000, "milliers": 1_000, "million": 1_000_000, "millions": 1_000_000,
    "milliard": 1_000_000_000, "milliards": 1_000_000_000, "centaine": 100, "centaines": 100,
    "dizaine": 10, "dizaines": 10, "douzaine": 12, "douzaines": 12,
    "thousand": 1_000, "thousands": 1_000, "billion": 1_000_000_000,
    "billions": 1_000_000_000, "trillion": 10**12, "dozen": 12, "hundred": 100, "k": 1_000, "bn": 1_000_000_000,
    "md": 1_000_000_000, "mds": 1_000_000_000,
}
_SCALE_AFTER = re.compile(
    r"[ \u00a0\u202f]*(millions?|milliards?|mille|milliers?|thousand|billions?|trillion|bn|k|Mds?)\b", re.IGNORECASE
)
_PERCENT = re.compile(r"[ \u00a0\u202f]*(?:%|pour ?cent\b|per ?cent\b|percent\b)", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    r"[ \u00a0\u202f]*(€|\$|£|euros?\b|dollars?\b|livres? sterling\b|pounds?\b)", re.IGNORECASE
)
_CURRENCY_BEFORE = re.compile(r"(?:US)?[$€£][ \u00a0]?\Z")
_UNIT = {
    "fr": re.compile(r"[ \u00a0\u202f]+(?:(?:des?[ \u00a0]+|d['’][ \u00a0]*)"
                     r"(?:(?:ces|ses|leurs|nos|vos|ce|cette)\s+)?)?([^\W\d_][\w’'-]{0,30})"),
    "en": re.compile(r"[ \u00a0\u202f]+(?:of\s+(?:(?:these|those|the|their|its|our|his|her)\s+)?)?"
                     r"([^\W\d_][\w’'-]{0,30})"),
}
_FR_WORDS = ("un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt "
             "vingts trente quarante cinquante soixante cent cents mille").split()
_EN_WORDS = ("a an one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
             "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
             "thousand").split()
_WORD_NUMBER = {
    "fr": re.compile(
        r"\b(?:" + "|".join(_FR_WORDS) + r")(?:(?:[ -]et)?[ -](?:" + "|".join(_FR_WORDS) + r"))*"
        r"(?:[ \u00a0](?:millions?|milliards?|milliers?|centaines?|dizaines?|douzaines?))?\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:" + "|".join(_EN_WORDS) + r")(?:(?: and)?[ -](?:" + "|".join(_EN_WORDS) + r"))*"
        r"(?:[ \u00a0](?:million|billion|trillion|dozen))?\b",
        re.IGNORECASE,
    ),
}
_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_][\w’'-]{0,30})")
_NUMBER_WORDS = frozenset(_FR_WORDS) | frozenset(_EN_WORDS)
_ELIDED = re.compile(r"[cdjlmnst]['’]", re.IGNORECASE)
_PARTITIVE = {  # "trois de ses cinq piscines", "un sur trois", "three of its five pools", "120 of the 450 buses"
    "fr": re.compile(r"[ \u00a0]+(?:des?|d['’]|sur)[ \u00a0]*(?:(?:ses|leurs|ces|nos|vos|les|des)\s+)?"),
    "en": re.compile(r"[ \u00a0]+(?:out\s+)?of\s+(?:(?:its|the|their|our|his|her|these|those)\s+)?"),
}
_SINGULAR_ONLY = frozenset("un une a an one".split())
_SMALL = r"(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
_RATIO = {  # "un Français sur trois", "one in five trips", "one adult out of four": a share, given in %
    "fr": re.compile(r"\b(?:un|une)(?:\s+[^\W\d_][\w’'-]{0,30}){1,2}\s+sur\s+" + _SMALL + r"\b", re.IGNORECASE),
    "en": re.compile(r"\bone(?:\s+[^\W\d_][\w'-]{0,30}){0,2}?\s+(?:in|out\s+of)\s+" + _SMALL + r"\b",
                     re.IGNORECASE),
}
_REFERRING = frozenset("autres others more supplémentaires additional de plus".split())
_NOT_UNITS = frozenset(
    """et ou en à au aux le la les des du de un une est sont seront ont a avait ans sur par pour dans avec que qui
    and or in on at to the a an is are was were will be been by for with that which than less moins
    contre entre vers""".split()
)
_FR_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")

PosLookup = Callable[[int], "str | None"]


def _parse_digits(raw: str, lang: str) -> float | int:
    s = raw
    for ch in _SPACES:
        s = s.replace(ch, "")
    if lang == "fr":
        if _FR_DOT_THOUSANDS.fullmatch(s):
            s = s.replace(".", "")
        s = s.replace(",", ".")
    else:
        s = s.replace(",", "")
    value = float(s)
    return int(value) if value.is_integer() else value


def _words_value(words: str, lang: str) -> float | int | None:
    from text_to_num import text2num

    tokens = words.lower().replace("\u00a0", " ").split()
    scale = 1
    if tokens and tokens[-1] in _SCALES and tokens[-1] not in ("mille", "thousand", "hundred"):
        scale = _SCALES[tokens.pop()]
    if not tokens:
        return None
    if lang == "en" and tokens[0] in ("a", "an"):
        tokens[0] = "one"
    if len(tokens) == 1 and tokens[0] in _SINGULAR_ONLY and scale == 1:
        return None
    phrase = " ".join(tokens)
    if lang == "fr" and phrase in ("un", "une"):
        base = 1
    else:
        try:
            base = text2num(phrase, lang)
        except ValueError:
            return None
    return base * scale


def _unit_after(text: str, pos: int, lang: str, pos_at: PosLookup | None) -> tuple[str | None, int]:
    m = _UNIT[lang].match(text, pos)
    if not m:
        return None, pos
    word = m.group(1)
    if word.lower() in _NOT_UNITS or word.lower() in _NUMBER_WORDS:
        return None, pos
    tag = pos_at(m.start(1)) if pos_at else None
    if tag is not None and tag not in ("NOUN", "PROPN", "ADJ", "X", "SYM", "NUM", "DET"):
        return None, pos
    if tag == "ADJ" and pos_at is not None and word.lower() not in _REFERRING:  # a tag implies pos_at
        end = m.end()
        for _ in range(2):  # "five public pools", "450 new electric buses": count the pools, the buses
            noun = _NEXT_WORD.match(text, end)
            if not noun or _ELIDED.match(noun.group(1)):
                break
            if pos_at(noun.start(1)) == "NOUN":
                return noun.group(1), noun.end()
            if pos_at(noun.start(1)) != "ADJ":
                break
            end = noun.end()
    return word, m.end()


def _singular(noun: str) -> bool:
    """Rough number of a unit noun: a count above one takes a plural ("2019 soldiers" but "its 2019 level")."""
    return not noun.lower().endswith(("s", "x"))


def _partitive_unit(text: str, pos: int, lang: str, pos_at: PosLookup | None) -> str | None:
    """The unit of "N of the M units" for N: the noun counted by the number that follows."""
    link = _PARTITIVE[lang].match(text, pos)
    if not link:
        return None
    number = _DIGITS[lang].match(text, link.end()) or _WORD_NUMBER[lang].match(text, link.end())
    return _unit_after(text, number.end(), lang, pos_at)[0] if number else None


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, disjoint; `starts` their starts): O(log n)."""
    before = bisect_left(starts, end) - 1  # only the last span starting before `end` can reach into it
    return before >= 0 and spans[before][1] > start


def find_quantities(text: str, lang: str, pos_at: PosLookup | None = None,
                    previous_unit: str | None = None) -> list[Quantity]:
    """Quantities in `text`, in order; `pos_at(offset)` gives the POS tag there (units must be nouns)."""
    lang = "fr" if lang == "fr" else "en"
    found: list[tuple[int, Quantity]] = []
    taken: list[tuple[int, int]] = []
    last_unit = previous_unit
    for m in _RATIO[lang].finditer(text):
        whole = m.group(1)
        parts = int(whole) if whole.isdigit() else _words_value(whole, lang)
        if parts and parts > 1:
            found.append((m.start(), Quantity(m.group(), round(100 / parts, 1), "%")))
            taken.append(m.span())
    ratios, ratio_starts = list(taken), [s for s, _ in taken]
    for m in _DIGITS[lang].finditer(text):
        if _overlaps(ratios, ratio_starts, *m.span()):
            continue
        start, end = m.span()
        if end - start > MAX_NUMBER_CHARS:
            continue
        value = _parse_digits(m.group(), lang)
        unit = None
        currency_before = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
        if currency_before:
            start = currency_before.start()
            unit = currency_before.group().strip().replace("US", "")
        scale = _SCALE_AFTER.match(text, end)
        if scale and (scale.group(1) != "k" or not text[scale.end():scale.end() + 1].isalpha()):
            value = value * _SCALES[scale.group(1).lower()]
            value = int(value) if float(value).is_integer() else value
            end = scale.end()
        percent = _PERCENT.match(text, end)
        currency = _CURRENCY_AFTER.match(text, end)
        if percent:
            unit, end = "%", percent.end()
        elif currency:
            unit, end = currency.group(1), currency.end()
        elif unit is None:
            unit, end = _unit_after(text, end, lang, pos_at)
            unit = unit or _partitive_unit(text, end, lang, pos_at)
            if not scale and _YEAR.fullmatch(m.group()) and (unit is None or _singular(unit)):
                continue  # a year ("en 2019", "its 2019 level"): the dates module reports it
        found.append((start, Quantity(text[start:end], value, unit)))
        taken.append((start, end))
    taken.sort()
    starts = [s for s, _ in taken]
    for m in _WORD_NUMBER[lang].finditer(text):
        start, end = m.span()
        if _overlaps(taken, starts, start, end):
            continue
        if len(m.group().split()) > MAX_NUMBER_WORDS:
            continue
        word_value = _words_value(m.group(), lang)
        if word_value is None:
            continue
        unit, end2 = _unit_after(text, end, lang, pos_at)
        unit = unit or _partitive_unit(text, end, lang, pos_at)
        if unit is None and word_value < 100:
            continue  # "l'un des deux": not a count of anything
        found.append((start, Quantity(text[start:end2], word_value, unit)))
    found.sort(key=lambda pair: pair[0])
    out = []
    for _, q in found:
        if q.unit and q.unit.lower() in _REFERRING and last_unit:
            q = Quantity(q.text, q.value, last_unit)
        elif q.unit and q.unit != "%":
            last_unit = q.unit
        out.append(q)
    return out
