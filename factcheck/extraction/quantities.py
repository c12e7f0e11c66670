"""Numbers with their units, written in digits ("3 000", "2,000", "12,5 %") or in words ("un millier", "two million").

Thousands separators depend on the language: space, no-break space (U+00A0), narrow no-break space (U+202F) and
"." in French, "," (and spaces) in English. A unit is the noun that follows ("3 000 militaires", "un millier de
ces soldats"); "2 000 autres" takes the noun of the quantity before it, and in "trois de ses cinq piscines" both
numbers count piscines. Dates are left to the dates module: a day or month number ("le 3 mars", "Feb. 11"), a
year ("en 2019", "in 2022", "its 2019 level"), a time ("14 h 30", "9 a.m."); ordinals ("3e") and scores ("0-4")
are not numbers at all. Fractions are shares ("deux tiers" 0.667, "half of the money" 0.5) counting the noun they
are a part of. A range shares its multiplier and unit: "entre 2,8 et 3 millions d'euros" gives 2 800 000 and
3 000 000 euros. All regexes are linear: each repetition starts with a separator its body cannot contain.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from .dates import date_spans
from .models import Quantity

MAX_NUMBER_CHARS = 24
MAX_NUMBER_WORDS = 8
_SPACES = " \u00a0\u202f\u2009"
_DIGITS = {
    "fr": re.compile(
        r"(?<![\w.,\-/:])(?:\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?)"
        r"(?P<suffix>bn|mds?|m|k)?(?![\w/]|-(?![^\W\d_])|[.,:]\d)"
    ),
    "en": re.compile(
        r"(?<![\w.,\-/:])(?:\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        r"(?P<suffix>bn|m|k)?(?![\w/]|-(?![^\W\d_])|[.,:]\d)"
    ),
}
_SCALES = {
    "mille": 1_000, "millier": 1_000, "milliers": 1_000, "million": 1_000_000, "millions": 1_000_000,
    "milliard": 1_000_000_000, "milliards": 1_000_000_000, "centaine": 100, "centaines": 100,
    "dizaine": 10, "dizaines": 10, "douzaine": 12, "douzaines": 12,
    "thousand": 1_000, "thousands": 1_000, "billion": 1_000_000_000,
    "billions": 1_000_000_000, "trillion": 10**12, "dozen": 12, "hundred": 100, "k": 1_000, "bn": 1_000_000_000,
    "md": 1_000_000_000, "mds": 1_000_000_000, "m": 1_000_000,
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
_HYPHEN_UNIT = re.compile(r"-([^\W\d_][^\W\d_]{0,30})(?![\w-])")  # "a 22-bed unit", "a two-page letter"
_OF_THEM = {  # "four of them", "trois d'entre eux": the noun counted before
    "fr": re.compile(r"[ \u00a0]+d['’]entre[ \u00a0]+(?:eux|elles)\b", re.IGNORECASE),
    "en": re.compile(r"[ \u00a0]+(?:out[ \u00a0]+)?of[ \u00a0]+them\b", re.IGNORECASE),
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
    """et ou en à au aux le la les des du de un une est sont seront ont a avait sur par pour dans avec que qui
    and or in on at to the a an is are was were will be been by for with that which than less moins last next this
    contre entre vers""".split()
)
_FR_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_YEAR_CUE = re.compile(  # "en 2019 ses parts", "in 2022 people moved": a year whatever follows
    r"(?<![\w’'])(?:en|in|depuis|since|dès|d['’]ici|jusqu['’]en|until|till|avant|après|before|after|fin|début|end|"
    r"année|year|mid|early|late)[ \u00a0-]+\Z", re.IGNORECASE)
_PLURAL_NOUNS = frozenset("people children men women police staff personnel cattle gens".split())
_TIME = {  # "14 h 30", "à 9h", "9 a.m.", "9.30pm": a time of day, not a count
    "fr": re.compile(r"(?<![\w.,])\d{1,2}[ \u00a0]?h(?:[ \u00a0]?[0-5]\d)?(?![\w’'])"),
    "en": re.compile(r"(?<![\w.,])\d{1,2}(?:[:.][0-5]\d)?[ \u00a0]?(?:[ap]\.m\.|[ap]m\b|o['’]clock\b)", re.IGNORECASE),
}
_RANGE_LINK = {  # between the two ends of a range: "entre 2,8 et 3 millions", "de 24 à 38 ans", "6 to 8 percent"
    "fr": re.compile(r"[ \u00a0]+(?:(?P<et>et)|à|au)[ \u00a0]+"),
    "en": re.compile(r"[ \u00a0]+(?:(?P<et>and)|to)[ \u00a0]+"),
}
_RANGE_OPEN = re.compile(r"(?<![\w’'])(?:entre|between)[ \u00a0]+\Z", re.IGNORECASE)
_FR_NUMERATORS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                  "neuf": 9}
_EN_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9}
_DENOMINATORS = {"tiers": 3, "quart": 4, "quarts": 4, "cinquième": 5, "cinquièmes": 5, "dixième": 10, "dixièmes": 10,
                 "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10,
                 "tenths": 10}
_FRACTION = {  # "deux tiers", "d'un quart", "la moitié", "de moitié"; "two-thirds", "a quarter", "half"
    "fr": re.compile(r"(?<![\w-])(?:(?P<num>" + "|".join(_FR_NUMERATORS) + r")[ \u00a0-]+"
                     r"(?P<den>tiers|quarts?|cinquièmes?|dixièmes?)|(?P<half>(?:la|une|de)[ \u00a0]+moitié))"
                     r"(?![\w’'-])",
                     re.IGNORECASE),
    "en": re.compile(r"(?<![\w-])(?:(?P<num>" + "|".join(_EN_NUMERATORS) + r")[ \u00a0-]+"
                     r"(?P<den>thirds?|quarters?|fifths?|tenths?)|(?P<half>(?:(?:a|one)[ \u00a0-]+)?half))(?![\w’'-])",
                     re.IGNORECASE),
}
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[’']?[ \u00a0]*\Z")
_NOT_AFTER_FRACTION = {  # "par un tiers" (a third party), "un quart d'heure", "the second half", "a year and a half"
    "fr": frozenset("par à avec pour chez contre auprès".split()),
    "en": frozenset("first second the this that last next and its their his her other each latter".split()),
}
_FRACTION_NOT_BEFORE = re.compile(  # what follows: "un quart de finale", "un quart d'heure", "tiers payant"
    r"[ \u00a0-]+(?:de[ \u00a0]+finales?|d['’]heure|payant|monde|time|times|term|century)\b", re.IGNORECASE)
_FRACTION_OF = {  # "of" or a partitive, so that "half the money" counts money and "un tiers provient" nothing
    "fr": re.compile(r"[ \u00a0]+(?:des|du|de[ \u00a0]+la|de[ \u00a0]+l['’]|de|d['’])[ \u00a0]*"
                     r"(?:(?:ces|ses|leurs|nos|vos|ce|cette|son|sa|leur|mes|tes)[ \u00a0]+)?([^\W\d_][\w-]{0,30})",
                     re.IGNORECASE),
    "en": re.compile(r"[ \u00a0]+(?:of[ \u00a0]+(?:(?:these|those|the|their|its|our|his|her|this|that|all)[ \u00a0]+)?"
                     r"|(?:these|those|the|their|its|our|his|her|this|that)[ \u00a0]+)([^\W\d_][\w'’-]{0,30})",
                     re.IGNORECASE),
}
_EN_SINGLE_FRACTION_END = re.compile(r"[ \u00a0]+of\b|[ \u00a0]*(?:[,.;:)]|\Z)")
_DEGREE = frozenset("by than about nearly almost roughly around some over under just only barely approximately "
                    "exactly close".split())
_NOT_UNIT_PRONOUNS = frozenset("them it us you these those which whom eux elles lui nous vous".split())
_HALF_SCALE = re.compile(r"[ \u00a0]+a[ \u00a0]+(million|billion|thousand|dozen|hundred)\b", re.IGNORECASE)

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
    return _noun_from(text, m, pos_at, pos)


def _noun_from(text: str, m: re.Match[str], pos_at: PosLookup | None, pos: int,
               tags: tuple[str, ...] = ("NOUN", "PROPN", "ADJ", "X", "SYM", "NUM", "DET")) -> tuple[str | None, int]:
    """The unit noun whose first word `m` group 1 caught (skipping up to two adjectives), and where it ends."""
    word = m.group(1)
    if word.lower() in _NOT_UNITS or word.lower() in _NUMBER_WORDS:
        return None, pos
    tag = pos_at(m.start(1)) if pos_at else None
    if tag is not None and tag not in tags:
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


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 20), pos)
    return m.group(1).lower() if m else ""


def _fraction_unit(text: str, pos: int, lang: str, pos_at: PosLookup | None) -> tuple[str | None, int]:
    """The noun a fraction is a part of: "des habitants", "of the population", "half the money"; not "of them"."""
    m = _FRACTION_OF[lang].match(text, pos)
    if not m or m.group(1).lower() in _NOT_UNIT_PRONOUNS:
        return None, pos
    if m.group(1).endswith(("'s", "’s")):  # "of the department's patients"
        owned = _NEXT_WORD.match(text, m.end())
        return (owned.group(1), owned.end()) if owned and (pos_at is None or pos_at(owned.start(1)) == "NOUN") \
            else (None, pos)
    return _noun_from(text, m, pos_at, pos, ("NOUN", "PROPN", "ADJ", "X"))


def _fractions(text: str, lang: str, pos_at: PosLookup | None) -> list[tuple[int, int, Quantity]]:
    """(start, end, quantity) of the fractions of `text`: "un tiers des habitants" 0.333, "two-thirds" 0.667."""
    out = []
    for m in _FRACTION[lang].finditer(text):
        start, end = m.span()
        if _FRACTION_NOT_BEFORE.match(text, end):
            continue
        before = _word_before(text, start)
        if m.group("half"):
            if lang == "en" and before in _NOT_AFTER_FRACTION["en"]:
                continue
            value: float = 0.5
        else:
            num = (_FR_NUMERATORS if lang == "fr" else _EN_NUMERATORS)[m.group("num").lower()]
            den = _DENOMINATORS[m.group("den").lower()]
            if num >= den:
                continue
            if num == 1 and lang == "fr" and before in _NOT_AFTER_FRACTION["fr"]:
                continue  # "payé par un tiers": a third party
            if num == 1 and lang == "en" and before not in _DEGREE and not _EN_SINGLE_FRACTION_END.match(text, end):
                continue  # "a third term", "a quarter century"
            value = round(num / den, 3)
        scale = _HALF_SCALE.match(text, end) if m.group("half") else None
        if scale:  # "half a million people"
            value, end = value * _SCALES[scale.group(1).lower()], scale.end()
            value = int(value) if float(value).is_integer() else value
            unit, unit_end = _unit_after(text, end, lang, pos_at)
        else:
            unit, unit_end = _fraction_unit(text, end, lang, pos_at)
        out.append((start, unit_end if unit else end, Quantity(text[start:unit_end if unit else end], value, unit)))
    return out


def _skipped_spans(text: str, lang: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Sorted disjoint spans of dates with a day or month number and of times of day, and their starts."""
    spans = sorted(date_spans(text) + [m.span() for m in _TIME[lang].finditer(text)])
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged, [s for s, _ in merged]


