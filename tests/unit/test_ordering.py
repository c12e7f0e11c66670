"""Moving an item of a hand-ordered list."""
from types import SimpleNamespace

import pytest

from factcheck.services.core.errors import InvalidInput
from factcheck.services.core.ordering import move_in_order


def _items(n):
    return [SimpleNamespace(name=chr(97 + i), position=i * 10) for i in range(n)]


def test_moves_up_and_down_and_renumbers():
    items = _items(3)
    a, b, c = items
    assert move_in_order(items, c, "up")
    assert [i.name for i in items] == ["a", "c", "b"] and [i.position for i in items] == [0, 1, 2]
    assert move_in_order(items, a, "down", start=1)
    assert [i.name for i in items] == ["c", "a", "b"] and [i.position for i in items] == [1, 2, 3]


def test_ends_do_not_move_and_bad_directions_are_refused():
    items = _items(2)
    assert not move_in_order(items, items[0], "up")
    assert not move_in_order(items, items[1], "down")
    assert [i.position for i in items] == [0, 10]
    with pytest.raises(InvalidInput):
        move_in_order(items, items[0], "sideways")
