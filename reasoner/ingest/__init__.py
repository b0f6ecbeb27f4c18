"""Ingest: files in → checked RDF → one named graph per source in the store, all or nothing.

``prepare`` reads and checks every file (spreadsheet cells, units, credit codes, duplicates, the evidence
shapes) and raises :class:`IngestError` with every problem found; ``load`` then writes the lot in one switch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .. import queries
from ..namespaces import PREFIXES, PS, RDF
from ..store import OxigraphStore, SourceGraph
from .convert import convert
from .problems import IngestError, Problem
from .sink import TripleSink
from .tabular import read_table
from .templates import templates
from .validate import Origin, validate_evidence

__all__ = ["IngestError", "LoadReport", "Prepared", "Problem", "load", "prepare", "source_files"]

SPREADSHEET_SUFFIXES = {".csv", ".xlsx"}
RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
               ".json": ox.RdfFormat.JSON_LD}
MAIN_CLASSES = (PS.Park, PS.IndicatorObservation, PS.AnnualRevenue, PS.Project, PS.Incident, PS.Designation,
                PS.RatingAnnouncement)
"""Classes whose instances one source alone may describe: a second source with the same one is a duplicate."""

Progress = Callable[[str, int, int], None]


@dataclass
class Prepared:
    """A file read, converted and checked, ready to be stored under ``key``."""

    key: str
    file: str
    template: str
    sink: TripleSink
    sha256: str
    origin: Origin
    conversions: list[str] = field(default_factory=list)
    encoding: str = ""

    @property
    def triples(self) -> int:
        """How many triples the file gives."""
        return len(self.sink)

    @property
    def graph(self) -> Graph:
        """The file's triples as an rdflib graph (built on demand; large files are better read as N-Triples)."""
        return self.sink.graph()


@dataclass
class LoadReport:
    """What a load stored."""

    sources: list[Prepared]
    triples: int

    def summary(self) -> list[tuple[str, str, int]]:
        """(file, template, triples) per source."""
        return [(p.file, p.template, p.triples) for p in self.sources]


def source_files(paths: Sequence[Path]) -> list[Path]:
    """Expand folders into the files parkstar can read (by extension), in a stable order."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir()
                          if f.is_file() and f.suffix.lower() in SPREADSHEET_SUFFIXES | set(RDF_FORMATS))
        else:
            out.append(p)
    return out


def _read_rdf(path: Path, data: bytes, name: str) -> tuple[TripleSink, list[Problem]]:
    """Parse an RDF file with Oxigraph's parsers (their errors name line and column)."""
    fmt = RDF_FORMATS[path.suffix.lower()]
    sink = TripleSink()
    try:
        quads = list(ox.parse(data, format=fmt))
    except (SyntaxError, ValueError, OSError) as e:
        msg = " ".join(str(e).split())[:400]
        return sink, [Problem(name, None, None, f"RDF 语法错误（{fmt.name}）：{msg}", f"broken {fmt.name}: {msg}")]
    named = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
    if named:
        return sink, [Problem(name, None, None, "文件含命名图；每个导入文件本身就是一个命名图，请只写三元组",
                              "the file holds named graphs; each loaded file is a named graph itself: give triples")]
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    text = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    subjects = [t.subject.value if isinstance(t.subject, ox.NamedNode | ox.BlankNode) else str(t.subject)
                for t in triples]
    typed = [(s, t.object.value) for s, t in zip(subjects, triples, strict=True)
             if t.predicate.value == str(RDF.type) and isinstance(t.object, ox.NamedNode)]
    sink.add_ntriples(text.splitlines(keepends=True), typed, subjects)
    return sink, []


def read_one(path: Path, data: bytes | None = None, name: str | None = None,
             key: str | None = None) -> tuple[Prepared | None, list[Problem]]:
    """Read and convert one file without validating it against the shapes."""
    file = name or str(path)
    try:
        raw = path.read_bytes() if data is None else data
    except OSError as e:
        return None, [Problem(file, None, None, f"无法读取文件：{e.strerror}", f"cannot read the file: {e.strerror}")]
    digest = hashlib.sha256(raw).hexdigest()
    source_key = key or str(path.resolve())
    suffix = path.suffix.lower()
    if suffix in RDF_FORMATS:
        sink, problems = _read_rdf(path, raw, file)
        return Prepared(source_key, file, "rdf", sink, digest, Origin(file, sink)), problems
    if suffix not in SPREADSHEET_SUFFIXES:
        return None, [Problem(file, None, None,
                              f"不支持的文件类型 {suffix or '（无扩展名）'}（支持 .csv .xlsx .ttl .nt .jsonld）",
                              f"unsupported file type {suffix or '(none)'} (.csv .xlsx .ttl .nt .jsonld)")]
    try:
        table = read_table(path, raw, file)
    except IngestError as e:
        return None, e.problems
    conv = convert(table)
    origin = Origin(file, conv.sink, conv.rows, conv.columns, conv.cells)
    return (Prepared(source_key, file, conv.template.kind, conv.sink, digest, origin, conv.conversions,
                     table.encoding), conv.problems)


