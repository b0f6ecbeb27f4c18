"""Fetches what the rating needs from the store: one SPARQL query per kind of fact, for all parks and years at once.

Observations, parks, source documents, incidents, designations, enterprise roles and bonus projects each come in
one query over the whole store (never one query per park); rows are grouped into :class:`ParkFacts` in Python.
The bulk observation query joins sub-selects so that Oxigraph joins them by hashing rather than by one index
lookup per row, and it returns short numbers standing for the park, indicator and source document instead of
their IRIs: Oxigraph reads every IRI of a result from its string table (one disk-store read each), which for
80,000 observations cost more than the join. The observations of all parks come in two halves of the years,
evaluated by two worker threads at once (Oxigraph releases the GIL), so the caller rates the first half while the
second may still be running. For one park (the what-if and explanation paths) the same facts come from queries
bound to the park.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from .. import queries
from ..namespaces import local
from ..policy import policy
from ..store import OxigraphStore
from .model import Designation, Incident, Observation, ParkFacts, Project

OBSERVATIONS_ALL = """
SELECT ?obs ?park ?ind ?year ?value ?bench ?src WHERE {
  { SELECT ?obs ?year WHERE { ?obs ps:year ?year . %(years)s } }
  { SELECT ?obs ?park WHERE { %(parks)s ?obs ps:observedPark ?park_iri } }
  { SELECT ?obs ?ind WHERE { %(indicators)s ?obs ps:indicator ?ind_iri } }
  { SELECT ?obs ?value WHERE { ?obs ps:value ?value } }
  OPTIONAL { SELECT ?obs ?bench WHERE { ?obs ps:benchmark ?bench } }
  OPTIONAL { SELECT ?obs ?src WHERE { %(sources)s ?obs prov:wasDerivedFrom ?src_iri } }
}"""
"""Every observation of some years; ``?park``, ``?ind`` and ``?src`` are positions in the lists of
``rating/observed-*.rq``, passed in as numbered VALUES inside the sub-selects (an observation of a park, indicator
or source outside them does not exist for the query). Built in code: the VALUES lists are the data."""

OBSERVED = {"parks": "rating/observed-parks", "indicators": "rating/observed-indicators",
            "sources": "rating/observed-sources"}
"""The parks, indicators and source documents the observations name (a few thousand IRIs at most)."""

NAME = '?park rdfs:label ?name FILTER (LANG(?name) = "zh" || LANG(?name) = "")'


Pattern = str | tuple[str, str]
"""A pattern, or (pattern for all parks, pattern for one park) where they should differ."""


def _star(select: str, required: list[Pattern], optional: list[Pattern], park: str | None) -> str:
    """A query joining one subject's properties: for all parks as sub-selects (Oxigraph joins those by hashing),
    for one park as a plain pattern starting from the bound park (index lookups)."""
    def pick(p: Pattern) -> str:
        return p if isinstance(p, str) else p[0] if park is None else p[1]

    if park is None:
        def sub(pattern: str) -> str:
            names = sorted(set(re.findall(r"\?\w+", pattern)))
            return f"{{ SELECT {' '.join(names)} WHERE {{ {pattern} }} }}"
        parts = [sub(pick(p)) for p in required] + [f"OPTIONAL {sub(pick(p))}" for p in optional]
        return f"SELECT {select} WHERE {{\n  " + "\n  ".join(parts) + "\n}"
    parts = [f"{pick(p)} ." for p in required] + [f"OPTIONAL {{ {pick(p)} }}" for p in optional]
    return queries.bind(f"SELECT {select} WHERE {{\n  " + "\n  ".join(parts) + "\n}", park=ox.NamedNode(park))


def parks_query(park: str | None) -> str:
    """Park IRI, code, Chinese name, and what the scope of 三.1 reads: type and whether manufacturing-led."""
    return _star("?park ?code ?name ?type ?led", ["?park ps:parkCode ?code"],
                 [NAME, "?park ps:parkType ?type", "?park ps:manufacturingLed ?led"], park)


def incidents_query(park: str | None) -> str:
    """Every incident of the parks, any date."""
    return _star("?inc ?park ?date ?severity ?type ?desc ?src",
                 ["?inc ps:incidentPark ?park", "?inc ps:incidentDate ?date"],
                 ["?inc ps:severity ?severity", "?inc ps:incidentType ?type",
                  "?inc dcterms:description ?desc",
                  "?inc prov:wasDerivedFrom ?src"],
                 park)


def designations_query(park: str | None) -> str:
    """Every designation of the parks."""
    return _star("?des ?park ?kind ?level ?year",
                 ["?des ps:designatedPark ?park", "?des ps:designationKind ?kind", "?des ps:designationLevel ?level"],
                 ["?des ps:designationYear ?year"], park)


def projects_query(park: str | None, kinds: Iterable[str]) -> str:
    """Projects of the kinds the bonus counts (all kinds when none is named)."""
    chosen = sorted(set(kinds))
    kind = (f"{queries.values(['kind'], [[ox.NamedNode(k)] for k in chosen])} ?proj ps:projectKind ?kind" if chosen
            else "?proj ps:projectKind ?kind")
    return _star("?proj ?park ?inv ?kind ?status ?start ?label",
                 ["?proj ps:projectPark ?park", "?proj ps:investment ?inv", kind],
                 ["?proj ps:projectStatus ?status", "?proj ps:startYear ?start",
                  "?proj rdfs:label ?label"], park)


class UnknownPark(LookupError):
    """No park has this code."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no park with code {code}")
        self.code = code


