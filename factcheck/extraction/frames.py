"""A frame grammar over the dependency parse: accusing, denying and reporting predicates and their slots.

A predicate is found by its lemma or by one of its word forms (the small models mislemmatise "accusent",
"dément"); its slots are read from the parse once, for every predicate, so passives, clitics, appositions and
relative clauses are handled in one place instead of per phrase:

* ``accuse``: ACCUSER = subject (or the ``par``/``by`` agent in the passive), ACCUSED = object, clitic object or
  passive subject, CONTENT = the ``de``/``of``/``for``/``with`` complement (it may hang under the object or the
  agent: the parse often misattaches it);
* ``deny``: DENIER = subject (also a post-verbal subject: "ce que dément X"), DENIED = an anaphoric noun ("ces
  accusations", "the allegations"), a proposition (infinitive or clause), or nothing;
* ``allege`` (hearsay: "selon X, Y aurait …", "Y allegedly …"): ACCUSER = the source, ACCUSED = the subject.

Labels cover both tag sets: UD for French, ClearNLP for English (``dobj``, ``nsubjpass``, ``agent``, ``pobj``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .actors import actor_after, actor_before, clean_actor
from .lexicon import ACCUSING, DENYING, fr_forms

Token = Any  # a spaCy Token; spaCy is not imported here so the module stays importable without it

SUBJECT = frozenset({"nsubj", "expl:subj"})
PASSIVE_SUBJECT = frozenset({"nsubj:pass", "nsubjpass"})
OBJECT = frozenset({"obj", "dobj"})
AGENT = frozenset({"obl:agent", "agent"})
PASSIVE_AUX = frozenset({"aux:pass", "auxpass"})
_XCOMP = frozenset({"xcomp"})
CLAUSE = frozenset({"ccomp", "xcomp", "advcl", "acl", "obl:arg", "obl", "nmod", "obl:mod", "pcomp", "prep"})
CLITIC_OBJECTS = frozenset("l' l’ le la les lui leur me m' m’ nous vous".split())

# Verbs that deny only when their object is a claim ("rejette ces accusations", not "rejette le budget").
NEEDS_CLAIM_OBJECT = frozenset({"rejeter", "contester", "balayer", "reject", "dismiss", "contest", "dispute"})
CLAIM_NOUNS = frozenset(
    """accusation accusations allégation allégations information informations affirmation affirmations propos
    version versions rapport rapports révélation révélations fait faits thèse soupçon soupçons reproche reproches
    critique critiques grief griefs imputation imputations article articles chiffre chiffres mise
    claim claims allegation allegations accusation accusations charge charges report reports story stories
    suggestion suggestions account accounts assertion assertions finding findings figure figures""".split()
)
CLAUSE_ACCUSING = frozenset({"allege", "charge", "alléguer"})  # "X charged that Y …"
RELATIVE_SUBJECTS = frozenset({"qui", "who", "which", "that", "lequel", "laquelle"})
RELATIVE_WORDS = frozenset({"que", "qu'", "qu’", "which", "what"})
_SUBJECT_RELATIVES = frozenset({"qui", "who", "which", "that"})
_POINTING_PRONOUNS = frozenset({"this", "that", "it", "these", "those", "cela", "ça", "ceci"})
_RELATIVE_MARK = re.compile(r"\bce\s+qu(?:e\b|['’])|\bchose\s+qu(?:e\b|['’])|,\s*(?:which|something)\b",
                            re.IGNORECASE)
_PHRASAL_DENIAL = re.compile(
    r"\b(?:pour(?:s|ed|ing)?\s+cold\s+water\s+on|push(?:es|ed|ing)?\s+back\s+(?:on|against)|brush(?:es|ed|ing)?"
    r"\s+(?:aside|off)|wav(?:es|ed|ing)\s+(?:off|away)|s['’]inscri(?:t|vent|vait)\s+en\s+faux(?:\s+contre)?"
    r"|(?:a|ont)\s+balayé|balai(?:e|ent)\s+d['’]un\s+revers|se\s+défend(?:ent)?\s+d['’]avoir)",
    re.IGNORECASE)
_FALSE_WORDS = (r"(?:false|untrue|baseless|unfounded|groundless|malicious|fabricat\w*|riddled\s+with\s+errors|wrong"
                r"|lies|nonsense|a\s+smear|mensong\w+|infondé\w*|fausses?|faux|calomni\w+|diffamatoires?|fantaisistes?)")
_SAID_FALSE = re.compile(
    r"\b(?P<noun>(?:the|these|those|such|ces|les|cette|ce)\s+(?:accusations?|allegations?|claims?|charges?|reports?"
    r"|analysis|story|stories|allégations?|affirmations?|informations?|rapport))\s+(?:were|was|are|is|had\s+been"
    r"|étaient|sont|était|est)\s+(?:\w+\s+)?[\"“«]?\s*(?:a\s+|an\s+|une?\s+)?" + _FALSE_WORDS, re.IGNORECASE)
_SAYING = re.compile(r"\b(?:said|says|say|told\s+\w+|insisted|added|dit|affirme|assure|estime|a\s+déclaré)\b[^.]*\Z",
                     re.IGNORECASE)
_INNOCENCE = re.compile(
    r"\b(?:maintain(?:s|ed|ing)?|protest(?:s|ed)?|insist(?:s|ed)\s+on)\s+(?:his|her|their|its)\s+innocence"
    r"|\bplead(?:s|ed)?\s+not\s+guilty|\bpled\s+not\s+guilty|\bclam(?:e|ent|ait|aient)\s+(?:son|leur)\s+innocence"
    r"|\bse\s+di(?:t|sent|sait)\s+(?:\w+\s+)?innocente?s?\b|\bplaid(?:e|ent|é)\s+non\s+coupable", re.IGNORECASE)
_RETORT = re.compile(r"(?:\A|[.«“\"]\s*)(?:faux|c['’]est\s+faux|wrong|not\s+true)\s*,\s*(?:rétorqu|répond|répliqu|"
                     r"riposte|retort|counter|repl|respond)\w*", re.IGNORECASE)
_NOUN_RELATIVE_DENIAL = re.compile(
    r",\s*(?:des\s+|de\s+|d['’])?(?:accusations?|allegations?|allégations?|claims?|charges?)"
    # "…, allegations that the ministry rejected", "…, allegations the firm denied"
    r"(?:\s+(?P<mark>that|which|que|qu['’])|(?=\s+(?:the|a|an|its|his|her|their)\s))"
    r"(?P<between>[^,;.]{2,80}?)\b(?P<verb>(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?"
    r"(?:rejected|denied|disputed|dismissed|rejects|denies|disputes|dismisses)"
    r"|(?:a|ont|avait)\s+(?:\w+ment\s+)?(?:rejetées?|démenties?|contestées?|réfutées?)|rejettent|rejette|dément|démentent"
    r"|conteste|contestent)", re.IGNORECASE)
_THAT_CLAUSE = re.compile(
    r"\s*(?:the\s+)?(?:suggestions?|claims?|reports?|allegations?|accusations?|stories)\s+that\s+",
                          re.IGNORECASE)
_CALLED_FALSE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|describ(?:es|ed|ing)|qualifi(?:e|ent|é|ait))\s+(?P<noun>(?:the|these|"
    r"those|this|that|such|ces|cette|les|ses)\s+(?:\w+\s+)?(?:report|claims?|allegations?|accusations?|story|stories"
    r"|account|suggestions?|accusations?|allégations?|propos|affirmations?|informations?))\s+(?:as\s+|de\s+|d['’])?"
    r"(?:false|untrue|baseless|unfounded|fabricated|defamatory|nonsense|a\s+lie|lies|fake|ridiculous|absurd"
    r"|fausses?|mensong\w+|infondé\w*|calomni\w+|diffamatoires?|fantaisistes?|grotesques?)", re.IGNORECASE)
_REFLEXIVE = re.compile(r"\s+(?:himself|herself|themselves|itself|lui-même|elle-même|eux-mêmes)\b", re.IGNORECASE)
_TARGET = r"(?P<target>[^,;:]{2,80}?)"
_PHRASAL_ACCUSATIONS = tuple((re.compile(pattern, re.IGNORECASE), re.compile(act, re.IGNORECASE)) for pattern, act in (
    (r"\b(?:nommément\s+)?mise?s?\s+en\s+cause", r".{0,60}?\s(?:pour|dans)\s+"),
    (r"\bse\s+voi(?:t|ent)\s+(?:\w+\s+)?reprocher", r"\s*(?:de\s+|d['’]\s*)"),
    (r"\b(?:met(?:tent)?|mettait|(?:a|ont)\s+mis)\s+en\s+cause\s+" + _TARGET + r"(?=\s+(?:pour|dans)\s)",
     r"\s+(?:pour|dans)\s+"),
    (r"\b(?:porte|portent|(?:a|ont)\s+porté)\s+plainte\s+(?:\w+\s+){0,2}contre\s+" + _TARGET + r"(?=\s+pour\s)",
     r"\s+pour\s+"),
    (r"\bpointe(?:nt)?\s+(?:\w+\s+)?la\s+responsabilité\s+(?:de\s+|du\s+|des\s+|d['’])" + _TARGET
     .replace("[^,;:]", "[^;:]") + r",?(?=\s+dans\s)", r",?\s+dans\s+"),
    (r"\b(?:tient|tiennent|tenait)\s+" + _TARGET + r"\s+pour\s+responsables?", r"\s+(?:de\s+|du\s+|des\s+|d['’])"),
    (r"\bh[oe]ld\s+" + _TARGET + r"\s+(?:responsible|accountable)", r"\s+for\s+"),
    # lawsuits over a named act: "has sued the landlord over unpaid deposits", "filed a lawsuit against Y for …"
    (r"\b(?:sued|sues|sue|suing)\s+" + _TARGET + r"(?=\s+(?:over|for)\s)", r"\s+(?:over|for)\s+"),
    (r"\bfiled\s+(?:a\s+)?(?:lawsuit|suit|complaint)\s+against\s+" + _TARGET + r"(?=\s+(?:over|for)\s)",
     r"\s+(?:over|for)\s+"),
))
_AGENT_WORDS = re.compile(r"\s+(?:[^\W\d_]+\s+){0,2}(?:par|by)\s+([^,;:]{2,80}?)(?=\s+(?:de\s|d['’]|of\s)|[,;.]|$)",
                          re.IGNORECASE)
_AGENT_AFTER = re.compile(r"\s+(?:\w+\s+)?par\s+([^,;:]{2,80}?)(?=\s+(?:pour|dans)\s|[,;.]|$)", re.IGNORECASE)
_APPOSITION = re.compile(
    r"\s*,\s*((?:M\.|Mme|Mgr|Me|Dr|Mr|Mrs|Ms)?\s*[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){0,3})\s*,")
_LATE_APPOSITION = re.compile(_APPOSITION.pattern + r"\Z")  # the name just before the verb group
_INCISE_PARTICIPLE = re.compile(r"[^\W\d_]+(?:é|ée|és|ées|ed)|(?:lui|elle|eux)(?:-même)?|too|also", re.IGNORECASE)
_DENIED_OBJECT = re.compile(
    r"\s*(?:\w+(?:ment|ly)\s+)?(?P<noun>(?:(?:ces|ses|les|cette|toute|toutes|leurs|the|these|those|such|any|all|this"
    r"|their)\s+)?(?:accusations?|allégations?|informations?|affirmations?|propos|versions?|claims?|charges?"
    r"|allegations?|reports?)\b)", re.IGNORECASE)
_CLAUSE_END = re.compile(r",\s*(?:ce\s+qu|chose\s+qu|ce\s+qui|which\b|something\b|selon\b|according\b"
                         r"|a\s+(?:déclaré|affirmé|dit|indiqué|ajouté|précisé)\b|ont\s+\w+é\b|\w+\s+said\b|said\b"
                         r"|(?:saying|adding|insisting|arguing|calling|describing|citing|noting|affirmant|assurant"
                         r"|ajoutant|estimant|précisant|qualifiant)\b)"
                         r"|[;:]|\s[—–]\s", re.IGNORECASE)
_PASSIVE_TAIL = re.compile(r"(?:\s+(?:a|ont|avait|has|have|had|est|sont|été|était|is|are|was|were|been|being|stands?"
                           r"|par ailleurs|\w+ment|\w+ly))+\s*\Z", re.IGNORECASE)
CONTENT_PREPOSITIONS = {"fr": frozenset({"de", "d'", "d’", "du", "des"}),
                        "en": frozenset({"of", "for", "with", "over"})}


Span = tuple[int, int]


@dataclass(frozen=True)
class Frame:
    """One predicate with its slots as character ranges [start, end) of the sentence text."""

    kind: str  # "accusation" or "denial"
    lemma: str
    predicate: Span
    speaker: str | None
    target: str | None
    content: Span | None
    passive: bool = False
    clitic: bool = False  # the target is a clitic pronoun ("l'accusent") to resolve from context
    anaphoric: bool = False  # a denial whose object only points back ("ces accusations")
    relative: bool = False  # "…, ce que X dément" / "…, which X denies": answers this sentence's accusation
    hearsay: str | None = None  # the allegation restated in the indicative ("Y a falsifié …")


@lru_cache(maxsize=None)
def _forms(lang: str, lemma: str) -> frozenset[str]:
    """Word forms of a predicate, built once per process: it is asked for every token of every sentence."""
    if lang == "fr":
        return frozenset([lemma, *fr_forms(lemma)])
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return frozenset({lemma, lemma + "s", stem + "ed", stem + "ing", lemma + "d", stem + "es",
                      lemma[:-1] + "ies", lemma[:-1] + "ied"})


def predicate_lemma(tok: Token, lang: str, lemmas: tuple[str, ...]) -> str | None:
    low, lemma = tok.lower_, tok.lemma_.lower()
    for candidate in lemmas:
        if lemma == candidate or low in _forms(lang, candidate):
            return candidate
    return None


def children(tok: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _chars(doc: Any, start: int, end: int) -> Span:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def phrase(tok: Token, stop: Span | None = None) -> str | None:
    """The noun phrase headed by `tok` (coordination and apposition kept, clauses and relatives dropped)."""
    start = min([tok.i, *(c.left_edge.i for c in tok.children if c.i < tok.i and c.dep_ in ("poss", "det", "amod"))])
    doc = tok.doc
    while tok.i + 2 < len(doc) and not tok.whitespace_ and doc[tok.i + 1].text == "-" \
            and not doc[tok.i + 1].whitespace_:
        tok = doc[tok.i + 2]  # "His co-defendant, the finance officer …": the parse splits the word at its hyphen
    left, right = min(start, tok.i), tok.i
    for child in tok.children:
        if child.dep_ in ("acl:relcl", "relcl", "advcl", "ccomp", "parataxis", "punct", "mark"):
            continue
        if child.dep_ == "acl" and child.pos_ in ("VERB", "AUX") and child.i > tok.i and not any(
                c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in child.children):
            continue  # "a study published last year by the Trust" keeps who published it
        if stop and any(stop[0] <= t.idx < stop[1] for t in child.subtree):
            if tok.i < child.i:  # "une partie de sa majorité d'avoir …": the nominal words before the content
                for t in child.subtree:
                    if t.idx >= stop[0] or t.pos_ in ("VERB", "AUX"):
                        break
                    right = max(right, t.i)
            continue
        left, right = min(left, child.left_edge.i), max(right, child.right_edge.i)
    nested = [t for t in doc[tok.i + 1:right + 1] if t.dep_ in ("acl:relcl", "relcl") and tok in t.ancestors]
    if nested:  # "Families of patients who died after …": the relative clause deeper down goes too
        right = max(tok.i, min(t.left_edge.i for t in nested) - 1)
    while left < right and (doc[left].is_punct or doc[left].dep_ == "case" or doc[left].pos_ == "ADP"):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].pos_ in ("ADP", "CCONJ", "SCONJ")):
        right -= 1
    s, e = _chars(doc, left, right + 1)
    words = doc.text[s:e]
    head_end = tok.idx + len(tok.text) - s
    comma = words.find(",", head_end)
    if comma != -1 and (len(words.split()) > 6 or tok.pos_ != "PROPN"):
        named = _named_apposition(tok, s + comma, s + len(words))
        # "L'opposition municipale de X, commune de …": the head phrase before the comma, unless what follows
        # the comma names the head ("le porte-parole de l'armée, le général Sylvain Mbemba")
        words = words[:named - s] if named else words[:comma]
    return clean_actor(words)


def _named_apposition(tok: Token, comma: int, end: int) -> int | None:
    """Where an apposition right after `comma` ends when it is a name of `tok` (a proper noun hung on it)."""
    for child in tok.children:
        apposed = child.dep_ in ("appos", "flat:name") or (  # the parser may call it a conjunct
            child.dep_ == "conj" and not any(c.dep_ == "cc" for c in child.children))
        if apposed and comma <= child.left_edge.idx < end and any(t.pos_ == "PROPN" for t in child.subtree):
            last = max((t for t in child.subtree if t.pos_ == "PROPN"), key=lambda t: t.i)
            return int(last.idx) + len(last.text)
    return None


def _content_node(tok: Token, lang: str, verbs_only: bool = False) -> Token | None:
    """The "de Z" / "of Z" complement under `tok`: a verb or noun marked by de, or the object of "of"; under
    an argument rather than the predicate (`verbs_only`), only a verb ("les élus de mentir", not "la société")."""
    preps = CONTENT_PREPOSITIONS[lang]
    for child in tok.children:
        if child.i < tok.i or (verbs_only and lang == "fr" and child.pos_ not in ("VERB", "AUX")):
            continue
        if lang == "en" and child.dep_ == "prep" and child.lower_ in preps:
            if any(c.dep_ in ("pobj", "pcomp") for c in child.children):
                return child
        if lang == "fr" and child.dep_ in CLAUSE:
            if any(c.dep_ in ("mark", "case") and c.lower_ in preps for c in child.children):
                return child
    return None


def _content_span(node: Token, lang: str) -> Span | None:
    """Characters of a content complement, without its leading "de"/"of" and trailing punctuation."""
    doc = node.doc
    start, end = node.left_edge.i, node.right_edge.i + 1
    if lang == "en" and node.dep_ == "prep":
        start = node.i + 1
    while start < end and doc[start].lower_ in CONTENT_PREPOSITIONS[lang] and doc[start].i != node.i:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return _chars(doc, start, end) if end > start else None


def _is_passive(tok: Token) -> bool:
    if children(tok, PASSIVE_AUX) or children(tok, PASSIVE_SUBJECT):
        return True
    if tok.dep_ == "acomp" and tok.head.lemma_ in ("stand", "be"):
        return True  # "X stands accused of …" parsed as an adjective
    if "Part" not in tok.morph.get("VerbForm") and tok.tag_ != "VBN" or tok.tag_ == "VBG":
        return False  # "are accusing" is active
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and not children(
            tok, frozenset({"ccomp"})):
        return True  # "Y, accusé par X de Z" (but "X, who …, charged that P" is the parser's misreading)
    prev = [t.lower_ for t in tok.doc[max(0, tok.i - 3):tok.i]]
    return any(w in ("est", "sont", "été", "était", "étaient", "is", "are", "was", "were", "been", "stands")
               for w in prev)


def _subject(tok: Token) -> Token | None:
    """The subject of `tok`, climbing through xcomp and coordination ("a été vivement accusé"); a relative
    pronoun ("qui", "who") stands for the noun its clause hangs on."""
    node = tok
    for _ in range(4):
        subj = children(node, SUBJECT | PASSIVE_SUBJECT)
        if subj and subj[0].lower_ in RELATIVE_SUBJECTS and node.dep_ in ("acl:relcl", "relcl", "acl"):
            return node.head
        if subj and subj[0].lower_ not in RELATIVE_SUBJECTS:
            return subj[0]
        if node.dep_ not in ("xcomp", "conj") or node.head is node:
            return None
        node = node.head
    return None


def end_of_clause(text: str, start: int) -> int:
    """Where a word-order content slot ends: the next comma-introduced relative or report, else the sentence."""
    cut = _CLAUSE_END.search(text, start)
    return cut.start() if cut else len(text.rstrip(" .!?…"))


def _with_apposition(text: str, target: str | None) -> str | None:
    """"la directrice, Mme Roche," keeps the name the parse hung elsewhere."""
    if not target:
        return target
    target = _REFLEXIVE.sub("", target)
    at = text.find(target)
    m = _APPOSITION.match(text, at + len(target)) if at != -1 else None
    return f"{target}, {m.group(1)}" if m else target


def _agent(tok: Token, lang: str) -> Token | None:
    """The "par X" / "by X" agent of a passive, however the parse labelled it."""
    for child in tok.children:
        if child.i < tok.i:
            continue
        if lang == "en" and child.dep_ in ("agent", "prep") and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ in AGENT or (child.pos_ in ("NOUN", "PROPN") and any(
                g.dep_ == "case" and g.lower_ == "par" for g in child.children)):
            return child
    return None


def _content_anywhere(tok: Token, lang: str, skip: Span | None) -> Token | None:
    """The act when the parse hung it elsewhere ("accusée par des ONG de la société civile d'avoir …"):
    the first "de + verb" (French) or "of …" (English) after the predicate, within its sentence."""
    for node in tok.doc[tok.i + 1:]:
        if skip and skip[0] <= node.idx < skip[1]:
            continue
        if lang == "en" and node.lower_ in CONTENT_PREPOSITIONS["en"] and node.dep_ == "prep":
            if any(c.dep_ in ("pobj", "pcomp") for c in node.children):
                return node
        if lang == "fr" and node.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("mark", "case") and c.lower_ in CONTENT_PREPOSITIONS["fr"] and c.i > tok.i
                for c in node.children):
            return node
    return None


_NEGATIONS = frozenset({"not", "never", "n't", "pas", "jamais", "nullement", "aucunement"})
_NOBODY = frozenset({"nobody", "none", "personne", "nul"})
_NAME_PARTS = frozenset({"nmod", "flat", "flat:name", "appos", "compound"})


def _relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative "que" clause hangs on, from the parse or, when the parse missed the relative,
    from the words: "…, NOUN, qu'il/qu'elles accuse(nt) …"."""
    marks = [c for c in tok.children if c.lower_ in RELATIVE_WORDS and c.i < tok.i]
    if not marks:
        return None
    if tok.dep_ in ("acl:relcl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        return tok.head
    before = tok.doc[marks[0].i - 1] if marks[0].i > 0 else None
    if before is not None and before.is_punct and before.i > 0:
        before = tok.doc[before.i - 1]
    if before is None or before.pos_ not in ("NOUN", "PROPN"):
        return None
    while before.dep_ in _NAME_PARTS and before.head.i < before.i and before.head.pos_ in ("NOUN", "PROPN"):
        before = before.head  # "le laboratoire nordiste Verneuil-Santé, qu'il accuse": the whole noun phrase
    return before


def _participle_subject(tok: Token) -> Token | None:
    """"X denied the account, saying …, and blaming Y for Z", « X a répondu, accusant Y »: a participle
    with no subject of its own speaks for the subject of the sentence's main verb."""
    gerund = tok.tag_ == "VBG" or ("Pres" in tok.morph.get("Tense") and "Part" in tok.morph.get("VerbForm"))
    if not gerund or children(tok, SUBJECT) or tok.dep_ == "ROOT":
        return None
    root = tok.sent.root
    return _subject(root) if root.pos_ in ("VERB", "AUX") else None


def _root_noun_before(tok: Token) -> Token | None:
    """The parser sometimes makes the subject the root and hangs the verb under it ("State auditor Ruth
    Okafor, who is challenging …, charged that …"): that noun is the subject."""
    root = tok.sent.root
    if root.pos_ in ("NOUN", "PROPN") and root.i < tok.i and root in tok.ancestors:
        return root
    return None


def _clause_accusation(tok: Token, lemma: str, speaker: str | None) -> Frame | None:
    """"X alleged / charged that Y did C", "it was alleged that Y …": the accused is the clause's subject."""
    clause = children(tok, frozenset({"ccomp"}))
    inner = _subject(clause[0]) if clause else None
    if inner is None or inner.lower_ in ("it", "il", "there"):
        return None
    doc = tok.doc
    return Frame("accusation", lemma, _chars(doc, tok.i, tok.i + 1), speaker, phrase(inner),
                 _chars(doc, clause[0].left_edge.i, clause[0].right_edge.i + 1))


def _negated(tok: Token) -> bool:
    """"had not been accused", « n'a jamais été accusé », "Neither X nor Y was accused", "No one denies": the
    predicate is said not to have happened."""
    if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in tok.children):
        return True
    subjects = children(tok, SUBJECT | PASSIVE_SUBJECT)
    return any(s.lower_ in _NOBODY or any(c.dep_ == "preconj" and c.lower_ == "neither" for c in s.children)
               for s in subjects)


