"""Queue filters from a hostile query string: a value that makes no sense is dropped and reported, never a 500."""
import pytest
from werkzeug.datastructures import MultiDict

from factcheck.services.queues import queue_filters


@pytest.mark.parametrize("args, ignored", [
    ({"per": "²"}, ("per",)),  # a digit for str.isdigit, not for int()
    ({"after": "0.5:²"}, ("after",)),
    ({"per": "٣٠"}, ()),  # Arabic-Indic 30: int() reads it, so it is a valid page size
])
def test_unicode_digits_are_dropped_not_raised(args, ignored):
    filters = queue_filters.parse_filters(MultiDict(args))
    assert filters.ignored == ignored


def test_unicode_digit_cursor_is_refused():
    assert queue_filters.parse_cursor("newest", "1700000000000000:²") is None


def test_a_page_size_of_thousands_of_digits_is_dropped_not_raised():
    assert queue_filters.parse_filters(MultiDict({"per": "9" * 4400})).ignored == ("per",)
