"""What a quoted or reported proposition does, read from its parse: charge someone with a wrongdoing, or clear
the speaker of one.

The attribution lexicon's rule (§3): a reported or quoted proposition whose content is a negatively evaluated act
by someone other than the speaker is an accusation, its agent (the subject of the act) the accused. A negated
act of the speaker's own ("je n'ai jamais touché un centime", "we have never hidden anything") or an
exculpatory phrase ("nothing wrong", « en toute légalité ») is a denial when it answers an accusation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .frames import phrase

WRONGDOING_VERBS = {
    "en": frozenset("""lie mislead deceive cheat steal embezzle divert siphon pocket misappropriate misuse launder
defraud swindle bribe corrupt rig falsify fabricate forge doctor fiddle inflate manipulate conceal hide withhold
suppress bury shred destroy delete ignore neglect betray harass bully intimidate threaten assault beat abuse
exploit torture kill murder massacre bomb shell loot pillage rape kidnap abduct smuggle traffic dump pollute
poison breach violate flout evade dodge plagiarise plagiarize spy sabotage silence gag censor coerce pressure
press pressurise overcharge mistreat discriminate squander waste backdate collude extort blackmail""".split()),
    "fr": frozenset("""mentir tromper duper trahir voler dérober détourner escroquer frauder empocher blanchir
soudoyer corrompre truquer falsifier fausser gonfler maquiller manipuler trafiquer dissimuler cacher taire étouffer
occulter détruire effacer ignorer négliger abandonner harceler intimider menacer agresser frapper battre tabasser
maltraiter exploiter torturer tuer massacrer bombarder piller violer enlever séquestrer polluer déverser empoisonner
enfreindre bafouer contourner plagier espionner saboter censurer museler antidater surfacturer discriminer
gaspiller dilapider extorquer racketter acheter""".split()),
}
WRONGDOING_NOUNS = {
    "en": frozenset("""fraud corruption bribe bribery kickback embezzlement lie cover-up scandal abuse misconduct
negligence murderer criminal crook thief liar cheat manipulation falsification rigging trickery deception racket
extortion blackmail crime massacre atrocity theft cartel""".split()),
    "fr": frozenset("""fraude corruption pot-de-vin pots-de-vin détournement mensonge trucage truquage falsification
