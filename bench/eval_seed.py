#!/usr/bin/env python3
"""Run the extraction pipeline on the seed article and print, per gold item, ok or missing, then the claims.

Usage: python bench/eval_seed.py
Uses the project's shipped check-worthiness model, as `flask extract` does. Gold items follow
../shared/checks/seed-gold.json; matching mirrors ../shared/checks/lib/score_extraction.py (loaded from there
when present).
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = "000_fc3dcdb732654b5c.txt"
sys.path.insert(0, str(ROOT))

from factcheck.extraction import extract, to_contract  # noqa: E402


def _load_rules():
    lib = SHARED / "checks" / "lib" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", lib)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    seed = SHARED / "seeds" / SEED
    gold_path = SHARED / "checks" / "seed-gold.json"
    if not seed.is_file() or not gold_path.is_file():
        print(f"seed article or gold absent under {SHARED}")
        return 2
    text = seed.read_text(encoding="utf-8")
    started = time.perf_counter()
    doc = to_contract(extract(text))
    elapsed = time.perf_counter() - started
    print(f"extraction: {elapsed:.2f}s (model loading included), {len(doc['claims'])} claims, "
          f"language {doc['language']}")
    rules = _load_rules()
    items = json.loads(gold_path.read_text(encoding="utf-8"))[SEED]
    violations = rules.contract_violations(doc, text)
    results = rules.score_file(doc, items)
    for item_id, ok, why in results:
        print(f"  {item_id}: {'ok' if ok else 'MISSING ' + why}")
    passed = sum(ok for _, ok, _ in results)
    print(f"{passed}/{len(results)} gold items, {len(violations)} contract violations {violations or ''}")
    print("claims:")
    for c in doc["claims"]:
        quantities = ", ".join(f"{q['text']}={q['value']}" for q in c["quantities"])
        links = ", ".join(f"{link['type']} {link['claim']}" for link in c["links"])
        print(f"  {c['id']} {c['checkworthiness']:.2f} {c['kind']}/{c['attribution']} "
              f"claimant={c['claimant']!r} target={c['target']!r}")
        print(f"      {c['text'][:110]}")
        if quantities or links:
            print(f"      quantities: {quantities or '-'}  links: {links or '-'}")
    return 0 if passed == len(results) and not violations else 1


if __name__ == "__main__":
    sys.exit(main())