def _accusation(tok: Token, lang: str, lemma: str) -> Frame | None:
    doc = tok.doc
    text = doc.text
    if _negated(tok):
        return None  # "has not been accused of any crime" says no one accuses
    passive = _is_passive(tok)
    node = _content_node(tok, lang)
    target: str | None = None
    clitic = False
    speaker: str | None = None
    if passive:
        subjects = [s for s in children(tok, PASSIVE_SUBJECT) or children(tok, SUBJECT) or [
            s for aux in [*children(tok, PASSIVE_AUX), *([tok.head] if tok.dep_ == "acomp" else [])]
            for s in children(aux, SUBJECT)]  # "X stands accused"
                    if s.lower_ not in ("it", "il")]
        if lang == "en" and node is None:  # "is alleged / suspected to have withheld …"
            node = next((c for c in children(tok, _XCOMP) if c.pos_ in ("VERB", "AUX")), None)
        target_tok = subjects[0] if subjects else (tok.head if tok.dep_ in ("acl", "amod") else None)
        if target_tok is not None and target_tok.lower_ in _SUBJECT_RELATIVES and tok.dep_ in ("acl:relcl", "relcl"):
            target_tok = tok.head  # "un ancien patron qui est soupçonné d'avoir …": the noun "qui" stands for
        agent = _agent(tok, lang)
        if agent is not None:
            node = node or _content_node(agent, lang, verbs_only=True)
        node = node or _content_anywhere(tok, lang, None)
        content = _content_span(node, lang) if node is not None else None
        if agent is not None:
            speaker = phrase(agent, content)
        elif (by := _AGENT_WORDS.match(text, tok.idx + len(tok.text))) is not None:
            speaker = actor_after(by.group(1))
        if target_tok is not None:
            target = _with_apposition(text, phrase(target_tok, content))
            late = _LATE_APPOSITION.search(_PASSIVE_TAIL.sub("", text[:tok.idx]))
            if late and target and target_tok.i < tok.i and late.group(1) not in target:
                target = f"{target}, {late.group(1)}"  # "Le candidat arrivé en tête …, Rémi Castaing, a été accusé"
        elif subjects or tok.dep_ in ("acl", "amod"):
            target = actor_before(_PASSIVE_TAIL.sub("", text[:tok.idx]))
    else:
        subj = _participle_subject(tok) or _subject(tok) or _root_noun_before(tok)
        objs = children(tok, OBJECT)
        antecedent = _relative_antecedent(tok)
        if antecedent is not None:
            objs = [antecedent]  # "le laboratoire, qu'il accuse d'avoir …": the noun the relative hangs on
            if subj is not None and subj.pos_ == "PRON":  # "il": the main clause's subject
                root = next((t for t in doc if t.dep_ == "ROOT"), None)
                if root is not None and root.pos_ in ("NOUN", "PROPN") and root.i < tok.i:
                    subj = root  # the parser made the subject the root: "Un collectif … a assigné …, qu'il accuse"
                else:
                    subj = (_subject(root) if root is not None and root is not tok else None) or subj
        if lemma in ("reprocher", "blame"):
            objs = [c for c in tok.children if any(g.lower_ in ("à", "au", "aux") for g in c.children)] or objs
        target_tok = objs[0] if objs else None
        before = doc[tok.i - 1] if tok.i > 0 else None
        if target_tok is None and before is not None and before.lower_ in CLITIC_OBJECTS | RELATIVE_WORDS:
            target_tok = before
        if target_tok is not None and target_tok.lower_ in RELATIVE_WORDS:
            # "le laboratoire, qu'il accuse d'avoir …": the accused is the noun the relative clause hangs on
            target_tok = tok.head if tok.dep_ in ("acl:relcl", "relcl", "acl") and tok.head.pos_ in (
                "NOUN", "PROPN") else None
            target = None if target_tok is not None else actor_before(text[:before.idx] if before else "")
        if target_tok is not None and node is None:
            node = _content_node(target_tok, lang, verbs_only=True)
        node = node or _content_anywhere(tok, lang, None)
        content = _content_span(node, lang) if node is not None else None
        if target_tok is not None:
            clitic = target_tok.lower_ in CLITIC_OBJECTS or target_tok.pos_ == "PRON"
            target = target_tok.text if clitic else _with_apposition(text, phrase(target_tok, content))
        speaker = _with_apposition(text, (phrase(subj, content) if subj is not None else None)
                                   or actor_before(text[:tok.idx]))
    if lemma in CLAUSE_ACCUSING and children(tok, frozenset({"ccomp"})):
        return _clause_accusation(tok, lemma, None if passive else speaker)
    if target is None or content is None:
        return None
    clause_end = end_of_clause(text, content[0])
    if len(text[content[0]:content[1]].split()) < 2:  # "of planning" with the rest hung elsewhere
        content = (content[0], clause_end)
    content = (content[0], min(content[1], clause_end))
    if content[1] - content[0] < 3:
        return None
    return Frame("accusation", lemma, _chars(doc, tok.i, tok.i + 1), speaker, target, content, passive, clitic)


