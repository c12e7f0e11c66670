"""Language detection with lingua, restricted to the languages an outlet is likely to publish in."""

from __future__ import annotations

from functools import lru_cache

from factcheck.ingest.errors import UnsupportedLanguage

DETECTED_LANGUAGES = ("fr", "en", "es", "nl", "de", "it", "pt")
SUPPORTED_EXTRACTION_LANGUAGES = ("fr", "en")
MIN_CHARS = 20          # below this any guess is noise
SAMPLE_CHARS = 4000     # the opening of a long article is enough and keeps detection fast
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _detector():
    """Build the lingua detector once per process (models load lazily on first use)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTED_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language among DETECTED_LANGUAGES, or None if too short or unsure."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def normalize_language(code: str | None) -> str | None:
    """Lowercase primary subtag of a declared language (``fr-FR`` → ``fr``), None when absent or malformed."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if len(primary) == 2 and primary.isalpha() else None


def ensure_extraction_language(code: str | None) -> str:
    """Return the code when claim extraction supports it; otherwise raise UnsupportedLanguage."""
    lang = normalize_language(code)
    if lang not in SUPPORTED_EXTRACTION_LANGUAGES:
        raise UnsupportedLanguage(
            f"Claim extraction supports {', '.join(SUPPORTED_EXTRACTION_LANGUAGES)}; this text is {lang or 'unknown'}.")
    return lang
