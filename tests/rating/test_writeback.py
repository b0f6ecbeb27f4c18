"""Ratings written back as RDF with PROV: queryable by SPARQL, one source per (year, edition, strictness) so that
rating again replaces, compact, and conforming to the veto shape (shapes/veto.ttl) — which catches a tampered one."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef

from reasoner.namespaces import PS, RDF
from reasoner.rating import Rating, load_rules, rate_store
from reasoner.rating.shacl import veto_shapes, violations
from reasoner.rating.writeback import rating_iri, source_key, write_ratings
from reasoner.store import SHAPES_KEY, OxigraphStore
from tests.rating.conftest import clone

YEAR = 2024


@pytest.fixture(scope="module")
def written(sample_store: OxigraphStore) -> tuple[OxigraphStore, list[Rating], list[str]]:
    store = clone(sample_store)
    ratings = rate_store(store, [2023, YEAR])
    keys = write_ratings(store, ratings)
    return store, ratings, keys


def test_one_source_per_year_and_edition(written: tuple[OxigraphStore, list[Rating], list[str]]) -> None:
    store, _, keys = written
    assert keys == [source_key(2023, "2020-a", False), source_key(YEAR, "2020-a", False)]
    assert {s.key for s in store.sources()} >= set(keys)


def test_levels_are_queryable(written: tuple[OxigraphStore, list[Rating], list[str]]) -> None:
    store, ratings, _ = written
    rows = store.select("""SELECT ?n (COUNT(?r) AS ?c) WHERE { ?r a ps:StarRating ; ps:year ?y ; ps:starLevel ?l ;
                           ps:edition edition:2020-a . ?l ps:starCount ?n } GROUP BY ?n""", y=YEAR)
    stored = {int(r["n"]): int(r["c"]) for r in rows}
    engine = Counter(r.level for r in ratings if r.year == YEAR and r.in_scope)
    assert stored == dict(engine), (stored, engine)
    outside = store.select("""SELECT ?c WHERE { ?r ps:inScope false ; ps:year ?y ; ps:ratedPark/ps:parkCode ?c
                              FILTER NOT EXISTS { ?r ps:starLevel ?l } }""", y=YEAR)
    assert [r["c"] for r in outside] == [r.code for r in ratings if r.year == YEAR and not r.in_scope] != [], outside
    demo = store.select("SELECT ?c WHERE { ?r ps:demonstration true ; ps:year ?y ; ps:ratedPark/ps:parkCode ?c }",
                        y=YEAR)
    assert sorted(r["c"] for r in demo) == sorted(r.code for r in ratings if r.year == YEAR and r.demonstration)


def test_veto_relaxation_and_missing_are_recorded(written: tuple[OxigraphStore, list[Rating], list[str]]) -> None:
    store, ratings, _ = written
    by = {r.code: r for r in ratings if r.year == YEAR}

    def objects(code: str, prop: str) -> set[str]:
        iri = rating_iri(code, YEAR, "2020-a", False)
        return {str(r["o"]) for r in store.select(f"SELECT ?o WHERE {{ <{iri}> ps:{prop} ?o }}")}

    assert objects("ZJ-QZ-001", "vetoedBy") == {i.iri for i in by["ZJ-QZ-001"].veto_incidents}
    assert objects("ZJ-QZ-001", "indicatorStarLevel") == {str(PS.FourStar)}
    assert objects("ZJ-JX-001", "relaxedIndicator") == {"https://w3id.org/parkstar/id/indicator/I2"}
    assert objects("ZJ-LS-001", "missingIndicator") == {"https://w3id.org/parkstar/id/indicator/I6"}
    assert store.ask(f"ASK {{ <{rating_iri('ZJ-LS-001', YEAR, '2020-a', False)}> ps:undetermined true }}")
    assert objects("ZJ-NB-001", "priorityDesignation"), "a green/beautiful park records its priority"
    items = store.select(f"""SELECT ?p ?n ?pts WHERE {{ <{rating_iri('ZJ-NB-001', YEAR, '2020-a', False)}>
                             ps:bonusItem [ ps:usedParameter ?p ; ps:itemCount ?n ; ps:bonusPoints ?pts ] }}""")
    assert sum(r["pts"] for r in items) == by["ZJ-NB-001"].bonus, items


def test_prov(written: tuple[OxigraphStore, list[Rating], list[str]]) -> None:
    store, ratings, _ = written
    rows = store.select("""SELECT ?run ?start ?ed ?d WHERE { ?r ps:year ?y ; prov:wasGeneratedBy ?run .
        ?run a ps:RatingRun ; prov:startedAtTime ?start ; ps:edition ?ed ; ps:assessmentDate ?d }""", y=YEAR)
    assert {(str(r["ed"]), str(r["d"])) for r in rows} == {("https://w3id.org/parkstar/id/edition/2020-a",
                                                           f"{YEAR}-12-31")}
    run = rows[0]["run"]
    params = {str(r["p"]) for r in store.select(f"SELECT ?p WHERE {{ <{run}> ps:usedParameter ?p }}")}
    assert params == set(load_rules(None, YEAR).parameters)
    assert any(p.endswith("VetoWindowYears") for p in params) and any(p.endswith("BonusGlobal500") for p in params)
    used = {str(r["g"]) for r in store.select(f"SELECT ?g WHERE {{ <{run}> prov:used ?g }}")}
    assert {s.graph for s in store.sources() if s.template == "indicators"} <= used
    derived = store.select("""SELECT ?r (COUNT(?o) AS ?n) WHERE { ?r ps:year ?y ; prov:wasDerivedFrom ?o .
                              ?o a ps:IndicatorObservation } GROUP BY ?r""", y=YEAR)
    want = {rating_iri(r.code, YEAR, "2020-a", False): len(r.observations_used) for r in ratings if r.year == YEAR}
    assert {str(r["r"]): int(r["n"]) for r in derived} == want


def test_rating_again_replaces_and_strict_is_kept_apart(
        written: tuple[OxigraphStore, list[Rating], list[str]]) -> None:
    store, ratings, _ = written
    count = "SELECT (COUNT(?r) AS ?n) WHERE { ?r a ps:StarRating ; ps:year ?y }"
    before = store.select(count, y=YEAR)[0]["n"]
    write_ratings(store, rate_store(store, [YEAR]))
    assert store.select(count, y=YEAR)[0]["n"] == before == len([r for r in ratings if r.year == YEAR])
    write_ratings(store, rate_store(store, [YEAR], strict=True))
    assert store.source(source_key(YEAR, "2020-a", True)) is not None
    assert store.select(count, y=YEAR)[0]["n"] == 2 * before
    jx = {int(r["n"]) for r in store.select(f"""SELECT ?n WHERE {{ ?r ps:ratedPark/ps:parkCode "ZJ-JX-001" ;
        ps:year {YEAR} ; ps:starLevel/ps:starCount ?n ; prov:wasGeneratedBy/ps:strictRule true }}""")}
    assert jx == {3}, "strictly, the relaxed four-star park is three-star"
    store.retract_source(source_key(YEAR, "2020-a", True))


def test_the_written_rdf_is_compact(written: tuple[OxigraphStore, list[Rating], list[str]]) -> None:
    store, ratings, keys = written
    info = store.source(keys[-1])
    assert info is not None
    per_rating = info.triple_count / len([r for r in ratings if r.year == YEAR])
    assert per_rating < 26, f"{per_rating:.1f} triples per rating"


def test_written_ratings_conform_to_the_veto_shape(written: tuple[OxigraphStore, list[Rating], list[str]]) -> None:
    store, ratings, _ = written
    incidents = [s.key for s in store.sources() if s.template == "incidents"]
    data = store.to_rdflib([source_key(YEAR, "2020-a", False), *incidents, SHAPES_KEY])
    # only ratings of parks with incidents can violate: keep those and five others as targets (pyshacl is slow)
    with_incidents = set(data.objects(None, PS.incidentPark))
    others = [r for r in data.subjects(RDF.type, PS.StarRating) if data.value(r, PS.ratedPark) not in with_incidents]
    for r in others[5:]:
        data.remove((r, RDF.type, PS.StarRating))
    found = violations(data, veto_shapes())
    assert not found, found
    vetoed = next(r for r in ratings if r.vetoed and r.year == YEAR)
    rating = URIRef(rating_iri(vetoed.code, YEAR, "2020-a", False))
    data.remove((rating, PS.starLevel, None))
    data.add((rating, PS.starLevel, PS.FourStar))
    data.remove((rating, PS.vetoedBy, None))
    found = violations(data, veto_shapes())
    assert set(found) == {rating}, found


def test_rating_unchanged_data_again_writes_nothing(written: tuple[OxigraphStore, list[Rating], list[str]]) -> None:
    store, _, keys = written
    before = {k: store.source(k) for k in keys}
    assert write_ratings(store, rate_store(store, [2023, YEAR])) == keys
    after = {k: store.source(k) for k in keys}
    assert after == before, f"an unchanged batch was written again: {before} -> {after}"
    strict = write_ratings(store, rate_store(store, [YEAR], strict=True))
    assert store.source(strict[0]) is not None and store.source(strict[0]) != before[source_key(YEAR, "2020-a", False)]
    store.retract_source(strict[0])


def test_storing_measure_answers_does_not_make_the_ratings_stale(sample_store: OxigraphStore) -> None:
    """A rating reads no measure answer: writing the year's answers leaves the next run's batch as it is (it used to
    list the answers among its inputs, so the unchanged ratings were written again after every measures write)."""
    from reasoner.measures import evaluate
    from reasoner.measures.writeback import write_answers

    store = clone(sample_store)
    ratings = rate_store(store, [YEAR])
    [key] = write_ratings(store, ratings)
    write_answers(store, evaluate(store, YEAR, ratings=ratings))
    before = store.source(key)
    assert write_ratings(store, rate_store(store, [YEAR])) == [key]
    assert store.source(key) == before, f"unchanged ratings were written again: {before} -> {store.source(key)}"
    run = store.select("SELECT ?run WHERE { ?r ps:ratedPark ?p ; prov:wasGeneratedBy ?run } LIMIT 1")[0]["run"]
    used = {str(r["g"]) for r in store.select(f"SELECT ?g WHERE {{ <{run}> prov:used ?g }}")}
    assert not used & {s.graph for s in store.sources() if s.template in ("ratings", "measures")}, used