def _word_order_denial(tok: Token, lang: str, lemma: str) -> Frame | None:
    """A denial the parse missed ("dément" read as an adjective): slots by word order."""
    text = tok.doc.text
    vs, ve = tok.idx, tok.idx + len(tok.text)
    before, after = text[:vs], text[ve:]
    marks = list(_RELATIVE_MARK.finditer(before))
    between = before[marks[-1].end():] if marks else ""
    if marks and len(between) < 80 and ";" not in between and between.count(",") in (0, 2):
        pieces = [p.strip() for p in between.split(",") if p.strip() and not _INCISE_PARTICIPLE.fullmatch(p.strip())]
        speaker = clean_actor(pieces[0]) if pieces else actor_after(after)
        return Frame("denial", lemma, (vs, ve), speaker, None, None, anaphoric=True, relative=True)
    speaker = actor_before(before)
    obj = _DENIED_OBJECT.match(after)
    if obj and obj.group("noun"):
        content = (ve + obj.start("noun"), ve + obj.end("noun"))
        return Frame("denial", lemma, (vs, ve), speaker, None, content, anaphoric=True)
    rest = after.lstrip(" ,")
    if lemma in NEEDS_CLAIM_OBJECT:
        return None
    if not rest.strip(" .!?…»”\""):
        return Frame("denial", lemma, (vs, ve), speaker, None, None, anaphoric=True)
    start = len(text) - len(rest)
    return Frame("denial", lemma, (vs, ve), speaker, None, (start, end_of_clause(text, start)))


