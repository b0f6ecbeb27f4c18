"""Measure scenario files (tests/scenarios/measures/*.json): a park-year's facts, the measure asked, the date asked
as of, and the answer expected.

Indicator values, incidents and designations are read as the rating scenarios read them (``tests/rating/scenario.py``:
``"@4*1.2"`` is 20 % above the four-star threshold, ``base`` sets I1–I9). On top of that a case may give: ``park``
(its ``type`` and ``manufacturing_led``, 三.1), ``previous`` (indicator values of the year before, e.g. I10 for M7),
``projects`` (``kind``, ``mature``, ``library``: true / false / null for unknown; ``status``: 谋划签约 / 在建 /
建成投产, default 在建, null for unknown), ``assessment`` (``developsWell``, ``energyRetrofitStrong``,
``localEnergyTargetMet``: true / false / null), ``as_of``, ``readings`` (reading key → alternative). ``expect``:
``answer`` (yes / no / undetermined; for a per-project measure the answer of each project in order as ``answers``),
``missing`` and ``because`` (phrases that must appear), ``absent`` (the measure is not in force on the date asked).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reasoner.ingest.vocab import lookup
from reasoner.namespaces import DCTERMS, PARK, PROJ, PROV, PS, RDF, RDFS, SRC, XSD
from reasoner.policy import DEFAULT_READINGS, Readings
from reasoner.rating.model import ParkFacts
from tests.rating.scenario import build, ntriples

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios" / "measures"
ASSESSMENT_PROPS = {"developsWell": PS.developsWell, "energyRetrofitStrong": PS.energyRetrofitStrong,
                    "localEnergyTargetMet": PS.localEnergyTargetMet}
SOURCE_TITLE = "场景地方评估与项目清单（合成）"


@dataclass
class Case:
    """One case of a measure scenario file."""

    file: str
    name: str
    clause: str
    measure: str
    code: str
    year: int
    as_of: dt.date | None
    facts: ParkFacts
    previous: ParkFacts | None
    data: dict[str, Any]
    expect: dict[str, Any] = field(default_factory=dict)
    readings: Readings = DEFAULT_READINGS

    @property
    def id(self) -> str:
        return f"{self.file}::{self.measure}::{self.name}"


def _bool(v: Any) -> str:
    return f'"{"true" if v else "false"}"^^<{XSD.boolean}>'


def extra_ntriples(c: Case) -> str:
    """The case's projects and assessment (what the rating scenarios do not write)."""
    p = f"<{c.facts.park}>"
    src = f"<{SRC['measure-scenario']}>"
    lines = [f'{src} <{RDF.type}> <{PS.SourceDocument}> .', f'{src} <{DCTERMS.title}> "{SOURCE_TITLE}" .']
    for n, pr in enumerate(c.data.get("projects", [])):
        s = f"<{PROJ[f'{c.code}-{n}']}>"
        kind = lookup(PS.ProjectKind, pr.get("kind", "一般产业项目"))
        lines += [f"{s} <{RDF.type}> <{PS.Project}> .", f"{s} <{PS.projectPark}> {p} .",
                  f'{s} <{RDFS.label}> "{c.code} 项目 {n}（合成）"@zh .', f"{s} <{PS.projectKind}> <{kind}> .",
                  f'{s} <{PS.investment}> "{pr.get("investment", 5)}"^^<{XSD.decimal}> .',
                  f"{s} <{PROV.wasDerivedFrom}> {src} ."]
        status = pr.get("status", "在建")
        if status is not None:
            lines.append(f"{s} <{PS.projectStatus}> <{lookup(PS.ProjectStatus, status)}> .")
        for key, prop in (("mature", PS.mature), ("library", PS.meetsLibraryConditions)):
            if pr.get(key) is not None:
                lines.append(f"{s} <{prop}> {_bool(pr[key])} .")
    a = c.data.get("assessment")
    if a is not None:
        s = f"<{PARK[c.code]}/assessment/{c.year}>"
        lines += [f"{s} <{RDF.type}> <{PS.LocalAssessment}> .", f"{s} <{PS.assessedPark}> {p} .",
                  f'{s} <{PS.year}> "{c.year}"^^<{XSD.integer}> .', f"{s} <{PROV.wasDerivedFrom}> {src} ."]
        for key, prop in ASSESSMENT_PROPS.items():
            if a.get(key) is not None:
                lines.append(f"{s} <{prop}> {_bool(a[key])} .")
    return "\n".join(lines) + "\n"


def case_ntriples(cases: list[Case]) -> bytes:
    """Every case's facts as N-Triples (indicators, incidents… as the rating scenarios write them, plus ours)."""
    facts = [c.facts for c in cases] + [c.previous for c in cases if c.previous is not None]
    return ntriples(facts) + "".join(extra_ntriples(c) for c in cases).encode("utf-8")


def cases() -> Iterator[Case]:
    """Every case of every measure scenario file, with park codes unique across files."""
    index = 0
    for path in sorted(SCENARIOS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for raw in doc["cases"]:
            index += 1
            data = copy.deepcopy(raw)
            code = f"MS-{path.stem}-{index:03d}"
            rating_case = {k: v for k, v in data.items() if k not in ("projects", "previous", "assessment")}
            rating_case["park"] = {**data.get("park", {}), "code": code}
            built = build(path.name, index, rating_case)
            previous = None
            if "previous" in data:
                prev_case = dict(rating_case, year=built.facts.year - 1, indicators=data["previous"])
                previous = build(path.name, index, prev_case).facts
                # only the indicators given for the previous year, so the case says what it means
                previous.observations = {k: v for k, v in previous.observations.items() if k in data["previous"]}
                previous.incidents, previous.designations = [], []
            as_of = data.get("as_of")
            yield Case(path.name, data["name"], data.get("clause", ""), data["measure"], code, built.facts.year,
                       dt.date.fromisoformat(as_of) if as_of else None, built.facts, previous, data,
                       data.get("expect", {}), built.readings)
