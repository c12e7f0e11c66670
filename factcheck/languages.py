"""The languages factcheck is written in: one table for the interface, the profile form and the rating scales.

Pure (no Flask, no SQLAlchemy) so services, forms and the locale selector all read the same list.
"""
from __future__ import annotations

# code -> the language's own name, as a speaker looks for it in a menu
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"


def content_language(code: str | None) -> str:
    """The language a claim's verdict and public page use: its own when factcheck speaks it, else the default."""
    code = (code or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Mark a string for the catalogue in a module that must not import Flask; it is translated where it is shown
    (``_(action.label)`` in the templates)."""
    return message