def _passive_denial(tok: Token, lang: str, lemma: str, pred: Span) -> Frame | None:
    """"The allegations were denied by the council" denies them; "Three families were denied housing" and « le
    permis lui a été refusé » refuse something to someone: no claim is denied."""
    subjects = children(tok, PASSIVE_SUBJECT | SUBJECT)
    if not subjects or (subjects[0].lower_ not in CLAIM_NOUNS and subjects[0].lemma_.lower() not in CLAIM_NOUNS):
        return None
    agent = _agent(tok, lang)
    subject = subjects[0]
    return Frame("denial", lemma, pred, phrase(agent) if agent is not None else None, None,
                 _chars(tok.doc, subject.left_edge.i, subject.right_edge.i + 1), anaphoric=True)


def _denial(tok: Token, lang: str, lemma: str) -> Frame | None:
    doc = tok.doc
    text = doc.text
    if tok.pos_ not in ("VERB", "AUX"):
        return _word_order_denial(tok, lang, lemma)
    pred = _chars(doc, tok.i, tok.i + 1)
    if children(tok, PASSIVE_AUX):
        return _passive_denial(tok, lang, lemma, pred)
    subj = _subject(tok)
    objs = children(tok, OBJECT) or [c for c in tok.children if c.i > tok.i and c.pos_ == "NOUN" and c.dep_ in (
        "obl:mod", "obl", "nmod") and not any(g.dep_ == "case" for g in c.children)]
    relative = any(c.lower_ in RELATIVE_WORDS for c in tok.children) or tok.dep_ in ("acl:relcl", "relcl")
    speaker = _with_apposition(text, phrase(subj)) if subj is not None and subj.lower_ not in RELATIVE_WORDS else None
    objs = [o for o in objs if o.lower_ not in RELATIVE_WORDS]
    if speaker is None and relative and objs and objs[0].i > tok.i:
        speaker, objs = phrase(objs[0]), []  # "ce que dément son entourage": the subject after the verb
    if speaker is None and not relative:
        speaker = actor_before(text[:tok.idx])
    if speaker is None and subj is not None and subj.lower_ not in RELATIVE_WORDS:
        speaker = actor_before(text[:tok.idx])
    if relative:
        return Frame("denial", lemma, pred, speaker, None, None, anaphoric=True, relative=True)
    clause = children(tok, frozenset({"ccomp", "xcomp"}))
    if objs:
        obj = objs[0]
        if obj.lower_ in _POINTING_PRONOUNS and obj.left_edge == obj.right_edge:  # "The bank denies this."
            return Frame("denial", lemma, pred, speaker, None, None, anaphoric=True)
        claim_noun = obj.lower_ in CLAIM_NOUNS or obj.lemma_.lower() in CLAIM_NOUNS
        if lemma in NEEDS_CLAIM_OBJECT and not claim_noun:
            return None
        embedded = [c for c in obj.children if c.dep_ in ("acl", "ccomp", "acl:relcl", "relcl")
                    and any(m.lower_ in ("that", "que", "qu'", "qu’") for m in c.children)]
        if claim_noun and embedded:
            inner = embedded[0]
            return Frame("denial", lemma, pred, speaker, None, _chars(doc, inner.left_edge.i, inner.right_edge.i + 1))
        det = [c.lower_ for c in obj.children if c.dep_ in ("det", "poss", "nmod:poss")]
        anaphoric = claim_noun and (not det or det[0] not in ("un", "une", "des", "a", "an", "some"))
        return Frame("denial", lemma, pred, speaker, None, _chars(doc, obj.left_edge.i, obj.right_edge.i + 1),
                     anaphoric=anaphoric)
    if clause:
        c = clause[0]
        return Frame("denial", lemma, pred, speaker, None, _chars(doc, c.left_edge.i, c.right_edge.i + 1))
    if lemma in NEEDS_CLAIM_OBJECT:
        return None
    return _word_order_denial(tok, lang, lemma)