class DuplicateObservation(ValueError):
    """Two observations give the same indicator of the same park and year."""

    def __init__(self, park: str, year: int, indicator: str, first: str, second: str) -> None:
        super().__init__(f"{park} {year} {indicator}: two observations ({first}, {second})")
        self.park, self.year, self.indicator = park, year, indicator


@dataclass(frozen=True)
class Wanted:
    """Which bonus facts to fetch: the enterprise roles and project kinds the rules weigh."""

    roles: frozenset[str]
    project_kinds: frozenset[str]
    projects: bool


NO_OBSERVATIONS = ("enterprises", "projects", "incidents", "designations", "parks", "vocabulary", "ratings",
                   "measures", "announcements")
"""Template kinds whose sources never hold an indicator observation (nor its source document): the observation
queries leave them out of their default graph, which halves their time on a large store."""

NOT_ABOUT_PARKS = ("enterprises", "indicators", "ratings", "measures", "announcements")
"""Template kinds whose sources never hold a park, incident, designation or project (the enterprise list and the
observations are most of a large store)."""

NOT_ABOUT_ENTERPRISES = ("parks", "indicators", "projects", "incidents", "designations", "assessments",
                         "announcements", "vocabulary", "ratings", "measures")
"""Template kinds whose sources never hold an enterprise, its roles or its revenue (the enterprise template and RDF
files do)."""

NO_SOURCE_TITLES = ("enterprises", "ratings", "measures")
"""Template kinds whose source documents the rating never cites (observations, incidents and projects are
elsewhere)."""

SKIP = {"sources": NO_SOURCE_TITLES, "roles": NOT_ABOUT_ENTERPRISES}
"""The templates each query of :func:`_queries` leaves out (the others: :data:`NOT_ABOUT_PARKS`)."""


def _terms(store: OxigraphStore, sparql: str, skip_templates: Sequence[str] = ()) -> Iterator[tuple[Any, ...]]:
    """Rows as tuples of lexical values (None when unbound), straight from pyoxigraph."""
    for row in store.query(sparql, skip_templates=skip_templates):
        yield tuple(None if t is None else t.value for t in row)


def rated_years(store: OxigraphStore) -> list[int]:
    """The years for which the store holds indicator observations, ascending."""
    return [int(y) for (y,) in _terms(store, queries.text("rating/years"), NO_OBSERVATIONS)]


def park_iri(store: OxigraphStore, code: str) -> str:
    """The IRI of the park with code ``code``.

    Raises:
        UnknownPark: no park has it.
    """
    rows = queries.select(store, "rating/park-by-code", code=code)
    if not rows:
        raise UnknownPark(code)
    return str(rows[0]["park"])


def _queries(wanted: Wanted, park: str | None) -> dict[str, str]:
    """The queries of the facts other than observations: parks, source documents, incidents, designations, and
    the enterprise roles and projects the bonus weighs."""
    out = {"parks": parks_query(park), "sources": queries.text("rating/sources"), "incidents": incidents_query(park),
           "designations": designations_query(park)}
    if wanted.roles:
        out["roles"] = queries.bound("rating/roles", park=ox.NamedNode(park) if park else None,
                                     role=[ox.NamedNode(r) for r in sorted(wanted.roles)])
    if wanted.projects:
        out["projects"] = projects_query(park, wanted.project_kinds)
    return out