def _scaled(value: float | int, scale: int) -> float | int:
    value = round(value * scale, 6)
    return int(value) if float(value).is_integer() else value


_Found = list[tuple[int, Quantity]]  # (start, quantity), in the order found
_Spans = list[tuple[int, int]]
_Low = tuple[int, int, int, bool]  # a range's first end: index in found, its end and start, scaled


def _ratios(text: str, lang: str) -> tuple[_Found, _Spans]:
    """Shares written as ratios ("un Français sur trois", "one in five"), in %, before their numbers count alone."""
    found: _Found = []
    taken: _Spans = []
    for m in _RATIO[lang].finditer(text):
        whole = m.group(1)
        parts = int(whole) if whole.isdigit() else _words_value(whole, lang)
        if parts and parts > 1:
            found.append((m.start(), Quantity(m.group(), round(100 / parts, 1), "%")))
            taken.append(m.span())
    return found, taken


def _digit_scale(text: str, end: int, value: float | int,
                 suffix: str | None) -> tuple[float | int, int, int, bool]:
    """A multiplier glued on ("5bn") or written after ("3 millions"): the value, its end, multiplier, scaled."""
    scale = _SCALE_AFTER.match(text, end)
    if suffix:
        value, scale = _scaled(value, _SCALES[suffix.lower()]), None
    elif scale and (scale.group(1) != "k" or not text[scale.end():scale.end() + 1].isalpha()):
        value = _scaled(value, _SCALES[scale.group(1).lower()])
        end = scale.end()
    else:
        scale = None
    multiplier = _SCALES[suffix] if suffix else _SCALES[scale.group(1).lower()] if scale else 1
    return value, end, multiplier, bool(scale) or bool(suffix)