def _phrasal_denials(doc: Any) -> list[Frame]:
    """Multi-word denials ("poured cold water on suggestions that …", "s'inscrit en faux contre …") and
    "called the report false" / "qualifie ces accusations de mensongères"."""
    text = doc.text
    frames = []
    for m in _PHRASAL_DENIAL.finditer(text):
        speaker = actor_before(text[:m.start()])
        obj = _DENIED_OBJECT.match(text, m.end())
        that = _THAT_CLAUSE.match(text, m.end())
        if that:
            content: Span | None = (that.end(), end_of_clause(text, that.end()))
        elif obj and obj.group("noun"):
            content = (obj.start("noun"), obj.end("noun"))
        else:
            content = None
        anaphoric = that is None
        frames.append(Frame("denial", "deny", m.span(), speaker, None, content, anaphoric=anaphoric))
    for m in _CALLED_FALSE.finditer(text):
        frames.append(Frame("denial", "deny", m.span(), actor_before(text[:m.start()]), None,
                            (m.start("noun"), m.end("noun")), anaphoric=True))
    for m in _SAID_FALSE.finditer(text):  # "X said the allegations were baseless"
        said = _SAYING.search(text, 0, m.start())
        speaker = actor_before(text[:said.start()]) if said else None
        frames.append(Frame("denial", "deny", m.span(), speaker, None, (m.start("noun"), m.end("noun")),
                            anaphoric=True))
    for m in list(_INNOCENCE.finditer(text))[:1]:  # "maintains his innocence", « clame son innocence »
        frames.append(Frame("denial", "deny", m.span(), actor_before(text[:m.start()]), None, None, anaphoric=True))
    for m in _RETORT.finditer(text):  # « Faux, rétorque X »
        frames.append(Frame("denial", "deny", m.span(), actor_after(text[m.end():]), None, None, anaphoric=True))
    for m in _NOUN_RELATIVE_DENIAL.finditer(text):  # "…, allegations that the ministry has rejected"
        speaker = actor_before(text[m.start("between"):m.start("verb")])
        frames.append(Frame("denial", "deny", (m.start("verb"), m.end("verb")), speaker, None, None,
                            anaphoric=True, relative=True))
    return frames


