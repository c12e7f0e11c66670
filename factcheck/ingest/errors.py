"""Exceptions raised by the ingest package.

Every error carries a short machine ``code`` (stored on rows, shown to editors as a key), a human
``message`` and ``retryable``: whether a Celery task should try again later (network timeouts,
connection failures, 5xx) or give up at once (blocked addresses, bad input).
"""

from __future__ import annotations


class IngestError(Exception):
    """Base class: ``code``, ``message`` and ``retryable``."""

    code: str = "ingest_error"
    retryable: bool = False
    default_message: str = "The content could not be ingested."

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 retryable: bool | None = None) -> None:
        self.message = message or self.default_message
        if code is not None:
            self.code = code
        if retryable is not None:
            self.retryable = retryable
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"

    def as_dict(self) -> dict[str, object]:
        """A JSON-safe summary for storing on a row or returning from a task."""
        return {"code": self.code, "message": self.message, "retryable": self.retryable}


# --- URL and address checks (never retryable: the same URL will be refused again) ---

class BadUrl(IngestError):
    code = "bad_url"
    default_message = "The URL is malformed."


class BadScheme(BadUrl):
    code = "bad_scheme"
    default_message = "Only http and https URLs are accepted."


class BlockedAddress(IngestError):
    code = "blocked_address"
    default_message = "The URL points to an address that may not be fetched."


class BadAllowlist(IngestError):
    """Entries of the admin fetch allowlist that are not a host, host:port, IP address or CIDR network.

    ``problems`` holds one message per bad entry, each naming it; the message joins them.
    """

    code = "bad_allowlist"
    default_message = "The allowlist has an entry that is not a host, host:port, IP address or network."

    def __init__(self, message: str | None = None, *, problems: list[str] | None = None) -> None:
        self.problems = list(problems or [])
        super().__init__(message)


# --- fetch failures ---

class DnsError(IngestError):
    code = "dns_error"
    retryable = True
    default_message = "The host name could not be resolved."


class FetchConnectionError(IngestError):
    code = "connection_error"
    retryable = True
    default_message = "The server could not be reached."


class FetchTimeout(IngestError):
    code = "timeout"
    retryable = True
    default_message = "The server took too long to answer."


class TooManyRedirects(IngestError):
    code = "too_many_redirects"
    default_message = "The URL redirected too many times."


class BadContentType(IngestError):
    code = "bad_content_type"
    default_message = "The response has a content type that is not accepted here."


class HttpError(IngestError):
    """A non-2xx/304 final status; 5xx, 408 and 429 are retryable."""

    code = "http_error"

    def __init__(self, status: int, message: str | None = None) -> None:
        self.status = status
        super().__init__(message or f"The server answered HTTP {status}.",
                         retryable=status >= 500 or status in (408, 429))

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "status": self.status}


# --- content problems ---

class TooLarge(IngestError):
    code = "too_large"
    default_message = "The content is larger than the accepted limit."


class EmptyText(IngestError):
    code = "empty_text"
    default_message = "No text was found."


class BadEncoding(IngestError):
    code = "bad_encoding"
    default_message = "The content is not valid UTF-8 text."


class UnsupportedLanguage(IngestError):
    code = "unsupported_language"
    default_message = "The text is not in a language supported for claim extraction."


class NotAFeed(IngestError):
    code = "not_a_feed"
    default_message = "The document is not an RSS or Atom feed."


class UnsafeXml(IngestError):
    code = "unsafe_xml"
    default_message = "The XML declares a DTD or entities, which are not accepted."


class UnsupportedFile(IngestError):
    code = "unsupported_file"
    default_message = "This kind of file is not accepted."


class UnsafeArchive(IngestError):
    code = "unsafe_archive"
    default_message = "The archive contains unsafe entries."


class BadFile(IngestError):
    code = "bad_file"
    default_message = "The file could not be read."


class BadRow(IngestError):
    """One invalid row of a bulk file; reported as a RowError, never fatal for the file."""

    code = "bad_row"
    default_message = "The row is invalid."
