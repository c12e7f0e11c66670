"""From one parsed sentence (plus a little article context) to draft claims.

Order of the rules, most specific first: an accusation (and the denial answering it in the same sentence), a
denial answering an earlier accusation, a denial with its own proposition, direct quotes, then reported speech
or the author's own voice. Context carried between sentences: the last named actor (to resolve "il", "a-t-il
déclaré"), recent accusations (for "X a démenti ces accusations"), the last counted noun ("2 000 autres"), and
sentences consumed as pure attribution ("Propos tenus par X.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .actors import actor_before, clean_actor, is_pronoun
from .attribution import Reported, find_attribution, reported_content
from .dates import DateContext, find_dates
from .denials import (
    Accusation,
    accusation_statement,
    denial_text,
    hearsay_accusation,
    is_non_claim,
    short_denial,
)
from .frames import Frame, end_of_clause, find_frames, phrase
from .models import DateMention, Entity, Quantity
from .nlp import TokenIndex
from .quantities import find_quantities
from .quotes import SpeakerMemory, mask, quotes_with_speakers
from .segmentation import SentenceSpan, quote_spans
from .similarity import proposition_stems
from .stance import Stance, stance

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .quotes import Quote

    SentenceContext = tuple[list[Quantity], list[tuple[Entity, int, int]], list[DateMention], TokenIndex]

_REPRESENTATIVE = re.compile(
    r"\b(?:avocate?s?|conseil|porte-parole|entourage|cabinet|communiqué|lawyers?|attorneys?|counsel|spokes\w+"
    r"|representatives?|statement|aides?|office)\b", re.IGNORECASE)
_PHRASE_STOP = frozenset("""the les des une son ses sa leur leurs his her their its and et for pour mme mrs
ancien ancienne former anciens anciennes deux trois quatre cinq plusieurs two three four five several l'une l'un
one who qui dont""".split())
_EXPECTED = re.compile(  # "is set to publish", « devraient permettre », "is projected to", « prévoit de »
    r"\b(?:(?:is|are|was|were)\s+(?:set|due|expected|projected|forecast|poised|likely|scheduled)\s+to\s+\w+"
    r"|devr(?:ait|aient|a|ont)\s+\w+(?:er|ir|re)\b|pourr(?:ait|aient)\s+\w+(?:er|ir|re)\b"
    r"|prévoi(?:t|ent)\s+(?:de\s+|d['’])|d['’]ici\s+(?:à\s+)?(?:20\d\d|la\s+fin))", re.IGNORECASE)
_CLAIM_NOUN = re.compile(
    r"\b(?:claims?|suggestions?|reports?|allegations?|accusations?|rumou?rs?|suspicions?|assertions?|stories|story"
    r"|informations?|rumeurs?|allégations?|affirmations?|soupçons?|révélations?|accusations?)\b", re.IGNORECASE)
_CLAIM_OWNER = re.compile(
    r"\b(?:by|from|de\s+la|de\s+l['’]|du|des|de|d['’]|par)\s+([^,;]{2,60}?)\s*(?:that|que|qu['’]|selon|$)",
    re.IGNORECASE)
_THAT = re.compile(r"\A(?:that|que|qu['’]|selon\s+lesquell?es?)\s*", re.IGNORECASE)
_ACCORDING_WHICH = re.compile(r"\s*,?\s*(?:selon\s+lesquell?es?|voulant\s+que|that)\s+", re.IGNORECASE)
_POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "their": "they", "its": "it", "son": "il", "sa": "elle",
                       "ses": "il", "leur": "ils", "leurs": "ils"}
_INTENT = re.compile(
    r"(?P<proposal>\b(?:calls?|called|calling|urges?|urged|urging|recommends?|recommended|demands?|demanded)"
    r"\s+(?:for|on|that)\b|\b(?:asks?|asked)\s+for\b|\bproposes?\s+(?:to|that)\b"
    r"|\b(?:appelle|appellent|appelé)\s+(?:[\w'’-]+\s+){0,6}?(?:à|au|aux)\b|\bplaide(?:nt)?\s+pour\b"
    r"|\b(?:propose|recommande|préconise|exige)(?:nt)?(?:\s+(?:enfin|aussi|également|donc|notamment|\w+ment))?"
    r"\s+(?:de|d['’]|que|qu['’])"
    r"|\b(?:demande|réclame)(?:nt)?\s+(?:que|qu['’]|à\s+ce\s+que)|\bréclame(?:nt)?\b)"
    r"|(?P<plan>\b(?:plans?|planned|planning|intends?|intended|aims?|vows?|vowed|pledges?|pledged|promises?|promised"
    r"|threatens?|threatened)\s+to\s+\w+|\b(?:is|are|was|were)\s+(?:set|due|poised|scheduled)\s+to\s+\w+|\bprévoi(?:t|ent)\s+(?:de|d['’])|\benvisage(?:nt)?\s+(?:de|d['’])"
    r"|\bs['’]engage(?:nt)?\s+à|\bpromet(?:tent)?\s+(?:de|d['’])|\bmenace(?:nt)?\s+(?:de|d['’]))", re.IGNORECASE)
_DENOUNCING = re.compile(r"\b(?:a|ont|avait|avaient)\s+(?:\w+ment\s+)?(?:dénoncé|fustigé|accusé)\b|\bdénoncen?t?\b"
                         r"|\bfustigen?t?\b", re.IGNORECASE)  # a quote's frame that denounces
_REPORTEDLY = re.compile(r"\b(?:reportedly|reputedly|supposedly|is\s+said\s+to|are\s+said\s+to)\b", re.IGNORECASE)
_OF_PARTY = re.compile(r"\s(?:du|de\s+la|de\s+l['’]|des|de|of\s+the|of)\s+(.+)\Z", re.IGNORECASE)
_ANAPHORIC_WORDS = frozenset("""these those this that ces cette cet ce every all any toute toutes tout tous word mot
claim allegation accusation charge suggestion assertion affirmation information rumour rumor rumeur stories story
account version allégation fait dernier dernière latest recent récente récent such tel telle""".split())
_POSSESSIVE = re.compile(r"['’]s?\Z")  # "the regulator's chair" names the regulators
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_ENTITY_PREFIX = re.compile(r"^(?:l['’]|d['’]|les\s+|la\s+|le\s+|the\s+)", re.IGNORECASE)
PREDICTING = frozenset("""expect expects expected forecast forecasts project projects projected predict predicts
predicted prédit prévoit prévoient table tablent anticipe anticipent""".split())
OBJECT_PRONOUNS = frozenset("him her them it lui leur eux elle".split())
FIRST_PERSON = frozenset("je j' j’ nous on i we me moi".split())
QUOTE_FRAME_WORDS = 6  # words left around a quote that only say who spoke
CASE_SENTENCES = 6  # an accuser's later quotes about "him"/"them" go on with their accusation this long
_FULL_NAME = re.compile(r"\b[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)+")  # two capitalised words or more
ACCUSED_SENTENCES = 3  # « ses opposants l'accusaient »: the party accused or denying this recently
_DESCRIPTIONS = frozenset({"l'intéressé", "l'intéressée", "the latter", "the man", "the woman"})  # point back
_SINGULAR_CLITICS = frozenset({"l'", "l’", "le", "la", "him", "her"})
POINTER_SENTENCES = 2  # "denies this" points back at most this far when no accusation is there to answer
ANSWER_SENTENCES = 10  # a first-person "we did nothing wrong" answers an accusation made this recently
_ALLEGING = frozenset("allege alleges alleged alleging charged".split())


@dataclass
class Draft:
    """A claim before scoring and numbering; links point at other drafts by index."""

    sentence_index: int
    text: str
    kind: str
    claimant: str | None
    target: str | None
    attribution: str
    core: tuple[int, int]
    quantities: tuple[Quantity, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    lemmas: tuple[str, ...] = ()
    links: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class ArticleState:
    """What the rules remember while walking an article's sentences in order."""

    lang: str
    sentences: tuple[SentenceSpan, ...]
    outlet: str | None = None
    dates: DateContext = field(default_factory=DateContext)
    drafts: list[Draft] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    last_actor: str | None = None
    last_actor_sentence: int = -10
    actors: list[str] = field(default_factory=list)  # named actors, most recent last (subjects, speakers, targets)
    last_unit: str | None = None
    speakers: SpeakerMemory = field(default_factory=SpeakerMemory)  # people named, quote speakers by paragraph
    accusations: list[tuple[int, int, Accusation]] = field(default_factory=list)  # (draft, sentence, accusation)