def _rows(store: OxigraphStore, texts: dict[str, str]) -> dict[str, list[tuple[Any, ...]]]:
    return {k: list(_terms(store, q, SKIP.get(k, NOT_ABOUT_PARKS))) for k, q in texts.items()}


def fetch_facts(store: OxigraphStore, years: Sequence[int], wanted: Wanted,
                park: str | None = None) -> dict[tuple[str, int], ParkFacts]:
    """The facts of every park (or of the park with IRI ``park``) with observations in ``years``.

    Keyed by (park IRI, year). Incidents of every date are attached (the veto window picks later), and the
    designations, enterprise roles and projects the bonus and priority rules need.
    """
    if park is None:
        return {k: f for batch in iter_facts(store, years, wanted) for k, f in batch.items()}
    query = queries.bound("rating/observations-of-park", park=ox.NamedNode(park), year=[int(y) for y in years])
    observations = list(_terms(store, query, NO_OBSERVATIONS))
    rows = _rows(store, _queries(wanted, park))
    titles = dict(rows["sources"])
    names = _Names(parks={park: park}, indicators={o[2]: local(o[2]) for o in observations},
                   sources={o[6]: titles.get(o[6], "") for o in observations if o[6] is not None})
    return _assemble(observations, names, _ParkLevel.of(rows))


def iter_facts(store: OxigraphStore, years: Sequence[int], wanted: Wanted
               ) -> Iterator[dict[tuple[str, int], ParkFacts]]:
    """The facts of every park with observations in ``years``, in two batches (one for a single year).

    Two worker threads query the observations of the two halves of the years at once (on two cores: one query
    over half the years costs about half of one over all of them, and Oxigraph evaluates without the GIL) while
    this thread runs the other queries; the caller rates the first batch while the second may still be running.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        observed = pool.submit(_observed, store)
        ys = sorted({int(y) for y in years})
        half = (len(ys) + 1) // 2
        pending = [pool.submit(_observations, store, observed, chunk) for chunk in (ys[:half], ys[half:]) if chunk]
        try:
            rows = _rows(store, _queries(wanted, None))
            found = observed.result()
            parks, indicators, sources = found.parks, found.indicators, found.sources
            titles = dict(rows["sources"])
            names = _Names(parks={str(n): p for n, p in enumerate(parks)},
                           indicators={str(n): local(i) for n, i in enumerate(indicators)},
                           sources={str(n): titles.get(s, "") for n, s in enumerate(sources)})
            park_level = _ParkLevel.of(rows)
            for chunk in as_completed(pending):  # the first done first: the batches' order does not matter
                yield _assemble(chunk.result(), names, park_level)
        finally:
            for chunk in pending:
                chunk.cancel()


@dataclass(frozen=True)
class _Observed:
    """The :data:`OBSERVED` lists, and each as the numbered VALUES block of :data:`OBSERVATIONS_ALL` (built once,
    for both halves of the years)."""

    parks: list[str]
    indicators: list[str]
    sources: list[str]
    blocks: dict[str, str]


def _observed(store: OxigraphStore) -> _Observed:
    """The parks, indicators and source documents named by observations."""
    parks, indicators, sources = ([iri for (iri,) in store.lexical_rows(queries.text(OBSERVED[k]), NO_OBSERVATIONS)]
                                  for k in ("parks", "indicators", "sources"))
    return _Observed(parks, indicators, sources, {"parks": _numbered("park", parks),
                                                  "indicators": _numbered("ind", indicators),
                                                  "sources": _numbered("src", sources)})


def _numbered(var: str, iris: Sequence[str]) -> str:
    """VALUES pairing each IRI (``?{var}_iri``) with its position (``?{var}``), an integer Oxigraph stores inline."""
    return queries.values([f"{var}_iri", var], [(ox.NamedNode(iri), n) for n, iri in enumerate(iris)])


def _observations(store: OxigraphStore, observed: Future[_Observed], years: Sequence[int]) -> list[list[str]]:
    """The rows of :data:`OBSERVATIONS_ALL` for ``years``: park, indicator and source as positions."""
    blocks = observed.result().blocks
    return store.lexical_rows(OBSERVATIONS_ALL % {"years": queries.values(["year"], [[int(y)] for y in years]),
                                                  **blocks}, NO_OBSERVATIONS)


@dataclass(frozen=True)
class _Names:
    """What the park, indicator and source columns of observation rows stand for."""

    parks: dict[Any, str]
    """→ park IRI."""
    indicators: dict[Any, str]
    """→ indicator code (I1…I11)."""
    sources: dict[Any, str]
    """→ the source document's title."""