def _stored_context(store: OxigraphStore, replaced: set[str]) -> bytes:
    """The stored parks (all their facts) outside the sources being replaced, as N-Triples: what new data may
    refer to."""
    graphs = [s.graph for s in store.sources() if s.key not in replaced]
    if not graphs:
        return b""
    triples = store.raw.query(queries.bound("ingest/stored-parks", g=[ox.NamedNode(x) for x in graphs]),
                              prefixes=PREFIXES)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""  # type: ignore[arg-type]


def _duplicates(prepared: list[Prepared], store: OxigraphStore | None) -> list[Problem]:
    """Facts that another file of this load, or a stored source not being replaced, already gives."""
    problems: list[Problem] = []
    owner: dict[str, Prepared] = {}
    for p in prepared:
        for cls in MAIN_CLASSES:
            for s in sorted(p.sink.instances(str(cls))):
                if s in owner and owner[s] is not p:
                    problems.append(Problem(p.file, p.origin.rows.get(s), None,
                                            f"与同批文件 {owner[s].file} 重复",
                                            f"also given by {owner[s].file} in this load",
                                            focus=s))
                owner.setdefault(s, p)
    if store is None or not owner:
        return problems
    replaced = {p.key for p in prepared}
    others = {s.graph: s for s in store.sources() if s.key not in replaced}
    if not others:
        return problems
    for row in store.raw_select(queries.bound("ingest/stored-instances", g=[ox.NamedNode(g) for g in others],
                                              c=[ox.NamedNode(str(c)) for c in MAIN_CLASSES])):
        s = row["s"]
        if s in owner:
            p, src = owner[s], others[row["g"]]
            problems.append(Problem(p.file, p.origin.rows.get(s), None,
                                    f"已由已导入的来源 {src.file_name} 提供；如需更新请重新导入该来源",
                                    f"already given by the stored source {src.file_name}; "
                                    "reload that source to change it",
                                    focus=s))
    return problems


def prepare(paths: Sequence[Path], store: OxigraphStore | None = None, *, progress: Progress | None = None,
            names: dict[Path, str] | None = None, keys: dict[Path, str] | None = None,
            data: dict[Path, bytes] | None = None, engine: str = "sparql") -> list[Prepared]:
    """Read, convert and validate every file; raise :class:`IngestError` listing every problem.

    Args:
        paths: files or folders.
        store: the store the data will join (for references to stored parks and duplicate checks).
        progress: called as ``progress(stage, done, total)``.
        names: display names for files (uploads); keys: source keys; data: bytes already in hand.
        engine: how the evidence shapes run — ``sparql`` (fast, the default) or ``pyshacl`` (the reference).
    """
    files = source_files(paths)
    if not files:
        raise IngestError([Problem(", ".join(str(p) for p in paths), None, None,
                                   "没有可导入的文件（.csv .xlsx .ttl .nt .jsonld）",
                                   "no loadable files (.csv .xlsx .ttl .nt .jsonld)")])
    prepared: list[Prepared] = []
    problems: list[Problem] = []
    for i, f in enumerate(files):
        if progress:
            progress("读取 / reading", i, len(files))
        p, probs = read_one(f, (data or {}).get(f), (names or {}).get(f), (keys or {}).get(f))
        problems += probs
        if p is not None:
            prepared.append(p)
    if progress:
        progress("读取 / reading", len(files), len(files))
    problems += _duplicates(prepared, store)
    if progress:
        progress("校验 / validating (SHACL)", 0, 1)
    context = _stored_context(store, {p.key for p in prepared}) if store is not None else b""
    # a cell the converter already refused also fails its shape (it is missing): say it once
    refused = {(p.file, p.row, p.column) for p in problems}
    problems += [p for p in validate_evidence([p.origin for p in prepared], context, engine)
                 if (p.file, p.row, p.column) not in refused]
    if progress:
        progress("校验 / validating (SHACL)", 1, 1)
    if problems:
        raise IngestError(problems)
    return prepared


def to_source(p: Prepared) -> SourceGraph:
    """A prepared file as the store takes it."""
    return SourceGraph(key=p.key, file_name=p.file, template=p.template, ntriples=p.sink.ntriples(),
                       triple_count=p.triples, sha256=p.sha256)


def load(store: OxigraphStore, paths: Sequence[Path], *, progress: Progress | None = None,
         **kwargs: object) -> LoadReport:
    """Prepare every file, then store them all in one switch; on any problem nothing is written."""
    prepared = prepare(paths, store, progress=progress, **kwargs)  # type: ignore[arg-type]
    if progress:
        progress("写入 / storing", 0, 1)
    store.replace_sources([to_source(p) for p in prepared])
    store.flush()
    if progress:
        progress("写入 / storing", 1, 1)
    return LoadReport(prepared, sum(p.triples for p in prepared))


def template_kinds() -> list[str]:
    """The template kinds, for the CLI."""
    return list(templates())
