"""From one parsed sentence (plus a little article context) to draft claims.

Order of the rules, most specific first: an accusation (and the denial answering it in the same sentence), a
denial answering an earlier accusation, a denial with its own proposition, direct quotes, then reported speech
or the author's own voice. Context carried between sentences: the last named actor (to resolve "il", "a-t-il
déclaré"), recent accusations (for "X a démenti ces accusations"), the last counted noun ("2 000 autres"), and
sentences consumed as pure attribution ("Propos tenus par X.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .actors import is_pronoun
from .attribution import find_attribution
from .dates import DateContext, find_dates
from .denials import (
    Accusation,
    denial_text,
    find_accusation,
    find_anaphoric_denial,
    find_denial_of_previous,
    find_direct_denial,
)
from .models import DateMention, Entity, Quantity
from .nlp import TokenIndex
from .quantities import find_quantities
from .quotes import quotes_with_speakers
from .segmentation import SentenceSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .attribution import Reported
    from .quotes import Quote

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_ENTITY_PREFIX = re.compile(r"^(?:l['’]|d['’]|les\s+|la\s+|le\s+|the\s+)", re.IGNORECASE)
ACCUSATION_LOOKBACK = 2
QUOTE_FRAME_WORDS = 6  # words left around a quote that only say who spoke


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
    last_unit: str | None = None
    accusations: list[tuple[int, int, Accusation]] = field(default_factory=list)


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
    return False


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

    def _add(self, draft: Draft, sent_quantities: list[Quantity], sent_entities: list[tuple[Entity, int, int]],
             sent_dates: list[DateMention], tokens: TokenIndex) -> int:
        haystack = " ".join(x for x in (draft.text, draft.claimant, draft.target) if x)
        draft.quantities = tuple(q for q in sent_quantities if q.text in draft.text)
        draft.entities = tuple(dict.fromkeys(e for e, _, _ in sent_entities if e.text in haystack))
        draft.dates = tuple(d for d in sent_dates if d.text in draft.text)
        draft.lemmas = _lemmas(tokens, draft.core)
        self.state.drafts.append(draft)
        return len(self.state.drafts) - 1

    def _link_to_similar_accusation(self, d: int) -> None:
        """Link a self-standing denial to an earlier accusation of this article with the same proposition."""
        from .similarity import match_denials

        drafts = self.state.drafts
        earlier = [drafts[a] for a, _, _ in self.state.accusations]
        matches = match_denials([drafts[d]], earlier)
        if matches:
            a = next(i for i, x in enumerate(drafts) if x is matches[0].earlier)
            drafts[a].links.append(("denied-by", d))
            drafts[d].links.append(("denies", a))

    def analyse(self, index: int, sent: SentenceSpan, doc: Doc) -> None:
        """Append the drafts of sentence `index` (parsed as `doc`) to the state."""
        st = self.state
        if index in st.consumed:
            return
        lang, text = st.lang, sent.text
        tokens = TokenIndex(doc)
        quantities = find_quantities(text, lang, tokens.pos_at, st.last_unit)
        for quantity in quantities:
            if quantity.unit and quantity.unit != "%":
                st.last_unit = quantity.unit
        entities = clean_entities(doc)
        dates = find_dates(text, st.dates)
        ctx = (quantities, entities, dates, tokens)
        whole = (0, len(text))

        accusation = find_accusation(text, lang)
        if accusation:
            claimant = self._resolve(accusation.claimant, index)
            a = self._add(Draft(index, accusation.text, "accusation", claimant, accusation.target, "reported",
                                accusation.prop_span), *ctx)
            st.accusations.append((a, index, accusation))
            self._remember(claimant, index)
            denial = find_anaphoric_denial(text, lang, accusation.prop_span[1])
            if denial:
                denier = self._denier(denial.claimant, accusation)
                d = self._add(Draft(index, denial_text(denier, accusation, lang), "denial",
                                    denier, None, "reported", accusation.prop_span), *ctx)
                st.drafts[a].links.append(("denied-by", d))
                st.drafts[d].links.append(("denies", a))
            return

        recent = [acc for acc in st.accusations if index - acc[1] <= ACCUSATION_LOOKBACK]
        denial = find_denial_of_previous(text, lang) if recent else None
        if denial:
            a, _, accusation = recent[-1]
            claimant = self._denier(denial.claimant, accusation)
            d = self._add(Draft(index, denial_text(claimant, accusation, lang), "denial", claimant, None,
                                "reported", whole), *ctx)
            st.drafts[a].links.append(("denied-by", d))
            st.drafts[d].links.append(("denies", a))
            self._remember(claimant, index)
            return
        denial = find_direct_denial(text, lang)
        if denial:
            claimant = self._resolve(denial.claimant, index)
            d = self._add(Draft(index, text, "denial", claimant, None, "reported", whole), *ctx)
            self._link_to_similar_accusation(d)
            self._remember(claimant, index)
            return

        next_text = st.sentences[index + 1].text if index + 1 < len(st.sentences) else None
        quotes, reported = quotes_with_speakers(text, lang, tokens, next_text)
        quoted_chars = 0
        outside = text
        for q in quotes:
            speaker = self._resolve(q.speaker, index)
            if speaker is None and st.last_actor and index - st.last_actor_sentence <= 1:
                speaker = st.last_actor
            if q.speaker_in_next:
                st.consumed.add(index + 1)
            self._add(Draft(index, q.inner, "quote", speaker, None, "direct_quote", (q.start + 1, q.end - 1)), *ctx)
            self._remember(speaker, index)
            quoted_chars += q.end - q.start
            outside = outside.replace(text[q.start:q.end], " ")
        # A sentence that is a quote plus its attribution ("…," the minister said) adds no second claim.
        if quotes and (quoted_chars * 2 >= len(text) or len(outside.split()) <= QUOTE_FRAME_WORDS
                       or _frame_only(quotes, reported, tokens)):
            return

        if reported is None:
            reported = find_attribution(text, lang, tokens)
        if text.rstrip().endswith("?") and reported is None:
            return
        has_verb = tokens.has_finite_verb()
        if reported is None and not quantities and not (has_verb and entities):
            return  # scene-setting, transitions, opinion without anything to check
        kind = "statement"
        if reported is not None and reported.kind == "proposal":
            kind = "proposal"
        elif is_future(doc, lang) or (reported is not None and is_future_in_past(doc, lang)):
            kind = "prediction"
        if reported is not None:
            claimant = self._resolve(reported.claimant, index)
            self._add(Draft(index, text, kind, claimant, None, "reported", whole), *ctx)
            self._remember(claimant, index)
        else:
            self._add(Draft(index, text, kind, st.outlet, None, "author", whole), *ctx)
            self._remember(subject_phrase(doc), index)
