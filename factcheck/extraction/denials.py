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
from typing import Any

from .actors import clean_actor
from .attribution import WORD
from .frames import Frame
from .lexicon import fr_present

_INFINITIVE = re.compile(r"[^\W\d_]+(?:er|ir|re|oir)\Z", re.IGNORECASE)
_THAT = re.compile(r"\A(?:that|que|qu['’])\s*", re.IGNORECASE)
_SOURCE = re.compile(r"(?:\bselon|\bd['’]après|\baccording\s+to)\s+([^,;:]{2,80})", re.IGNORECASE)
_INDICATIVE = {"aurait": "a", "auraient": "ont", "serait": "est", "seraient": "sont"}
_NO_COMMENT = re.compile(
    r"n['’]a(?:\s+pas|\s+pas\s+souhaité|\s+pas\s+voulu)?\s+(?:souhaité|voulu|pu\s+être\s+joint|donné\s+suite|répondu)"
    r"|n['’]ont\s+pas\s+(?:souhaité|voulu|pu\s+être\s+joint|donné\s+suite|répondu)|(?:s['’]est|se\s+sont)\s+refusée?s?\s+à"
    r"\s+tout\s+commentaire|injoignable|pas\s+de\s+commentaire|(?:declined|refused)\s+to\s+comment|had\s+no\s+comment"
    r"|could\s+not\s+(?:immediately\s+)?be\s+reached|did\s+not\s+(?:immediately\s+)?(?:respond|reply|return)"
    r"|was\s+not\s+(?:immediately\s+)?available\s+for\s+comment|no\s+comment", re.IGNORECASE)
_SHORT_DENIAL = re.compile(
    r"c['’]est\s+(?:totalement\s+|complètement\s+|absolument\s+)?faux|\Afaux\b|[«\"“]\s*faux\b|il\s+n['’]en\s+est\s+rien"
    r"|(?:c['’]est|ce\s+sont)\s+(?:un\s+)?(?:pur\s+)?mensonges?|(?:pure|totale)\s+invention|dénuée?s?\s+de\s+tout"
    r"\s+fondement|(?:that|this|it)\s*(?:is|'s|’s)\s+(?:simply\s+|just\s+|completely\s+|totally\s+)?(?:not\s+true|untrue"
    r"|false|a\s+lie)|nothing\s+could\s+be\s+further\s+from\s+the\s+truth|categorically\s+untrue", re.IGNORECASE)
_OBJECT_CLITICS = frozenset("le la les lui leur y en me te nous vous".split())
_PLURAL_START = re.compile(r"(?:les|des|ces|plusieurs|certains|the\s+\w+s|several|many)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Accusation:
    """An accusation: who accuses, who is accused, of what (as written) and as a self-contained statement."""

    claimant: str | None
    target: str
    proposition: str
    prop_span: tuple[int, int]
    text: str


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
    if (first in ("se", "s’", "s'") or first in _OBJECT_CLITICS) and len(words) > 1:
        reflexive, first, rest = first + " ", words[1].lower(), " ".join(words[2:])  # « les avoir employées »
    elif first.startswith(("s’", "s'", "l’", "l'")) and _INFINITIVE.fullmatch(first[2:]):
        reflexive, first = first[:2], first[2:]
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
    if first == "having" or (first == "to" and rest.startswith("have ")):  # "is alleged to have withheld"
        return f"{subject} {'have' if plural else 'has'} {rest.removeprefix('have ') if first == 'to' else rest}."
    if first == "being":
        return f"{subject} {'are' if plural else 'is'} {rest}."
    if first.endswith("ing") or (first == "not" and len(words) > 1 and words[1].endswith("ing")):
        return f"{subject} {'are' if plural else 'is'} {prop}."
    return f"{subject} {'are' if plural else 'is'} responsible for {prop}."


def accusation_statement(target: str, content: str, lang: str, lemma: str = "") -> str:
    """The accused act as a statement a checker can search for ("La Russie envisage une invasion …")."""
    content = content.strip()
    if (lemma == "allege" and not content.lower().startswith("to ")) or _THAT.match(content):
        clause = _THAT.sub("", content)
        return _capitalise(clause).rstrip(" .") + "."
    return _fr_statement(target, content) if lang == "fr" else _en_statement(target, content)


def hearsay_accusation(doc: Any, lang: str) -> Frame | None:
    """"Selon X, Y aurait falsifié …" / "Y allegedly took …": an allegation against the subject Y.

    The French hearsay conditional needs a named source (selon, d'après); under a reporting verb the
    conditional is a future in the past, not hearsay. The claim reads in the indicative ("Y a falsifié …").
    """
    text = doc.text
    for tok in doc:
        if tok.dep_ != "ROOT" or tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)
        named = subj is not None and (subj.pos_ in ("NOUN", "PROPN")
                                      or any(c.dep_ in ("nmod", "prep") for c in subj.children))
        if subj is None or not named:
            return None  # "Some of its drivers allegedly …" counts; a bare "il" or "it" does not
        if lang == "fr":
            aux = next((c for c in tok.children if c.dep_ in ("aux:tense", "aux:pass", "cop")
                        and "Cnd" in c.morph.get("Mood")), None)
            source = _SOURCE.search(text)
            if aux is None or source is None or subj.idx < source.end() - len(source.group(1)) < tok.idx - 80:
                return None
            start = subj.left_edge.idx
            body = text[start:].rstrip(" .!?…")
            plain = body[:aux.idx - start] + _INDICATIVE.get(aux.lower_, aux.text) + body[aux.idx - start + len(
                aux.text):]
            return Frame("accusation", "alléguer", (aux.idx, aux.idx + len(aux.text)), clean_actor(source.group(1)),
                         text[start:subj.right_edge.idx + len(subj.right_edge.text)], (start, start + len(body)),
                         hearsay=plain)
        adverb = next((c for c in tok.children if c.lower_ in ("allegedly", "purportedly")), None)
        if adverb is None:
            return None
        source = _SOURCE.search(text)
        start = subj.left_edge.idx
        body = text[start:].rstrip(" .!?…")
        plain = re.sub(rf"\s*\b{adverb.text}\b,?", "", body, count=1)
        return Frame("accusation", "allege", (adverb.idx, adverb.idx + len(adverb.text)),
                     clean_actor(source.group(1)) if source else None,
                     text[start:subj.right_edge.idx + len(subj.right_edge.text)], (start, start + len(body)),
                     hearsay=plain)
    return None


def is_non_claim(text: str, lang: str) -> bool:
    """A refusal to comment or an unreachable party: never a claim, never a denial."""
    return bool(_NO_COMMENT.search(text))


def short_denial(text: str, span: tuple[int, int], lang: str) -> Frame | None:
    """A quoted « C'est faux », "That is simply not true": whoever says it denies what came before."""
    m = _SHORT_DENIAL.search(text, span[0], span[1])
    if not m:
        return None
    return Frame("denial", "démentir" if lang == "fr" else "deny", m.span(), None, None, None, anaphoric=True)


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
        statement = accusation.text.rstrip(".")
        return f"{subject} {verb} que {statement[:1].lower()}{statement[1:]}."
    verb = "deny" if plural else "denies"
    if prop.split() and prop.split()[0].lower().endswith("ing"):  # the whole token: "double-counting"
        return f"{subject} {verb} {prop}."
    statement = accusation.text.rstrip(".")
    return f"{subject} {verb} that {statement[:1].lower()}{statement[1:]}."
