"""Saved what-if scenarios: ratings (and the measure answers resting on them) computed with options other than the
defaults and kept under a name, beside the official results and never over them.

The official results are the sources ``parkstar:ratings/…`` and ``parkstar:measures/…`` (``rating.writeback``,
``measures.writeback``). A scenario of one year is one source of its own, ``parkstar:scenario/<name>/<year>``, of the
named-only template ``scenario``: the store leaves it out of the union default graph, so only a query that names its
graph sees it. Its ratings and answers have IRIs of their own (``…/scenario/<name>/…``) and are ``ps:inScenario``
the scenario; its rating run records the options (criteria edition, strict rule, the assessment date asked as
``ps:asOfDate``) and when it ran. Saving a name again for the same year replaces that one source, and nothing else.
A scenario is a snapshot: loading new evidence re-rates the official results, never a scenario.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from . import queries
from .ingest.sink import lit, lit_date
from .measures.model import Answer
from .measures.writeback import ntriples as answer_ntriples
from .namespaces import EDITION, PS, RDF, RDFS, RESULT
from .policy import DEFAULT_READINGS, Readings, policy
from .rating.model import Rating
from .rating.rules import load_rules
from .rating.writeback import RESULT_TEMPLATES, input_sources
from .rating.writeback import ntriples as rating_ntriples
from .store import SCENARIO_TEMPLATE, OxigraphStore, SourceGraph

SOURCE_PREFIX = "parkstar:scenario/"
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
"""A scenario's name: a short slug (it becomes part of source keys and IRIs)."""


class ScenarioError(ValueError):
    """A scenario cannot be saved or read as asked."""


class ScenarioNameError(ScenarioError):
    """Not a usable scenario name."""

    def __init__(self, name: str) -> None:
        super().__init__(f"情景名称“{name}”无效：须为 1–32 个小写英文字母、数字、连字符或下划线，以字母或数字开头"
                         f"（如 strict-2024）/ invalid scenario name {name!r}: use 1–32 lowercase letters, digits, "
                         "'-' or '_', starting with a letter or digit (e.g. strict-2024)")
        self.name = name


class UnknownScenario(ScenarioError):
    """No scenario of this name is saved (for the year asked)."""

    def __init__(self, name: str, year: int | None = None) -> None:
        when = f" {year} 年" if year is not None else ""
        when_en = f" for {year}" if year is not None else ""
        super().__init__(f"没有已保存的{when}假设情景“{name}”（parkstar scenarios 列出已保存的情景）/ no scenario "
                         f"{name!r} saved{when_en} (parkstar scenarios lists them)")
        self.name, self.year = name, year


@dataclass(frozen=True)
class Scenario:
    """A scenario to save: its name and the options its results were computed with (None: the default)."""

    name: str
    edition: str | None = None
    strict: bool = False
    as_of: dt.date | None = None
    readings: Readings = DEFAULT_READINGS


@dataclass(frozen=True)
class SavedScenario:
    """A scenario as stored for one year: its options, when it was saved, whether measure answers were saved with
    its ratings, and its source."""

    name: str
    year: int
    edition: str
    strict: bool
    as_of: dt.date | None
    saved_at: str
    measures: bool
    key: str
    graph: str
    readings: dict[str, str] = field(default_factory=dict)
    """The readings chosen other than the defaults (reading key → alternative)."""


def scenario_name(text: str) -> str:
    """``text`` when it is a usable scenario name.

    Raises:
        ScenarioNameError: it is not.
    """
    if not NAME_PATTERN.fullmatch(text):
        raise ScenarioNameError(text)
    return text


def source_key(name: str, year: int) -> str:
    """The store's source key of a scenario's results of one year."""
    return f"{SOURCE_PREFIX}{name}/{year}"


def parse_source_key(key: str) -> tuple[str, int] | None:
    """The (name, year) a scenario's source key names; None for other keys."""
    if not key.startswith(SOURCE_PREFIX):
        return None
    name, _, year = key[len(SOURCE_PREFIX):].partition("/")
    if not NAME_PATTERN.fullmatch(name) or not year.isdigit():
        return None
    return name, int(year)


def scenario_iri(name: str) -> str:
    """The IRI of a scenario (the ``ps:Scenario`` its results are ``ps:inScenario``)."""
    return str(RESULT[f"scenario/{name}"])


