"""Accusations and the denials that answer them.

"X accuse Y de Z, ce que Y dément" yields two claims: the accusation, rewritten as a statement a checker can
search for ("La Russie envisage une invasion du territoire ukrainien."), and the denial with the anaphora
resolved ("Moscou dément envisager une invasion du territoire ukrainien."). English works the same way
("X accuses Y of Z, which Y denies"). A later "Y a démenti ces accusations" / "Y denied the claim" answers the
latest accusation; "Y dément avoir …" is a denial standing on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import actor_after, actor_before, clean_actor
from .attribution import WORD
from .lexicon import fr_present, verb_forms

_INFINITIVE = re.compile(r"[^\W\d_]+(?:er|ir|re|oir)\Z", re.IGNORECASE)
_FR_PREP = re.compile(r"\s(?:de\s+|d['’]\s*)")
_EN_PREP = re.compile(r"\sof\s+")
_FR_END = re.compile(
    r",\s*(?:ce\s+qu|chose\s+qu|ce\s+qui|une?\s+(?:accusation|allégation)|des\s+(?:accusations|allégations)"
    r"|accusations?\b|allégations?\b|selon\b|a\s+\w+\s|ont\s+\w+\s)|[;:]",
    re.IGNORECASE,
)
_EN_END = re.compile(
    r",\s*(?:which|something|a\s+(?:claim|charge|accusation|allegation)|an\s+(?:accusation|allegation)"
    r"|(?:claims|charges|accusations|allegations)\b|according\b|\w+\s+said\b)|[;:]",
    re.IGNORECASE,
)
_FR_ANAPHOR = re.compile(r"\b(?:ce\s+qu(?:e\b|['’])|chose\s+qu(?:e\b|['’])|qu['’]|que\b)", re.IGNORECASE)
_EN_ANAPHOR = re.compile(r"\b(?:which|something|a\s+claim|a\s+charge|an\s+accusation|allegations?|claims?|"
                         r"charges?|accusations?)\b", re.IGNORECASE)
_FR_DENIED_OBJECT = re.compile(
    r"\s*(?:\w+ment\s+)?(?:(?:ces|ses|les|cette|toute|toutes|leurs|ces)\s+)?(?:accusations?|allégations?"
    r"|informations?|affirmations?|propos)\b|\s*(?:\w+ment)?\s*[.!]?\s*\Z",
    re.IGNORECASE,
)
_EN_DENIED_OBJECT = re.compile(
    r"\s*(?:\w+ly\s+)?(?:(?:the|these|those|such|any|all|this|that|their)\s+)?(?:claims?|charges?|accusations?"
    r"|allegations?|reports?|it|this|that)\b|\s*(?:\w+ly)?\s*[.!]?\s*\Z",
    re.IGNORECASE,
)
_PASSIVE_AUX = re.compile(  # "est accusée", "a été accusé", "was accused", "has been repeatedly accused"
    r"\b(?:est|sont|été|était|étaient|sera|seront|serait|seraient|is|are|was|were|been|be|being)\s+"
    r"(?:[^\W\d_]+(?:ly|ment)\s+)?\Z",
    re.IGNORECASE,
)
_PARTICIPLES = frozenset("accusé accusée accusés accusées accused".split())
_AGENT = {"fr": re.compile(r"\s*par\s+", re.IGNORECASE), "en": re.compile(r"\s*by\s+", re.IGNORECASE)}
_PLURAL_START = re.compile(r"(?:les|des|ces|plusieurs|certains|the\s+\w+s|several|many)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Accusation:
    """An accusation: who accuses, who is accused, of what (as written) and as a self-contained statement."""

    claimant: str | None
    target: str
    proposition: str
    prop_span: tuple[int, int]
    text: str


@dataclass(frozen=True)
class Denial:
    """A denial: who denies and, when it answers an accusation, nothing more is needed to phrase it."""

    claimant: str
    span: tuple[int, int]


def is_plural(phrase: str) -> bool:
    """Rough grammatical number of a noun phrase ("Washington et ses alliés", "les Occidentaux")."""
    return bool(re.search(r"\s(?:et|and)\s", phrase)) or bool(_PLURAL_START.match(phrase))


def _capitalise(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _fr_statement(target: str, prop: str) -> str:
    plural = is_plural(target)
    subject = _capitalise(target)
    words = prop.split()
    first = words[0].lower() if words else ""
    rest = " ".join(words[1:])
    negation = ""
    if first == "ne" and len(words) > 2 and words[1].lower() == "pas":
        negation, words = "pas", words[2:]
        first, rest = (words[0].lower() if words else ""), " ".join(words[1:])
    reflexive = ""
    if first in ("se", "s’", "s'") and len(words) > 1:
        reflexive, first, rest = "se ", words[1].lower(), " ".join(words[2:])
    elif first.startswith(("s’", "s'")):
        reflexive, first = "s’", first[2:]
    if _INFINITIVE.fullmatch(first):
        verb = fr_present(first, plural)
        if verb:
            if negation:
                return f"{subject} ne {reflexive}{verb} pas {rest}".rstrip() + "."
            return f"{subject} {reflexive}{verb} {rest}".rstrip() + "."
    de = "d’" if prop[:1].lower() in "aeiouyéèêh" else "de "
    return f"{subject} {'sont' if plural else 'est'} responsable{'s' if plural else ''} {de}{prop}."


def _en_statement(target: str, prop: str) -> str:
    plural = is_plural(target)
    subject = _capitalise(target)
    words = prop.split()
    first = words[0].lower() if words else ""
    rest = " ".join(words[1:])
    if first == "having":
        return f"{subject} {'have' if plural else 'has'} {rest}."
    if first == "being":
        return f"{subject} {'are' if plural else 'is'} {rest}."
    if first.endswith("ing") or (first == "not" and len(words) > 1 and words[1].endswith("ing")):
        return f"{subject} {'are' if plural else 'is'} {prop}."
    return f"{subject} {'are' if plural else 'is'} responsible for {prop}."


def _passive_subject_end(before: str, verb: str) -> int | None:
    """Where the subject ends when the accusing verb is passive ("Y est accusé", "Y, accused by X, …"), else None."""
    if verb.lower() not in _PARTICIPLES:
        return None
    aux = _PASSIVE_AUX.search(before)
    if aux:
        return aux.start()
    stripped = before.rstrip()
    return len(stripped) - 1 if stripped.endswith(",") else None


def find_accusation(text: str, lang: str) -> Accusation | None:
    """The accusation in `text` ("X accuse Y de Z", "Y est accusé par X de Z" and the English forms), or None.

    In the passive the claimant is the agent ("par X", "by X"); without one it is unknown (None).
    """
    forms = verb_forms(lang, "accusing")
    prep = _FR_PREP if lang == "fr" else _EN_PREP
    end_re = _FR_END if lang == "fr" else _EN_END
    for w in WORD.finditer(text):
        if w.group().lower() not in forms:
            continue
        vs, ve = w.span()
        window = text[ve:ve + 160]
        chosen = None
        for p in prep.finditer(window):
            following = WORD.match(window, p.end())
            if chosen is None:
                chosen = p
            if following and (lang == "en" or _INFINITIVE.fullmatch(following.group())):
                chosen = p
                break
        if chosen is None:
            continue
        before = text[:vs]
        passive = _passive_subject_end(before, w.group())
        if passive is None:
            target = clean_actor(window[: chosen.start()])
            claimant = actor_before(before)
        else:  # "Y est accusé par X de Z": the subject is accused, the agent (if any) accuses
            target = actor_before(before[:passive])
            agent = _AGENT[lang].match(window[: chosen.start()])
            claimant = clean_actor(window[agent.end(): chosen.start()]) if agent else None
        if not target or any(ch in target for ch in ",;:"):
            continue
        prop_start = ve + chosen.end()
        text_end = len(text.rstrip(" \t\n.!?…"))
        end = end_re.search(text, prop_start, text_end)
        prop_end = end.start() if end else text_end
        if passive is not None and before.rstrip().endswith(","):  # "Y, accusé de Z, a …": Z ends at the comma
            comma = text.find(",", prop_start, prop_end)
            prop_end = comma if comma != -1 else prop_end
        prop = text[prop_start:prop_end].strip()
        if len(prop) < 3:
            continue
        statement = _fr_statement(target, prop) if lang == "fr" else _en_statement(target, prop)
        return Accusation(claimant, target, prop, (prop_start, prop_start + len(prop)), statement)
    return None


def _denial_in(text: str, lang: str, start: int = 0) -> tuple[str, int, int, str] | None:
    """The first denying verb at or after `start`: (claimant, verb start, verb end, text after)."""
    forms = verb_forms(lang, "denying")
    for w in WORD.finditer(text, start):
        if w.group().lower() in forms:
            vs, ve = w.span()
            return text[start:vs], vs, ve, text[ve:]
    return None


def find_anaphoric_denial(text: str, lang: str, after: int) -> Denial | None:
    """", ce que Moscou dément" / ", which Moscow denies" after an accusation ending at `after`."""
    anaphor = (_FR_ANAPHOR if lang == "fr" else _EN_ANAPHOR).search(text, after)
    if not anaphor:
        return None
    found = _denial_in(text, lang, anaphor.end())
    if not found:
        return None
    between, vs, ve, rest = found
    claimant = actor_before(between) if between.strip() else None
    if not claimant:
        claimant = actor_after(rest)
    if not claimant:
        return None
    return Denial(claimant, (anaphor.start(), len(text)))


def find_denial_of_previous(text: str, lang: str) -> Denial | None:
    """"Moscou a démenti ces accusations." / "Russia denied the claims.": a denial answering an earlier claim."""
    found = _denial_in(text, lang)
    if not found:
        return None
    pre, vs, ve, rest = found
    obj = (_FR_DENIED_OBJECT if lang == "fr" else _EN_DENIED_OBJECT).match(rest)
    if not obj:
        return None
    claimant = actor_before(pre)
    if not claimant:
        return None
    return Denial(claimant, (0, len(text)))


def find_direct_denial(text: str, lang: str) -> Denial | None:
    """"X dément avoir …" / "X denied that …": a denial carrying its own proposition."""
    found = _denial_in(text, lang)
    if not found:
        return None
    pre, vs, ve, rest = found
    nxt = WORD.match(rest.lstrip(" ,"))
    if not nxt:
        return None
    word = nxt.group().lower()
    ok = (word in ("que", "qu", "avoir", "être", "toute", "tout", "catégoriquement", "formellement", "fermement")
          or _INFINITIVE.fullmatch(word)) if lang == "fr" else (
        word in ("that", "any", "having", "being", "claims", "reports") or word.endswith("ing"))
    claimant = actor_before(pre)
    if not ok or not claimant:
        return None
    return Denial(claimant, (0, len(text)))


def denial_text(claimant: str, accusation: Accusation, lang: str) -> str:
    """The denial as a self-contained statement: "Moscou dément envisager une invasion …"."""
    plural = is_plural(claimant)
    subject = _capitalise(claimant)
    prop = accusation.proposition
    word = WORD.match(prop)
    first = word.group().lower() if word else ""
    if lang == "fr":
        verb = "démentent" if plural else "dément"
        if _INFINITIVE.fullmatch(first) or first in ("avoir", "être", "se", "s", "ne"):
            return f"{subject} {verb} {prop}."
        de = "d’" if prop[:1].lower() in "aeiouyéèêh" else "de "
        return f"{subject} {verb} être responsable{'s' if plural else ''} {de}{prop}."
    verb = "deny" if plural else "denies"
    if prop.split()[0].lower().endswith("ing"):  # the whole token: "double-counting"
        return f"{subject} {verb} {prop}."
    return f"{subject} {verb} responsibility for {prop}."
