"""Direct quotations («…», “…”, "…") and who said them.

The speaker is looked for in the same sentence: an incise after the quote («…», a souligné X / "…," X said /
"…," said X), an inverted pronoun (a-t-il déclaré, affirme-t-elle), a lead-in with a colon (X a déclaré : «…» /
X said: "…"), or an incise inside the quote (« P1, a-t-il dit, P2 » / "P1," she said, "P2."). Failing that, the
next sentence may name the speaker ("Propos tenus par X." / "La phrase, prononcée par X, …" / "Those were the
words of X." / "X made the remark …"), and is then consumed as pure attribution. Quotation marks need not be
balanced: a quotation opened and never closed runs to the end of the sentence, unless an incise ends it; one
closed without having been opened starts the sentence (segmentation.quote_spans). Short quoted fragments (scare
quotes) are not claims.

A pronoun speaker ("il", "she") is resolved by `SpeakerMemory`, which the article walk may keep: the last named
person of matching gender (from M./Mme/Mr/Ms, the parse's Gender feature, or the pronoun a named speaker was
already given); a quote with no speaker in or after its sentence takes the speaker of the nearest attributed quote
in the same or the previous paragraph, or of the quotation it continues over a paragraph break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .actors import actor_after, actor_before, clean_actor, is_name, is_pronoun, sentence_end
from .attribution import DATA_NOUNS, DOCUMENT_NOUNS, Reported, find_attribution, incise_verb
from .nlp import TokenIndex
from .segmentation import quote_spans

MIN_QUOTE_WORDS = 4
OPENING_MARKS = "«“„\""
CLOSING_MARKS = "»”\""
MAX_LEAD_WORDS = 6  # "Le ministre de l'Intérieur :" before a quotation, with no verb
MAX_INCISE_CHARS = 160  # an incise inside a quotation: ", a insisté M. Rigal," / ", the colonel said,"
_SPEECH_NOUN_FR = (r"(?:phrase|formule|déclaration|propos|paroles|mots?(?:\s+d['’]ordre)?|confidences?|citation|cri"
                   r"|slogan|message|remarques?|commentaires?|réponse|avertissement)")
_SPEECH_PARTICIPLE_FR = (r"(?:prononcée?s?|tenue?s?|lancée?s?|lâchée?s?|signée?s?|écrite?s?|rapportée?s?|publiée?s?"
                         r"|postée?s?|confiée?s?|faite?s?|répétée?s?|formulée?s?|glissée?s?)")
_NEXT_SENTENCE = {
    "fr": (
        # "Propos tenus par X à Y." / "La phrase, prononcée lors d'une assemblée par X, …"
        re.compile(rf"\s*(?:(?:la|les|le|ces|cette|ce|de\s+tels|ses|leurs|des)\s+)?{_SPEECH_NOUN_FR}\b,?\s+"
                   rf"(?:(?:ont|avaient|a|avait)\s+été\s+)?{_SPEECH_PARTICIPLE_FR}\b[^.!?]{{0,120}}?\bpar\s+",
                   re.IGNORECASE),
        # "C'est par ces mots que X a ouvert …" / "C'est ainsi que X …"
        re.compile(r"\s*c['’]est\s+(?:par|avec|en)\s+(?:ces|ses|les|de\s+tels)\s+(?:mots|propos|paroles|termes)"
                   r"\s+qu(?:e\s+|['’])", re.IGNORECASE),
    ),
    "en": (
        # "The remarks were made by X." / "Those were the words of X."
        re.compile(r"\s*(?:(?:the|these|those|his|her|their|such)\s+)?(?:remarks?|comments?|words|statements?)\s+"
                   r"(?:(?:were|was|had\s+been)\s+)?(?:made|delivered|given|spoken|uttered)\s+(?:\w+\s+){0,3}?by\s+",
                   re.IGNORECASE),
        re.compile(r"\s*(?:those|these|such)\s+(?:were|are)\s+the\s+(?:words|remarks|comments)\s+of\s+", re.IGNORECASE),
    ),
}
# "Munro made the remark in answer to …", "Penhallow repeated the point …", "X a tenu ces propos …": the speaker is
# the subject of the sentence.
_SUBJECT_OF_REMARK = {
    "fr": re.compile(r"\s(?:a|avait|ont|avaient)\s+(?:tenu|prononcé|lancé|répété|réitéré)\s+"
                     r"(?:ces|ses|de\s+tels|les)\s+(?:propos|mots|paroles|déclarations)\b", re.IGNORECASE),
    "en": re.compile(r"\s(?:made|repeated|reiterated|delivered|gave|offered)\s+"
                     r"(?:the|that|this|those|these|his|her|their)\s+"
                     r"(?:remarks?|comments?|point|words|warning|statement|assessment)\b", re.IGNORECASE),
}
_FR_PRONOUN_INCISE = re.compile(r"\s*(?:(?:a|ont|avait|avaient|aurait)-t-(?:il|elle|on)|(?:ont|avaient)-(?:ils|elles)"
                                r"|[\w’'-]+?-t-(?:il|elle|on)|[\w’'-]+?-(?:il|elle|ils|elles|on))\b", re.IGNORECASE)
_FR_AUX = re.compile(r"\s*(?:a|ont|avait|avaient|aurait)\s+", re.IGNORECASE)
_EN_INCISE_SUBJECT = re.compile(r"\s*(?:[Hh]e|[Ss]he|[Tt]hey|(?:[Tt]he|a|an|his|her|their)\s+[\w’'-]+"
                                r"(?:\s+[\w’'-]+){0,4}|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+")
_CLAUSE_MARK = re.compile(r"[,;:]")
_INCISE_OPENER = re.compile(r"[,!?]")


@dataclass(frozen=True)
class Quote:
    """A quotation inside a sentence: its span (marks included, when the sentence holds them), inner text and
    speaker if found."""

    start: int
    end: int
    inner: str
    speaker: str | None = None
    speaker_in_next: bool = False


def _incise_end(window: str, start: int) -> int:
    """Where an incise that goes on from `start` ends: its next comma, or the end of its sentence."""
    mark = _CLAUSE_MARK.search(window, start)
    return min(mark.start() if mark else len(window), sentence_end(window, start))


def _incise_at(sentence: str, pos: int, lang: str) -> int | None:
    """When an incise starts at `pos` (just after a comma inside a quotation: ", a-t-il dit," / ", a insisté M.
    Rigal," / ", she said," / ", said the colonel,"), where it ends; else None."""
    window = sentence[pos:pos + MAX_INCISE_CHARS]
    if lang == "fr":
        m = _FR_PRONOUN_INCISE.match(window)
        if m:
            first = m.group().strip().split("-")[0]
            aux_then_verb = first.lower() in ("a", "ont", "avait", "avaient", "aurait")
            if aux_then_verb:
                nxt = re.match(r"\s*([\w’'-]+)", window[m.end():])
                if not nxt or not incise_verb(nxt.group(1), lang):
                    return None
            elif not incise_verb(first, lang):
                return None
            return pos + _incise_end(window, m.end())
        m = _FR_AUX.match(window)
        start = m.end() if m else 0
        verb = re.match(r"\s*([\w’'-]+)", window[start:])
        if not verb or not incise_verb(verb.group(1), lang):
            return None
        if actor_after(window[start + verb.end():]) is None:
            return None
        return pos + _incise_end(window, start + verb.end())
    verb = re.match(r"\s*([\w’'-]+)", window)
    if verb and incise_verb(verb.group(1), lang, inverted=True) and actor_after(window[verb.end():]):
        return pos + _incise_end(window, verb.end())
    subject = _EN_INCISE_SUBJECT.match(window)
    if subject:
        verb = re.match(r"([\w’'-]+)", window[subject.end():])
        if verb and incise_verb(verb.group(1), lang):
            return pos + _incise_end(window, subject.end() + verb.end())
    return None


def _cut_at_incises(sentence: str, s: int, e: int, lang: str, closes: bool) -> list[tuple[int, int]]:
    """Split the quotation [s, e) around the incises it holds (« P1, a-t-il dit, P2 »). A quotation never closed
    ends at its incise in English (a continuation would reopen with a mark); French goes on after it."""
    pieces: list[tuple[int, int]] = []
    start = s
    for m in _INCISE_OPENER.finditer(sentence, s + 1, e):
        if m.start() < start:
            continue
        end = _incise_at(sentence, m.end(), lang)
        if end is None:
            continue
        pieces.append((start, m.start() + (1 if m.group() != "," else 0)))
        if lang == "en" and not closes:
            return pieces
        start = end + 1
    pieces.append((start, e))
    return [(a, b) for a, b in pieces if b > a]


def _inner(sentence: str, s: int, e: int) -> str:
    return sentence[s:e].strip(" ,;:\u00a0\u202f\t" + OPENING_MARKS + CLOSING_MARKS)


def _colon_speaker(sentence: str, quote_start: int, tokens: TokenIndex | None) -> str | None:
    """The speaker of a lead-in that ends with a colon, whatever its verb ("M. Perrot a réfuté ces propos : « … »");
    with no verb, a short noun phrase ("Le ministre : « … »", as in headlines and interviews)."""
    lead = sentence[:quote_start].rstrip(" \t\u00a0\u202f")
    if not lead.endswith(":"):
        return None
    lead = lead[:-1]
    verbs = [t for t in tokens.tokens_in(0, len(lead)) if t.pos_ == "VERB"] if tokens is not None else []
    if verbs:
        verb = verbs[-1]
        start = min([verb.idx, *(c.idx for c in verb.children if c.i < verb.i and c.dep_.startswith(("aux", "expl")))])
        return actor_before(lead[:start], tokens)
    return clean_actor(lead) if len(lead.split()) <= MAX_LEAD_WORDS else None


def quote_pieces(sentence: str, lang: str = "fr") -> list[tuple[int, int]]:
    """Spans of the quotations of `sentence`, cut around incises, whatever their length."""
    pieces: list[tuple[int, int]] = []
    for s, e in quote_spans(sentence):
        closes = sentence[e - 1] in CLOSING_MARKS and e - 1 > s
        pieces.extend(_cut_at_incises(sentence, s, e, lang, closes))
    return pieces


def find_quotes(sentence: str, lang: str = "fr") -> list[tuple[int, int]]:
    """Spans of quotations long enough to be claims."""
    return [(s, e) for s, e in quote_pieces(sentence, lang) if len(_inner(sentence, s, e).split()) >= MIN_QUOTE_WORDS]


def mask(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the given spans blanked out (same length, so offsets stay valid)."""
    chars = list(sentence)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def speaker_in_next(next_sentence: str | None, lang: str) -> str | None:
    """The speaker named by a following attribution sentence ("Propos tenus par X à Y.", "La phrase, prononcée
    par X, …", "Those were the words of X.", "X made the remark …")."""
    if not next_sentence:
        return None
    language = "fr" if lang == "fr" else "en"
    for pattern in _NEXT_SENTENCE[language]:
        m = pattern.match(next_sentence)
        if m:
            return actor_after(next_sentence[m.end():])
    m = _SUBJECT_OF_REMARK[language].search(next_sentence, 0, sentence_end(next_sentence))
    if m:
        return actor_before(next_sentence[:m.start()])
    return None


@dataclass(frozen=True)
class _Mention:
    name: str
    gender: str | None
    plural: bool
    sentence: int
    position: int | None  # where in its sentence, when known
    subject: bool  # the subject of a frame of its sentence, which a later pronoun of that sentence may stand for


_FEMININE_START = re.compile(r"^(?:Mme|Mlle|Mrs\.?|Ms\.?|Miss|Dame|Lady|Madame|la|une|cette|sa)\s", re.IGNORECASE)
_MASCULINE_START = re.compile(r"^(?:M\.|Mr\.?|Sir|Lord|Monsieur|le|un|ce|cet)\s", re.IGNORECASE)
_PLURAL_START = re.compile(r"^(?:les|des|ces|ses|leurs|nos|vos|mes|plusieurs|certains|certaines|de\s+nombreux|these"
                           r"|those|several|many|some|two|three|deux|trois)\s|\s(?:et|and)\s", re.IGNORECASE)
_PRONOUN_GENDER = {"il": "Masc", "ils": "Masc", "he": "Masc", "elle": "Fem", "elles": "Fem", "she": "Fem"}
_PLURAL_PRONOUNS = frozenset({"ils", "elles", "they"})
_NOT_PEOPLE = DATA_NOUNS | DOCUMENT_NOUNS
MEMORY_SENTENCES = 8  # a pronoun points back this many sentences at most
MEMORY_MENTIONS = 40
PERSON_LABELS = frozenset({"PER", "PERSON"})
PERSON_NOUNS = frozenset("""minister secretary spokesman spokeswoman spokesperson lawyer attorney counsel barrister
solicitor mother father wife husband son daughter sister brother director chairman chairwoman chair executive officer
manager mayor senator councillor councilor president governor chief prosecutor judge colonel general commissioner
founder co-founder worker nurse doctor surgeon trader resident member teacher coach striker player owner analyst
economist leader candidate treasurer agent adviser advisor aide inspector detective sergeant constable captain
commander superintendent witness victim patient plaintiff defendant driver farmer activist campaigner""".split())
_BYLINE = re.compile(r"\s*(?:[Pp]ar|[Bb]y)\s+[A-ZÀ-Ý][^.]*[—–]")  # "Par Yann Le Goff — Brest, …"
_TITLE_BEFORE = re.compile(r"\b(M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Me)\s+\Z")


SUBJECT_PREFERENCE = 1  # "She …" is the subject of the sentence before rather than a name it only mentions


@dataclass
class SpeakerMemory:
    """What quote attribution remembers while walking an article: the actors named (with a gender and a number
    when the text gives them), the speakers of attributed quotes by paragraph, and a quotation left open at the
    end of a paragraph."""

    mentions: list[_Mention] = field(default_factory=list)  # in reading order
    quote_speakers: list[tuple[int, int, str]] = field(default_factory=list)  # (sentence, paragraph, speaker)
    open_quote: tuple[int, str | None] | None = None  # (paragraph, speaker) of a quotation still open

    def name(self, actor: str | None, index: int, gender: str | None = None, position: int | None = None,
             subject: bool = True) -> None:
        """Remember a named actor (not a pronoun) of sentence `index`, with its gender when the text gives one
        ("Mme", "la directrice", the parse's Gender feature), where it stands in the sentence when known, and
        whether it is the subject of a frame there (a person merely mentioned is not)."""
        if not actor or is_pronoun(actor):
            return
        if gender is None:
            gender = "Fem" if _FEMININE_START.match(actor) else "Masc" if _MASCULINE_START.match(actor) else None
        self.mentions.append(_Mention(actor, gender, bool(_PLURAL_START.search(actor)), index, position, subject))
        del self.mentions[:-MEMORY_MENTIONS]

    def observe(self, sentence: str, tokens: TokenIndex | None, index: int) -> None:
        """Remember the people the parse finds named in a sentence, in order ("M. Castaing" is a man)."""
        if tokens is None or _BYLINE.match(sentence):
            return
        quoted = quote_spans(sentence)
        for ent in tokens.doc.ents:
            if ent.label_ not in PERSON_LABELS or not is_name(ent.text):
                continue
            if any(s <= ent.start_char < e for s, e in quoted):
                continue  # "his mother a “Queen Esther”": a name inside quotation marks is what was said
            title = _TITLE_BEFORE.search(sentence, max(0, ent.start_char - 6), ent.start_char)
            name = f"{title.group(1)} {ent.text}" if title else ent.text
            gender = None if title else _gender_of(name, tokens, sentence)
            self.name(name, index, gender, title.start() if title else ent.start_char, subject=False)
        root = next((t for t in tokens.doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
        if root is not None:
            start = min([root.idx, *(c.idx for c in root.children if c.i < root.i and c.dep_.startswith(
                ("aux", "expl", "advmod")))])
            subject = actor_before(sentence[:start], tokens)
            at = sentence.find(subject) if subject else -1
            if subject and at >= 0:
                self.name(subject, index, _gender_of(subject, tokens, sentence), at)  # the sentence's subject

    def resolve(self, pronoun: str | None, index: int, position: int | None = None) -> str | None:
        """The last actor named before a pronoun that matches its gender and number when known, or None: from
        earlier sentences, and from its own sentence the actors before `position` when that is given, else the
        subjects of the frames read before it ("Ruth Calloway told reporters …, and she accused …")."""
        if not pronoun or not is_pronoun(pronoun):
            return pronoun
        low = pronoun.lower()
        wanted = _PRONOUN_GENDER.get(low)
        if wanted is None and low not in _PLURAL_PRONOUNS:
            return None
        plural = low in _PLURAL_PRONOUNS
        latest: _Mention | None = None  # the latest one merely mentioned: a subject close before it is likelier
        for mention in reversed(self.mentions):
            if index - mention.sentence > MEMORY_SENTENCES:
                break
            if mention.sentence == index and (
                    not mention.subject if position is None
                    else mention.position is None or mention.position >= position):
                continue  # not known to come before the pronoun in their sentence
            if mention.plural != plural or (wanted and mention.gender not in (None, wanted)):
                continue
            if low in ("he", "she") and not _is_person(mention.name):
                continue  # "she" is not "The Hendricks campaign"
            if latest is not None and latest.sentence - mention.sentence > SUBJECT_PREFERENCE:
                break
            if mention.subject:
                return self._fullest(mention)
            if mention.sentence == index:
                return self._fullest(mention)  # named before the pronoun in its own sentence
            latest = latest or mention
        return self._fullest(latest) if latest else None

    def _fullest(self, mention: _Mention) -> str:
        """The same actor as named most fully in its sentence: "Le porte-parole de l'armée" may have been written
        "Le porte-parole de l'armée, le général Sylvain Mbemba"."""
        for other in self.mentions:
            if other.sentence == mention.sentence and other.name.startswith(mention.name + ","):
                return other.name
        return mention.name

    def carried(self, index: int, paragraph: int) -> str | None:
        """The speaker a quote with none of its own takes: that of the quotation it continues over a paragraph
        break, else of the nearest attributed quote in the same or the previous paragraph."""
        if self.open_quote is not None and self.open_quote[0] in (paragraph, paragraph - 1) and self.open_quote[1]:
            return self.open_quote[1]
        for sentence, par, speaker in reversed(self.quote_speakers):
            if par in (paragraph, paragraph - 1) and index - sentence <= MEMORY_SENTENCES:
                return speaker
            if par < paragraph - 1:
                break
        return None


def _is_person(actor: str) -> bool:
    """Whether an English "he"/"she" can stand for `actor`: a name ("Ruth Calloway", "the leader, Marion Fitch") or
    a noun for a person ("the union leader", "a spokeswoman"), not "The Hendricks campaign" nor "A report"."""
    last = actor.split()[-1].strip(".,’'s")
    return bool(last[:1].isupper()) and last.lower() not in _NOT_PEOPLE or last.lower() in PERSON_NOUNS


def _gender_of(actor: str, tokens: TokenIndex | None, sentence: str) -> str | None:
    """The Gender feature of the head noun of `actor` in the parsed sentence ("la procureure" -> Fem)."""
    if tokens is None:
        return None
    at = sentence.find(actor)
    if at < 0:
        return None
    for tok in tokens.tokens_in(at, at + len(actor)):
        gender = tok.morph.get("Gender", [])
        if tok.pos_ in ("NOUN", "PROPN") and gender:
            return str(gender[0])
        if tok.pos_ == "DET" and gender and tok.lower_ in ("la", "une", "sa", "cette"):
            return "Fem"
    return None


def quotes_with_speakers(sentence: str, lang: str, tokens: TokenIndex | None, next_sentence: str | None,
                         memory: SpeakerMemory | None = None, index: int = 0,
                         paragraph: int = 0) -> tuple[list[Quote], Reported | None]:
    """Quotes of `sentence` with speakers, and the attribution of its unquoted rest (for its other content).

    With a `memory` (one per article, sentences given in order with their index and paragraph), pronoun speakers
    are resolved and quotes with no speaker of their own take a neighbour's; without one, a pronoun stays as
    written and a quote with no speaker has None."""
    spans = find_quotes(sentence, lang)
    all_quotes = quote_pieces(sentence, lang)
    reported = find_attribution(mask(sentence, all_quotes), lang, tokens) if spans or memory is not None else None
    if memory is not None:
        memory.observe(sentence, tokens, index)
        if reported is not None and reported.claimant and not is_pronoun(reported.claimant):
            at = sentence.find(reported.claimant)
            memory.name(reported.claimant, index, _gender_of(reported.claimant, tokens, sentence),
                        at if at >= 0 else None)
        elif reported is not None and is_pronoun(reported.claimant):
            named = memory.resolve(reported.claimant, index, reported.verb_start)
            if named:  # "Selon lui, …", "Il affirme que …": the person the pronoun stands for
                reported = replace(reported, claimant=named)
    if not spans:
        if memory is not None:
            memory.open_quote = None
        return [], reported
    speaker, from_next = (reported.claimant if reported else None), False
    if speaker is None:
        speaker = _colon_speaker(sentence, spans[0][0], tokens)
    if speaker is None:
        speaker = speaker_in_next(next_sentence, lang)
        from_next = speaker is not None
    if memory is not None:
        if is_pronoun(speaker):
            speaker = memory.resolve(speaker, index, reported.verb_start if reported else len(sentence)) or speaker
        elif speaker is None:
            speaker = memory.carried(index, paragraph)
        if speaker and not is_pronoun(speaker):
            memory.quote_speakers.append((index, paragraph, speaker))
        last_s, last_e = quote_spans(sentence)[-1]
        still_open = last_e == len(sentence) and sentence[last_e - 1] not in CLOSING_MARKS
        memory.open_quote = (paragraph, speaker) if still_open else None
    quotes = [Quote(s, e, _inner(sentence, s, e), speaker, from_next) for s, e in spans]
    return quotes, reported