def _party_within(phrase: str | None) -> tuple[str, str] | None:
    """The description and the named party it hangs on: "les assistantes du député Lucien Marchal" ->
    ("les assistantes", "député Lucien Marchal"), "former staff of Transports Lacroix" -> (…, "Transports Lacroix")."""
    m = _OF_PARTY.search(phrase or "")
    if m is None or not any(w[:1].isupper() for w in m.group(1).split()):
        return None
    return m.string[:m.start()].rstrip() or m.string, m.group(1)


def _name_words(phrase: str) -> set[str]:
    """The words that identify who a phrase names ("la directrice, Mme Roche" -> directrice, roche)."""
    words = {_POSSESSIVE.sub("", w.lower().strip(",.;:’'\"")) for w in phrase.split()}
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words if len(w) > 2 and w not in _PHRASE_STOP}


def _fold_spaces(text: str) -> str:
    return _SPACES.sub(" ", text)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def clean_entities(doc: Doc) -> list[tuple[Entity, int, int]]:
    """The model's entities with elided articles stripped and junk ("l’", "d’") dropped."""
    out: list[tuple[Entity, int, int]] = []
    seen: set[tuple[str, str]] = set()
    for ent in doc.ents:
        text = ent.text.strip()
        stripped = _ENTITY_PREFIX.sub("", text).strip()
        if len(stripped) >= 2 and any(c.isupper() for c in stripped) and any(c.isalpha() for c in stripped):
            text = stripped
        if len(text) < 2 or not any(c.isalpha() for c in text) or not any(c.isupper() for c in text):
            continue
        if (text, ent.label_) in seen:
            continue
        seen.add((text, ent.label_))
        out.append((Entity(text, ent.label_), ent.start_char, ent.end_char))
    return out


