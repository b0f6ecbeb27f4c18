"""pyshacl is the reference: its report on the criteria shapes agrees with the engine's per-indicator verdicts,
and the veto shape (shapes/veto.ttl) flags exactly the park-years the engine vetoes — on the sample data and on a
generated dataset. Disagreements are listed with pyshacl's message and the engine's trace."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from reasoner import shacl_sparql
from reasoner.ingest.validate import run_pyshacl, shacl_results
from reasoner.namespaces import PS, RDF, RESULT
from reasoner.policy import LEVELS, criteria
from reasoner.rating import Rating, rate_store
from reasoner.rating.shacl import criteria_shapes, veto_shapes, violations
from reasoner.store import SHAPES_KEY, OxigraphStore, SourceGraph
from tests.rating.scenario import ntriples, scenarios

OBSERVATIONS = """CONSTRUCT { ?o a ps:IndicatorObservation ; ps:indicator ?i ; ps:value ?v ; ps:benchmark ?b }
WHERE { ?o a ps:IndicatorObservation ; ps:indicator ?i ; ps:value ?v . OPTIONAL { ?o ps:benchmark ?b } }"""


def _graph(store: OxigraphStore, construct: str) -> Graph:
    return Graph().parse(data=store.query(construct).serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")


def _engine_failures(ratings: list[Rating]) -> set[tuple[URIRef, int]]:
    """(observation, level) for every level whose criterion the engine says the observation does not meet."""
    return {(URIRef(res.observation), lv) for r in ratings for res in r.indicators.values() if res.observation
            for lv in LEVELS if lv not in res.met}


def _agree(store: OxigraphStore, ratings: list[Rating], edition: str) -> None:
    """One pyshacl run over all criterion shapes of the edition; each violated shape names its level(s)."""
    levels_of: dict[URIRef | BNode, set[int]] = {}
    for c in criteria(edition):
        levels_of.setdefault(c.shape, set()).add(c.level)
    data = _graph(store, OBSERVATIONS)
    found = {(focus, lv) for focus, shapes in violations(data, criteria_shapes(edition)).items()
             for shape in shapes for lv in levels_of[shape]}
    engine = _engine_failures(ratings)
    where = {URIRef(res.observation): f"{r.code} {r.year} {res.code}={res.value} (benchmark {res.benchmark})"
             for r in ratings for res in r.indicators.values()}
    only_shacl = sorted(f"{where.get(f, f)} at {lv}" for f, lv in found - engine)
    only_engine = sorted(f"{where[f]} at {lv}" for f, lv in engine - found)
    assert not only_shacl and not only_engine, (
        f"edition {edition}: pyshacl alone flags {only_shacl[:10]}; the engine alone fails {only_engine[:10]}")
    assert {lv for _, lv in engine} == set(LEVELS), "the comparison should see failures at every level"


@pytest.mark.parametrize("edition", ["2020-a", "2020-c"])
def test_pyshacl_agrees_on_the_sample(sample_store: OxigraphStore, edition: str) -> None:
    _agree(sample_store, rate_store(sample_store, [2021, 2022, 2023, 2024], edition=edition), edition)


@pytest.mark.parametrize("edition", ["2020-a", "2020-c"])
def test_pyshacl_agrees_on_generated_data(generated_store: OxigraphStore, edition: str) -> None:
    _agree(generated_store, rate_store(generated_store, [2023, 2024], edition=edition), edition)


CANDIDATES = """CONSTRUCT { ?i ps:incidentPark ?p ; ps:severity ?s ; ps:incidentType ?t ; ps:incidentDate ?d }
WHERE { ?i a ps:Incident ; ps:incidentPark ?p ; ps:severity ?s ; ps:incidentType ?t ; ps:incidentDate ?d }"""


def _candidates(ratings: list[Rating], as_of: dt.date | None) -> Graph:
    """A three-star rating for every park-year, as if no veto existed: what the veto shape must catch."""
    g = Graph()
    for r in ratings:
        node = URIRef(f"{RESULT}candidate/{r.code}/{r.year}")
        g.add((node, RDF.type, PS.StarRating))
        g.add((node, PS.ratedPark, URIRef(r.park)))
        g.add((node, PS.starLevel, PS.ThreeStar))
        g.add((node, PS.assessmentDate, Literal(as_of or dt.date(r.year, 12, 31))))
    return g


@pytest.mark.parametrize(("which", "years", "as_of"), [
    ("sample", [2023, 2024], None), ("sample", [2024], dt.date(2024, 6, 30)), ("sample", [2024], dt.date(2024, 2, 29)),
    ("generated", [2023], None)])
def test_veto_shape_agrees_with_the_engine(request: pytest.FixtureRequest, which: str, years: list[int],
                                           as_of: dt.date | None) -> None:
    """A three-star candidate for every park-year: both veto constraints must flag exactly the vetoed ones."""
    store: OxigraphStore = request.getfixturevalue(f"{which}_store")
    ratings = rate_store(store, years, as_of=as_of)
    incidents = _graph(store, CANDIDATES)
    with_incidents = {str(p) for p in incidents.objects(None, PS.incidentPark)}
    # parks without any incident can be flagged by neither; keep a few of them as a check
    quiet = [r for r in ratings if r.park not in with_incidents]
    ratings = [r for r in ratings if r.park in with_incidents] + quiet[:5]
    data = _candidates(ratings, as_of) + incidents + store.to_rdflib([SHAPES_KEY])
    found = violations(data, veto_shapes())
    # the same shape as one SPARQL query over all ratings (reasoner.shacl_sparql) gives pyshacl's results
    _, report = run_pyshacl(data, veto_shapes())
    slow = sorted((str(r.focus), str(r.value)) for r in shacl_results(report))
    fast = sorted((str(r.focus), str(r.value)) for r in shacl_sparql.validate(data, veto_shapes()))
    assert fast == slow, f"pyshacl {slow}\nshacl_sparql {fast}"
    assert len(slow) == 2 * len(found), "both constraints fire for each vetoed candidate (a star, no ps:vetoedBy)"
    flagged = {str(f).rsplit("candidate/", 1)[1] for f in found}
    vetoed = {f"{r.code}/{r.year}" for r in ratings if r.vetoed}
    if as_of is None:
        assert vetoed, "the data should hold vetoed park-years"
    assert flagged == vetoed, f"pyshacl alone: {sorted(flagged - vetoed)}; engine alone: {sorted(vetoed - flagged)}"


def test_veto_shape_agrees_with_the_engine_on_every_grade() -> None:
    """三.3 "重大" is read as 重大及以上: on the veto scenarios (an incident of each of the four grades 特别重大, 重大,
    较大, 一般 inside the window, and on its edges) pyshacl flags exactly the parks the engine and the scenario file
    veto — the 特别重大 ones among them."""
    cases = [s for s in scenarios() if s.file == "veto.json" and s.as_of is None]
    assert {s.facts.year for s in cases} == {2024}
    store = OxigraphStore(None)
    nt = ntriples([s.facts for s in cases])
    store.replace_sources([SourceGraph("scenarios", "veto.nt", "rdf", nt, nt.count(b"\n"))])
    ratings = rate_store(store, [2024])
    data = _candidates(ratings, None) + _graph(store, CANDIDATES) + store.to_rdflib([SHAPES_KEY])
    found = violations(data, veto_shapes())
    _, report = run_pyshacl(data, veto_shapes())
    slow = sorted((str(r.focus), str(r.value)) for r in shacl_results(report))
    fast = sorted((str(r.focus), str(r.value)) for r in shacl_sparql.validate(data, veto_shapes()))
    assert fast == slow, f"pyshacl {slow}\nshacl_sparql {fast}"
    flagged = {str(f).rsplit("candidate/", 1)[1].rsplit("/", 1)[0] for f in found}
    vetoed = {r.code for r in ratings if r.vetoed}
    traces = "\n".join(f"{r.code}: " + "; ".join(f"{t.observed} → {t.verdict}（{t.note}）" for t in r.trace
                                                 if t.clause == "三.3") for r in ratings)
    assert flagged == vetoed, (f"pyshacl alone: {sorted(flagged - vetoed)}; engine alone: "
                               f"{sorted(vetoed - flagged)}\n{traces}")
    expected = {s.facts.code for s in cases if s.expect.get("vetoed")}
    assert vetoed == expected, f"engine {sorted(vetoed)} != scenario file {sorted(expected)}\n{traces}"
    especially = {s.facts.code for s in cases
                  if s.expect.get("vetoed") and {i["severity"] for i in s.data["incidents"]} == {"特别重大"}}
    assert len(especially) >= 2 and especially <= flagged, f"{sorted(especially)} not all flagged\n{traces}"


@pytest.mark.parametrize(("edition", "level"), [("2020-c", 3), ("2020-a", 4)])
def test_pyshacl_per_edition_and_level(sample_store: OxigraphStore, edition: str, level: int) -> None:
    """The shapes of one edition and one level alone (2020-c has no three-star revenue shape)."""
    ratings = rate_store(sample_store, [2024], edition=edition)
    data = _graph(sample_store, OBSERVATIONS.replace("ps:value ?v .", "ps:value ?v ; ps:year 2024 ."))
    found = set(violations(data, criteria_shapes(edition, level)))
    engine = {f for f, lv in _engine_failures(ratings) if lv == level}
    assert found == engine, f"pyshacl alone {sorted(found - engine)[:10]}; engine alone {sorted(engine - found)[:10]}"
    if edition == "2020-c":
        assert not any(str(f).endswith("/I1") for f in found), "no revenue threshold at three-star in 2020-c"
