"""Ratings as written back to the store, and keeping them current: the stored levels of a year for every park in one
query (what the park list filters on), which batches (year, edition, strictness) are stored, and re-rating the
batches a load affects (what an evidence upload triggers).

Rank within a level depends on every park of the year, and a batch is replaced whole (``writeback.py``), so an
affected year is re-rated for all its parks; the answer names the parks whose level moved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .. import queries
from ..policy import PolicyError, default_edition
from ..store import OxigraphStore
from .engine import rate_store
from .facts import rated_years
from .rules import RatingError
from .writeback import SOURCE_PREFIX, source_key, write_ratings

if TYPE_CHECKING:
    from ..ingest import LoadReport


@dataclass(frozen=True, order=True)
class Batch:
    """The ratings of one year under one edition and strictness: one stored source."""

    year: int
    edition: str
    strict: bool = False


def parse_source_key(key: str) -> Batch | None:
    """The batch a ratings source key names (``parkstar:ratings/2024/2020-a[/strict]``); None for other keys."""
    if not key.startswith(SOURCE_PREFIX):
        return None
    parts = key[len(SOURCE_PREFIX):].split("/")
    if len(parts) not in (2, 3) or not parts[0].isdigit() or (len(parts) == 3 and parts[2] != "strict"):
        return None
    return Batch(int(parts[0]), parts[1], len(parts) == 3)


def stored_batches(store: OxigraphStore) -> list[Batch]:
    """The rating batches held in the store, by year."""
    return sorted(b for s in store.sources() if (b := parse_source_key(s.key)) is not None)


def stored_levels(store: OxigraphStore, year: int, edition: str | None = None,
                  strict: bool = False) -> dict[str, int] | None:
    """Park code → stored star count (0 below three stars) for ``year`` under ``edition`` (default: the year's
    default edition), in one query; None when no such batch is stored.

    Raises:
        PolicyError: no default edition for ``year``.
    """
    ed = edition or default_edition(year).code
    src = store.source(source_key(year, ed, strict))
    if src is None:
        return None
    rows = queries.select(store, "rating/stored-levels", g=ox.NamedNode(src.graph))
    return {r["code"]: int(r["n"]) for r in rows}


@dataclass
class Rerated:
    """What re-rating did: the batches rewritten and the parks whose level moved (before → after)."""

    batches: list[Batch] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    """Batches that could not be rated (no criteria edition valid that year, say), with the reason."""


def rerate(store: OxigraphStore, batches: Iterable[Batch]) -> Rerated:
    """Rate each batch's year again for all parks and store it (replacing the stored batch); years without
    observations are skipped."""
    out = Rerated()
    observed = set(rated_years(store))
    for b in sorted(set(batches)):
        if b.year not in observed:
            continue
        before = stored_levels(store, b.year, b.edition, b.strict) or {}
        try:
            ratings = rate_store(store, [b.year], edition=b.edition, strict=b.strict)
        except (PolicyError, RatingError) as e:
            out.skipped.append({"year": b.year, "edition": b.edition, "strict": b.strict, "reason": str(e)})
            continue
        write_ratings(store, ratings)
        out.batches.append(b)
        for r in ratings:
            after = r.level if r.in_scope else None  # 三.1: a park outside the scope has no stored level
            if before.get(r.code) != after:
                out.changed.append({"park": r.code, "year": b.year, "edition": b.edition, "strict": b.strict,
                                    "before": before.get(r.code), "after": after})
    return out


def affected_batches(store: OxigraphStore, graphs: Iterable[str], templates: Iterable[str]) -> list[Batch]:
    """The batches a load of ``graphs`` (stored named graphs, of the given template kinds) may change.

    Indicator files change the years they hold: the stored batches of those years, or the year's default edition
    when none is stored. Any other kind of fact (incidents, designations, enterprises, projects, parks, RDF) may
    touch any year: every stored batch.
    """
    stored = stored_batches(store)
    if set(templates) - {"indicators"}:
        years: set[int] = {b.year for b in stored}
    else:
        years = set()
    for g in graphs:
        years |= {int(r["y"]) for r in queries.select(store, "rating/observed-years-of-graph",
                                                                 g=ox.NamedNode(g))}
    out = {b for b in stored if b.year in years}
    for y in years - {b.year for b in out}:
        try:
            out.add(Batch(y, default_edition(y).code))
        except PolicyError:  # no edition covers the year: nothing to rate it by
            continue
    return sorted(out)


def rerate_after_load(store: OxigraphStore, report: LoadReport) -> Rerated:
    """After a load (an evidence upload): re-rate and store the batches it affects; says which batches and which
    parks' levels moved."""
    graphs = [src.graph for p in report.sources if (src := store.source(p.key)) is not None]
    batches = affected_batches(store, graphs, [p.template for p in report.sources])
    return rerate(store, batches)
