"""Reported speech: who a sentence's content is attributed to ("selon X", "X a déclaré que", ", a précisé X",
"according to X", "X said", "X told …"), plus stance verbs whose subject is the claimant (proposals, refusals).

Verbs are found by looking words up in sets (linear, unlike a regex alternation of a thousand forms); the
claimant is the noun phrase before the verb, or after it when the verb follows a clause and a comma (French
inversion ", ont rapporté plusieurs médias", English ", said the minister"). A comma after a noun phrase closes an
apposition instead ("Le ministre, Raphaël Cassagne, a déclaré"). Incise verbs ("a poursuivi", "a-t-elle lancé",
"went on") count only in incise position or before a colon. A source frame names a body, not its figures:
"according to figures released by the Office for National Statistics" gives the Office, and with no body named
("according to figures released last month") the claimant is unknown (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .actors import (
    SUBJECT_WINDOW,
    actor_after,
    actor_before,
    clean_actor,
    is_inversion,
    piece_kind,
    reduced_relative,
    sentence_end,
    subject_pronoun,
)
from .lexicon import FR_AUXILIARIES, FR_REPORTING, fr_forms, is_fr_participle, verb_forms

if TYPE_CHECKING:
    from spacy.tokens import Doc
from .nlp import TokenIndex

WORD = re.compile(r"[^\W\d_]+")
GROUP_ORDER = ("proposing", "refusing", "reporting")
KIND_OF_GROUP = {"proposing": "proposal", "refusing": "statement", "reporting": "statement"}
DETERMINERS = frozenset("le la les l un une des ses leurs ces cette ce sa son the a an his her their its these".split())
_SELON_START = re.compile(r"\s*(?:selon|d['’]après|according\s+to)\s+([^,;:.]{2,120})", re.IGNORECASE)
_SOURCE_START = re.compile(
    r"\s*(?:selon|d['’]après|according\s+to|à\s+en\s+croire|aux\s+dires\s+d(?:e\s+|u\s+|es\s+|['’]))\s*", re.IGNORECASE)
_OUTLET_SOURCE = re.compile(r"(?:nos|notre|our)\s+(?:informations|information|sources|enquête|investigation|calculs"
                            r"|constatations|reporting)\b", re.IGNORECASE)
_SOURCE_INSIDE = re.compile(r"(?:^|[,(])\s*(?:selon|d['’]après|according\s+to)\s+", re.IGNORECASE)
_SOURCE_END_PRONOUN = re.compile(
    r"\s(?:selon|d['’]après|according\s+to)\s+(lui|elle|eux|elles|him|her|them)[.!?]?\s*\Z", re.IGNORECASE)
_ANONYMOUS_SOURCE = re.compile(r"(?:^|[\s,])de\s+(source\s+[\w’'-]+(?:\s+(?:proche|du|de|des|la|le)\s+[\w’'-]+)?)",
                               re.IGNORECASE)
_PRONOUN_INVERSION = re.compile(r"-t-(il|elle|ils|elles|on)\b|-(il|elle|ils|elles|on)\b", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(r"-t-(il|elle|on)\b[\w\s]{0,25}\Z|-(ils|elles)\b[\w\s]{0,25}\Z", re.IGNORECASE)
_EN_PRONOUN_AFTER = re.compile(r"\s+(he|she|they)\b", re.IGNORECASE)
_COLON_AFTER = re.compile(r"[ \t\u00a0\u202f]*:")
_EN_OBJECT_AFTER = re.compile(r"\s+(?:that|him|her|them|us|me|it|reporters|journalists)\b", re.IGNORECASE)

# Verbs of speech that report only in an incise ("», a poursuivi X", "a-t-elle lancé") or before a colon.
_FR_INCISE = """poursuivre lancer répliquer rétorquer riposter résumer raconter insister tonner conclure glisser
souffler lâcher commenter détailler renchérir nuancer ironiser enchaîner observer relever objecter trancher avancer
interroger plaider témoigner s'exclamer exclamer s'agacer agacer s'emporter emporter s'indigner indigner
continuer reprendre répondre dire écrire expliquer ajouter préciser""".split()
_EN_INCISE = """said says added adds continued continues went recalled recalls explained explains replied replies
responded responds retorted retorts countered counters insisted insists joked quipped wrote writes asked asks
conceded concedes acknowledged noted notes observed remarked concluded concludes recounted recounts argued
argues pressed urged warned warns told tells""".split()
# English inversion ("…," said the minister) happens with say-type verbs, never with "told" (it takes an object).
_EN_INVERTING = frozenset("""said says added adds continued recalled explained replied responded retorted countered
insisted joked quipped wrote asked conceded acknowledged noted observed remarked concluded recounted argued warned
declared announced confirmed stated""".split())
# Verbs that report what records show rather than what someone says: a source frame beside them names the source.
_EVIDENCE_VERBS = frozenset("""show shows showed shown find finds found record records recorded estimate estimates
estimated calculate calculates calculated montre montrent montré recense recensent recensé chiffre chiffrent
chiffré évalue évaluent évalué""".split())
_EN_AUXILIARIES = frozenset("has have had was were is are be been being having".split())
_FR_COMPOUND_SECOND = frozenset({"valoir", "savoir", "remarquer", "observer"})  # "a fait valoir", "fait savoir"

# Nouns that are never a claimant: figures speak for whoever released them.
DATA_NOUNS = frozenset("""figures figure data statistics stats numbers estimates estimate projections forecasts
findings evidence chiffres chiffre données statistiques estimations prévisions calculs éléments
constatations""".split())
DOCUMENT_NOUNS = frozenset("""report reports memo memos note notes document documents study studies survey poll
analysis letter statement filing filings records audit review rapport rapports document étude sondage enquête
courrier lettre communiqué audit bilan note""".split())
_AUTHORING = frozenset("""released published issued compiled produced prepared conducted commissioned carried
presented unveiled filed gathered collected recueilli recueillie recueillis recueillies rassemblés
publié publiée publiés publiées diffusé diffusée diffusés diffusées rendu rendue rendus
rendues établi établie établis établies rédigé rédigée rédigés rédigées réalisé réalisée réalisés réalisées mené
menée menés menées commandé commandée dévoilé dévoilée dévoilés dévoilées présenté présentée présentés présentées
communiqué communiquée communiqués communiquées""".split())
_GENERIC_MODIFIERS = frozenset("""the le la les new latest recent official provisional final preliminary fresh
revised annual monthly weekly quarterly other these those such some nouveaux nouvelles nouveau nouvelle derniers
dernières dernier dernière ces des de récents récentes officiels officielles provisoires""".split())
_BODY_MARKER = re.compile(r"\s(?:by|par|from|with)\s+", re.IGNORECASE)
_OF_BODY = re.compile(r"\s*(?:of|from|by|de|du|des|d['’])\s*(?=(?:the\s+|la\s+|le\s+|les\s+|l['’])?[A-ZÀ-Ý])",
                      re.IGNORECASE)
_CAPITALISED_BEFORE = re.compile(r"((?:[A-ZÀ-Ý][\w’'.&-]*\s+){1,6})\Z")


@dataclass(frozen=True)
class Reported:
    """The claimant of a sentence's content (None: a source frame that names no one) and the verb group
    that named them."""

    claimant: str | None
    group: str
    verb_start: int
    verb_end: int

    @property
    def kind(self) -> str:
        return KIND_OF_GROUP.get(self.group, "statement")


_FR_IRREGULAR_INCISE = """poursuit poursuivent poursuivi poursuivie poursuivait poursuivaient reprend reprennent
repris reprise reprenait dit disent écrit écrivent conclut concluent conclu répond répondent répondu""".split()
_FR_INCISE_FORMS = frozenset(
    [f for verb in _FR_INCISE for f in fr_forms(verb.split("'")[-1])] + _FR_IRREGULAR_INCISE)
_FR_INFINITIVES = frozenset(v.lower() for v in FR_REPORTING)


def _incise_forms(lang: str) -> frozenset[str]:
    return _FR_INCISE_FORMS if lang == "fr" else frozenset(_EN_INCISE)


def incise_verb(word: str, lang: str, inverted: bool = False) -> bool:
    """True for a verb of speech that can open an incise ("a insisté", "poursuit", "said"); with `inverted`,
    an English one that comes before its subject ("said the colonel")."""
    low = word.lower()
    if low.startswith(("s'", "s’")):
        low = low[2:]
    if lang == "fr":
        return low in _FR_INCISE_FORMS or low in verb_forms("fr", "reporting")
    if inverted:
        return low in _EN_INVERTING
    return low in _EN_INCISE or low in verb_forms("en", "reporting")


def _verb_group(word: str, lang: str, groups: tuple[str, ...]) -> str | None:
    low = word.lower()
    for group in groups:
        if low in verb_forms(lang, group):
            return group
    return None


def _previous_words(text: str, n: int) -> list[str]:
    return [w.lower() for w in WORD.findall(text[-60:])][-n:]


def _plausible_subject(actor: str, pre: str, tokens: TokenIndex | None, offset: int = 0) -> bool:
    if tokens is None:
        return True
    at = pre.rfind(actor)
    if at < 0:
        return True
    return not any(
        (t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) or t.tag_ in ("VBD", "VBZ", "VBP", "MD"))
        and not reduced_relative(t) for t in tokens.tokens_in(offset + at, offset + at + len(actor)))


def _source_phrase(text: str) -> str:
    """The words of a source frame up to its end: a comma, a colon, the end of the sentence."""
    end = min(sentence_end(text), len(text))
    for mark in ",;:()":
        at = text.find(mark, 0, end)
        if at != -1:
            end = at
    return text[:end]


def source_actor(text: str) -> tuple[str | None, bool]:
    """Who a source frame ("selon X", "according to X") names, from the text right after the marker, and whether
    the frame was recognised. "lui" gives "il"; "figures released last month by the ONS" gives "the ONS";
    "figures released last month" gives (None, True): a source with no one named."""
    first = text.split(None, 1)[0].strip(",.;:") if text.split() else ""
    pronoun = subject_pronoun(first)
    if pronoun and first.lower() not in ("il", "on", "it", "he", "she", "they", "we", "i", "je", "nous"):
        return pronoun, True
    phrase = _source_phrase(text)
    words = phrase.split()
    noun_at = next((i for i, w in enumerate(words[:6]) if w.lower().strip("’'s") in DATA_NOUNS | DOCUMENT_NOUNS
                    or w.lower() in DATA_NOUNS | DOCUMENT_NOUNS), None)
    if noun_at is None:
        actor = actor_after(text)
        return actor, actor is not None
    noun = words[noun_at].lower()
    noun_end = len(" ".join(words[:noun_at + 1]))
    owner = _CAPITALISED_BEFORE.search(" ".join(words[:noun_at]) + " ") if noun_at else None
    owner_words = [w for w in owner.group(1).split() if w.lower() not in _GENERIC_MODIFIERS] if owner else []
    if owner_words:
        return clean_actor(" ".join(owner_words).replace("’s", "").replace("'s", "")), True  # "United Nations figures"
    body = _OF_BODY.match(phrase, noun_end)
    marker = None if body else _BODY_MARKER.search(phrase, noun_end)
    if marker is not None:
        between = phrase[noun_end:marker.start()].split()
        if between and not any(w.lower() in _AUTHORING for w in between):
            marker = None  # "un document consulté par l'AFP": the AFP read it, it did not write it
    start = body.end() if body else marker.end() if marker else None
    if start is not None:
        actor = actor_after(phrase[start:])
        if actor:
            return actor, True
    if noun.strip("’'s") in DATA_NOUNS or noun in DATA_NOUNS:
        return None, True
    actor = clean_actor(phrase)
    return actor, actor is not None


def _source_frame(text: str) -> Reported | None:
    """"Selon X, …" at the start of the sentence, "De source policière, on …", "a-t-on appris de source …"."""
    m = _SOURCE_START.match(text)
    if m and _OUTLET_SOURCE.match(text, m.end()):
        return None  # "D'après nos informations": the outlet speaks, in the author's voice
    if m:
        actor, found = source_actor(text[m.end():])
        if found:
            return Reported(actor, "reporting", m.start(), m.end())
    anonymous = _ANONYMOUS_SOURCE.search(text[:300])
    if anonymous and (anonymous.start() < 3 or "-t-on" in text[max(0, anonymous.start() - 40):anonymous.start()]):
        return Reported(anonymous.group(1), "reporting", anonymous.start(), anonymous.end())
    return None


def _finite(vs: int, tokens: TokenIndex | None) -> bool:
    """A finite verb, or a participle with its own auxiliary however far ("a pour sa part assuré")."""
    tok = tokens.at(vs) if tokens is not None else None
    return tok is not None and ("Fin" in tok.morph.get("VerbForm", []) or any(
        c.dep_ in ("aux", "aux:tense") and c.i < tok.i for c in tok.children))


def _governing_start(vs: int, tokens: TokenIndex | None) -> int:
    """For an infinitive reporting verb ("s'est borné à répondre", "declined to say"), where the verb that governs it
    starts with its auxiliaries and clitics; else `vs`."""
    tok = tokens.at(vs) if tokens is not None else None
    if tok is None or not ("Inf" in tok.morph.get("VerbForm", []) or tok.tag_ == "VB"):
        return vs
    head = tok.head
    if tok.dep_ not in ("xcomp", "ccomp") or head.i >= tok.i:
        return vs
    left = [c.idx for c in head.children if c.i < head.i and c.dep_.startswith(("aux", "expl", "advmod"))]
    return min([head.idx, *left])


def _inverted(pre: str, tokens: TokenIndex | None, offset: int) -> bool:
    """Is the verb after `pre` in incise position: after a masked quotation, or after a comma closing a clause
    ("La ligne ouvrira en septembre, a précisé …"), not one closing an apposition ("Le ministre, X, a dit …")."""
    if not is_inversion(pre):
        return False
    if not pre.strip(" ,\t\u00a0\u202f") or tokens is None:
        return True
    comma = pre.rfind(",")
    if comma == -1:
        return True
    start = max(pre.rfind(c, 0, comma) for c in ",;:()—«»“”\"") + 1
    if not pre[start:comma].strip():
        return True  # a masked quotation before the comma
    return piece_kind(pre, start, comma, tokens, offset) == "clause"


def find_attribution(text: str, lang: str, tokens: TokenIndex | None = None,
                     groups: tuple[str, ...] = GROUP_ORDER) -> Reported | None:
    """The claimant `text` is attributed to, or None when the sentence speaks in the author's voice."""
    framed = _source_frame(text)
    if framed is not None:
        return framed
    incise = _incise_forms(lang)
    words = list(WORD.finditer(text))
    for n, w in enumerate(words):
        word = w.group()
        group = _verb_group(word, lang, groups)
        vs, ve = w.span()
        if lang == "fr" and word.lower() in _FR_COMPOUND_SECOND and n and words[n - 1].group().lower() in (
                "fait", "faisait", "fais", "faire"):
            group, vs = "reporting", words[n - 1].start()
        incise_only = group is None and word.lower() in incise
        if group is None and lang == "fr" and word.lower() in _FR_INFINITIVES and _governing_start(vs, tokens) != vs:
            group = "reporting"  # "s'est borné à répondre", "a tenu à préciser"
        if group is None and not incise_only:
            continue
        window = max(0, vs - SUBJECT_WINDOW)
        pre, after = text[window:vs], text[ve:ve + SUBJECT_WINDOW]
        before = _previous_words(pre, 3)
        if before and before[-1] in DETERMINERS and not (before[-1] == "a" and lang == "fr"):
            continue  # "les demandes russes": a noun, not the verb
        if tokens is not None and tokens.pos_at(vs) in ("NOUN", "PROPN") and not (set(before) & FR_AUXILIARIES):
            continue
        at_verb = tokens.at(vs) if tokens is not None else None
        if at_verb is not None and any(c.dep_ in ("aux:pass", "auxpass") for c in at_verb.children):
            continue  # "had been accused", « a été annoncé »: the passive hides who speaks
        if lang == "en" and at_verb is not None and at_verb.tag_ == "VBN" and not set(before) & _EN_AUXILIARIES:
            continue  # "the widest gap recorded since …": a participle, not the verb of a clause
        if lang == "fr" and is_fr_participle(word) and not (set(before) & FR_AUXILIARIES) \
                and not _PRONOUN_BEFORE.search(pre) and not _finite(vs, tokens):
            continue  # "le retrait annoncé": a participle used as an adjective (but "X écrit :" is a verb)
        pronoun = (_PRONOUN_INVERSION.match(after) or _PRONOUN_BEFORE.search(pre)) if lang == "fr" else None
        if pronoun:
            found = (pronoun.group(1) or pronoun.group(2)).lower()
            if found == "on":
                anonymous = _ANONYMOUS_SOURCE.search(after[:80])
                if anonymous:
                    return Reported(anonymous.group(1), group or "reporting", vs, ve)
            return Reported(found, group or "reporting", vs, ve)
        inverted = _inverted(pre, tokens, window)
        if lang == "en" and inverted and word.lower() not in _EN_INVERTING and pre.strip(" ,"):
            inverted = False
        if incise_only and not inverted and not _COLON_AFTER.match(after):
            # "Faux, rétorque X": an incise verb with a noun phrase after it is inverted
            inverted = lang == "fr" and pre.rstrip().endswith(",") and actor_after(after) is not None
            if not inverted:
                continue
        actor = None
        if inverted:
            en_pronoun = _EN_PRONOUN_AFTER.match(after) if lang == "en" else None
            if en_pronoun:
                actor = en_pronoun.group(1).lower()
            elif not (lang == "en" and _EN_OBJECT_AFTER.match(after)):
                actor = actor_after(after)
                if actor and not _plausible_subject(actor, after, tokens, ve):
                    actor = None  # "says the landlord had her evicted": a clause, not an inverted subject
        if actor is None and not (inverted and not pre.strip(" ,")):
            governing = _governing_start(vs, tokens)
            window = max(0, governing - SUBJECT_WINDOW)
            subject_pre = text[window:governing]
            actor = actor_before(subject_pre, tokens, window)
            if actor and not _plausible_subject(actor, subject_pre, tokens, window):
                actor = None
        if actor and word.lower() in _EVIDENCE_VERBS:
            # "The trust recorded 1,140 waits, according to NHS England data": the source frame says whose figures
            sourced = _source_inside(text)
            if sourced is not None:
                return sourced
        if actor:
            actor, named = _figures_owner(actor)
            if named:
                return Reported(actor, group or "reporting", vs, ve)
    return _source_inside(text)


