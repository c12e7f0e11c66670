"""Finding who speaks or acts: the noun phrase before a verb, or after it in an incise ("a précisé la source").

Rules work on the sentence text rather than on the small models' dependency trees, which misparse reporting
verbs in headline French ("accusent" tagged as an adverb); the parse, when given, only classifies words (is this
piece of the sentence a clause? a participle?). A claimant is a noun phrase, never a fragment: the subject before
a verb is the head noun phrase of its comma-separated chain ("La directrice générale, Anne-Sophie Morvan, arrivée
en poste en janvier, rejette …" gives "La directrice générale, Anne-Sophie Morvan"), skipping relative clauses,
participles, ages and adverbials on either side. Every regex here is linear.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import SUBJECT_PRONOUNS, TIME_WORDS
from .segmentation import is_abbreviation

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .nlp import TokenIndex

MAX_ACTOR_WORDS = 12  # "la Commission nationale des comptes de campagne et des financements politiques"
SUBJECT_WINDOW = 400  # the subject of a verb is looked for in this many characters before it
ADVERBIAL_TAIL_CHARS = 80  # "une nouvelle fois", "for its part" between a subject and its verb
_SEPARATORS = re.compile(r"[,;:—–()«»“”\"]")
_PIECE_SEPARATORS = re.compile(r"[—–()]|,(?!\d)")  # not the decimal comma of "11,2 %"
_HARD_SEPARATORS = re.compile(r"[;:]")
_STOP_AFTER = re.compile(
    r"\s(?:à|au|aux|devant|lors|dans|pendant|depuis|ici|selon|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|qui|que|qu['’]|dont|où|to|in|at|during|on|who|which|that|when|while|after|before|last|this|as|outside"
    r"|inside|from|because|since|told|said|according|daté|datée|datés|datées|dated)(?=[\s'’]|$)",
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
_ADVERBIAL_WORDS = frozenset(
    """dans en à au aux après avant depuis pendant lors pour par sur sous selon contre malgré face vers chez entre
    sans avec dès jusqu jusqu'à jusqu’à outre parmi suite alors quand lorsque lorsqu si s' s’ tandis bien puisque
    puisqu comme ainsi pourtant cependant toutefois néanmoins enfin ensuite désormais interrogé interrogée
    interrogés interrogées contacté contactée contactés contactées joint jointe joints jointes sollicité sollicitée
    sollicités sollicitées cité citée in on at after before during since for from with by under over according as
    amid among despite following speaking asked interviewed contacted reached when while if although though
    because once however meanwhile instead also""".split()
)
_RELATIVE_WORDS = frozenset("qui que qu' qu’ dont où lequel laquelle lesquels lesquelles who which whose whom "
                            "where".split())
_MONTHS = frozenset(
    """janvier février mars avril mai juin juillet août septembre octobre novembre décembre january february march
    april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec""".split()
)
_TIME_PIECE_WORDS = TIME_WORDS | _MONTHS | frozenset(
    """le la les l' l’ ce cet cette the this last next earlier later semaine mois année an week month year
    dernier dernière prochain prochaine début fin mi- soir matin""".split()
)
_DETERMINERS = frozenset(
    """le la les l' l’ un une des du de d' d’ ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes
    plusieurs certains certaines quelques chaque tout toute tous toutes aucun aucune deux trois the a an this that
    these those his her its their our my your some several many few each every all both no one two three""".split()
)
_TITLE = r"(?:M\.|Mme|Mlle|Me|Mgr|Dr\.?|Pr|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame|Lord|Lady|Sen\.|Rep\.|Gov\.|Gen\.|Col\.|Sgt\.)"
_NAME_WORD = r"[A-ZÀ-Ý][\w’'.-]*"
_NAME_PARTS = rf"{_NAME_WORD}(?:\s+(?:(?:de|du|des|da|van|von|der|ben|bin|al|d['’])\s*)?{_NAME_WORD}){{0,3}}"
_NAME = re.compile(rf"(?:{_TITLE}\s+)?{_NAME_PARTS}")
# "le général Sylvain Mbemba", "la conseillère régionale Véronique Aubert": a few words then a two-word name
_TITLED_NAME = re.compile(rf"(?:[\w’'-]+\s+){{1,4}}?(?:{_TITLE}\s+)?{_NAME_WORD}\s+{_NAME_PARTS}")
_PRONOUN_FORMS = {"lui": "il", "elle": "elle", "eux": "ils", "elles": "elles", "him": "he", "her": "she",
                  "them": "they"}
_BAD_START = re.compile(r"^(?:(?:que|de|à|that|to|of|ce\s+qu|qui|dont|which|who)\b|qu['’]|d['’]|[:«“\"])",
                        re.IGNORECASE)
_ADVERBIAL_INCISE = re.compile(
    r"\s*(?:de son côté|de leur côté|pour sa part|pour leur part|quant à (?:lui|elle|eux|elles)|à son tour"
    r"|(?:lui|elle|eux|elles) aussi|for (?:its|his|her|their) part|in turn|too)\s*\Z",
    re.IGNORECASE,
)
# After an inverted verb, what may come before its subject: "a déclaré mardi à l'AFP la ministre".
_LEADING_PP = re.compile(
    r"(?:à|au|aux|par|devant|auprès\s+de|auprès\s+du|sur|to|on|in|at|via|for)\s+(?:(?:l['’]|le\s|la\s|les\s|un\s|une\s"
    r"|son\s|sa\s|ses\s|leur\s|the\s|a\s|an\s|his\s|her\s|their\s)\s*)?[\w’'-]+\s*",
    re.IGNORECASE,
)
_WORD_AT = re.compile(r"[\w’'-]+\s*")
_ADVERBIAL_TAIL = re.compile(
    r"(?:\s(?:une\s+nouvelle\s+fois|une\s+fois\s+de\s+plus|encore\s+une\s+fois|à\s+nouveau|de\s+nouveau"
    r"|par\s+ailleurs|en\s+revanche|pour\s+sa\s+part|de\s+son\s+côté|lui-même|elle-même|eux-mêmes|once\s+again"
    r"|yet\s+again|in\s+turn|for\s+(?:his|her|its|their)\s+part|himself|herself|itself|themselves))+\s*\Z",
    re.IGNORECASE)
_CONJUNCTION = re.compile(r"\s(?:et|and|mais|but|puis|then)\s", re.IGNORECASE)
_RELATIVE_OBJECT = re.compile(r"\s*(?:que\s+|qu['’]|which\s+|whom\s+)", re.IGNORECASE)
MAX_RELATIVE_SUBJECT_WORDS = 6
_TAIL_ADVERBS = frozenset("now then still already just maintenant désormais alors bien".split())
_NOT_ADVERBS = frozenset("""family assembly supply monopoly rally italy july anomaly gouvernement parlement
département établissement mouvement rassemblement groupement règlement jugement logement enseignement
commandement management agreement government parliament department settlement movement statement""".split())
_SUBORDINATOR = re.compile(r"\s(?:as|while|when|whereas|because|although|though|since|quand|lorsque|lorsqu['’]"
                           r"|tandis\s+que|alors\s+que|puisque|bien\s+que|si)\s", re.IGNORECASE)
_PRONOUN_LAST = re.compile(r"(?:^|\s)(il|elle|ils|elles|on|he|she|they|we|nous|je|I)\Z")
_COORDINATION_END = re.compile(r"\s(?:and|et|but|mais|then|puis|ou|or)\s*\Z", re.IGNORECASE)
_INVERTED_PRONOUN = re.compile(r"-t-(il|elle|on)\b|\w-(il|elle|ils|elles|on)\b", re.IGNORECASE)
_SUBJECT_PRONOUN_START = re.compile(r"(?:je|j['’]|tu|nous|vous|il|elle|ils|elles|on|i|we|you|he|she|they)\s+\S",
                                    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# Without a parse, words that make a piece a clause rather than a noun phrase.
_FINITE_HINTS = frozenset("""est sont était étaient sera seront ont avait avaient fait font is are was were will
would has have had can could does did""".split())


def strip_aux_tail(text: str) -> str:
    """Drop auxiliaries, clitics and adverbs at the end of `text` ("Moscou a " -> "Moscou", "X a une nouvelle
    fois " -> "X")."""
    cut = max(0, len(text) - ADVERBIAL_TAIL_CHARS)
    text = text[:cut] + _ADVERBIAL_TAIL.sub("", text[cut:])
    words = text.split()
    n = len(words)
    while n and (words[n - 1].lower() in AUX_WORDS or words[n - 1].lower() in TIME_WORDS or _is_adverb(words[n - 1])):
        n -= 1
    if n == len(words):
        return text.rstrip()
    # cut after the n-th word, keeping the original spacing before it
    pos = 0
    for w in words[:n]:
        pos = text.index(w, pos) + len(w)
    return text[:pos]


def _is_adverb(word: str) -> bool:
    """"allegedly", "now", "vivement": an adverb left between a subject and its verb."""
    low = word.lower()
    return word[:1].islower() and (low in _TAIL_ADVERBS or (
        len(low) > 6 and low.endswith(("ly", "ment")) and low not in _NOT_ADVERBS))  # not "Connolly"


def _strip_time_words(words: list[str]) -> list[str]:
    while words and words[0].lower().strip(",") in TIME_WORDS:
        words = words[1:]
    return words


def clean_actor(phrase: str | None) -> str | None:
    """Tidy a candidate actor phrase; None when it does not look like a noun phrase."""
    if not phrase:
        return None
    opened = phrase.rfind("(")
    if opened > 0 and phrase.find(")", opened) == -1:
        phrase = phrase[:opened]  # "La Fédération des éleveurs (FELO" cut before an unclosed aside
    phrase = phrase.strip(" \t\n,;:.!?«»“”\"„\u00a0\u202f")
    phrase = _LEADING_CONNECTORS.sub("", phrase).strip(" ,")
    if not phrase or _BAD_START.match(phrase) or _SUBJECT_PRONOUN_START.match(phrase):
        return None  # "que …", "nous demanderons une enquête": a clause, not a noun phrase
    words = _strip_time_words(phrase.split())
    while words and words[-1].lower() in ("et", "and", "ou", "or", "de", "of", "du", "des", "à", "au"):
        words = words[:-1]  # "la France et" cut before a verb
    if not words or len(words) > MAX_ACTOR_WORDS:
        return None
    if not any(ch.isalpha() for ch in words[0]):
        return None
    phrase = " ".join(words)
    if sum(ch.isalpha() for ch in phrase) < 2:
        return None  # "M" cut from "M. Cadiou"
    return phrase


def sentence_end(text: str, start: int = 0) -> int:
    """Where the sentence that begins at `start` ends: the first . ! ? not closing an abbreviation ("M. Rigal")."""
    for m in _SENTENCE_END.finditer(text, start):
        if not is_abbreviation(text, m.start()):
            return m.start()
    return len(text)


def is_name(phrase: str) -> bool:
    """True for a proper name, with an optional title: "Nadia Berrada", "M. Le Bihan", "Dr Malcolm Ferris"."""
    return bool(_NAME.fullmatch(phrase.strip()))


def with_name(head: str | None, following: str) -> str | None:
    """"la procureure" + ", Mathilde Carron, au terme de …" -> "la procureure, Mathilde Carron" (the name in
    apposition is kept: it says who the title is)."""
    if not head or is_name(head):
        return head
    m = re.match(r"\s*,\s*", following)
    if not m:
        return head
    name = _NAME.match(following, m.end())
    if name is None:
        return head
    rest = following[name.end():name.end() + 2]
    if rest[:1] not in ("", ",", ".", ";", ")", "—", "–") and not rest.startswith(" ("):
        return head
    return f"{head}, {name.group().rstrip('.')}" if len(head.split()) < MAX_ACTOR_WORDS else name.group()


def _skip_leading(text: str) -> int:
    """Offset in `text` past adverbials that may precede an inverted subject (time words, "-ment" adverbs,
    "à l'AFP", "par téléphone", "devant la presse")."""
    pos = len(text) - len(text.lstrip())
    for _ in range(6):
        m = _LEADING_PP.match(text, pos)
        if m:
            nxt = text[m.end():m.end() + 1]
            # "à l'AFP la ministre": skip; "the leader of …": not a PP to skip
            if nxt and (nxt.isupper() or text[m.end():].split(" ", 1)[0].lower() in _DETERMINERS
                        or _LEADING_PP.match(text, m.end())):
                pos = m.end()
                continue
        w = _WORD_AT.match(text, pos)
        if w and (w.group().strip().lower() in TIME_WORDS or w.group().strip().lower().endswith("ment")):
            pos = w.end()
            continue
        break
    return pos


def actor_after(text: str) -> str | None:
    """The actor at the start of `text` (after an inverted verb): "mardi à l'AFP la cheffe de file, Nadia Berrada,
    qui …" -> "la cheffe de file, Nadia Berrada"."""
    start = _skip_leading(text)
    separator = _SEPARATORS.search(text, start)
    end = min(separator.start() if separator else len(text), sentence_end(text, start))
    stop = _STOP_AFTER.search(" " + text[start:end])
    at_separator = separator is not None and end == separator.start() and text[end] == ","
    if stop and stop.start() > 0:
        end, at_separator = start + stop.start() - 1, False
    actor = clean_actor(" ".join(_strip_time_words(text[start:end].split())))
    return with_name(actor, text[end:]) if at_separator else actor


def _first_word(piece: str) -> str:
    w = piece.split(None, 1)[0].lower() if piece.split() else ""
    if w.startswith(("jusqu'", "jusqu’", "lorsqu'", "lorsqu’", "puisqu'", "puisqu’", "qu'", "qu’", "s'", "s’")):
        return w.split("'" if "'" in w else "’", 1)[0] + ("'" if "'" in w else "’")
    return w


def piece_kind(text: str, s: int, e: int, tokens: TokenIndex | None, offset: int = 0) -> str:
    """What a comma-separated piece before a verb is: "np" (a noun phrase), "connector" (a noun phrase opened by
    "mais"/"and": a subject that starts there), "aside" (relative clause, participle, adverbial, age, date) or
    "clause" (holds a finite verb). `offset` is where `text` starts in the parsed sentence."""
    piece = text[s:e].strip()
    first = _first_word(piece)
    if not first:
        return "aside"
    if first in _RELATIVE_WORDS or any(w.lower() in _RELATIVE_WORDS for w in piece.split()[1:3]):
        return "aside"  # "qui a requis l'anonymat", "parts of which were read to …"
    if _LEADING_CONNECTORS.match(piece):
        return "connector"
    if first in _ADVERBIAL_WORDS or first[:1].isdigit() or (
            tokens is None and first.endswith("ment") and len(first) > 6):
        return "aside"  # with a parse, an adverb is told by its tag below ("Government officials" is no adverb)
    words = [w.lower().strip(".") for w in piece.split()]
    if all(w in _TIME_PIECE_WORDS or w[:1].isdigit() for w in words):
        return "aside"  # "Mardi", "Le 3 mars", "Last week"
    if tokens is not None:
        lead = s + (len(text[s:e]) - len(text[s:e].lstrip()))
        tok = tokens.at(offset + lead)
        if tok is not None and not (tok.dep_ == "amod" and tok.tag_ == "VBN") and (tok.tag_ in ("VBN", "VBG") or (
                tok.pos_ == "VERB" and "Fin" not in tok.morph.get("VerbForm", []))):
            return "aside"  # "Contactée par l'AFP", "Speaking to reporters", "Defending Marsh" (not "Leaked files")
        if tok is not None and tok.pos_ in ("ADP", "SCONJ", "ADV") and first not in _DETERMINERS:
            return "aside"
        if _finite_outside_relative(tokens, offset + s, offset + e):
            return "clause"
    elif any(w in _FINITE_HINTS for w in words):
        return "clause"
    return "np"


def _finite_outside_relative(tokens: TokenIndex, start: int, end: int) -> bool:
    """True when [start, end) holds a finite verb that is not inside a relative clause ("a care worker who lived
    in Leeds" is a noun phrase)."""
    for tok in tokens.tokens_in(start, end):
        if tok.lower_ in _RELATIVE_WORDS or tok.tag_ in ("WDT", "WP", "WP$"):
            return False
        if (tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm", [])) or tok.tag_ in (
                "VBD", "VBZ", "VBP", "MD"):
            return True
    return False


def _subject_in_clause(text: str, s: int, e: int, tokens: TokenIndex | None, offset: int) -> str | None:
    """The subject in a clause-like piece just before a verb: after a conjunction ("le budget a été voté et le
    maire" -> "le maire"), or the first verb's when the verb is coordinated with it ("Caldwell called the report
    false and [said]" -> "Caldwell"); None when the words after its verb are its object, not a subject."""
    if tokens is None:
        return clean_actor(text[s:e])
    verbs = [tok for tok in tokens.tokens_in(offset + s, offset + e)
             if tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("VBD", "VBZ", "VBP", "MD")]
    if not verbs:
        return clean_actor(text[s:e])
    if _COORDINATION_END.search(text, s, e):
        return clean_actor(strip_aux_tail(text[s:verbs[0].idx - offset]))
    after = verbs[-1].idx - offset + len(verbs[-1].text)
    conjunctions = list(_CONJUNCTION.finditer(text, after, e))
    if conjunctions:
        return clean_actor(text[conjunctions[-1].end():e])
    if verbs[0].idx - offset > s and all(reduced_relative(v) for v in verbs):
        return clean_actor(text[s:e])  # "Records filed with the FEC [show]": a participle read as a past tense
    return None


def reduced_relative(verb: Token) -> bool:
    """An English past participle after its noun that the parse read as a past tense ("Records filed with …")."""
    return verb.tag_ in ("VBD", "VBN") and verb.lower_.endswith(("ed", "en")) and verb.i > 0 \
        and verb.nbor(-1).pos_ in ("NOUN", "PROPN")


def _names_someone(piece: str) -> bool:
    """A proper name, or a title ending in one: "Nadia Berrada", "le général Sylvain Mbemba"."""
    return is_name(piece) or bool(_TITLED_NAME.fullmatch(piece))


def actor_before(text: str, tokens: TokenIndex | None = None, offset: int = 0) -> str | None:
    """The subject at the end of `text` (the words before a verb): the head noun phrase of the last chain of
    comma-separated noun phrases, with a name in apposition ("Le ministre, Raphaël Cassagne, a déclaré").
    `offset` is where `text` starts in the sentence `tokens` parsed."""
    text = strip_aux_tail(text)
    floor = max(0, len(text) - SUBJECT_WINDOW)
    for m in _HARD_SEPARATORS.finditer(text, floor):
        floor = m.end()
    bounds = [floor, *(m.start() for m in _PIECE_SEPARATORS.finditer(text, floor)), len(text)]
    pieces, kinds = [], []
    for i in range(len(bounds) - 1):
        s, e = (bounds[0] if i == 0 else bounds[i] + 1), bounds[i + 1]
        if not text[s:e].strip():
            continue
        s, e = s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip())  # masked quotes are blank
        pieces.append((s, e))
        # a parenthesis holds an aside: "la Commission nationale (CNCCFP), son adversaire, …"
        kinds.append("aside" if i > 0 and text[bounds[i]] == "(" else piece_kind(text, s, e, tokens, offset))
    if pieces:
        last = text[pieces[-1][0]:pieces[-1][1]]
        relative = _RELATIVE_OBJECT.match(last)
        rest_start = pieces[-1][0] + (relative.end() if relative else 0)
        if relative and len(last[relative.end():].split()) <= MAX_RELATIVE_SUBJECT_WORDS and not (
                tokens is not None and _finite_outside_relative(tokens, offset + rest_start, offset + pieces[-1][1])):
            return clean_actor(last[relative.end():])  # "…, que l'opposition [propose]", "qu'il [accuse]"
        inverted = _INVERTED_PRONOUN.search(last)
        if inverted:
            return (inverted.group(1) or inverted.group(2)).lower()  # "…, a-t-il ajouté, réfutant …"
    if pieces and kinds[-1] != "aside":
        last = text[pieces[-1][0]:pieces[-1][1]]
        pronoun = _PRONOUN_LAST.search(last)
        if pronoun:
            return pronoun.group(1).lower()  # "and in the letter she [accuses]"
        subordinate = list(_SUBORDINATOR.finditer(last))
        if subordinate:  # "… suspended after positive test as club [vows]"
            pieces[-1] = (pieces[-1][0] + subordinate[-1].end(), pieces[-1][1])
            kinds[-1] = piece_kind(text, *pieces[-1], tokens, offset)
    i = len(pieces) - 1
    while i >= 0 and kinds[i] == "aside":
        i -= 1
    if i < 0:
        return None
    if kinds[i] == "clause":
        subject = _subject_in_clause(text, *pieces[i], tokens, offset)
        if subject is not None or not _COORDINATION_END.search(text, *pieces[i]):
            return subject
        # "Le laboratoire, qui …, se défend d'avoir … et [rappelle]": the subject is before the coordinated verbs
        i -= 1
        while i >= 0 and kinds[i] == "aside":
            i -= 1
        if i < 0 or kinds[i] == "clause":
            return None
    head = i
    while kinds[head] == "np" and head > 0 and kinds[head - 1] in ("np", "connector"):
        head -= 1
    s, e = pieces[head]
    actor = clean_actor(text[s:e])
    if head < i:
        following = clean_actor(text[pieces[head + 1][0]:pieces[head + 1][1]])
        if following and _names_someone(following) and (actor is None or not is_name(actor)):
            return f"{actor}, {following}" if actor and len(actor.split()) < MAX_ACTOR_WORDS else following
    return actor


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


def subject_pronoun(word: str) -> str | None:
    """The subject form of a pronoun used after a preposition ("selon lui" -> "il", "according to her" -> "she")."""
    low = word.lower()
    if low in SUBJECT_PRONOUNS:
        return low
    return _PRONOUN_FORMS.get(low)