def _phrasal_accusations(doc: Any) -> list[Frame]:
    """Multi-word accusations the parse splits up: « mis en cause par X pour C », « porte plainte contre Y pour C »,
    « pointe la responsabilité de Y dans C », « tient Y pour responsable de C », « se voit reprocher de C »,
    "held Y responsible for C". The slots follow the words: target, agent and act by position."""
    text = doc.text
    frames = []
    for pattern, acts in _PHRASAL_ACCUSATIONS:
        for m in pattern.finditer(text):
            before, start = text[:m.start()], m.end()
            target_first = "target" not in pattern.groupindex
            speaker = None if target_first else actor_before(before)
            if target_first:
                target = actor_before(_PASSIVE_TAIL.sub("", before))
                agent = _AGENT_AFTER.match(text, start)
                if agent:
                    speaker, start = actor_after(agent.group(1)), agent.end(1)
            else:
                target = actor_after(m.group("target"))
            act = acts.match(text, start)
            if target is None or act is None:
                continue
            content = (act.end(), end_of_clause(text, act.end()))
            if content[1] - content[0] >= 3:
                frames.append(Frame("accusation", "mettre en cause", m.span(), speaker, target, content,
                                    passive=target_first))
    return frames


def find_frames(doc: Any, lang: str) -> list[Frame]:
    """Every accusing and denying predicate of the sentence with its slots, in text order."""
    frames = _phrasal_denials(doc) + _phrasal_accusations(doc)
    for tok in doc:
        if tok.pos_ in ("PUNCT", "DET", "ADP", "PRON", "NUM", "CCONJ", "SCONJ"):
            continue
        lemma = predicate_lemma(tok, lang, ACCUSING[lang])
        frame = _accusation(tok, lang, lemma) if lemma else None
        if frame is None and not lemma:
            lemma = predicate_lemma(tok, lang, DENYING[lang])
            frame = _denial(tok, lang, lemma) if lemma else None
        if frame is not None and not any(f.predicate[0] <= frame.predicate[0] < f.predicate[1] for f in frames):
            frames.append(frame)
    return sorted(frames, key=lambda f: f.predicate)