def _figures_owner(actor: str) -> tuple[str | None, bool]:
    """Figures are not a claimant: "Figures released by the ONS [show]" gives the ONS, "New figures [show]" gives
    (None, True), an unknown source; any other subject stays as it is."""
    words = actor.split()
    if not any(w.lower().strip("’'s") in DATA_NOUNS or w.lower() in DATA_NOUNS for w in words[:4]):
        return actor, True
    return source_actor(actor)


def _source_inside(text: str) -> Reported | None:
    """A source frame inside or at the end of the sentence: "…, d'après une source proche du dossier, …",
    "…, according to United Nations figures.", "… selon lui."."""
    m = _SOURCE_END_PRONOUN.search(text)
    if m:
        return Reported(subject_pronoun(m.group(1)) or m.group(1).lower(), "reporting", m.start(), m.start(1))
    found = None
    for m in _SOURCE_INSIDE.finditer(text):
        found = m  # the last one: "…, selon les organisateurs, un millier selon la préfecture" keeps the nearer
    if found is None or found.start() == 0:
        return None
    actor, recognised = source_actor(text[found.end():])
    if not recognised:
        return None
    return Reported(actor, "reporting", found.start(), found.end())


_INCISE_SUBJECT_WORDS = 8  # "…, the county's chief medical officer said"
_INCISE_TAIL_WORDS = 12  # "…, said Dr Anne Keller, the county's chief medical officer, on Tuesday."
_PARTICIPLE_TAIL = re.compile(r",\s*(?:estimant|ajoutant|précisant|assurant|affirmant|soulignant|saying|adding|"
                              r"calling|citing|noting|insisting|arguing)\b", re.IGNORECASE)
