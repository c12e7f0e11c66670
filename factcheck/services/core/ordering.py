"""Moving one item of a hand-ordered list (routing rules, ratings, evidence) up or down."""
from __future__ import annotations

from factcheck.services.core.errors import InvalidInput


def move_in_order(order: list, item, direction: str, *, start: int = 0) -> bool:
    """Swap ``item`` with its neighbour, renumber ``position`` from ``start``; False if already at the end."""
    if direction not in ("up", "down"):
        raise InvalidInput("Move it up or down.")
    index = order.index(item)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(order):
        return False
    order[index], order[other] = order[other], order[index]
    for position, each in enumerate(order, start=start):
        each.position = position
    return True
