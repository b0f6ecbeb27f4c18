"""Scenario files (tests/scenarios/rating/*.json) read into facts, and facts written as RDF for a store.

A scenario gives a park-year's facts (the park's type and whether it is manufacturing-led among them: 三.1), the rating
options (edition, strict, as-of, readings) and what the rating must say.
Indicator values are numbers, ``null`` (missing), or expressions relative to the shapes' thresholds so that a case
says what it means: ``"@4"`` is the four-star threshold of the scenario's edition, ``"@4*0.9"`` exactly 10 % below
it, ``"@5*1.1"`` exactly "clearly above" five-star. ``base`` sets every one of I1–I9 at once. I10/I11 default to a
value below their benchmark; ``"=bench"`` puts the value exactly on it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reasoner.ingest.vocab import lookup
from reasoner.namespaces import DCTERMS, DESIG, ENT, INC, IND, OBS, PARK, PROJ, PROV, PS, RDF, RDFS, SRC, XSD
from reasoner.policy import DEFAULT_READINGS, AtLeast, Readings, criteria, policy
from reasoner.rating.model import Designation, Incident, Observation, ParkFacts, Project

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios" / "rating"
GREEN = ("I10", "I11")
GREEN_VALUE, GREEN_BENCH = Decimal("0.3"), Decimal("0.5")


@dataclass
class Scenario:
    """One case of a scenario file."""

    file: str
    name: str
    clause: str
    data: dict[str, Any]
    facts: ParkFacts
    edition: str | None
    strict: bool
    as_of: dt.date | None
    expect: dict[str, Any] = field(default_factory=dict)
    readings: Readings = DEFAULT_READINGS
    """The readings the case is rated under (``"readings": {"relaxation": "requirement"}``)."""

    @property
    def id(self) -> str:
        return f"{self.file}::{self.name}"


class NoThreshold(ValueError):
    """The indicator has no threshold at that level in that edition."""


def threshold(code: str, level: int, edition: str) -> Decimal:
    found = [c.threshold for c in criteria(edition)
             if isinstance(c, AtLeast) and c.indicator == code and c.level == level]
    if not found:
        raise NoThreshold(f"{code} has no threshold at level {level} in edition {edition}")
    return found[0]


def value(spec: Any, code: str, edition: str) -> Decimal | None:
    """A scenario value: number, null, or ``@L`` / ``@L*f`` relative to the threshold."""
    if spec is None:
        return None
    if isinstance(spec, int | float):
        return Decimal(str(spec))
    text = str(spec).strip()
    if text.startswith("@"):
        level, _, factor = text[1:].partition("*")
        t = threshold(code, int(level), edition)
        return t * Decimal(factor) if factor else t
    return Decimal(text)


def _code(park: dict[str, Any], index: int) -> str:
    return str(park.get("code", f"S-{index:03d}"))


def build(file: str, index: int, case: dict[str, Any]) -> Scenario:
    edition = case.get("edition") or "2020-a"
    year = int(case.get("year", 2024))
    park = case.get("park", {})
    code = _code(park, index)
    iri = str(PARK[code])
    facts = ParkFacts(park=iri, code=code, name=park.get("name", f"场景园区 {code}（合成）"), year=year,
                      park_type=str(lookup(PS.ParkType, park["type"])) if "type" in park else None,
                      manufacturing_led=park.get("manufacturing_led"))
    given = dict(case.get("indicators", {}))
    benches = case.get("benchmarks", {})
    for i in range(1, 10):
        c = f"I{i}"
        spec = given[c] if c in given else case.get("base", "@4*1.2")
        try:
            v = value(spec, c, edition)
        except NoThreshold:  # I1 has no three-star threshold in edition 2020-c: take the four-star one
            v = value(str(spec).replace("@3", "@4"), c, edition)
        if v is not None:
            facts.observations[c] = Observation(c, v, "", None, str(OBS[f"{code}/{year}/{c}"]), "场景数据（合成）")
    for c in GREEN:
        bench: Decimal | None = GREEN_BENCH
        if c in benches:
            bench = None if benches[c] is None else Decimal(str(benches[c]))
        spec = given.get(c, str(GREEN_VALUE))
        if spec is None:
            continue
        v = bench if spec == "=bench" else Decimal(str(spec))
        if v is None:
            continue
        facts.observations[c] = Observation(c, v, "", bench, str(OBS[f"{code}/{year}/{c}"]), "场景数据（合成）")
    for n, inc in enumerate(case.get("incidents", [])):
        facts.incidents.append(Incident(
            iri=str(INC[f"{code}-{n}"]), date=dt.date.fromisoformat(inc["date"]),
            severity=str(lookup(PS.Severity, inc["severity"])), type=str(lookup(PS.IncidentType, inc["type"])),
            description=inc.get("description", ""), source="场景事件通报（合成）"))
    for n, d in enumerate(case.get("designations", [])):
        facts.designations.append(Designation(
            iri=str(DESIG[f"{code}/{n}"]), kind=str(lookup(PS.DesignationKind, d["kind"])),
            level=str(lookup(PS.AdministrativeLevel, d["level"])), year=d.get("year")))
    for role, n in case.get("roles", {}).items():
        facts.roles[str(lookup(PS.EnterpriseRole, role))] = int(n)
    for n, p in enumerate(case.get("projects", [])):
        facts.projects.append(Project(
            iri=str(PROJ[f"{code}-{n}"]), investment=Decimal(str(p["investment"])),
            kinds=frozenset({str(lookup(PS.ProjectKind, p.get("kind", "重大引领性标志性项目")))}),
            status=str(lookup(PS.ProjectStatus, p["status"])) if p.get("status") else None,
            start_year=p.get("start")))
    as_of = case.get("as_of")
    return Scenario(file, case["name"], case.get("clause", ""), case, facts, case.get("edition"),
                    bool(case.get("strict", False)), dt.date.fromisoformat(as_of) if as_of else None,
                    case.get("expect", {}), policy().choose(case.get("readings", {})))


def scenarios() -> Iterator[Scenario]:
    """Every case of every scenario file; park codes are unique across files."""
    index = 0
    for path in sorted(SCENARIOS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            index += 1
            case.setdefault("park", {}).setdefault("code", f"S-{path.stem}-{index:03d}")
            yield build(path.name, index, case)


# ---------------------------------------------------------------------------------------------- facts as RDF
def _lit(v: Any, dtype: Any) -> str:
    return f'"{v}"^^<{dtype}>'


def ntriples(facts: list[ParkFacts]) -> bytes:
    """The facts in the ingest vocabulary (what ``parkstar load`` would store), as N-Triples."""
    lines: list[str] = []
    add = lines.append
    seen: set[str] = set()
    for f in facts:
        p = f"<{f.park}>"
        if f.park not in seen:
            seen.add(f.park)
            add(f'{p} <{RDF.type}> <{PS.Park}> .\n{p} <{PS.parkCode}> "{f.code}" .\n{p} <{RDFS.label}> "{f.name}"@zh .')
            if f.park_type is not None:
                add(f"{p} <{PS.parkType}> <{f.park_type}> .")
            if f.manufacturing_led is not None:
                add(f"{p} <{PS.manufacturingLed}> {_lit(str(f.manufacturing_led).lower(), XSD.boolean)} .")
        src = f"<{SRC['scenario']}>"
        add(f'{src} <{RDF.type}> <{PS.SourceDocument}> .\n{src} <{DCTERMS.title}> "场景数据（合成）" .')
        for o in f.observations.values():
            s = f"<{o.iri}>"
            add(f"{s} <{RDF.type}> <{PS.IndicatorObservation}> .\n{s} <{PS.observedPark}> {p} .\n"
                f"{s} <{PS.indicator}> <{IND[o.indicator]}> .\n{s} <{PS.year}> {_lit(f.year, XSD.integer)} .\n"
                f"{s} <{PS.value}> {_lit(format(o.value, 'f'), XSD.decimal)} .\n{s} <{PROV.wasDerivedFrom}> {src} .")
            if o.benchmark is not None:
                add(f"{s} <{PS.benchmark}> {_lit(format(o.benchmark, 'f'), XSD.decimal)} .")
        for i in f.incidents:
            s = f"<{i.iri}>"
            add(f"{s} <{RDF.type}> <{PS.Incident}> .\n{s} <{PS.incidentPark}> {p} .\n"
                f"{s} <{PS.incidentDate}> {_lit(i.date.isoformat(), XSD.date)} .\n"
                f"{s} <{PS.severity}> <{i.severity}> .\n{s} <{PS.incidentType}> <{i.type}> .")
        for d in f.designations:
            s = f"<{d.iri}>"
            add(f"{s} <{RDF.type}> <{PS.Designation}> .\n{s} <{PS.designatedPark}> {p} .\n"
                f"{s} <{PS.designationKind}> <{d.kind}> .\n{s} <{PS.designationLevel}> <{d.level}> .")
            if d.year is not None:
                add(f"{s} <{PS.designationYear}> {_lit(d.year, XSD.integer)} .")
        for role, n in f.roles.items():
            short = role.rsplit("#", 1)[-1]
            for k in range(n):
                e = f"<{ENT[f'{f.code}-{short}-{k}']}>"
                add(f"{e} <{RDF.type}> <{PS.Enterprise}> .\n{e} <{PS.inPark}> {p} .\n{e} <{PS.hasRole}> <{role}> .")
        for pr in f.projects:
            s = f"<{pr.iri}>"
            add(f"{s} <{RDF.type}> <{PS.Project}> .\n{s} <{PS.projectPark}> {p} .\n"
                f"{s} <{PS.investment}> {_lit(format(pr.investment, 'f'), XSD.decimal)} .")
            for k in pr.kinds:
                add(f"{s} <{PS.projectKind}> <{k}> .")
            if pr.status:
                add(f"{s} <{PS.projectStatus}> <{pr.status}> .")
            if pr.start_year is not None:
                add(f"{s} <{PS.startYear}> {_lit(pr.start_year, XSD.integer)} .")
    return ("\n".join(lines) + "\n").encode("utf-8")