def save(store: OxigraphStore, scenario: Scenario, ratings: Sequence[Rating], answers: Sequence[Answer] = (),
         started: dt.datetime | None = None) -> list[str]:
    """Store the ratings (all parks of each year: ranks depend on them) and the answers resting on them as the
    scenario's source of each year, replacing what that name held for the year; all in one atomic switch. The
    official results are not touched.

    Returns:
        The source keys written.

    Raises:
        ScenarioNameError: not a usable name. ScenarioError: nothing to save, or ratings of one year under
            different editions or strictness (one scenario has one set of options).
    """
    name = scenario_name(scenario.name)
    began = started or dt.datetime.now(dt.UTC)
    years: dict[int, list[Rating]] = defaultdict(list)
    for r in ratings:
        years[r.year].append(r)
    if not years:
        raise ScenarioError(f"没有可保存的评定结果 / nothing to save in scenario {name!r}")
    by_year: dict[int, list[Answer]] = defaultdict(list)
    for a in answers:
        by_year[a.year].append(a)
    ended = dt.datetime.now(dt.UTC)
    token = uuid.uuid4().hex[:12]
    used = input_sources(store, *RESULT_TEMPLATES)  # the data, not the official results
    iri = scenario_iri(name)
    node = f"<{iri}>"
    sources = []
    for year, batch in sorted(years.items()):
        options = {(r.edition, r.strict) for r in batch}
        if len(options) != 1:
            raise ScenarioError(f"{year} 年的评定结果混有不同版本或严格程度 / the ratings of {year} mix editions or "
                                "strictness")
        [(edition, strict)] = options
        stamp = f"{began.strftime('%Y%m%dT%H%M%S')}-{token}/{year}"
        run = str(RESULT[f"scenario/{name}/run/{stamp}"])
        rules = load_rules(edition, year, strict, scenario.readings)
        data, _ = rating_ntriples(batch, rules, run, began, ended, used, (name, iri))
        head = f'{node} <{RDF.type}> <{PS.Scenario}> .\n{node} <{RDFS.label}> {lit(name)} .\n'
        if scenario.as_of is not None:
            head += f"<{run}> <{PS.asOfDate}> {lit_date(scenario.as_of)} .\n"
        pol = policy()
        for key, alt in scenario.readings.chosen:
            head += f"<{run}> <{PS.usedReading}> <{pol.reading(key).alternative(alt).iri}> .\n"
        data = head.encode("utf-8") + data
        if by_year.get(year):
            data += answer_ntriples(by_year[year], str(RESULT[f"scenario/{name}/measure-run/{stamp}"]), began, ended,
                                    used, (name, iri))
        sources.append(SourceGraph(key=source_key(name, year), file_name=f"假设情景 {name} {year}",
                                   template=SCENARIO_TEMPLATE, ntriples=data, triple_count=data.count(b"\n")))
    store.replace_sources(sources)
    store.flush()
    return [s.key for s in sources]


def saved(store: OxigraphStore, name: str | None = None) -> list[SavedScenario]:
    """The saved scenarios (of ``name``), by name and year, with their options; one query over their graphs."""
    found = {s.graph: (s, parsed) for s in store.sources()
             if s.template == SCENARIO_TEMPLATE and (parsed := parse_source_key(s.key)) is not None
             and (name is None or parsed[0] == name)}
    if not found:
        return []
    rows = queries.select(store, "scenarios/saved", g=[ox.NamedNode(g) for g in found])
    by_iri = {str(a.iri): (r.key, a.key) for r in policy().readings.values() for a in r.alternatives}
    out = []
    for row in rows:
        chosen = dict(sorted(by_iri[i] for i in str(row.get("readings") or "").split() if i in by_iri))
        src, (n, year) = found[row["g"]]
        edition = row["edition"][len(str(EDITION)):] if row["edition"].startswith(str(EDITION)) else row["edition"]
        out.append(SavedScenario(name=n, year=year, edition=edition, strict=bool(row["strict"]),
                                 as_of=row["asOf"], saved_at=src.loaded_at, measures=bool(row["measures"]),
                                 key=src.key, graph=src.graph, readings=chosen))
    return sorted(out, key=lambda s: (s.name, s.year))


def levels(store: OxigraphStore, name: str, year: int) -> dict[str, int] | None:
    """Park code → star count (0 below three stars) in the scenario ``name`` of ``year``, in one query; None when
    that scenario is not saved for the year.

    Raises:
        ScenarioNameError: not a usable name.
    """
    src = store.source(source_key(scenario_name(name), year))
    if src is None:
        return None
    rows = queries.select(store, "rating/stored-levels", g=ox.NamedNode(src.graph))
    return {r["code"]: int(r["n"]) for r in rows}
