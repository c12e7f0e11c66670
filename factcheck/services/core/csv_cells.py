"""CSV cells a spreadsheet shows as text: a cell that starts like a formula gets a leading quote (OWASP "CSV
injection"), so an exported claim saying ``=HYPERLINK(…)`` is read, never run."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_PREFIXES)


def csv_safe(value: object) -> str:
    """A cell a spreadsheet will show as text: formula-looking cells get a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_chunks(header: Iterable[str], rows: Iterable[Iterable[object]], *, batch: int = 500) -> Iterator[str]:
    """A CSV file as text chunks of ``batch`` rows each, header first, every cell made safe: for a streamed
    response or a file written piece by piece, so no more than one batch is ever held."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for count, row in enumerate(rows, start=1):
        # csv_safe inlined for text cells (numbers and dates are ours, never a formula): the hot loop of an export
        writer.writerow([("'" + c if c[:1] in _FORMULA_FIRST else c) if isinstance(c, str) else c for c in row])
        if count % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