_INCISE_COMMA = re.compile(r",\s")  # not the comma of "700,000"
_CLAUSE_WORD = re.compile(r"\b(?:that|que|qu['’])\b|[:;«“\"]", re.IGNORECASE)
_LATE_THAT = re.compile(r"(?:\s+[^\s,;:«»“”\"]+){1,7}?\s+(?:that|que|qu['’])\s*", re.IGNORECASE)


def reported_content(doc: Doc, reported: Reported, lang: str) -> str | None:
    """The proposition of reported speech without its frame: "Le ministre a déclaré que P" -> "P."."""
    text = doc.text
    source = _SELON_START.match(text)
    if source and reported.verb_start == source.start():
        comma = text.find(",", source.end(1))
        rest = text[comma + 1:].strip() if comma != -1 else ""
        return _sentence(rest) if len(rest.split()) >= 3 else None
    verb = next((t for t in doc if t.idx == reported.verb_start), None)
    if verb is None:
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None:
        # "told reporters at the plant gates that P", "said in the Commons that P": the parse hung P elsewhere
        late = _LATE_THAT.match(text, reported.verb_end)
        body = text[late.end():].rstrip() if late else _before_incise(text, reported)
        return _sentence(body) if len(body.split()) >= 3 else None
    start, end = clause.left_edge, clause.right_edge
    while start.i < end.i and (start.lower_ in ("que", "qu'", "qu’", "that") or start.is_punct):
        start = doc[start.i + 1]
    body = text[start.idx:end.idx + len(end.text)]
    return _sentence(body) if len(body.split()) >= 3 else None


def _before_incise(text: str, reported: Reported) -> str:
    """"P, the auditors said.", « P, a indiqué la préfecture. »: P, when the frame closes the sentence."""
    comma = max((m.start() for m in _INCISE_COMMA.finditer(text, 0, reported.verb_start)), default=-1)
    if comma == -1 or len(text[comma + 1:reported.verb_start].split()) > _INCISE_SUBJECT_WORDS:
        return ""
    tail = text[reported.verb_end:].rstrip(" .!?…")
    if len(tail.split()) > _INCISE_TAIL_WORDS or _CLAUSE_WORD.search(tail):
        return ""  # the frame goes on with a clause of its own: not a closing incise
    return text[:comma].strip(" «»“”\"")


def _sentence(body: str) -> str:
    tail = _PARTICIPLE_TAIL.search(body)  # "P, estimant que Q" / "P, adding that Q": P is the proposition
    if tail and len(body[:tail.start()].split()) >= 3:
        body = body[:tail.start()]
    body = body.strip().rstrip(" ,;:.")
    return body[:1].upper() + body[1:] + "."
