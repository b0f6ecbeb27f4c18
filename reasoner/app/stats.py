"""What the store holds: counts by kind of fact, indicator observations by year, and the loaded sources."""

from __future__ import annotations

import pyoxigraph as ox

from .. import queries
from ..namespaces import PS
from ..store import OxigraphStore
from .schemas.parks import SourceOut, StoreStats, YearCount

COUNTS = {
    "园区 parks": PS.Park,
    "指标观测值 observations": PS.IndicatorObservation,
    "企业 enterprises": PS.Enterprise,
    "项目 projects": PS.Project,
    "突发事件 incidents": PS.Incident,
    "园区认定 designations": PS.Designation,
    "星级评定 ratings": PS.StarRating,
}
"""What ``parkstar stats`` counts: label → class."""


def store_stats(st: OxigraphStore) -> StoreStats:
    """Counts by kind, observations by year, sources."""
    counts = {label: int(queries.select(st, "stats/instances", type=ox.NamedNode(str(cls)))[0]["n"])
              for label, cls in COUNTS.items()}
    years = queries.select(st, "stats/observations-by-year")
    synthetic = queries.ask(st, "stats/synthetic")
    return StoreStats(triples=st.triple_count(), counts=counts, years=[YearCount.model_validate(y) for y in years],
                      synthetic=synthetic, sources=[SourceOut.model_validate(s.__dict__) for s in st.sources()])
