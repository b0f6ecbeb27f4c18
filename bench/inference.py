"""Materialisation benchmark: OWL 2 RL closure of the sample data with `reasonable` against `owlrl`.

Prints the input size, derived triples and median seconds of each engine and their ratio. Asserts nothing.
Usage: python bench/inference.py [--runs 3] [--data DIR]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import rdflib

from reasoner.ingest import prepare
from reasoner.resources import ontology_graph, sample_dir


def _data(folder: Path) -> rdflib.Graph:
    g = rdflib.Graph()
    for p in prepare([folder]):
        g.parse(data=p.sink.ntriples(), format="nt")
    return g


def _reasonable(base: rdflib.Graph) -> int:
    import reasonable

    r = reasonable.PyReasoner()
    r.from_graph(base)
    return len(r.reason())


def _owlrl(base: rdflib.Graph) -> int:
    import owlrl

    g = rdflib.Graph()
    g += base
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return len(g)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", type=Path, default=None)
    args = ap.parse_args()
    base = rdflib.Graph()
    base += ontology_graph()
    base += _data(args.data or sample_dir())
    print(f"input: {len(base):,} triples (ontology + data)")
    medians = {}
    for name, fn in (("reasonable", _reasonable), ("owlrl", _owlrl)):
        times, size = [], 0
        for _ in range(args.runs if name == "reasonable" else max(1, args.runs // 3)):
            t = time.perf_counter()
            size = fn(base)
            times.append(time.perf_counter() - t)
        medians[name] = statistics.median(times)
        print(f"{name:>10}: closure {size:,} triples, median {medians[name]:.2f} s over {len(times)} run(s)")
    print(f"owlrl / reasonable = {medians['owlrl'] / medians['reasonable']:.1f}x")


if __name__ == "__main__":
    main()