def is_future(doc: Doc, lang: str) -> bool:
    """True when the sentence has a future-tense verb (futur simple, "aller" + infinitive, "will")."""
    tokens = list(doc)
    for i, t in enumerate(tokens):
        if lang == "fr":
            if "Fut" in t.morph.get("Tense", []) and "Fin" in t.morph.get("VerbForm", []):
                return True
            if t.pos_ in ("VERB", "AUX") and t.lower_.endswith(("ront", "ra")) and len(t.text) > 3:
                return True  # the small model misses some futures ("augmenteront")
            if t.lemma_ == "aller" and "Pres" in t.morph.get("Tense", []) and i + 1 < len(tokens):
                if "Inf" in tokens[i + 1].morph.get("VerbForm", []):
                    return True
        else:
            low = t.lower_
            if t.tag_ == "MD" and low in ("will", "'ll", "shall", "wo", "won't"):
                return True
            if low == "going" and i + 2 < len(tokens) and tokens[i + 1].lower_ == "to" and tokens[i + 2].tag_ == "VB":
                return True
    return bool(_EXPECTED.search(doc.text))


def is_future_in_past(doc: Doc, lang: str) -> bool:
    """Reported future: "a promis que les lits ouvriraient", "said the buses would enter service" (not "would have",
    nor the hearsay conditional "aurait menti", which reports a past)."""
    tokens = list(doc)
    after_que = lang != "fr"
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if lang == "fr":
            after_que = after_que or t.lower_ in ("que", "qu’", "qu'")
            conditional = "Cnd" in t.morph.get("Mood", []) and "Fin" in t.morph.get("VerbForm", []) or (
                t.pos_ in ("VERB", "AUX") and t.lower_.endswith(("rait", "raient")))  # the small model misses some
            compound_past = (t.lemma_ in ("avoir", "être") and nxt is not None
                             and "Part" in nxt.morph.get("VerbForm", []) and "Pass" not in nxt.morph.get("Voice", []))
            if after_que and conditional and not compound_past:
                return True
        elif t.lower_ in ("would", "'d") and t.tag_ == "MD" and not (nxt is not None and nxt.lower_ == "have"):
            return True
    return False


def subject_phrase(doc: Doc) -> str | None:
    """The main clause's subject as written ("Le ministre de la Santé"), to resolve a later "il"."""
    for t in doc:
        if t.dep_ in ("nsubj", "nsubj:pass") and t.head.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN"):
            left, right = t.left_edge.i, t.right_edge.i
            if right - left < 8:
                return doc[left:right + 1].text
    return None


def _lemmas(tokens: TokenIndex, span: tuple[int, int]) -> tuple[str, ...]:
    return tuple(
        t.lemma_.lower() for t in tokens.tokens_in(*span) if t.is_alpha and not t.is_stop and t.pos_ in CONTENT_POS
    )


def _quoted_subject(doc: Doc, start: int, end: int) -> str | None:
    """The first named third-person subject inside a quotation: whom a denounced quote is about."""
    for tok in doc:
        if start <= tok.idx < end and tok.dep_.startswith("nsubj") and tok.pos_ in ("NOUN", "PROPN"):
            return phrase(tok)
    return None


def _reported_before(doc: Doc, reported: Reported | None, frames: list[Frame]) -> bool:
    """A reported clause that ends before the sentence's first frame: a claim of its own beside the frames."""
    if reported is None:
        return False
    verb = next((t for t in doc if t.idx == reported.verb_start), None)
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None) if verb else None
    if clause is None:
        return False
    first = min(f.predicate[0] for f in frames)
    return reported.verb_end <= first and clause.right_edge.idx < first and not any(
        f.content and f.content[0] < clause.right_edge.idx for f in frames)


def _intent(text: str, tokens: TokenIndex) -> re.Match[str] | None:
    """The first proposal or plan verb that is a clause's verb: "a law intended to counteract …" describes the
    law, it is no one's plan."""
    for m in _INTENT.finditer(text):
        tok = tokens.at(m.start())
        if tok is None or tok.dep_ not in ("acl", "amod") or any(c.dep_.startswith("aux") for c in tok.children):
            return m
    return None


def _frame_only(quotes: list[Quote], reported: Reported | None, tokens: TokenIndex) -> bool:
    """True when the words outside the quotes hold no verb but the reporting one ("», a déclaré X lors de …")."""
    for tok in tokens.doc:
        if any(q.start <= tok.idx < q.end for q in quotes):
            continue
        if reported is not None and reported.verb_start <= tok.idx < reported.verb_end:
            continue
        if tok.pos_ == "VERB" and ("Fin" in tok.morph.get("VerbForm", []) or tok.tag_ in ("VBD", "VBZ", "VBP")):
            return False
    return True