manipulation escroquerie magouille abus harcèlement négligence scandale crime criminel meurtre massacre assassin
menteur voleur escroc tricherie dissimulation racket chantage extorsion maltraitance pillage vol""".split()),
}
_EXCULPATION = {
    "en": re.compile(
        r"\b(?:nothing\s+wrong|no\s+wrongdoing|innocent|innocence|not\s+guilty|(?:followed|respected)\s+(?:all\s+)?"
        r"(?:the\s+)?(?:rules|procedures?|law)|to\s+the\s+letter|in\s+(?:strict\s+|full\s+)?(?:accordance|compliance)"
        r"\s+with|within\s+the\s+(?:law|rules)|(?:acted|behaved)\s+(?:properly|lawfully|legally|appropriately)"
        r"|lawful|above\s+board|baseless|unfounded|without\s+(?:any\s+)?(?:foundation|merit)|untrue|not\s+true"
        r"|false|lies|fabricat\w+|smear|nonsense|malicious|reject|deny|denies|categorically)\b", re.IGNORECASE),
    "fr": re.compile(
        r"(?:rien\s+à\s+(?:me|nous|se|lui|leur)\s+reprocher|innocen\w+|en\s+toute\s+légalité|respect\w*\s+(?:de\s+la"
        r"\s+loi|des\s+règles|des\s+procédures|la\s+loi|les\s+règles)|à\s+la\s+lettre|conformément\s+(?:aux?|à)\b"
        r"|sans\s+(?:aucun\s+)?fondement|infondée?s?|faux|fausses?|mensong\w+|calomni\w+|diffamat\w+|fantaisiste"
        r"|\brejet\w+|\bcontest\w+|\bdément\w*|\bréfut\w+)", re.IGNORECASE),
}
_NEGATORS = frozenset("not n't never no nothing nobody ne n' n’ pas jamais rien aucun aucune nullement".split())
_NOT_NEGATING = frozenset("seulement only just merely simply".split())  # "n'a pas seulement corrompu": worse
FIRST = frozenset("i we je j' j’ nous me moi".split())
THIRD = frozenset("he she they il elle ils elles".split())
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "expl:subj"})


@dataclass(frozen=True)
class Stance:
    """A proposition's act: `wrongdoing` by `agent` (its subject phrase; `person` 1 or 3, 0 for a noun
    phrase), or `exculpation` (an own act negated, or a clearing phrase)."""

    wrongdoing: bool
    exculpation: bool
    agent: str | None
    person: int
    third_person_mention: bool  # he/she/they anywhere: the speaker talks about someone else
    negated_subject: str | None = None  # who a negated act is about ("Mr Marsh has never taken a penny")
    hearsay: bool = False  # a French conditional perfect, « la commune aurait versé »: an allegation


def _negated(tok: Any) -> bool:
    heads = [tok, *[c for c in tok.children if c.dep_.startswith("aux")]]
    words = {c.lower_ for h in heads for c in h.children} | {c.lower_ for c in tok.children}
    return bool(words & _NEGATORS) and not words & _NOT_NEGATING


def _subject(tok: Any) -> Any | None:
    """The subject of a verb, climbing through xcomp and conjunction ("they knew and they kept selling")."""
    node = tok
    for _ in range(4):
        subj = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
        if subj is not None:
            return subj
        if node.dep_ not in ("xcomp", "conj", "acl", "advcl") or node.head is node:
            return None
        node = node.head
    return None


def _person(subj: Any | None) -> int:
    """1 for I/we, 3 for any other pronoun ("he", "these", « ce »), 0 for a noun phrase."""
    if subj is None:
        return 0
    low = subj.lower_
    return 1 if low in FIRST else 3 if low in THIRD or subj.pos_ == "PRON" else 0


def _is_wrongdoing(tok: Any, lang: str) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        return lemma in WRONGDOING_VERBS[lang] or tok.lower_ in WRONGDOING_VERBS[lang]
    return tok.pos_ in ("NOUN", "ADJ") and (lemma in WRONGDOING_NOUNS[lang] or tok.lower_ in WRONGDOING_NOUNS[lang])


def stance(doc: Any, start: int, end: int, lang: str) -> Stance:
    """The stance of the characters [start, end) of a parsed sentence."""
    tokens = [t for t in doc if start <= t.idx < end]
    third = any(t.lower_ in THIRD or t.lower_ in ("him", "them", "lui", "leur", "eux") for t in tokens)
    agent, person, wrong = None, 0, False
    for tok in tokens:
        if not _is_wrongdoing(tok, lang):
            continue
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if _negated(verb):
            continue
        subj = _subject(verb)
        if subj is not None and subj.lower_ in FIRST:
            continue  # an admission or a first-person account is not an accusation
        wrong = True
        if subj is not None:
            agent, person = (subj.text if subj.pos_ == "PRON" else phrase(subj)), _person(subj)
        break
    negated = [t for t in tokens if t.pos_ in ("VERB", "AUX") and _negated(t)]
    own_negated = any(_person(_subject(t)) == 1 for t in negated)
    subjects = [s for t in negated if (s := _subject(t)) is not None and s.pos_ != "PRON"]
    clearing = bool(_EXCULPATION[lang].search(doc.text, start, end))
    hearsay = _conditional_perfect(tokens) if lang == "fr" else None
    if hearsay is not None and not wrong and (subj := _subject(hearsay)) is not None and subj.lower_ not in FIRST:
        agent, person = (subj.text if subj.pos_ == "PRON" else phrase(subj)), _person(subj)
    return Stance(wrong, own_negated or clearing, agent, person, third,
                  phrase(subjects[0]) if subjects else None, hearsay is not None)


_COUNTERFACTUAL = frozenset({"sans", "si", "sinon", "faute", "défaut", "autrement"})  # before the conditional


def _conditional_perfect(tokens: list[Any]) -> Any | None:
    """« aurait versé », « auraient caché »: the participle of a journalistic conditional (an unverified act),
    not a counterfactual one (« sans lui, la hausse aurait atteint 45 % », « si l'État avait agi, … »)."""
    for tok in tokens:
        if "Cnd" not in tok.morph.get("Mood") or tok.lemma_ not in ("avoir", "être"):
            continue
        if any(t.lower_ in _COUNTERFACTUAL for t in tokens if t.i < tok.i):
            return None
        if tok.dep_.startswith("aux") and "Part" in tok.head.morph.get("VerbForm"):
            return tok.head
        if any("Part" in c.morph.get("VerbForm") and c.i > tok.i for c in tok.children):
            return tok  # the parser sometimes heads the clause with the auxiliary itself
    return None
