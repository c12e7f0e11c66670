"""Finding who speaks or acts: the noun phrase before a verb, or after it in an incise ("a précisé la source").

Rules work on the sentence text rather than on the small models' dependency trees, which misparse reporting
verbs in headline French ("accusent" tagged as an adverb). Every regex here is linear.
"""

from __future__ import annotations

import re

from .lexicon import SUBJECT_PRONOUNS, TIME_WORDS

MAX_ACTOR_WORDS = 9
_SEPARATORS = re.compile(r"[,;:—–()«»“”\"]")
_STOP_AFTER = re.compile(
    r"\s(?:à|au|aux|devant|lors|dans|pendant|depuis|ici|selon|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|qui|que|qu['’]|dont|où|to|in|at|during|on|who|which|that|when|while|after|before|last|this|on)(?=[\s'’]|$)",
    re.IGNORECASE,
)
_LEADING_CONNECTORS = re.compile(
    r"^(?:mais|et|or|donc|puis|ainsi|enfin|alors|pourtant|cependant|toutefois|de son côté|de leur côté|quant à eux"
    r"|but|and|so|however|meanwhile|yet|still|then)\b[\s,]*",
    re.IGNORECASE,
)
AUX_WORDS = frozenset(
    """a ont avait avaient aurait auraient va vont allait n’a n'a ne n’ n' se s’ s' l’ l' lui leur les has have had
    will would did does do also then not never pas encore également aussi déjà toujours catégoriquement fermement
    formellement vivement repeatedly strongly flatly categorically firmly again been été""".split()
)


def strip_aux_tail(text: str) -> str:
    """Drop auxiliaries, clitics and adverbs at the end of `text` ("Moscou a " -> "Moscou")."""
    words = text.split()
    n = len(words)
    while n and words[n - 1].lower() in AUX_WORDS:
        n -= 1
    if n == len(words):
        return text.rstrip()
    # cut after the n-th word, keeping the original spacing before it
    pos = 0
    for w in words[:n]:
        pos = text.index(w, pos) + len(w)
    return text[:pos]


_SKIPPED_PIECE = re.compile(
    r"(?:qui|who|which|dont|de son côté|de leur côté|pour sa part|pour leur part|quant à|selon|d['’]après|lors"
    r"|depuis|dans|en|après|avant|pendant|par ailleurs|for (?:its|his|her|their) part|in|on|at|after|before"
    r"|during|since|meanwhile|however|ici|here|mais|but|et|and)\b",
    re.IGNORECASE,
)
_BAD_START = re.compile(r"^(?:(?:que|de|à|that|to|of)\b|qu['’]|d['’]|[:«“\"])", re.IGNORECASE)
_ADVERBIAL_INCISE = re.compile(
    r"\s*(?:de son côté|de leur côté|pour sa part|pour leur part|quant à (?:lui|elle|eux|elles)|à son tour"
    r"|(?:lui|elle|eux|elles) aussi|for (?:its|his|her|their) part|in turn|too)\s*\Z",
    re.IGNORECASE,
)


def _strip_time_words(words: list[str]) -> list[str]:
    while words and words[0].lower().strip(",") in TIME_WORDS:
        words = words[1:]
    return words


def clean_actor(phrase: str) -> str | None:
    """Tidy a candidate actor phrase; None when it does not look like a noun phrase."""
    phrase = phrase.strip(" \t\n,;:.!?")
    phrase = _LEADING_CONNECTORS.sub("", phrase).strip(" ,")
    if not phrase or _BAD_START.match(phrase):
        return None
    words = _strip_time_words(phrase.split())
    if not words or len(words) > MAX_ACTOR_WORDS:
        return None
    if not any(ch.isalpha() for ch in words[0]):
        return None
    return " ".join(words)


def actor_after(text: str) -> str | None:
    """The actor at the start of `text` (after an inverted verb): "le haut responsable, ici cité …" -> "le haut …"."""
    m = _SEPARATORS.search(text)
    head = text[: m.start()] if m else text
    head = re.split(r"[.!?](?:\s|$)", head, maxsplit=1)[0]
    words = _strip_time_words(head.split())
    head = " ".join(words)
    stop = _STOP_AFTER.search(" " + head)
    if stop and stop.start() > 0:
        head = head[: stop.start() - 1]
    return clean_actor(head)


def actor_before(text: str) -> str | None:
    """The subject at the end of `text` (the words before a verb), after its last clause separator."""
    text = strip_aux_tail(text)
    pieces = _SEPARATORS.split(text)
    for piece in reversed(pieces):
        piece = piece.strip()
        if not piece:
            continue
        if _SKIPPED_PIECE.match(piece):
            continue
        return clean_actor(piece)
    return None


def is_inversion(text_before_verb: str) -> bool:
    """True when nothing but auxiliaries and adverbs separate the verb from the previous comma (", a précisé X")."""
    tail = text_before_verb
    if not tail.strip():
        return True  # the verb opens what is left once a quotation is masked: '"…," said X'
    m = list(_SEPARATORS.finditer(tail))
    if not m:
        return False
    after = tail[m[-1].end():]
    after = strip_aux_tail(after).strip()
    words = [w for w in after.split() if w.lower() not in TIME_WORDS]
    if words:
        return False
    # "La Russie, de son côté, exprime …": the comma closes an adverbial incise, the subject comes before it.
    if len(m) >= 2 and _ADVERBIAL_INCISE.match(tail, m[-2].end(), m[-1].start()):
        return False
    return True


def is_pronoun(actor: str | None) -> bool:
    """True for a bare subject pronoun ("il", "they")."""
    return bool(actor and actor.lower() in SUBJECT_PRONOUNS)
