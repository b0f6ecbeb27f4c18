"""Chain-analysis benchmark: anchors of all ten chains and completeness of every park on the generated dataset.

Generates the dataset (default 2,000 parks, 2021-2024, about 50 enterprises per park = ~100k enterprises), loads it
into a fresh on-disk store in a temporary folder, then times, as the median of several runs:

- ``anchors(store, year)``: the anchor parks of all ten chains, with leaders and the declared-without-leader lists;
- ``every_park_completeness(store, year)``: every park's completeness for each chain it declares (gaps, partner
  parks, roles to recruit, clusters);
- one park's completeness (``analyse_chain``) and each shipped chain query on its own.

It also times the same work with the store queried over the union of its named graphs (Oxigraph's
``use_default_graph_as_union``) instead of the explicit list of current sources that ``OxigraphStore.query`` passes,
to show what that choice costs. Prints figures; asserts nothing.

Usage: python bench/chains.py [--parks 2000] [--years 2021-2024] [--enterprises N] [--runs 3] [--store DIR]
(``--store`` reuses a store already loaded with such a dataset and skips generating and loading.)
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from reasoner.chains import analyse_chain, anchors, every_park_completeness
from reasoner.chains.data import load_parks
from reasoner.chains.sparql import QUERY_NAMES, UNDATED, run
from reasoner.ingest import load
from reasoner.namespaces import PREFIXES
from reasoner.store import OxigraphStore, iter_rows
from reasoner.synthetic import generate_dataset


class UnionGraphStore:
    """The same Oxigraph store, queried over the union of all its graphs (what-if; read only)."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, Any]]:
        subs = {ox.Variable(k): (v if isinstance(v, ox.NamedNode | ox.Literal) else ox.Literal(str(v)))
                for k, v in bindings.items()}
        result = self.store.raw.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                                      substitutions=subs or None)
        return list(iter_rows(result))


def timed(label: str, runs: int, work: Callable[[], Any]) -> Any:
    """Run ``work`` ``runs`` times; print the median and the range; return the last result."""
    walls = []
    out = None
    for _ in range(runs):
        start = time.perf_counter()
        out = work()
        walls.append(time.perf_counter() - start)
    spread = f" (min {min(walls):.2f}, max {max(walls):.2f})" if runs > 1 else ""
    print(f"  {label:<58} median {statistics.median(walls):8.2f} s over {runs} run(s){spread}", flush=True)
    return out


def bench(store: Any, year: int, runs: int, park: str, title: str) -> None:
    """Time the chain work on one store object."""
    print(f"\n{title}")
    report = timed("anchors, all ten chains", runs, lambda: anchors(store, year))
    n_anchor = sum(len(c.anchors) for c in report.chains)
    n_other = sum(len(c.without_leader) for c in report.chains)
    results = timed("completeness of every park (its declared chains)", runs,
                    lambda: list(every_park_completeness(store, year)))
    gaps = sum(len(r.gaps) for r in results)
    print(f"    → {n_anchor:,} anchor rows and {n_other:,} declared-without-leader rows; {len(results):,} "
          f"park × chain completeness answers with {gaps:,} gaps")
    chain = report.chains[1].chain.id
    timed(f"completeness of one park ({park}, {chain})", runs,
          lambda: analyse_chain(store, chain, park=park, year=year))
    for name in QUERY_NAMES:
        timed(f"query {name}", 1, lambda name=name: run(store, name, year=None if name in UNDATED else year))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parks", type=int, default=2000)
    ap.add_argument("--years", default="2021-2024")
    ap.add_argument("--enterprises", type=int, default=None, help="default: about 50 per park")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--store", type=Path, default=None, help="reuse a loaded store (skips generate and load)")
    ap.add_argument("--skip-union", action="store_true", help="do not time the union-of-graphs what-if")
    args = ap.parse_args()
    first, last = (int(x) for x in args.years.split("-"))
    with tempfile.TemporaryDirectory(prefix="parkstar-bench-chains-") as tmp:
        if args.store is None:
            data = Path(tmp) / "data"
            start = time.perf_counter()
            rows = generate_dataset(data, args.parks, (first, last), seed=1, enterprises=args.enterprises)
            print(f"generated {args.parks:,} parks, {first}-{last}: "
                  + ", ".join(f"{k} {v:,} rows" for k, v in rows.items())
                  + f" in {time.perf_counter() - start:.1f} s")
            path = Path(tmp) / "store"
            store = OxigraphStore(path)
            start = time.perf_counter()
            report = load(store, [data])
            print(f"loaded {report.triples:,} triples into {path} (on disk) in {time.perf_counter() - start:.1f} s")
        else:
            store = OxigraphStore(args.store)
            print(f"reusing the store at {args.store}")
        try:
            parks = load_parks(store)
            enterprises = store.select("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e ps:inPark ?p }")[0]["n"]
            print(f"store: {len(parks):,} parks, {enterprises:,} enterprises, {store.triple_count():,} triples, "
                  f"year {last}")
            park = next(iter(parks))
            bench(store, last, args.runs, park, "OxigraphStore as shipped (explicit list of current source graphs):")
            if not args.skip_union:
                bench(UnionGraphStore(store), last, args.runs, park,
                      "what-if: the same store queried over the union of its graphs:")
        finally:
            store.close()


if __name__ == "__main__":
    main()
