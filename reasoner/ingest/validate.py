"""Runs the evidence shapes (the policy's, :func:`reasoner.policy.evidence_shapes`) with pyshacl and places each
result on the sheet.

pyshacl runs over rdflib graphs: the incoming data, the ontology, and the parks already stored (so that an
observation may name a park loaded earlier). Each result becomes a :class:`Problem` naming file, row and column
when the focus node came from a spreadsheet, or the node when it came from an RDF file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..namespaces import SH, local
from ..policy import evidence_shapes, label
from ..resources import ontology_graph
from .problems import Problem
from .sink import TripleSink

__all__ = ["ENGINES", "Origin", "ShaclResult", "evidence_results", "evidence_shapes", "ontology_ntriples",
           "run_pyshacl", "shacl_results", "validate_evidence"]


@dataclass
class Origin:
    """Where a file's nodes came from, to place validation results: file, node → row, property → column
    (all keyed by IRI strings)."""

    file: str
    sink: TripleSink
    rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class ShaclResult:
    """One pyshacl validation result, reduced to what a person needs."""

    focus: Node
    path: Node | None
    value: Node | None
    message_zh: str
    message_en: str
    shape: Node | None
    severity: str


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def shacl_results(report: Graph) -> list[ShaclResult]:
    """The validation results of a pyshacl report graph."""
    out = []
    for r in report.subjects(SH.resultSeverity, None):
        msgs = [m for m in report.objects(r, SH.resultMessage) if isinstance(m, Literal)]
        # pyshacl drops the language tags of SPARQL-constraint messages: tell the languages apart by script
        zh = next((str(m) for m in msgs if m.language == "zh" or (m.language is None and _has_cjk(str(m)))), "")
        en = next((str(m) for m in msgs if m.language == "en" or (m.language is None and not _has_cjk(str(m)))), "")
        sev = report.value(r, SH.resultSeverity)
        focus = report.value(r, SH.focusNode)
        assert focus is not None, "a SHACL result always has a focus node"
        out.append(ShaclResult(
            focus=focus, path=report.value(r, SH.resultPath),
            value=report.value(r, SH.value), message_zh=zh or en, message_en=en or zh,
            shape=report.value(r, SH.sourceShape), severity=str(sev).rsplit("#", 1)[-1],
        ))
    return out


def run_pyshacl(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    """pyshacl as parkstar runs it: SHACL-AF on (SPARQL targets), no inference, no mixing of graphs."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, advanced=True, inference="none",
                                           allow_warnings=True, abort_on_first=False)
    assert isinstance(report, Graph)
    return bool(conforms), report


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return label(node, "zh", fallback=False) or local(str(node))
    return str(node)


ENGINES = ("sparql", "pyshacl")
"""``pyshacl`` runs the shapes as they are (the reference); ``sparql`` compiles them to one SPARQL query per
constraint over Oxigraph (``reasoner.shacl_sparql``), proved to give pyshacl's verdicts by the tests."""


@cache
def ontology_ntriples() -> bytes:
    """The ontology as N-Triples (parsed once per process)."""
    return ontology_graph().serialize(format="nt", encoding="utf-8")


def evidence_results(data: Graph | bytes, engine: str = "sparql") -> list[ShaclResult]:
    """The evidence shapes' violations in ``data`` (a graph, or N-Triples bytes) by the chosen engine."""
    if engine == "pyshacl":
        if isinstance(data, bytes):
            data = Graph().parse(data=data, format="nt")
        conforms, report = run_pyshacl(data, evidence_shapes())
        return [] if conforms else shacl_results(report)
    if engine == "sparql":
        from ..shacl_sparql import validate

        return [ShaclResult(r.focus, r.path, r.value, r.message_zh, r.message_en, r.shape, r.severity)
                for r in validate(data, evidence_shapes())]
    raise ValueError(f"unknown validation engine {engine!r}; choose one of {ENGINES}")


def validate_evidence(origins: list[Origin], context: bytes = b"", engine: str = "sparql") -> list[Problem]:
    """Validate incoming data (with the stored context, N-Triples) against the evidence shapes; one Problem per
    result.

    Results whose focus node is only in the context (facts already stored) are not the incoming data's fault and
    are left out.
    """
    data = b"".join([*(o.sink.ntriples() for o in origins), ontology_ntriples(), context])
    problems: list[Problem] = []
    for r in evidence_results(data, engine):
        focus = str(r.focus)
        origin = next((o for o in origins if focus in o.sink), None)
        if origin is None:
            continue
        name = label(r.path, "zh", fallback=False) if isinstance(r.path, URIRef) else ""
        column = None
        if isinstance(r.path, URIRef):
            column = origin.cells.get((focus, str(r.path))) or origin.columns.get(str(r.path))
        problems.append(Problem(
            file=origin.file, row=origin.rows.get(focus), column=column or name or _short(r.path),
            reason_zh=r.message_zh, reason_en=r.message_en,
            value=None if r.value is None else _short(r.value), focus=str(r.focus),
        ))
    unique = {(p.file, p.row, p.column, p.reason_zh, p.value if p.row is None else None): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.file, p.row or 0, p.column or ""))


