"""What the store holds: counts by kind of fact, indicator observations by year, and the loaded sources."""

from __future__ import annotations

from ..store import OxigraphStore
from .schemas.parks import SourceOut, StoreStats, YearCount

COUNTS = {
    "园区 parks": "?x a ps:Park",
    "指标观测值 observations": "?x a ps:IndicatorObservation",
    "企业 enterprises": "?x a ps:Enterprise",
    "项目 projects": "?x a ps:Project",
    "突发事件 incidents": "?x a ps:Incident",
    "园区认定 designations": "?x a ps:Designation",
    "星级评定 ratings": "?x a ps:StarRating",
}


def store_stats(st: OxigraphStore) -> StoreStats:
    """Counts by kind, observations by year, sources."""
    counts = {label: int(st.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")[0]["n"])
              for label, pattern in COUNTS.items()}
    years = st.select("""SELECT ?y (COUNT(DISTINCT ?p) AS ?parks) (COUNT(?o) AS ?obs)
                         WHERE { ?o a ps:IndicatorObservation ; ps:year ?y ; ps:observedPark ?p }
                         GROUP BY ?y ORDER BY ?y""")
    synthetic = st.ask("ASK { ?x ps:synthetic true }")
    return StoreStats(triples=st.triple_count(), counts=counts, years=[YearCount.model_validate(y) for y in years],
                      synthetic=synthetic, sources=[SourceOut.model_validate(s.__dict__) for s in st.sources()])
