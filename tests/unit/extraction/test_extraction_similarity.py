"""The inverted-index overlap search finds exactly the pairs a full comparison finds."""
import random

import pytest

from factcheck.extraction.similarity import overlapping


def _brute_force(queries, candidates, threshold):
    pairs = []
    for q, a in enumerate(queries):
        for c, b in enumerate(candidates):
            union = len(a | b)
            if union and len(a & b) / union >= threshold:
                pairs.append((q, c, len(a & b) / union))
    return pairs


@pytest.mark.parametrize("threshold", [0.2, 0.35, 0.8, 1.0])
def test_overlapping_agrees_with_a_full_comparison(threshold):
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(40)]

    def stems():
        return frozenset(rng.sample(vocabulary, rng.randint(0, 8)))

    queries = [stems() for _ in range(30)]
    candidates = [stems() for _ in range(200)] + queries[:5]  # some exact copies score 1.0
    found = sorted(overlapping(queries, candidates, threshold))
    assert found == sorted(_brute_force(queries, candidates, threshold))
    assert any(score == 1.0 for _, _, score in found)


def test_overlapping_refuses_a_threshold_that_would_need_every_pair():
    with pytest.raises(ValueError):
        list(overlapping([frozenset({"a"})], [frozenset({"b"})], 0))
