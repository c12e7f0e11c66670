"""Word-level differences between two texts, for pages that show what changed (verdict and claim revisions)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffPart:
    op: str  # "equal", "ins" or "del"
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    """Word-level difference as equal/ins/del parts (plain text; the template escapes it)."""
    a, b = re.split(r"(\s+)", old or ""), re.split(r"(\s+)", new or "")
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(DiffPart("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(DiffPart("del", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(DiffPart("ins", "".join(b[j1:j2])))
    return [p for p in parts if p.text]
