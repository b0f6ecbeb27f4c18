"""Fixtures of the measure tests: the bundled sample and the measure scenarios in in-memory stores."""

from __future__ import annotations

import pytest

from reasoner.ingest import load
from reasoner.measures import Answer, evaluate
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore, SourceGraph
from tests.measures.scenario import Case, case_ntriples, cases

CASES = list(cases())
SAMPLE_YEAR = 2024


@pytest.fixture(scope="session")
def sample_store() -> OxigraphStore:
    """The bundled sample (data/sample, assessments.csv included) as ``parkstar load`` loads it. Read-only."""
    store = OxigraphStore(None)
    load(store, [sample_dir()])
    return store


@pytest.fixture(scope="session")
def sample_answers(sample_store: OxigraphStore) -> list[Answer]:
    """Every provision for every park of the sample's last year."""
    return evaluate(sample_store, SAMPLE_YEAR)


@pytest.fixture(scope="session")
def scenario_store() -> OxigraphStore:
    """Every measure scenario's facts in one store (park codes are unique)."""
    store = OxigraphStore(None)
    data = case_ntriples(CASES)
    store.replace_sources([SourceGraph("measure-scenarios", "measure-scenarios.nt", "rdf", data, data.count(b"\n"))])
    return store


def trace_text(answers: list[Answer]) -> str:
    """The answers with every condition, verdict, fact and source — for assertion messages."""
    out = []
    for a in answers:
        out.append(f"{a.code} {a.provision.code} {a.project_code} → {a.answer.value}: {a.summary}")
        for c in a.conditions:
            out.append(f"    [{c.held}] {c.condition.text}: {c.why} | missing={c.missing}")
            for f in c.facts:
                out.append(f"        fact {f.kind} {f.iri} {f.text} ({f.source})")
                if f.rating is not None:
                    out += [f"            {t.criterion} | {t.threshold} | {t.observed} | {t.verdict} | {t.note}"
                            for t in f.rating.trace if t.verdict not in ("met", "n/a", "info")]
    return "\n".join(out)


__all__ = ["CASES", "Case", "trace_text"]
