"""Answers written back as RDF with PROV: one SPARQL query joins parks, their ratings and the measures; writing a
year again replaces it; unknown verdicts stay unknown (no ps:held); the run records its as-of date and sources."""

from __future__ import annotations

from reasoner.measures import Answer, Verdict
from reasoner.measures.writeback import source_key, write_answers
from reasoner.rating.writeback import write_ratings
from reasoner.store import OxigraphStore
from tests.measures.conftest import SAMPLE_YEAR
from tests.rating.conftest import clone

JOIN = """SELECT ?code ?stars ?m ?answer WHERE {
  ?a a ps:MeasureAnswer ; ps:answerPark ?park ; ps:provision ?p ; ps:answer ?v ; ps:year ?year ;
     ps:basedOnRating ?r .
  ?v skos:notation ?answer . ?p skos:notation ?m . ?park ps:parkCode ?code .
  ?r a ps:StarRating ; ps:starLevel/ps:starCount ?stars .
  FILTER NOT EXISTS { ?a ps:answerProject ?any }
}"""


def _stored(sample_store: OxigraphStore, answers: list[Answer]) -> OxigraphStore:
    store = clone(sample_store)
    ratings = list({a.rating.park: a.rating for a in answers if a.rating is not None}.values())
    write_ratings(store, ratings)
    assert write_answers(store, answers) == [source_key(SAMPLE_YEAR)]
    return store


def test_sparql_joins_parks_ratings_and_measures(sample_store: OxigraphStore, sample_answers: list[Answer]) -> None:
    store = _stored(sample_store, sample_answers)
    rows = store.select(JOIN, year=SAMPLE_YEAR)
    got = {(r["code"], r["m"]): (r["stars"], r["answer"]) for r in rows}
    want = {(a.code, a.provision.code): (a.rating.level, a.answer.value) for a in sample_answers
            if not a.project and a.rating is not None and a.rating.in_scope}  # 三.1: outside, no level is stored
    assert got == want, set(got.items()) ^ set(want.items())
    assert got[("ZJ-NB-001", "M11")] == (5, "yes")


def test_unknown_stays_unknown_and_lacking_is_written(sample_store: OxigraphStore,
                                                      sample_answers: list[Answer]) -> None:
    store = _stored(sample_store, sample_answers)
    rows = store.select("""SELECT ?lack ?held WHERE {
      ?a ps:answerPark/ps:parkCode "ZJ-JX-001" ; ps:provision/skos:notation "M7" ; ps:answer ps:Undetermined ;
         ps:lacking ?lack ; ps:conditionResult ?c .
      ?c ps:condition psh:CondLocalEnergyTarget . OPTIONAL { ?c ps:held ?held } }""")
    assert rows and all(r["held"] is None for r in rows), rows
    assert any("能耗强度降低目标" in r["lack"] for r in rows), rows


def test_facts_and_run_provenance(sample_store: OxigraphStore, sample_answers: list[Answer]) -> None:
    store = _stored(sample_store, sample_answers)
    rows = store.select("""SELECT ?fact ?run ?asof WHERE {
      ?a ps:answerPark/ps:parkCode "ZJ-NB-001" ; ps:provision/skos:notation "M5" ; ps:conditionResult ?c ;
         prov:wasGeneratedBy ?run .
      ?c prov:wasDerivedFrom ?fact .
      ?run a ps:MeasureRun ; ps:asOfDate ?asof ; ps:usedParameter psh:M5LandIntensityMin .
    }""")
    facts = {r["fact"] for r in rows}
    assert any("/observation/" in f for f in facts) and any("/assessment/" in f for f in facts), facts
    assert {str(r["asof"]) for r in rows} == {f"{SAMPLE_YEAR}-12-31"}


def test_writing_again_replaces_the_year(sample_store: OxigraphStore, sample_answers: list[Answer]) -> None:
    store = _stored(sample_store, sample_answers)
    count = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ps:MeasureAnswer }"
    n = store.select(count)[0]["n"]
    write_answers(store, sample_answers)
    assert store.select(count)[0]["n"] == n == len(sample_answers)
    assert sum(a.answer is Verdict.YES for a in sample_answers) > 0


def test_a_saved_scenario_holds_its_answers_and_ratings_in_one_graph_beside_the_official_ones(
        sample_store: OxigraphStore, sample_answers: list[Answer]) -> None:
    import datetime as dt

    import pyoxigraph as ox

    from reasoner import scenarios
    from reasoner.measures import evaluate
    from reasoner.rating import rate_store

    store = _stored(sample_store, sample_answers)
    official = {s.key: s.graph for s in store.sources()}
    day = dt.date(SAMPLE_YEAR, 6, 30)
    ratings = rate_store(store, [SAMPLE_YEAR], as_of=day)
    answers = evaluate(store, SAMPLE_YEAR, as_of=day, ratings=ratings)
    keys = scenarios.save(store, scenarios.Scenario("h1", as_of=day), ratings, answers)
    assert keys == [f"parkstar:scenario/h1/{SAMPLE_YEAR}"]
    assert {k: g for k, g in ((s.key, s.graph) for s in store.sources()) if k in official} == official
    graph = ox.NamedNode(store.source(keys[0]).graph)  # type: ignore[union-attr]
    rows = store.select("SELECT ?a ?r WHERE { GRAPH ?g { ?a a ps:MeasureAnswer ; ps:basedOnRating ?r ; "
                        "ps:inScenario ?s . ?r a ps:StarRating ; ps:inScenario ?s } }", g=graph)
    assert len(rows) == sum(a.rating is not None for a in answers), "the answers do not rest on the scenario's ratings"
    assert all("/scenario/h1/" in str(r["a"]) and "/scenario/h1/" in str(r["r"]) for r in rows), rows[:3]
    dangling = store.select("SELECT ?a WHERE { GRAPH ?g { ?a ps:basedOnRating ?r FILTER NOT EXISTS { ?r a "
                            "ps:StarRating } } }", g=graph)
    assert not dangling, dangling[:3]
    assert sorted(map(str, store.select(JOIN))) == sorted(map(str, _stored(sample_store, sample_answers).select(JOIN)))
    [saved] = scenarios.saved(store)
    assert (saved.name, saved.year, saved.edition, saved.strict, saved.as_of, saved.measures) == (
        "h1", SAMPLE_YEAR, "2020-a", False, day, True)
