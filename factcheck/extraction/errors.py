"""Exceptions raised by the extraction package.

Callers (the CLI, the Celery task) map these to a one-line message and a non-zero exit or a failed row, so each
failure mode that depends on the input has its own type instead of a bare ValueError.
"""


class ExtractionError(Exception):
    """Base class for input problems the extraction pipeline reports."""


class EmptyText(ExtractionError):
    """The text is empty or holds only whitespace: there is nothing to extract."""


class UnsupportedLanguage(ExtractionError):
    """The text's language (given or detected) has no pipeline here."""

    def __init__(self, language: str | None, supported: tuple[str, ...] = ("fr", "en")):
        self.language = language
        self.supported = supported
        shown = language if language else "unknown"
        super().__init__(f"unsupported language: {shown} (supported: {', '.join(supported)})")
