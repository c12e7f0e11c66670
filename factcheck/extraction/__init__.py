"""Claim extraction: text in, frozen dataclasses out.

Pure on purpose (no Flask, no SQLAlchemy): the Celery task and the `flask extract` command call `extract` and
`to_contract`; `services/articles/extraction.py` turns the dataclasses into rows. Names are imported lazily so that
importing the package does not load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "extract": "pipeline",
    "to_contract": "pipeline",
    "PIPELINE_VERSION": "pipeline",
    "match_denials": "similarity",
    "DenialMatch": "similarity",
    "ExtractedClaim": "models",
    "ExtractionResult": "models",
    "Quantity": "models",
    "Entity": "models",
    "ClaimLinkRef": "models",
    "DateMention": "models",
    "ExtractionError": "errors",
    "EmptyText": "errors",
    "UnsupportedLanguage": "errors",
    "detect_language": "nlp",
    "load_pipeline": "nlp",
}
__all__ = [
    "PIPELINE_VERSION", "ClaimLinkRef", "DateMention", "DenialMatch", "EmptyText", "Entity", "ExtractedClaim",
    "ExtractionError", "ExtractionResult", "Quantity", "UnsupportedLanguage", "detect_language", "extract",
    "load_pipeline", "match_denials", "to_contract",
]

if TYPE_CHECKING:  # pragma: no cover
    from .errors import EmptyText, ExtractionError, UnsupportedLanguage
    from .models import ClaimLinkRef, DateMention, Entity, ExtractedClaim, ExtractionResult, Quantity
    from .nlp import detect_language, load_pipeline
    from .pipeline import PIPELINE_VERSION, extract, to_contract
    from .similarity import DenialMatch, match_denials


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