class SentenceAnalyser:
    """Turns each sentence into drafts, appending them to the article state."""

    def __init__(self, state: ArticleState):
        self.state = state

    def _resolve(self, actor: str | None, index: int) -> str | None:
        st = self.state
        if actor and is_pronoun(actor) and (named := st.speakers.resolve(actor, index)):
            return named
        if actor and is_pronoun(actor) and st.last_actor and index - st.last_actor_sentence <= 3:
            return st.last_actor
        return actor

    @staticmethod
    def _denier(actor: str, accusation: Accusation) -> str:
        """Who denies an accusation: as written, but "it"/"elle" stands for the accused."""
        return accusation.target if is_pronoun(actor) else actor

    def _remember(self, actor: str | None, index: int) -> None:
        if actor and not is_pronoun(actor):
            self.state.last_actor, self.state.last_actor_sentence = actor, index
            self.state.speakers.name(actor, index)
            self.state.actors.append(actor)

    def _other_than(self, speaker: str | None) -> str | None:
        """The latest named actor who is not `speaker`: "she accuses him of …" names someone else."""
        mine = {w.lower() for w in (speaker or "").split() if len(w) > 2}
        for actor in reversed(self.state.actors[-12:]):
            if not mine & {w.lower() for w in actor.split() if len(w) > 2}:
                return actor
        return None

    def _accused_before(self, speaker: str | None, index: int) -> str | None:
        """« Plusieurs élus l'accusent »: the party lately accused (or denying), if not the speaker."""
        words = _name_words(speaker or "")
        for draft in reversed(self.state.drafts):
            if index - draft.sentence_index > ACCUSED_SENTENCES:
                return None
            party = {"accusation": draft.target, "denial": draft.claimant}.get(draft.kind)
            if party and not words & _name_words(party) and not is_pronoun(party) \
                    and party.lower().replace("’", "'") not in _DESCRIPTIONS:
                return party
        return None

    def _add(self, draft: Draft, sent_quantities: list[Quantity], sent_entities: list[tuple[Entity, int, int]],
             sent_dates: list[DateMention], tokens: TokenIndex) -> int:
        haystack = " ".join(x for x in (draft.text, draft.claimant, draft.target) if x)
        text = _fold_spaces(draft.text)  # a restated claim writes "250 000" with a plain space
        draft.quantities = tuple(q for q in sent_quantities if _fold_spaces(q.text) in text)
        draft.entities = tuple(dict.fromkeys(e for e, _, _ in sent_entities if e.text in haystack))
        draft.dates = tuple(d for d in sent_dates if d.text in draft.text)
        draft.lemmas = _lemmas(tokens, draft.core)
        self.state.drafts.append(draft)
        return len(self.state.drafts) - 1

    def _similar_accusation(self, d: int) -> int | None:
        """An earlier accusation of this article with the same proposition as the self-standing denial `d`."""
        from .similarity import match_denials

        drafts = self.state.drafts
        matches = match_denials([drafts[d]], [drafts[a] for a, _, _ in self.state.accusations])
        return next(i for i, x in enumerate(drafts) if x is matches[0].earlier) if matches else None

    def _embedded(self, index: int, text: str, frame: Frame, denier: str | None, ctx: SentenceContext) -> int | None:
        """"denied claims by the government that it had concealed …", « dément les informations selon
        lesquelles … »: the claim denied is a claim of its own (an accusation when it charges a wrongdoing)."""
        assert frame.content is not None
        between = text[frame.predicate[1]:frame.content[0]]
        if not _CLAIM_NOUN.search(between):
            return None
        by = _CLAIM_OWNER.search(between)
        owner = clean_actor(by.group(1)) if by else None
        end = min(frame.content[1], end_of_clause(text, frame.content[0]))  # not ", saying in a statement …"
        body = _THAT.sub("", text[frame.content[0]:end].strip(" ,.;"))
        first = body.split(" ", 1)
        if denier and len(first) == 2 and is_pronoun(first[0]):
            body = f"{denier} {first[1]}"  # "that it had concealed" -> "Vantrell had concealed"
        claim = _capitalise(body) + "."
        view = stance(ctx[3].doc, frame.content[0], frame.content[1], self.state.lang)
        if view.wrongdoing or view.hearsay:
            target = denier if view.agent is None or is_pronoun(view.agent) else view.agent
            return self._accuse(index, Accusation(owner, target or "", claim, frame.content, claim), "reported", ctx)
        return self._add(Draft(index, claim, "statement", owner, None, "reported", frame.content), *ctx)

    def _quote_speaker(self, quotes: list[Quote], index: int) -> str | None:
        return self._resolve(quotes[0].speaker, index) if quotes else None

    def _against(self, denier: str | None, index: int) -> int | None:
        """The latest accusation against the denier: same words in its target, or the denier speaks for
        someone ("son avocat", "a spokesperson", "the company said in a statement") and answers the latest one."""
        against = self._accusations_against(denier, index)
        # the accusation as reported outranks the accuser's own quoted words about it
        return next((a for a in against if self.state.drafts[a].attribution != "direct_quote"),
                    against[0] if against else None)

    def _accusations_against(self, denier: str | None, index: int) -> list[int]:
        """The accusations the denier may answer, latest first."""
        candidates = [(a, acc) for a, i, acc in self.state.accusations if i <= index]
        if not denier or not candidates:
            return []
        words = _name_words(denier)
        against = [a for a, acc in reversed(candidates) if words & _name_words(acc.target or "")]
        if not against and (is_pronoun(denier) or _REPRESENTATIVE.search(denier)):
            against = [a for a, _ in reversed(candidates)]
        return against

    def _closest_against(self, denier: str | None, content: str, index: int) -> int | None:
        """"Il nie avoir tenu la note secrète": of the accusations the denier may answer, the one whose act
        shares the most words with what is denied (the latest on a tie), if any shares a word."""
        denied = proposition_stems({"text": content})
        best: tuple[int, int] | None = None
        for a in self._accusations_against(denier, index):  # latest first: a tie keeps the latest
            shared = len(denied & proposition_stems({"text": self.state.drafts[a].text}))
            if shared and (best is None or shared > best[0]):
                best = (shared, a)
        return best[1] if best else None

    def _owned(self, phrase: str, index: int) -> int | None:
        """The claim a denial's object names by its owner: "the minister's claim", "the army's account",
        « ce rapport », « le bilan avancé par l'ONU » -> the latest earlier claim by that owner."""
        words = _name_words(phrase) - _ANAPHORIC_WORDS
        if not words:
            return None
        for d in range(len(self.state.drafts) - 1, -1, -1):
            draft = self.state.drafts[d]
            if draft.sentence_index < index and words & _name_words(draft.claimant or ""):
                return d
        return None

    def _answered(self, frame: Frame, denier: str | None, same_sentence: list[int], index: int) -> int | None:
        """The accusation draft a denial answers: this sentence's for "ce que X dément", else the latest one
        against the denier (or its principal), else the latest one in the article."""
        st = self.state
        if frame.relative and same_sentence:
            return same_sentence[-1]
        if frame.anaphoric and frame.content and (owned := self._owned(
                self.state.sentences[index].text[frame.content[0]:frame.content[1]], index)) is not None:
            return owned
        against = self._against(denier, index)
        if against is not None and frame.content and not frame.anaphoric:
            content = self.state.sentences[index].text[frame.content[0]:frame.content[1]]
            closest = self._closest_against(denier, content, index)
            return against if closest is None else closest
        if against is not None:
            return against
        if not (frame.anaphoric or frame.relative):
            return None
        candidates = [a for a, i, _ in st.accusations if i <= index]
        return candidates[-1] if candidates else self._latest_claim_not_by(denier, index)

    def _latest_claim_not_by(self, speaker: str | None, index: int) -> int | None:
        """"The bank denies this." with no accusation to answer: the claim someone else made just before."""
        words = _name_words(speaker or "")
        for d in range(len(self.state.drafts) - 1, -1, -1):
            draft = self.state.drafts[d]
            if index - draft.sentence_index > POINTER_SENTENCES:
                return None
            if draft.kind != "denial" and not words & _name_words(draft.claimant or ""):
                return d
        return None

    def _frames(self, index: int, text: str, frames: list[Frame], quotes: list[Quote], quote_speaker: str | None,
                reported: Reported | None, ctx: SentenceContext) -> None:
        """Drafts for the accusation and denial frames of one sentence, linked to what they answer."""
        st, lang = self.state, self.state.lang
        same_sentence: list[int] = []
        for frame in frames:
            quoted = any(s <= frame.predicate[0] < e for s, e in quote_spans(text))
            attribution = "direct_quote" if quoted else "reported"
            speaker = frame.speaker
            if quoted and (speaker is None or speaker.lower() in FIRST_PERSON):
                speaker = quote_speaker or (reported.claimant if reported is not None else None)
            if speaker is None and frame.kind == "accusation" and reported is not None and not frame.passive:
                speaker = reported.claimant
            if frame.kind == "accusation":
                speaker = self._resolve(speaker, index)
                target = frame.target
                if frame.clitic or is_pronoun(target) or (target or "").lower() in OBJECT_PRONOUNS:
                    # « Les assistantes du député X l'accusent »: the accusers are named after the accused
                    split = _party_within(speaker)
                    singular = (target or "").lower() in _SINGULAR_CLITICS
                    speaker, target = split if split else (
                        speaker, singular and self._accused_before(speaker, index) or self._other_than(speaker))
                target = self._owned_by(target, speaker, index)
                if not target:
                    continue
                content = text[frame.content[0]:frame.content[1]] if frame.content else ""
                statement = (_capitalise(frame.hearsay) + "." if frame.hearsay
                             else accusation_statement(target or "", content, lang, frame.lemma))
                made = Accusation(speaker, target or "", content, frame.content or (0, len(text)), statement)
                same_sentence.append(self._accuse(index, made, attribution, ctx))
                continue
            if frame.anaphoric and frame.content and (which := _ACCORDING_WHICH.match(text, frame.content[1])):
                # « dément les informations selon lesquelles P », "denied reports that P": P is what is denied
                frame = replace(frame, content=(which.end(), len(text.rstrip(" .!?…"))), anaphoric=False)
            answered = self._answered(frame, speaker, same_sentence, index)
            accusation = next((acc for a, _, acc in st.accusations if a == answered), None)
            if (speaker is None or is_pronoun(speaker)) and accusation is not None and accusation.target:
                speaker = accusation.target  # "il dément", "it denied": the accused answers
            speaker = self._resolve(speaker, index)
            if accusation is not None and (frame.anaphoric or frame.relative) and not quoted:
                claim_text = denial_text(speaker or "", accusation, lang)
            elif frame.content is not None and quoted:
                claim_text = text[frame.content[0]:frame.content[1]].strip()
            else:
                claim_text = text
            d = self._deny(Draft(index, claim_text, "denial", speaker, None, attribution,
                                 frame.content or (0, len(text))), answered, ctx,
                           whole_case=frame.anaphoric or frame.content is None)
            names_a_claim = frame.content and _CLAIM_NOUN.search(text[frame.predicate[1]:frame.content[0]])
            if frame.content and not quoted and (answered is None or names_a_claim):
                # "denied claims by the government that P": P is a claim of its own even when an earlier
                # accusation against the denier was answered too
                earlier = self._similar_accusation(d) if answered is None else None
                if earlier is None:
                    earlier = self._embedded(index, text, frame, speaker, ctx)
                if earlier is not None:
                    st.drafts[earlier].links.append(("denied-by", d))
                    st.drafts[d].links.append(("denies", earlier))

    def _owned_by(self, target: str | None, speaker: str | None, index: int) -> str | None:
        """"her campaign", « ses services »: name the owner the possessive points at (never the accuser)."""
        first = (target or "").split(" ", 1)[0].lower()
        pronoun = _POSSESSIVE_PRONOUN.get(first)
        if pronoun is None or target is None or _FULL_NAME.search(target):
            return target  # "His co-defendant, Lorraine Devlin" names its referent itself
        owner = self._named_before(target, speaker, index) or self._resolve(pronoun, index)
        if owner is None or is_pronoun(owner) or _name_words(owner) & _name_words(speaker or ""):
            owner = self._other_than(speaker)
        return f"{target} ({owner})" if owner else target

    def _named_before(self, phrase: str, speaker: str | None, index: int) -> str | None:
        """"X, who is challenging Senator Gail Hendricks, charged that her campaign …": the last full name
        the sentence gives before the phrase, if it is not the speaker's."""
        text = self.state.sentences[index].text
        at = text.find(phrase)
        names = [m.group() for m in _FULL_NAME.finditer(text, 0, at if at != -1 else 0)]
        mine = _name_words(speaker or "")
        return next((n for n in reversed(names) if not _name_words(n) & mine), None)

    def _accuse(self, index: int, made: Accusation, attribution: str, ctx: SentenceContext) -> int:
        """Add an accusation draft and remember it for the denials that will answer it."""
        a = self._add(Draft(index, made.text, "accusation", made.claimant, made.target or None, attribution,
                            made.prop_span), *ctx)
        self.state.accusations.append((a, index, made))
        self._remember(made.target, index)
        self._remember(made.claimant, index)
        return a

    def _deny(self, draft: Draft, answered: int | None, ctx: SentenceContext, whole_case: bool = False) -> int:
        """Add a denial draft, linked both ways to the accusation it answers; a denial that names no act of
        its own ("denies the charges", "we did nothing wrong") answers every accusation against the same party."""
        d = self._add(draft, *ctx)
        for a in self._case_against(answered) if whole_case else [answered]:
            if a is not None:
                self.state.drafts[a].links.append(("denied-by", d))
                self.state.drafts[d].links.append(("denies", a))
        self._remember(draft.claimant, draft.sentence_index)
        return d

    def _case_against(self, answered: int | None) -> list[int | None]:
        """The answered accusation first, then the earlier ones against the same party."""
        made = next((acc for a, _, acc in self.state.accusations if a == answered), None)
        if made is None or answered is None:
            return [answered]
        words = _name_words(made.target)
        return [answered, *(a for a, _, acc in self.state.accusations
                            if a < answered and words & _name_words(acc.target))]

    def _answer_to(self, speaker: str | None, index: int) -> int | None:
        """A recent accusation naming the speaker as its target: what the speaker's statement answers."""
        words = _name_words(speaker or "")
        for a, i, acc in reversed(self.state.accusations):
            if index - i > ANSWER_SENTENCES:
                break
            if i < index and words & _name_words(acc.target) and not words & _name_words(acc.claimant or ""):
                return a
        for draft in reversed(self.state.drafts[-6:]):  # goes on with their own denial of a moment ago
            if draft.kind == "denial" and index - draft.sentence_index <= 2 and words & _name_words(
                    draft.claimant or ""):
                return next((b for link, b in draft.links if link == "denies"), None)
        return None

    def _case_of(self, speaker: str | None, index: int) -> Accusation | None:
        """The speaker's own recent accusation: what their next words about "him" or "them" go on with."""
        words = _name_words(speaker or "")
        for _, i, acc in reversed(self.state.accusations):
            if index - i > CASE_SENTENCES:
                break
            if words & _name_words(acc.claimant or "") and not words & _name_words(acc.target):
                return acc
        return None

    def _latest_not_by(self, speaker: str | None, index: int) -> int | None:
        """The latest recent accusation someone other than the speaker made."""
        words = _name_words(speaker or "")
        for a, i, acc in reversed(self.state.accusations):
            if index - i > ANSWER_SENTENCES:
                break
            if i <= index and not words & _name_words(acc.claimant or ""):
                return a
        return None

    def _judge(self, index: int, speaker: str | None, view: Stance) -> tuple[str, str | None, int | None] | None:
        """What a quoted or reported proposition by `speaker` does: ("accusation", target, None) when it
        charges someone else with a wrongdoing (or goes on with the speaker's own accusation), ("denial", None,
        the accusation answered) when it clears the speaker or the accused, else None."""
        case = self._case_of(speaker, index)
        if view.wrongdoing or view.hearsay:
            named = view.agent if view.agent and view.person == 0 else None
            if named and _name_words(named) & _name_words(speaker or ""):
                return None  # the speaker's own act: an admission, not an accusation
            target = named or (case.target if case else self._other_than(speaker))
            return ("accusation", target, None) if target else None
        if case is not None and view.third_person_mention and not view.exculpation:
            return "accusation", case.target, None
        answered = self._against(speaker, index)
        if view.negated_subject and answered is None:
            answered = self._against(view.negated_subject, index)
        elif view.exculpation and answered is None and case is None:
            answered = self._latest_not_by(speaker, index)
        if answered is not None and (view.exculpation or view.negated_subject):
            return "denial", None, answered
        return None

    def _judged(self, index: int, text: str, claimant: str | None, attribution: str, span: tuple[int, int],
                verdict: tuple[str, str | None, int | None] | None, ctx: SentenceContext) -> bool:
        """Add a judged proposition as an accusation or a denial; False when it is neither."""
        if verdict is None:
            return False
        kind, target, answered = verdict
        if kind == "accusation":
            self._accuse(index, Accusation(claimant, target or "", text, span, text), attribution, ctx)
        else:
            self._deny(Draft(index, text, "denial", claimant, None, attribution, span), answered, ctx, True)
        return True

    def analyse(self, index: int, sent: SentenceSpan, doc: Doc) -> None:
        """Append the drafts of sentence `index` (parsed as `doc`) to the state: its frames (accusations,
        denials), its quotations, then what is left in reported speech or the author's voice."""
        st = self.state
        if index in st.consumed or is_non_claim(mask(sent.text, quote_spans(sent.text)), st.lang):
            return  # "n'a pas souhaité commenter", "declined to comment" (outside quotes): no claim, no denial
        text, tokens = sent.text, TokenIndex(doc)
        ctx = self._context(text, doc, tokens)
        first = len(st.drafts)
        self._claims(index, sent, doc, tokens, ctx)
        self._uncounted(index, text, first, ctx)

    def _claims(self, index: int, sent: SentenceSpan, doc: Doc, tokens: TokenIndex, ctx: SentenceContext) -> None:
        st, text = self.state, sent.text
        next_text = st.sentences[index + 1].text if index + 1 < len(st.sentences) else None
        quotes, reported = quotes_with_speakers(text, st.lang, tokens, next_text, st.speakers, index,
                                                sent.paragraph)
        quote_speaker = self._quote_speaker(quotes, index)
        frames, reported = self._sentence_frames(index, text, doc, tokens, quotes, quote_speaker, reported)
        if frames:
            if not quotes and _reported_before(doc, reported, frames):  # "X told reporters that P, and accused Y …"
                self._rest(index, text, doc, tokens, reported, ctx, until=min(f.predicate[0] for f in frames))
            self._frames(index, text, frames, quotes, quote_speaker, reported, ctx)
            if not quotes or all(any(q.start <= f.predicate[0] < q.end for f in frames) for q in quotes):
                return
        if self._quotes(index, text, doc, quotes, frames, quote_speaker, ctx) or frames:
            return
        if _frame_only(quotes, reported, tokens) and quotes:
            return
        self._rest(index, text, doc, tokens, reported, ctx)

    def _uncounted(self, index: int, text: str, first: int, ctx: SentenceContext) -> None:
        """Figures the sentence's claims left out ("Harrowgate, which bought the block for £19.5 million,
        denied …"; a crowd count beside a quote) are checkable facts: the sentence carries them as a statement."""
        drafts = self.state.drafts[first:]
        covered = {q for draft in drafts for q in draft.quantities}
        left = tuple(q for q in ctx[0] if q not in covered)
        if not drafts or not left:
            return
        accusation = next((d for d in drafts if d.kind == "accusation"), None)
        if accusation is not None:  # « selon des documents … 186 000 euros »: the charge's own figures
            accusation.quantities += left
            return
        self._add(Draft(index, text, "statement", self.state.outlet, None, "author", (0, len(text))), *ctx)

    def _context(self, text: str, doc: Doc, tokens: TokenIndex) -> SentenceContext:
        """Quantities (remembering the last counted noun for "2 000 autres"), entities and dates of a sentence."""
        st = self.state
        quantities = find_quantities(text, st.lang, tokens.pos_at, st.last_unit)
        for quantity in quantities:
            if quantity.unit and quantity.unit != "%":
                st.last_unit = quantity.unit
        return quantities, clean_entities(doc), find_dates(text, st.dates), tokens

    def _sentence_frames(self, index: int, text: str, doc: Doc, tokens: TokenIndex, quotes: list[Quote],
                         quote_speaker: str | None, reported: Reported | None) -> tuple[list[Frame], Reported | None]:
        """The sentence's frames, most explicit first: accusing and denying predicates, then a hearsay
        allegation, a short quoted denial (« C'est faux »), a negated quote from the accused."""
        lang = self.state.lang
        frames = find_frames(doc, lang)
        hearsay = None if frames else hearsay_accusation(doc, lang)
        if hearsay is not None:
            return [hearsay], reported
        if not frames:
            spans = quote_spans(text)
            frames = [f for span in spans if (f := short_denial(text, span, lang)) is not None]
            if frames and reported is None:
                reported = find_attribution(mask(text, spans), lang, tokens)
        return frames, reported

    def _quotes(self, index: int, text: str, doc: Doc, quotes: list[Quote], frames: list[Frame],
                quote_speaker: str | None, ctx: SentenceContext) -> bool:
        """A claim per quotation no frame already stands for (an accusation or a denial when its words are
        one, else a quote); True when the sentence is nothing but quotes and their attribution ("…," the
        minister said), so it adds no claim of its own."""
        outside = text
        for q in quotes:
            outside = outside.replace(text[q.start:q.end], " ")
        denounced = _DENOUNCING.search(outside) is not None  # « "…", a dénoncé X »
        for q in quotes:
            if q.speaker_in_next:
                self.state.consumed.add(index + 1)
            if not any(q.start <= f.predicate[0] < q.end for f in frames):
                span = (q.start + 1, q.end - 1)
                verdict = self._judge(index, quote_speaker, stance(doc, q.start, q.end, self.state.lang))
                if verdict is None and denounced:
                    target = _quoted_subject(doc, q.start, q.end) or self._other_than(quote_speaker)
                    verdict = ("accusation", target, None) if target else None
                if not self._judged(index, q.inner, quote_speaker, "direct_quote", span, verdict, ctx):
                    self._add(Draft(index, q.inner, "quote", quote_speaker, None, "direct_quote", span), *ctx)
                    self._remember(quote_speaker, index)
        quoted_chars = sum(q.end - q.start for q in quotes)
        return bool(quotes) and (quoted_chars * 2 >= len(text) or len(outside.split()) <= QUOTE_FRAME_WORDS)

    def _rest(self, index: int, text: str, doc: Doc, tokens: TokenIndex, reported: Reported | None,
              ctx: SentenceContext, until: int | None = None) -> None:
        """Reported speech (the proposition without its frame) or the author's own statement, with its kind;
        ``until`` is where the sentence's frames begin when they were read already."""
        st, lang = self.state, self.state.lang
        if reported is None:
            reported = find_attribution(text, lang, tokens)
        if reported is None and (hearsay := _REPORTEDLY.search(text)):
            reported = Reported(None, "reporting", hearsay.start(), hearsay.end())  # unnamed reports say so
        if text.rstrip().endswith("?") and reported is None:
            return
        intent = _intent(text, tokens)
        if intent is not None and reported is None:
            # "The alliance calls for …", "X plans to …": the subject proposes or commits, in its own name
            actor = subject_phrase(doc) or actor_before(text[:intent.start()], tokens)
            if actor:
                reported = Reported(actor, "proposing" if intent.lastgroup == "proposal" else "reporting",
                                    intent.start(), intent.start())
        quantities, entities = ctx[0], ctx[1]
        future = is_future(doc, lang)
        if reported is None and not quantities and not (tokens.has_finite_verb() and entities) and not future:
            return  # scene-setting, transitions, opinion without anything to check
        kind = "statement"
        if (reported is not None and reported.kind == "proposal") or (intent and intent.lastgroup == "proposal"):
            kind = "proposal"
        elif intent is not None or future or (reported is not None and (
                is_future_in_past(doc, lang) or text[reported.verb_start:reported.verb_end].lower() in PREDICTING)):
            kind = "prediction"
        whole = (0, len(text))
        if reported is not None:
            claimant = self._resolve(reported.claimant, index)
            content = reported_content(doc, reported, lang) or text
            verdict = self._judge(index, claimant, stance(doc, 0, until or len(text), lang)) \
                if kind == "statement" else None
            if verdict is None and text[reported.verb_start:reported.verb_end].lower() in _ALLEGING:
                verdict = "accusation", None, None  # "X alleged that …": an allegation, whoever it is about
            if not self._judged(index, content, claimant, "reported", whole, verdict, ctx):
                d = self._add(Draft(index, content, kind, claimant, None, "reported", whole), *ctx)
                self._remember(claimant, index)
                if kind == "statement" and (answered := self._answer_to(claimant, index)) is not None:
                    # the accused's own account right after the charge ("He told reporters that the board …")
                    st.drafts[d].links.append(("contradicts", answered))
        else:
            self._add(Draft(index, text, kind, st.outlet, None, "author", whole), *ctx)
            self._remember(subject_phrase(doc), index)
