"""CSV cells are safe in a spreadsheet, and a CSV file streams in chunks of a fixed number of rows."""
import csv
import io

import pytest

from factcheck.services.core.csv_cells import csv_chunks, csv_safe


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+33 1 23", "'+33 1 23"), ("-5", "'-5"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
    ("safe", "safe"), (None, ""), (12, "12"), ("a=b", "a=b")])
def test_csv_safe(value, expected):
    assert csv_safe(value) == expected


def test_csv_chunks_hold_a_batch_each_and_make_every_cell_safe():
    chunks = list(csv_chunks(("a", "b"), ([n, f"=cmd{n}"] for n in range(5)), batch=2))
    assert len(chunks) == 3  # rows 1-2 (and the header), 3-4, 5
    rows = list(csv.reader(io.StringIO("".join(chunks))))
    assert rows[0] == ["a", "b"] and rows[1:] == [[str(n), f"'=cmd{n}"] for n in range(5)]
