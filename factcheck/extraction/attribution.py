"""Reported speech: who a sentence's content is attributed to ("selon X", "X a déclaré que", ", a précisé X",
"according to X", "X said", "X told …"), plus stance verbs whose subject is the claimant (proposals, refusals).

Verbs are found by looking words up in sets (linear, unlike a regex alternation of a thousand forms); the
claimant is the noun phrase before the verb, or after it when the verb follows a comma (French inversion
", ont rapporté plusieurs médias", English ", said the minister").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import actor_after, actor_before, is_inversion
from .lexicon import FR_AUXILIARIES, is_fr_participle, verb_forms
from .nlp import TokenIndex

WORD = re.compile(r"[^\W\d_]+")
GROUP_ORDER = ("proposing", "refusing", "reporting")
KIND_OF_GROUP = {"proposing": "proposal", "refusing": "statement", "reporting": "statement"}
DETERMINERS = frozenset("le la les l un une des ses leurs ces cette ce sa son the a an his her their its these".split())
_SELON_START = re.compile(r"\s*(?:selon|d['’]après|according\s+to)\s+([^,;:.]{2,120})", re.IGNORECASE)
_SELON_END = re.compile(r",\s*(?:selon|d['’]après|according\s+to)\s+([^,;:.!?]{2,120})[.!?]?\s*\Z", re.IGNORECASE)
_PRONOUN_INVERSION = re.compile(r"-t-(il|elle|ils|elles|on)\b|-(il|elle|ils|elles|on)\b", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(r"-t-(il|elle|on)\b[\w\s]{0,25}\Z|-(ils|elles)\b[\w\s]{0,25}\Z", re.IGNORECASE)
_EN_PRONOUN_AFTER = re.compile(r"\s+(he|she|they)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reported:
    """The claimant of a sentence's content and the verb group that named them."""

    claimant: str
    group: str
    verb_start: int
    verb_end: int

    @property
    def kind(self) -> str:
        return KIND_OF_GROUP.get(self.group, "statement")


def _verb_group(word: str, lang: str, groups: tuple[str, ...]) -> str | None:
    low = word.lower()
    for group in groups:
        if low in verb_forms(lang, group):
            return group
    return None


def _previous_words(text: str, n: int) -> list[str]:
    return [w.lower() for w in WORD.findall(text[-60:])][-n:]


def _plausible_subject(actor: str, pre: str, tokens: TokenIndex | None) -> bool:
    if tokens is None:
        return True
    at = pre.rfind(actor)
    if at < 0:
        return True
    return not tokens.has_finite_verb(at, at + len(actor))


def find_attribution(text: str, lang: str, tokens: TokenIndex | None = None,
                     groups: tuple[str, ...] = GROUP_ORDER) -> Reported | None:
    """The claimant `text` is attributed to, or None when the sentence speaks in the author's voice."""
    m = _SELON_START.match(text)
    if m:
        actor = actor_after(m.group(1))
        if actor:
            return Reported(actor, "reporting", m.start(), m.start(1))
    for w in WORD.finditer(text):
        group = _verb_group(w.group(), lang, groups)
        if group is None:
            continue
        vs, ve = w.span()
        pre, after = text[:vs], text[ve:]
        before = _previous_words(pre, 3)
        if before and before[-1] in DETERMINERS and not (before[-1] == "a" and lang == "fr"):
            continue  # "les demandes russes": a noun, not the verb
        if tokens is not None and tokens.pos_at(vs) == "NOUN" and not (set(before) & FR_AUXILIARIES):
            continue
        if lang == "fr" and is_fr_participle(w.group()) and not (set(before) & FR_AUXILIARIES):
            continue  # "le retrait annoncé": a participle used as an adjective
        pronoun = (_PRONOUN_INVERSION.match(after) or _PRONOUN_BEFORE.search(pre)) if lang == "fr" else None
        if pronoun:
            return Reported((pronoun.group(1) or pronoun.group(2)).lower(), group, vs, ve)
        if is_inversion(pre):
            en_pronoun = _EN_PRONOUN_AFTER.match(after) if lang == "en" else None
            actor = en_pronoun.group(1).lower() if en_pronoun else actor_after(after)
        else:
            actor = actor_before(pre)
            if actor and not _plausible_subject(actor, pre, tokens):
                actor = None
        if actor:
            return Reported(actor, group, vs, ve)
    m = _SELON_END.search(text)
    if m:
        actor = actor_after(m.group(1))
        if actor:
            return Reported(actor, "reporting", m.start(), m.start(1))
    return None
