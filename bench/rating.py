"""Benchmark of the star rating (issue 3): prints figures, asserts nothing.

Generates the 2,000-park × 4-year dataset in a temporary folder, loads it into an on-disk store, then times
(median of several runs):

* rating every park of every year with its trace (the explanation data) and writing the ratings back as RDF with
  PROV: the first run stores every batch, later runs over unchanged data find each batch already stored (same
  digest) and write nothing; then runs whose results differ (another assessment date) replace every batch;
* the Chinese explanation text of every rating (on top of the trace);
* one park's explanation straight from the store (facts, rating, next level, text);
* the baseline, in the same run: pyshacl validating the same criteria shapes (edition 2020-a, all levels) over the
  same observations in one call.

Usage: ``python bench/rating.py [--parks 2000] [--enterprises 4000] [--runs 5] [--keep DIR]``. The rating reads
only the enterprises' bonus roles, so a smaller enterprise count than the generator's default (about 50 per park)
leaves the rating's work unchanged except for that one small query; ``--enterprises 100000`` runs it at full size.
The files are loaded as ``parkstar load`` loads them (evidence shapes included); the load is not what is timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from reasoner.ingest import load
from reasoner.rating import load_rules, rate_park, rate_store
from reasoner.rating.explain import explain
from reasoner.rating.nextlevel import next_level
from reasoner.rating.shacl import criteria_shapes, violations
from reasoner.rating.writeback import write_ratings
from reasoner.store import OxigraphStore
from reasoner.synthetic import generate_dataset

YEARS = (2021, 2024)
OBSERVATIONS = """CONSTRUCT { ?o a ps:IndicatorObservation ; ps:indicator ?i ; ps:value ?v ; ps:benchmark ?b }
WHERE { ?o a ps:IndicatorObservation ; ps:indicator ?i ; ps:value ?v . OPTIONAL { ?o ps:benchmark ?b } }"""


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parks", type=int, default=2000)
    ap.add_argument("--enterprises", type=int, default=4000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temporary one")
    ap.add_argument("--no-baseline", action="store_true", help="skip the pyshacl baseline")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="parkstar-bench-") as tmp:
        work = args.keep or Path(tmp)
        data, path = work / "data", work / "store"
        s, counts = timed(lambda: generate_dataset(data, args.parks, YEARS, 1, args.enterprises))
        print(f"generated {counts} in {s:.1f} s")
        store = OxigraphStore(path)
        s, report = timed(lambda: load(store, [data]))
        print(f"loaded {report.triples:,} triples into the on-disk store {path} in {s:.1f} s")
        # let RocksDB finish compacting after the bulk load (as it has long done by the time anyone rates): otherwise
        # its background work lands in whichever run comes next
        s, _ = timed(store.raw.optimize)
        print(f"store optimised after the load in {s:.1f} s (not counted)")
        years = list(range(YEARS[0], YEARS[1] + 1))

        rate_s, write_s, total_s, text_s = [], [], [], []
        ratings: list[Any] = []
        for run in range(args.runs):
            ratings = []  # free the previous run's ratings before the clock starts, not inside the timed call
            t0 = time.perf_counter()
            ratings = rate_store(store, years)
            t1 = time.perf_counter()
            keys = write_ratings(store, ratings)
            t2 = time.perf_counter()
            rate_s.append(t1 - t0)
            write_s.append(t2 - t1)
            total_s.append(t2 - t0)
            rules = {y: load_rules(None, y) for y in years}
            s, _ = timed(lambda: [explain(r, rules[r.year]) for r in ratings])  # noqa: B023
            text_s.append(s)
            print(f"run {run + 1}: {len(ratings)} ratings, {sum(len(r.trace) for r in ratings):,} trace entries; "
                  f"fetch+rate {t1 - t0:.2f} s, write-back {t2 - t1:.2f} s ({len(keys)} sources, "
                  f"{sum(i.triple_count for k in keys if (i := store.source(k))):,} triples), total {t2 - t0:.2f} s; "
                  f"Chinese text of all explanations {s:.2f} s")
        code = ratings[len(ratings) // 2].code
        one = []
        for _ in range(21):
            def explain_one() -> Any:
                r = rate_park(store, code, YEARS[1])
                rules = load_rules(None, YEARS[1])
                return explain(r, rules, next_level(r, rules))
            s, _ = timed(explain_one)
            one.append(s)
        print(f"one park's explanation ({code} {YEARS[1]}, from the store, with the next level): "
              f"median {statistics.median(one) * 1000:.1f} ms")
        # results that differ from the stored ones are written again: the new version is stored and the old one
        # removed. Moving the assessment date of every year to 30 December of the last one changes them (another
        # veto window); rating with the default date again brings them back.
        # the replaced versions are removed by a background thread after the write returns: that removal is timed
        # apart, before the next run starts
        replace = []
        for as_of in (dt.date(YEARS[1], 12, 30), None, dt.date(YEARS[1], 12, 30), None):
            ratings = []
            t0 = time.perf_counter()
            ratings = rate_store(store, years, as_of=as_of)
            t1 = time.perf_counter()
            write_ratings(store, ratings)
            t2 = time.perf_counter()
            store.settle()
            replace.append((t2 - t0, t2 - t1, time.perf_counter() - t2))
        med = statistics.median(total_s)
        print(f"first run (nothing stored yet, every batch written): {total_s[0]:.2f} s "
              f"(write-back {write_s[0]:.2f} s)")
        print("re-rating when the results changed (each stored batch replaced): "
              + ", ".join(f"{t:.2f} s (write-back {w:.2f} s)" for t, w, _ in replace)
              + "; removing the replaced versions afterwards, in the background: "
              + ", ".join(f"{g:.2f} s" for _, _, g in replace))
        print(f"rating {len(ratings)} park-years with traces and write-back, median of {args.runs} runs (after the "
              f"first, the data and so the results are unchanged: the write-back compares each batch's digest with "
              f"the stored one and writes nothing): {med:.2f} s (fetch+rate {statistics.median(rate_s):.2f} s, "
              f"write-back {statistics.median(write_s):.2f} s); all Chinese explanation texts: median "
              f"{statistics.median(text_s):.2f} s")
        if args.no_baseline:
            store.close()
            return
        shapes = criteria_shapes("2020-a")
        data_keys = [x.key for x in store.sources() if x.template not in ("vocabulary", "ratings")]
        for what, extract in (
                ("the observations alone", lambda: Graph().parse(
                    data=store.query(OBSERVATIONS).serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")),
                ("all the loaded data", lambda: store.to_rdflib(data_keys))):
            s1, g = timed(extract)
            s2, found = timed(lambda: violations(g, shapes))  # noqa: B023
            print(f"baseline: pyshacl, criteria shapes of 2020-a (all levels), one call over {what} "
                  f"({len(g):,} triples): {s2:.1f} s ({len(found):,} observations violate a shape; building the "
                  f"rdflib graph took {s1:.1f} s, not counted)")
            print(f"  ratio pyshacl (criteria only) / parkstar (rating with traces and write-back): "
                  f"{s2 / med:.1f}× against the median run, {s2 / total_s[0]:.1f}× against the first run")
        store.close()


if __name__ == "__main__":
    main()