def _digit_unit(text: str, start: int, end: int, number: str, lang: str, pos_at: PosLookup | None,
                unit: str | None, scaled: bool) -> tuple[str | None, int, bool] | None:
    """What a digit number counts (%, a currency, "22-bed", a noun) and whether it is its own; None for a year."""
    percent = _PERCENT.match(text, end)
    currency = _CURRENCY_AFTER.match(text, end)
    hyphen = _HYPHEN_UNIT.match(text, end) if unit is None else None
    own_unit = unit is None  # a unit written after the number is its own: a range's first end keeps it
    if percent:
        unit, end = "%", percent.end()
    elif currency:
        unit, end = currency.group(1), currency.end()
    elif hyphen:
        unit, end = hyphen.group(1), hyphen.end()
    elif unit is None:
        unit, end = _unit_after(text, end, lang, pos_at)
        unit = unit or _partitive_unit(text, end, lang, pos_at)
        own_unit = unit is not None
        if not scaled and _YEAR.fullmatch(number) and (
                unit is None or (_singular(unit) and unit.lower() not in _PLURAL_NOUNS)
                or _YEAR_CUE.search(text, max(0, start - 12), start)):
            return None  # a year ("en 2019", "its 2019 level"): the dates module reports it
    return unit, end, own_unit