@dataclass(frozen=True)
class _ParkLevel:
    """The facts of parks rather than park-years, by park IRI, and the parks' codes and names."""

    parks: dict[str, tuple[str, str, str | None, bool | None]]
    """Park → code, name, type and whether manufacturing-led (三.1)."""
    incidents: dict[str, list[Incident]]
    designations: dict[str, list[Designation]]
    roles: dict[str, list[tuple[str, int | None, int]]]
    """Park → (role, year or None, number of enterprises)."""
    projects: dict[str, list[Project]]

    @classmethod
    def of(cls, rows: dict[str, list[tuple[Any, ...]]]) -> _ParkLevel:
        titles = dict(rows["sources"])
        incidents: dict[str, list[Incident]] = defaultdict(list)
        for inc, p, date, severity, itype, desc, src in rows["incidents"]:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                continue  # not an xsd:date: the evidence shapes refuse such incidents on load
            incident = Incident(iri=inc, date=day, severity=severity or "", type=itype or "",
                                description=desc or "", source=titles.get(src, "") if src else "")
            if incident not in incidents[p]:
                incidents[p].append(incident)
        designations: dict[str, list[Designation]] = defaultdict(list)
        for des, p, kind, level, year in rows["designations"]:
            designations[p].append(Designation(iri=des, kind=kind, level=level,
                                               year=None if year is None else int(year)))
        roles: dict[str, list[tuple[str, int | None, int]]] = defaultdict(list)
        for p, role, year, n in rows.get("roles", ()):
            roles[p].append((role, None if year is None else int(year), int(n)))
        found: dict[str, tuple[str, Decimal, set[str], str | None, int | None, str]] = {}
        for proj, p, inv, kind, status, start, lbl in rows.get("projects", ()):
            if proj in found:
                found[proj][2].add(kind)
                continue
            found[proj] = (p, Decimal(inv), {kind}, status, None if start is None else int(start), lbl or "")
        projects: dict[str, list[Project]] = defaultdict(list)
        for proj, (p, inv, ks, status, start, lbl) in sorted(found.items()):
            projects[p].append(Project(iri=proj, investment=inv, kinds=frozenset(ks), status=status,
                                       start_year=start, label=lbl))
        parks = {p: (code, name or code, ptype, None if led is None else led in ("true", "1"))
                 for p, code, name, ptype, led in rows["parks"]}
        return cls(parks, incidents, designations, roles, projects)


def _assemble(observations: Sequence[Sequence[Any]], names: _Names, park_level: _ParkLevel
              ) -> dict[tuple[str, int], ParkFacts]:
    """Group observation rows (obs, park, indicator, year, value, benchmark, source; the middle three as
    ``names`` reads them; benchmark and source None or "" when absent) into park-years and attach the park-level
    facts."""
    units = {code: ind.unit_symbol for code, ind in policy().indicators.items()}
    parks, codes, titles = names.parks, names.indicators, names.sources
    out: dict[tuple[str, int], ParkFacts] = {}
    for obs, p, ind, year, value, bench, src in observations:
        park = parks[p]
        key = (park, int(year))
        facts = out.get(key)
        if facts is None:
            code, name, ptype, led = park_level.parks.get(park) or (local(park), local(park), None, None)
            facts = out[key] = ParkFacts(park=park, code=code, name=name, year=key[1], park_type=ptype,
                                         manufacturing_led=led)
        code = codes[ind]
        seen = facts.observations.get(code)
        if seen is not None and seen.iri != obs:
            raise DuplicateObservation(facts.code, key[1], code, seen.iri, obs)
        facts.observations[code] = Observation(code, Decimal(value), units.get(code, ""),
                                               Decimal(bench) if bench else None, obs, titles[src] if src else "")
    for (park, year), f in out.items():
        f.incidents.extend(park_level.incidents.get(park, ()))
        f.designations.extend(park_level.designations.get(park, ()))
        for role, role_year, n in park_level.roles.get(park, ()):
            if role_year is None or role_year == year:
                f.roles[role] = f.roles.get(role, 0) + n
        f.projects.extend(park_level.projects.get(park, ()))
    return out
