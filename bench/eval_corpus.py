#!/usr/bin/env python3
"""Recall of the extraction pipeline on our own corpus, per phenomenon and per field.

Usage: .venv/bin/python bench/eval_corpus.py [--lang fr|en] [--article fr/03] [--misses] [--claims]

Reads ``tests/extraction/corpus/gold-*.json`` (articles written for the project, gold written before the code
meant to pass it). An item passes as in ``../shared/checks/lib/score_extraction.py`` (same sentence, kind,
attribution, claimant, target, text, quantity, links and ``below`` rules), plus our two extension keys:
``claimant_not`` and ``text_not`` list substrings the matching claim must not contain. Prints the recall per
article, per phenomenon tag and per field (a field is counted on the items that set it: did some claim of the
item's sentence get that field right?), then the total and the contract violations.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "extraction" / "corpus"
sys.path.insert(0, str(ROOT))

from tests.extraction.gold import (  # noqa: E402
    FIELDS,
    contract_violations,
    field_ok,
    load_gold,
    score_article,
    sentence_claims,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("fr", "en"))
    parser.add_argument("--article", help="only articles whose path starts with this")
    parser.add_argument("--misses", action="store_true", help="print each missed item with its sentence's claims")
    parser.add_argument("--claims", action="store_true", help="print every claim of each article")
    args = parser.parse_args()

    from factcheck.extraction import extract, to_contract

    gold = load_gold(CORPUS, args.lang)
    per_tag: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_field: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    violations = 0
    for key, items in gold.items():
        if args.article and not key.startswith(args.article):
            continue
        text = (CORPUS / key).read_text(encoding="utf-8")
        doc = to_contract(extract(text, lang=key.split("/")[0]))
        bad = contract_violations(doc, text)
        violations += len(bad)
        results = score_article(doc, items)
        passed = sum(ok for _, ok, _ in results)
        print(f"{key}: {passed}/{len(items)}" + (f"  contract: {bad[:3]}" if bad else ""))
        lang = key.split("/")[0]
        per_lang[lang][0] += passed
        per_lang[lang][1] += len(items)
        for item, (_, ok, why) in zip(items, results, strict=True):
            for tag in item.get("phenomena", ()):
                per_tag[tag][0] += ok
                per_tag[tag][1] += 1
            same = sentence_claims(doc, item)
            for name in FIELDS:
                if name in item or (name == "links" and "links" in item):
                    per_field[name][0] += field_ok(doc, item, name, same, items)
                    per_field[name][1] += 1
            if args.misses and not ok:
                wanted = {k: v for k, v in item.items() if k not in ("id", "phenomena")}
                print(f"  MISS {item['id']} ({why}) {json.dumps(wanted, ensure_ascii=False)}")
                for c in same:
                    print(f"      got {c['kind']}/{c['attribution']} claimant={c['claimant']!r} target={c['target']!r} "
                          f"q={[q['value'] for q in c['quantities']]} links={[link['type'] for link in c['links']]} "
                          f"cw={c['checkworthiness']}: {c['text'][:100]!r}")
        if args.claims:
            for c in doc["claims"]:
                print(f"    {c['id']} {c['checkworthiness']:.2f} {c['kind']}/{c['attribution']} "
                      f"claimant={c['claimant']!r} target={c['target']!r} {c['text'][:90]!r}")
    print("\nper phenomenon:")
    for tag, (ok, total) in sorted(per_tag.items()):
        print(f"  {tag:28s} {ok:3d}/{total:<3d} {100 * ok / total:5.1f} %")
    print("per field:")
    for name, (ok, total) in sorted(per_field.items()):
        print(f"  {name:28s} {ok:3d}/{total:<3d} {100 * ok / total:5.1f} %")
    total_ok = sum(v[0] for v in per_lang.values())
    total = sum(v[1] for v in per_lang.values())
    for lang, (ok, n) in sorted(per_lang.items()):
        print(f"{lang}: {ok}/{n} gold items ({100 * ok / n:.1f} %)")
    print(f"all: {total_ok}/{total} gold items ({100 * total_ok / max(total, 1):.1f} %), "
          f"{violations} contract violations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