def _digit_quantity(text: str, m: re.Match[str], lang: str,
                    pos_at: PosLookup | None) -> tuple[int, int, Quantity, int, bool] | None:
    """A digit number with its currency, scale, percent or unit: start, end, quantity, multiplier, own unit."""
    start, end = m.span()
    suffix = m.group("suffix")
    number = m.group()[:len(m.group()) - len(suffix)] if suffix else m.group()
    value = _parse_digits(number, lang)
    unit = None
    currency_before = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
    if currency_before:
        start = currency_before.start()
        unit = currency_before.group().strip().replace("US", "")
    elif suffix == "m" and not _CURRENCY_AFTER.match(text, end):
        return None  # "5m": metres as likely as millions without a currency
    value, end, multiplier, scaled = _digit_scale(text, end, value, suffix)
    counted = _digit_unit(text, start, end, number, lang, pos_at, unit, scaled)
    if counted is None:
        return None
    unit, end, own_unit = counted
    return start, end, Quantity(text[start:end], value, unit), multiplier, own_unit


def _share_range(text: str, lang: str, found: _Found, low: _Low, start: int, multiplier: int,
                 unit: str | None) -> None:
    """A range's first end takes the second's multiplier and unit: "entre 2,8 et 3 millions d'euros"."""
    link = _RANGE_LINK[lang].fullmatch(text, low[1], start)
    if link and (not link.group("et") or _RANGE_OPEN.search(text, max(0, low[2] - 12), low[2])):
        index, _, _, low_scaled = low
        first = found[index][1]
        shared = 1 if low_scaled else multiplier
        found[index] = (found[index][0], Quantity(first.text, _scaled(first.value, shared), first.unit or unit))


