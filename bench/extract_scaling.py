"""How extraction time grows with the input: each hostile text is timed at N and at 4N copies, in one run.

The figure is the ratio t(4N) / t(N), measured back to back on the same machine, so a busy machine slows both
sides alike: it stays near 4 when the work is linear and nears 16 when it is quadratic. The texts are the
unit tests' hostile inputs (tests/unit/extraction/test_extraction_pipeline.py), which there only check what the
rules return:

- every rule (segmentation, quantities, attribution, accusations and denials, dates) on each hostile pattern,
  25 kB against 100 kB;
- ``find_quantities`` on interleaved numbers ("trois 1 trois 1 …"), 30 kB against 120 kB, where overlap
  checks that scanned every earlier number were quadratic;
- the whole pipeline (spaCy included) on the mixed hostile text, a quarter of it against all of it.

Each time is the best of ``--repeats`` runs (the pipeline's: of one run). Run:

    .venv/bin/python bench/extract_scaling.py [--repeats 3] [--skip-pipeline]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# (name, repeated unit, copies at N): N copies make about 25 kB; 4N about 100 kB, the unit tests' size.
HOSTILE: list[tuple[str, str, int]] = [
    ("guillemets", "«", 25_000),
    ("straight quotes", '"a', 12_500),
    ("dots", ".", 25_000),
    ("grouped digits", "000 ", 6_250),
    ("spaced ones", "1 ", 12_500),
    ("number words", "deux mille ", 2_250),
    ("commas", "a, ", 8_250),
    ("accusations", "accuse la Russie de ", 1_250),
    ("anaphora", ", ce que ", 2_750),
    ("pronoun incises", "a-t-il ", 3_500),
    ("spaces", " ", 25_000),  # followed by one "x", so the text is not blank
]
INTERLEAVED = [("trois 1 ", 3_750), ("un lit sur trois 12 ", 1_500), ("one in five 7 ", 2_250)]


class _Unparsed:
    """A doc with text and no tokens: the frames' word-order rules alone."""

    def __init__(self, text: str):
        self.text = text

    def __iter__(self):
        return iter(())


def all_rules(text: str) -> None:
    from factcheck.extraction.attribution import find_attribution
    from factcheck.extraction.dates import DateContext, find_dates
    from factcheck.extraction.frames import find_frames
    from factcheck.extraction.quantities import find_quantities
    from factcheck.extraction.segmentation import segment

    segment(text)
    for lang in ("fr", "en"):
        find_quantities(text, lang)
        find_attribution(text, lang)
        find_frames(_Unparsed(text), lang)
    find_dates(text, DateContext())


def quantities(text: str) -> None:
    from factcheck.extraction.quantities import find_quantities

    for lang in ("fr", "en"):
        find_quantities(text, lang)


def hostile_text(quarters: int) -> str:
    """The unit test's mixed hostile text (quarters=4), or a quarter of each of its parts (quarters=1)."""
    return "«" * 5_000 * quarters + "M. " * 1_250 * quarters + "3 000 " * 1_250 * quarters


def pipeline(text: str) -> None:
    from factcheck.extraction import extract

    extract(text, lang="fr", scorer=lambda sentences, lang: [0.5] * len(sentences))


def best_of(work, text: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work(text)
        times.append(time.perf_counter() - started)
    return min(times)


WARM_UP = "Le maire a promis 300 logements neufs d'ici 2026, ce que l'opposition conteste."


def row(label: str, small: str, large: str, work, repeats: int) -> float:
    work(WARM_UP)  # imports and one-off set-up (regex compilation, models) out of the timings
    t_small = best_of(work, small, repeats)
    t_large = best_of(work, large, repeats)
    ratio = t_large / t_small if t_small else float("nan")
    print(f"{label:<34} {len(small) / 1000:>6.0f} kB {t_small * 1000:>9.1f} ms {len(large) / 1000:>6.0f} kB "
          f"{t_large * 1000:>9.1f} ms {ratio:>6.1f}", flush=True)
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs per size (default 3)")
    parser.add_argument("--skip-pipeline", action="store_true", help="leave out the spaCy pipeline row")
    args = parser.parse_args()

    print(f"{'input':<34} {'N':>9} {'t(N)':>12} {'4N':>9} {'t(4N)':>12} {'ratio':>6}")
    ratios = []
    for name, unit, copies in HOSTILE:
        tail = "x" if not unit.strip() else ""
        ratios.append(row(f"all rules: {name}", unit * copies + tail, unit * copies * 4 + tail, all_rules,
                          args.repeats))
    for unit, copies in INTERLEAVED:
        ratios.append(row(f"quantities: {unit.strip()!r}", unit * copies, unit * copies * 4, quantities,
                          args.repeats))
    if not args.skip_pipeline:
        ratios.append(row("whole pipeline: mixed hostile", hostile_text(1), hostile_text(4), pipeline, 1))
    print(f"\nratio t(4N)/t(N): median {sorted(ratios)[len(ratios) // 2]:.1f}, highest {max(ratios):.1f} "
          "(about 4 when linear, about 16 when quadratic)")


if __name__ == "__main__":
    main()
