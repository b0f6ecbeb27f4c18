"""Load benchmark: the generated 2,000-park dataset into a fresh on-disk store.

Prints triples per second, the time of each stage and the peak memory. Asserts nothing.
Usage: python bench/load.py [--parks 2000] [--years 2021-2024] [--enterprises N] [--runs 1]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from reasoner.ingest import load
from reasoner.store import OxigraphStore
from reasoner.synthetic import generate_dataset


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--parks", type=int, default=2000)
    ap.add_argument("--years", default="2021-2024")
    ap.add_argument("--enterprises", type=int, default=None)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    a, b = (int(x) for x in args.years.split("-"))
    with tempfile.TemporaryDirectory(prefix="parkstar-bench-") as tmp:
        data = Path(tmp) / "data"
        t = time.perf_counter()
        rows = generate_dataset(data, args.parks, (a, b), seed=1, enterprises=args.enterprises)
        print(f"generated {sum(rows.values()):,} rows ({', '.join(f'{k} {v:,}' for k, v in rows.items())}) "
              f"in {time.perf_counter() - t:.1f} s")
        walls: list[float] = []
        for run in range(args.runs):
            stages: dict[str, float] = {}
            last = [time.perf_counter(), ""]

            def progress(stage: str, done: int, total: int, _last: list = last, _stages: dict = stages) -> None:
                now = time.perf_counter()
                if _last[1]:
                    _stages[_last[1]] = _stages.get(_last[1], 0.0) + now - _last[0]
                _last[0], _last[1] = now, stage

            store = OxigraphStore(Path(tmp) / f"store-{run}")
            start = time.perf_counter()
            report = load(store, [data], progress=progress)
            wall = time.perf_counter() - start
            progress("", 0, 0)
            store.close()
            walls.append(wall)
            rate = report.triples / wall
            print(f"run {run + 1}: {report.triples:,} triples in {wall:.1f} s = {rate:,.0f} triples/s; "
                  + ", ".join(f"{k.split(' / ')[-1]} {v:.1f} s" for k, v in stages.items()))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"median wall {statistics.median(walls):.1f} s over {len(walls)} run(s); peak memory {peak:,.0f} MB")


if __name__ == "__main__":
    main()
