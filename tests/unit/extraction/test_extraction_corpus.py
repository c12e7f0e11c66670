"""Our own corpus (tests/extraction/corpus/, gold written before the code): recall may not fall below the last
measured floor and no output may break the contract. `bench/eval_corpus.py` prints the detail."""
from __future__ import annotations

from pathlib import Path

from factcheck.extraction import extract, to_contract
from tests.extraction.gold import contract_violations, load_gold, score_article

CORPUS = Path(__file__).resolve().parents[2] / "extraction" / "corpus"
FLOOR = 0.81  # raise it with each gain; bench/results/eval_corpus.txt holds the figure it trails


def test_corpus_recall_holds_its_floor_with_no_contract_violation():
    passed = total = 0
    violations: list[str] = []
    for key, items in load_gold(CORPUS).items():
        text = (CORPUS / key).read_text(encoding="utf-8")
        doc = to_contract(extract(text, lang=key.split("/")[0]))
        violations += [f"{key}: {v}" for v in contract_violations(doc, text)]
        passed += sum(ok for _, ok, _ in score_article(doc, items))
        total += len(items)
    assert not violations
    assert total >= 450 and passed / total >= FLOOR, f"{passed}/{total}"
