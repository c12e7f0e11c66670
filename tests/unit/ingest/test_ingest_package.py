"""Package-level rules: no web framework, ORM or task queue is imported; errors carry code and retry hints."""

import subprocess
import sys
from pathlib import Path

from factcheck.ingest.errors import (
    BlockedAddress,
    EmptyText,
    FetchTimeout,
    HttpError,
    IngestError,
    NotAFeed,
    TooLarge,
)

MODULES = ["errors", "url_guard", "safe_fetch", "html_text", "feeds", "bulk", "text_input", "language"]


def test_ingest_imports_no_flask_sqlalchemy_or_celery():
    imports = "; ".join(f"import factcheck.ingest.{name}" for name in MODULES)
    check = ("import sys; " + imports + "; "
             "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'sqlalchemy', 'celery'}); "
             "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[3])
    assert out.stdout.strip() == ""


def test_error_codes_and_retry_hints():
    assert IngestError().code == "ingest_error"
    assert EmptyText().code == "empty_text" and not EmptyText().retryable
    assert BlockedAddress().retryable is False
    assert FetchTimeout().retryable is True
    assert HttpError(502).retryable and not HttpError(404).retryable
    assert HttpError(502).as_dict() == {"code": "http_error", "message": "The server answered HTTP 502.",
                                        "retryable": True, "status": 502}
    custom = IngestError("Odd input.", code="bad_row", retryable=False)
    assert (custom.code, str(custom)) == ("bad_row", "Odd input.")
    assert isinstance(NotAFeed(), IngestError) and isinstance(TooLarge("x"), IngestError)
