"""The boundary checks the probe regressions rely on: whole numbers an Integer column holds, same-site redirect
paths and text that XML 1.0 can carry."""
import pytest

from factcheck.rendering import xml_safe
from factcheck.services.core.numbers import DB_INT_MAX, DB_INT_MIN, INT64_MAX, INT64_MIN, parse_int
from factcheck.web.redirect_targets import is_local_path


@pytest.mark.parametrize(("raw", "expected"), [
    ("42", 42), (" 7 ", 7), ("-3", -3), (str(DB_INT_MAX), DB_INT_MAX), (str(DB_INT_MIN), DB_INT_MIN),
    (str(DB_INT_MAX + 1), None), (str(DB_INT_MIN - 1), None), ("9" * 5000, None), ("", None), (None, None),
    ("1.5", None), ("1e3", None), ("1_000", None), ("١٢", None), ("²", None), ("0x10", None), ("-", None),
])
def test_parse_int_keeps_to_an_integer_column(raw, expected):
    assert parse_int(raw) == expected


def test_parse_int_bounds():
    assert parse_int("0", minimum=1) is None and parse_int("1", minimum=1) == 1
    assert parse_int(str(INT64_MAX), maximum=INT64_MAX) == INT64_MAX
    assert parse_int(str(INT64_MIN), minimum=INT64_MIN, maximum=INT64_MAX) == INT64_MIN
    assert parse_int(str(INT64_MAX + 1), maximum=INT64_MAX) is None


@pytest.mark.parametrize(("target", "under", "ok"), [
    ("/queues/3?kind=statement&sort=newest", "/queues/", True), ("/", "/", True),
    ("/queues/?q=%0d%0a", "/queues/", True), ("/claims/1", "/queues/", False),
    ("//evil.example/queues/", "/", False), ("/\\evil.example", "/", False), ("https://evil.example/", "/", False),
    ("/queues/\r\nSet-Cookie: a=b", "/queues/", False), ("/queues/\x00", "/queues/", False),
    ("/queues/ x", "/queues/", False), ("/queues/é", "/queues/", False), ("", "/", False), (None, "/", False),
])
def test_is_local_path(target, under, ok):
    assert is_local_path(target, under=under) is ok


def test_xml_safe_replaces_only_what_xml_forbids():
    kept = "tab\t nl\n cr\r é € \ud7ff \ue000 \ufffd \U0001f600"
    assert xml_safe(kept) == kept
    assert xml_safe("a\x00b\x01c\x1fd\ufffee\uffff\ud800") == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd\ufffd"
    assert xml_safe({"k": ["\x0b", 3, None], "n": 1.5}) == {"k": ["\ufffd", 3, None], "n": 1.5}
