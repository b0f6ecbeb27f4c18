"""Fetches what the rating needs from the store: one SPARQL query per kind of fact, for all parks and years at once.

Observations, parks, source documents, incidents, designations, enterprise roles and bonus projects each come in
one query over the whole store (never one query per park); rows are grouped into :class:`ParkFacts` in Python.
The bulk observation query joins sub-selects so that Oxigraph joins them by hashing rather than by one index
lookup per row, several times faster on the on-disk store. For one park (the what-if and explanation paths) the
same facts come from queries bound to the park.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..labels import local
from ..store import OxigraphStore
from .model import Designation, Incident, Observation, ParkFacts, Project
from .rules import indicator_units

OBSERVATIONS_ALL = """
SELECT ?obs ?park ?ind ?year ?value ?bench ?src WHERE {
  { SELECT ?obs ?year WHERE { ?obs ps:year ?year . VALUES ?year { %(years)s } } }
  { SELECT ?obs ?park WHERE { ?obs ps:observedPark ?park } }
  { SELECT ?obs ?ind WHERE { ?obs ps:indicator ?ind } }
  { SELECT ?obs ?value WHERE { ?obs ps:value ?value } }
  OPTIONAL { SELECT ?obs ?bench WHERE { ?obs ps:benchmark ?bench } }
  OPTIONAL { SELECT ?obs ?src WHERE { ?src a ps:SourceDocument . ?obs prov:wasDerivedFrom ?src } }
}"""

OBSERVATIONS_OF_PARK = """
SELECT ?obs ?park ?ind ?year ?value ?bench ?src WHERE {
  VALUES ?park { %(park)s } VALUES ?year { %(years)s }
  ?obs ps:observedPark ?park ; ps:year ?year ; ps:indicator ?ind ; ps:value ?value .
  OPTIONAL { ?obs ps:benchmark ?bench } OPTIONAL { ?obs prov:wasDerivedFrom ?src }
}"""

YEARS = """
SELECT DISTINCT ?year WHERE {
  { SELECT ?obs WHERE { ?obs ps:indicator ?ind } } { SELECT ?obs ?year WHERE { ?obs ps:year ?year } }
} ORDER BY ?year"""

PARK_BY_CODE = "SELECT ?park WHERE { ?park a ps:Park ; ps:parkCode ?code }"

SOURCES = "SELECT ?src ?title WHERE { ?src a ps:SourceDocument ; dcterms:title ?title }"

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
    return f"SELECT {select} WHERE {{ VALUES ?park {{ <{park}> }}\n  " + "\n  ".join(parts) + "\n}"


def parks_query(park: str | None) -> str:
    """Park IRI, code and Chinese name."""
    return _star("?park ?code ?name", ["?park ps:parkCode ?code"], [NAME], park)


def incidents_query(park: str | None) -> str:
    """Every incident of the parks, any date."""
    return _star("?inc ?park ?date ?severity ?type ?desc ?src",
                 ["?inc ps:incidentPark ?park", "?inc ps:incidentDate ?date"],
                 ["?inc ps:severity ?severity", "?inc ps:incidentType ?type",
                  "?inc dcterms:description ?desc",
                  ("?inc a ps:Incident ; prov:wasDerivedFrom ?src", "?inc prov:wasDerivedFrom ?src")],
                 park)


def designations_query(park: str | None) -> str:
    """Every designation of the parks."""
    return _star("?des ?park ?kind ?level ?year",
                 ["?des ps:designatedPark ?park", "?des ps:designationKind ?kind", "?des ps:designationLevel ?level"],
                 ["?des ps:designationYear ?year"], park)


def projects_query(park: str | None, kinds: Iterable[str]) -> str:
    """Projects of the kinds the bonus counts (all kinds when none is named)."""
    kind = f"VALUES ?kind {{ {_iris(kinds)} }} ?proj ps:projectKind ?kind" if kinds else "?proj ps:projectKind ?kind"
    return _star("?proj ?park ?inv ?kind ?status ?start ?label",
                 ["?proj ps:projectPark ?park", "?proj ps:investment ?inv", kind],
                 ["?proj ps:projectStatus ?status", "?proj ps:startYear ?start",
                  "?proj rdfs:label ?label"], park)


ROLES = """
SELECT ?park ?role ?year (COUNT(DISTINCT ?ent) AS ?n) WHERE { %(park)s
  VALUES ?role { %(roles)s }
  ?ent ps:hasRole ?role ; ps:inPark ?park .
  OPTIONAL { ?rev ps:revenueOf ?ent ; ps:year ?year }
} GROUP BY ?park ?role ?year"""
"""An enterprise counts for a year when it reports revenue that year, or when it reports no revenue at all."""


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


NO_OBSERVATIONS = ("enterprises", "projects", "incidents", "designations", "parks", "vocabulary", "ratings")
"""Template kinds whose sources never hold an indicator observation (nor its source document): the observation
queries leave them out of their default graph, which halves their time on a large store."""

NOT_ABOUT_PARKS = ("enterprises", "ratings")
"""Template kinds the park, incident, designation and project queries never need (the enterprise list is most of a
large store)."""


def _terms(store: OxigraphStore, sparql: str, skip_templates: Sequence[str] = ()) -> Iterator[tuple[Any, ...]]:
    """Rows as tuples of lexical values (None when unbound), straight from pyoxigraph."""
    for row in store.query(sparql, skip_templates=skip_templates):
        yield tuple(None if t is None else t.value for t in row)


def rated_years(store: OxigraphStore) -> list[int]:
    """The years for which the store holds indicator observations, ascending."""
    return [int(y) for (y,) in _terms(store, YEARS, NO_OBSERVATIONS)]


def park_iri(store: OxigraphStore, code: str) -> str:
    """The IRI of the park with code ``code``.

    Raises:
        UnknownPark: no park has it.
    """
    rows = store.select(PARK_BY_CODE, code=code)
    if not rows:
        raise UnknownPark(code)
    return str(rows[0]["park"])


def _iris(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(set(iris))) or "<urn:parkstar:none>"


def fetch_facts(store: OxigraphStore, years: Sequence[int], wanted: Wanted,
                park: str | None = None) -> dict[tuple[str, int], ParkFacts]:
    """The facts of every park (or of the park with IRI ``park``) with observations in ``years``.

    Keyed by (park IRI, year). Incidents of every date are attached (the veto window picks later), and the
    designations, enterprise roles and projects the bonus and priority rules need. For all parks the observation
    query runs in a second thread beside the others (pyoxigraph releases the GIL while it evaluates).
    """
    year_list = " ".join(str(int(y)) for y in years)
    bound = f"VALUES ?park {{ <{park}> }}" if park else ""
    queries = {"parks": parks_query(park), "sources": SOURCES, "incidents": incidents_query(park),
               "designations": designations_query(park)}
    if wanted.roles:
        queries["roles"] = ROLES % {"park": bound, "roles": _iris(wanted.roles)}
    if wanted.projects:
        queries["projects"] = projects_query(park, wanted.project_kinds)
    obs_query = (OBSERVATIONS_OF_PARK % {"park": f"<{park}>", "years": year_list} if park
                 else OBSERVATIONS_ALL % {"years": year_list})
    if park:
        observations = list(_terms(store, obs_query, NO_OBSERVATIONS))
        rows = {k: list(_terms(store, q, () if k == "roles" else NOT_ABOUT_PARKS)) for k, q in queries.items()}
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(lambda: list(_terms(store, obs_query, NO_OBSERVATIONS)))
            rows = {k: list(_terms(store, q, () if k == "roles" else NOT_ABOUT_PARKS)) for k, q in queries.items()}
            observations = pending.result()
    return _assemble(observations, rows)


def _assemble(observations: list[tuple[Any, ...]], rows: dict[str, list[tuple[Any, ...]]]
              ) -> dict[tuple[str, int], ParkFacts]:
    units = indicator_units()
    parks = {p: (code, name or code) for p, code, name in rows["parks"]}
    titles = dict(rows["sources"])
    out: dict[tuple[str, int], ParkFacts] = {}
    for obs, p, ind, year, value, bench, src in observations:
        key = (p, int(year))
        facts = out.get(key)
        if facts is None:
            code, name = parks.get(p, (local(p), local(p)))
            facts = out[key] = ParkFacts(park=p, code=code, name=name, year=key[1])
        code = ind.rsplit("/", 1)[-1]
        seen = facts.observations.get(code)
        if seen is not None and seen.iri != obs:
            raise DuplicateObservation(facts.code, key[1], code, seen.iri, obs)
        facts.observations[code] = Observation(
            indicator=code, value=Decimal(value), unit=units.get(code, ""),
            benchmark=None if bench is None else Decimal(bench), iri=obs,
            source=titles.get(src, "") if src is not None else "")
    by_park: dict[str, list[ParkFacts]] = defaultdict(list)
    for (p, _), f in out.items():
        by_park[p].append(f)
    for inc, p, date, severity, itype, desc, src in rows["incidents"]:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            continue  # not an xsd:date: the evidence shapes refuse such incidents on load
        incident = Incident(iri=inc, date=day, severity=severity or "", type=itype or "", description=desc or "",
                            source=titles.get(src, "") if src else "")
        for f in by_park.get(p, ()):
            if incident not in f.incidents:
                f.incidents.append(incident)
    for des, p, kind, level, year in rows["designations"]:
        d = Designation(iri=des, kind=kind, level=level, year=None if year is None else int(year))
        for f in by_park.get(p, ()):
            f.designations.append(d)
    for p, role, year, n in rows.get("roles", ()):
        for f in by_park.get(p, ()):
            if year is None or int(year) == f.year:
                f.roles[role] = f.roles.get(role, 0) + int(n)
    found: dict[str, tuple[str, Decimal, set[str], str | None, int | None, str]] = {}
    for proj, p, inv, kind, status, start, lbl in rows.get("projects", ()):
        if proj in found:
            found[proj][2].add(kind)
            continue
        found[proj] = (p, Decimal(inv), {kind}, status, None if start is None else int(start), lbl or "")
    for proj, (p, inv, ks, status, start, lbl) in sorted(found.items()):
        project = Project(iri=proj, investment=inv, kinds=frozenset(ks), status=status, start_year=start, label=lbl)
        for f in by_park.get(p, ()):
            f.projects.append(project)
    return out