def _digit_numbers(text: str, lang: str, pos_at: PosLookup | None, found: _Found, taken: _Spans) -> None:
    """Numbers in digits outside ratios, dates and times, added to `found` and `taken`; ranges share a multiplier."""
    ratios, ratio_starts = list(taken), [s for s, _ in taken]
    skipped, skipped_starts = _skipped_spans(text, lang)
    low: _Low | None = None
    for m in _DIGITS[lang].finditer(text):
        start, end = m.span()
        if _overlaps(ratios, ratio_starts, start, end) or _overlaps(skipped, skipped_starts, start, end):
            low = None
            continue
        if end - start > MAX_NUMBER_CHARS:
            low = None
            continue
        digit = _digit_quantity(text, m, lang, pos_at)
        if digit is None:
            low = None
            continue
        start, end, quantity, multiplier, own_unit = digit
        if low is not None and (multiplier > 1 or quantity.unit):
            _share_range(text, lang, found, low, start, multiplier, quantity.unit)
        found.append((start, quantity))
        taken.append((start, end))
        low = (len(found) - 1, end, start, multiplier > 1) if not own_unit else None


def _fraction_quantities(text: str, lang: str, pos_at: PosLookup | None, found: _Found, taken: _Spans) -> _Spans:
    """Fractions ("deux tiers des habitants") where no number is, added to `found`; all spans taken, sorted."""
    taken = sorted(taken)
    starts = [s for s, _ in taken]
    fraction_spans = []
    for start, end, q in _fractions(text, lang, pos_at):
        if not _overlaps(taken, starts, start, end):
            found.append((start, q))
            fraction_spans.append((start, end))
    return sorted(taken + fraction_spans)


def _word_quantity(text: str, m: re.Match[str], lang: str, pos_at: PosLookup | None) -> tuple[Quantity, bool] | None:
    """A number in words with its unit, and whether it is "four of them"; None when it counts nothing."""
    start, end = m.span()
    if len(m.group().split()) > MAX_NUMBER_WORDS:
        return None
    word_value = _words_value(m.group(), lang)
    if word_value is None:
        return None
    hyphen = _HYPHEN_UNIT.match(text, end)
    them = _OF_THEM[lang].match(text, end)
    if hyphen:
        unit, end2 = hyphen.group(1), hyphen.end()
    elif them:
        unit, end2 = None, them.end()
    else:
        unit, end2 = _unit_after(text, end, lang, pos_at)
        unit = unit or _partitive_unit(text, end, lang, pos_at)
    if unit is None and word_value < 100 and not them:
        return None  # "l'un des deux": not a count of anything
    return Quantity(text[start:end2], word_value, unit), bool(them)


def _word_numbers(text: str, lang: str, pos_at: PosLookup | None, found: _Found, taken: _Spans) -> set[int]:
    """Numbers in words ("trois mille soldats") outside `taken`, added to `found`; the starts of "N of them"."""
    starts = [s for s, _ in taken]
    them_starts: set[int] = set()  # "four of them": the unit is that of the quantity before
    for m in _WORD_NUMBER[lang].finditer(text):
        if _overlaps(taken, starts, m.start(), m.end()):
            continue
        word = _word_quantity(text, m, lang, pos_at)
        if word is None:
            continue
        quantity, them = word
        if them:
            them_starts.add(m.start())
        found.append((m.start(), quantity))
    return them_starts


def _carry_units(found: _Found, them_starts: set[int], previous_unit: str | None) -> list[Quantity]:
    """In text order; "2 000 autres" and "four of them" count the noun of the quantity before (maybe a sentence's)."""
    found.sort(key=lambda pair: pair[0])
    last_unit = previous_unit
    out = []
    for start, q in found:
        if start in them_starts:
            q = Quantity(q.text, q.value, last_unit)
        elif q.unit and q.unit.lower() in _REFERRING and last_unit:
            q = Quantity(q.text, q.value, last_unit)
        elif q.unit and q.unit != "%":
            last_unit = q.unit
        out.append(q)
    return out


def find_quantities(text: str, lang: str, pos_at: PosLookup | None = None,
                    previous_unit: str | None = None) -> list[Quantity]:
    """Quantities in `text`, in order; `pos_at(offset)` gives the POS tag there (units must be nouns)."""
    lang = "fr" if lang == "fr" else "en"
    found, taken = _ratios(text, lang)
    _digit_numbers(text, lang, pos_at, found, taken)
    taken = _fraction_quantities(text, lang, pos_at, found, taken)
    them_starts = _word_numbers(text, lang, pos_at, found, taken)
    return _carry_units(found, them_starts, previous_unit)
