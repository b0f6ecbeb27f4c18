"""Benchmark of the support measures (issue 4): prints figures, asserts nothing.

Generates the 2,000-park × 4-year dataset in a temporary folder, adds a synthetic local-assessments file for about
two thirds of the parks (the generator writes none; without it M5 and M7 would all be undetermined), loads it into
an on-disk store as ``parkstar load`` does, then times (median of several runs) for the last year:

* every measure and obligation (M1–M12, O1, O2) for every park — and every project of M2, M3, M6 — with the traces,
  the year's ratings included (``reasoner.measures.evaluate``);
* the same from ratings already in hand (the measures' own share);
* writing the answers back as RDF with PROV (from the second run on, this replaces the stored answers; the
  replaced version is removed by a background thread afterwards, timed apart);
* one park's measures (``park_measures``) and one measure's reverse question (``measure_parks``), from the store.

Usage: ``python bench/measures.py [--parks 2000] [--enterprises 4000] [--runs 3] [--seed 7] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reasoner.ingest import load
from reasoner.ingest.templates import templates
from reasoner.measures import evaluate, measure_parks, park_measures
from reasoner.measures.writeback import write_answers
from reasoner.rating import rate_store
from reasoner.store import OxigraphStore
from reasoner.synthetic import generate_dataset

YEARS = (2021, 2024)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def write_assessments(data: Path, year: int, seed: int) -> int:
    """A synthetic assessments file for about two thirds of the parks of ``data/parks.csv``; cells sometimes empty."""
    rng = random.Random(seed)
    with (data / "parks.csv").open(encoding="utf-8") as f:
        codes = [row["园区代码"] for row in csv.DictReader(f)]
    headers = templates()["assessments"].headers
    rows = 0
    with (data / "assessments.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(headers)
        for code in codes:
            if rng.random() < 1 / 3:
                continue
            cells = [rng.choice(["是", "是", "否", ""]) for _ in range(3)]
            w.writerow([code, year, *cells, f"合成数据：园区年度评估意见（虚构）{year}", "合成"])
            rows += 1
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parks", type=int, default=2000)
    ap.add_argument("--enterprises", type=int, default=4000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temporary one")
    args = ap.parse_args()
    year = YEARS[1]
    with tempfile.TemporaryDirectory(prefix="parkstar-bench-") as tmp:
        work = args.keep or Path(tmp)
        data, path = work / "data", work / "store"
        s, counts = timed(lambda: generate_dataset(data, args.parks, YEARS, args.seed, args.enterprises))
        n_assess = write_assessments(data, year, args.seed)
        print(f"generated {counts} and {n_assess} assessments in {s:.1f} s")
        store = OxigraphStore(path)
        s, report = timed(lambda: load(store, [data]))
        print(f"loaded {report.triples:,} triples into the on-disk store {path} in {s:.1f} s")
        s, _ = timed(store.raw.optimize)
        print(f"store optimised after the load in {s:.1f} s (not counted)")

        total_s, own_s, write_s = [], [], []
        answers: list[Any] = []
        for run in range(args.runs):
            s_all, answers = timed(lambda: evaluate(store, year))
            s_rate, ratings = timed(lambda: rate_store(store, [year]))
            s_own, again = timed(lambda: evaluate(store, year, ratings=ratings))  # noqa: B023
            s_write, keys = timed(lambda: write_answers(store, answers))  # noqa: B023
            s_settle, _ = timed(store.settle)  # the replaced version's removal, in the background, timed apart
            total_s.append(s_all)
            own_s.append(s_own)
            write_s.append(s_write)
            counts_by = Counter(a.answer.value for a in answers)
            parks = len({a.park for a in answers})
            print(f"run {run + 1}: {len(answers):,} answers for {parks} parks ({dict(counts_by)}); all measures with "
                  f"ratings {s_all:.2f} s (of which rating alone, timed apart, {s_rate:.2f} s); from ratings in hand "
                  f"{s_own:.2f} s ({len(again):,} answers); write-back {s_write:.2f} s "
                  f"({store.source(keys[0]).triple_count:,} triples), "  # type: ignore[union-attr]
                  f"then removing the replaced version in the background {s_settle:.2f} s")
        code = answers[len(answers) // 2].code
        one = [timed(lambda: park_measures(store, code, year))[0] for _ in range(11)]
        rev = [timed(lambda: measure_parks(store, "M7", year))[0] for _ in range(3)]
        print(f"one park's measures ({code} {year}, from the store): median {statistics.median(one) * 1000:.0f} ms")
        print(f"reverse question M7 {year} over every park: median {statistics.median(rev):.2f} s")
        print(f"ALL measures for all {args.parks} parks, {year}, with ratings and traces: median "
              f"{statistics.median(total_s):.2f} s (first run {total_s[0]:.2f} s); measures from ratings in hand: "
              f"median {statistics.median(own_s):.2f} s; write-back median {statistics.median(write_s):.2f} s")
        store.close()


if __name__ == "__main__":
    main()
