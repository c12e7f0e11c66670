"""Gold items for extraction output: loading, matching and scoring.

The rules mirror ``../shared/checks/lib/score_extraction.py`` (the acceptance scorer) so that our corpus figures
mean the same thing, plus extension keys: ``claimant_not`` and ``text_not`` (substrings the matching claim must not
contain: a claimant that is a fragment such as "ce que", a text that kept its reporting frame) and
``quantity_not`` (values that must not be among its quantities: a date read as a number).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

FIELDS = ("kind", "attribution", "claimant", "target", "text", "quantity", "links", "claimant_not", "text_not",
          "quantity_not")
_APOSTROPHES = str.maketrans({a: "'" for a in "’‘`´ʼ"} | {q: '"' for q in "“”«»„"}
                             | {s: " " for s in "\u00a0\u202f\u2009"})


def fold(value: Any) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", " ", str(value).lower().translate(_APOSTROPHES)).strip()


def load_gold(corpus: Path, lang: str | None = None) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {}
    for path in sorted(corpus.glob("gold-*.json")):
        if lang and path.stem != f"gold-{lang}":
            continue
        gold.update({k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")})
    return gold


def sentence_claims(doc: dict, item: dict) -> list[dict]:
    return [c for c in doc.get("claims") or [] if fold(item["sentence"]) in fold(c.get("sentence"))]


def _field_matches(claim: dict, item: dict, name: str) -> bool:
    if name not in item or name == "links":
        return True
    if name in ("kind", "attribution"):
        return claim.get(name) in item[name]
    if name in ("claimant", "target", "text"):
        return any(fold(w) in fold(claim.get(name)) for w in item[name])
    if name in ("claimant_not", "text_not"):
        return not any(fold(w) in fold(claim.get(name[:-4])) for w in item[name])
    values = [q.get("value") for q in claim.get("quantities") or [] if isinstance(q, dict)]
    if name == "quantity_not":
        return not any(isinstance(v, (int, float)) and abs(v - bad) <= 1e-6 * max(1, abs(bad))
                       for v in values for bad in item[name])
    return all(any(isinstance(v, (int, float)) and abs(v - want) <= 1e-6 * max(1, abs(want)) for v in values)
               for want in item["quantity"])


def matches(claim: dict, item: dict) -> bool:
    return fold(item["sentence"]) in fold(claim.get("sentence")) and all(
        _field_matches(claim, item, name) for name in FIELDS)


def _linked(a: dict, b: dict, types: list[str]) -> bool:
    return any(link.get("claim") == y.get("id") and link.get("type") in types
               for x, y in ((a, b), (b, a)) for link in x.get("links") or [])


def score_article(doc: dict, items: list[dict]) -> list[tuple[str, bool, str]]:
    """(item id, passed, why not) for each gold item, as the acceptance scorer decides it."""
    claims = doc.get("claims") or []
    passing = {it["id"]: [c for c in claims if matches(c, it)] for it in items}
    results = []
    for it in items:
        ok = bool(passing[it["id"]])
        why = "" if ok else "no claim meets every condition"
        if ok and "links" in it:
            other = passing.get(it["links"]["item"]) or []
            ok = any(_linked(a, b, it["links"]["types"]) for a in passing[it["id"]] for b in other)
            why = "" if ok else f"not linked to {it['links']['item']}"
        if "below" in it:
            ref = passing.get(it["below"]) or []
            if not ref:
                ok, why = False, f"{it['below']} not found"
            else:
                top = max(c.get("checkworthiness", 0) for c in ref)
                ok = all(c.get("checkworthiness", 0) < top for c in sentence_claims(doc, it))
                why = "" if ok else f"scored not below {it['below']}"
        results.append((it["id"], ok, why))
    return results


def field_ok(doc: dict, item: dict, name: str, same: list[dict], items: list[dict]) -> bool:
    """Did some claim of the item's sentence get this one field right (links: to a claim of the linked item)?"""
    if name != "links":
        return any(_field_matches(c, item, name) for c in same)
    other_item = next((it for it in items if it["id"] == item["links"]["item"]), None)
    others = sentence_claims(doc, other_item) if other_item else []
    return any(_linked(a, b, item["links"]["types"]) for a in same for b in others)


def contract_violations(doc: dict, text: str) -> list[str]:
    bad = []
    claims = doc.get("claims")
    if not isinstance(claims, list):
        return ["no claims list"]
    ids = [c.get("id") for c in claims]
    bad += [f"duplicate id {i}" for i in {i for i in ids if ids.count(i) > 1}]
    for c in claims:
        span = c.get("span")
        if not (isinstance(span, list) and len(span) == 2) or text[span[0]:span[1]] != c.get("sentence"):
            bad.append(f"{c.get('id')}: input[span] != sentence")
        cw = c.get("checkworthiness")
        if not isinstance(cw, (int, float)) or not 0 <= cw <= 1:
            bad.append(f"{c.get('id')}: checkworthiness not in [0,1]")
        bad += [f"{c.get('id')}: no {f}" for f in ("text", "kind", "attribution", "quantities", "links") if f not in c]
        bad += [f"{c.get('id')}: link to unknown claim"
                for link in c.get("links") or [] if link.get("claim") not in ids]
    return bad
