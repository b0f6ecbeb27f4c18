"""The use cases every front end calls — the CLI, the HTTP routes and the dashboard — over one store, with one cache
of answers keyed by the store's version.

Each method answers one question with typed results (the domain's dataclasses, or the answer models of
:mod:`reasoner.app.schemas`); the front ends only parse their input and format what comes back. Nothing here decides
anything of the policy: rating, measures and chains do, and this layer puts their answers together (a year against
the year before, a rating with its explanation and next level, a what-if beside the stored values).

Stored results are the official computation: ratings and measure answers are written as the official ones only when
computed with the default options (:attr:`RatingOptions.official`); a what-if is stored only when asked to, under a
name, as a saved scenario beside them (:mod:`reasoner.scenarios`). Reading stored results reads the official ones
unless a scenario is named.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..chains import AnchorsReport, Completeness, anchors, completeness, load_catalog
from ..chains.coverage import ChainGapSummary, city_scope, largest_gaps, park_scope, province_scope
from ..chains.data import (
    CoverageFacts,
    data_years,
    load_clusters,
    load_coverage,
    load_park_clusters,
    load_parks,
    resolve_year,
)
from ..chains.errors import ChainAnalysisError
from ..chains.params import chain_parameters
from ..ingest import load
from ..measures import Answer, evaluate, provision
from ..measures.provisions import MeasureError
from ..measures.writeback import refresh_stored_answers, write_answers
from ..parks import ParkFilter, list_parks, park_detail
from ..policy import DEFAULT_READINGS, PolicyError, Readings, policy
from ..rating import Rating, RatingError, load_rules, park_facts, rate_facts, rate_store, rate_values
from ..rating.adjust import Adjustment, adjust
from ..rating.announced import Announcement, Standing, announcements, standing
from ..rating.explain import explain
from ..rating.facts import park_iri, rated_years
from ..rating.nextlevel import NextLevel, next_level
from ..rating.progress import progress
from ..rating.rectification import follow_up
from ..rating.rules import assessment_date
from ..rating.stored import rerate_after_load, stored_levels
from ..rating.writeback import write_ratings
from ..scenarios import Scenario, ScenarioError, UnknownScenario, scenario_name
from ..scenarios import levels as scenario_levels
from ..scenarios import save as save_scenario
from ..scenarios import saved as saved_scenarios
from ..store import OxigraphStore
from .cache import VersionCache
from .results import (
    DEFAULT,
    ChainInputs,
    Explained,
    NoDataForYear,
    NoObservations,
    NoStoredRatings,
    NotOfficial,
    Progress,
    RatingOptions,
    WhatIf,
)
from .schemas.parks import ParkDetail, ParkRow, Rerated, StoredRating, StoreStats, UploadAnswer
from .schemas.scenarios import ScenarioOut
from .sensitivity import Sensitivity, sensitivity
from .stats import store_stats


def _scenario(name: str, opts: RatingOptions) -> Scenario:
    """The scenario ``name`` saved with the options ``opts``."""
    return Scenario(name, opts.edition, opts.strict, opts.as_of, opts.readings)


class Service:
    """The use cases over one store. ``cache`` keeps answers until the store changes (one per process serving
    requests; a fresh one per CLI command). Cached results are shared between callers: do not mutate them."""

    def __init__(self, store: OxigraphStore, cache: VersionCache | None = None) -> None:
        self.store = store
        self.cache = cache if cache is not None else VersionCache()

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        return self.cache.get(self.store, key, compute)

    # ------------------------------------------------------------------------------------------ years
    def rating_years(self) -> list[int]:
        """The years with indicator observations, ascending."""
        years: list[int] = self._cached(("years",), lambda: rated_years(self.store))
        return years

    def rating_year(self, year: int | None) -> int:
        """``year`` when the store has indicator observations for it, the latest such year when None.

        Raises:
            RatingError: the store holds no observations at all.
            NoDataForYear: none for ``year``.
        """
        years = self.rating_years()
        if not years:
            raise RatingError("存储中没有指标观测值，请先导入数据 / the store holds no indicator observations")
        if year is None:
            return years[-1]
        if year not in years:
            raise NoDataForYear(year, years)
        return year

    # ------------------------------------------------------------------------------------------ ratings
    def ratings(self, year: int, opts: RatingOptions = DEFAULT) -> list[Rating]:
        """Every park's rating of ``year``, ranked within each level (三.2, 三.3).

        Raises:
            NoDataForYear: no observations that year. PolicyError: an edition not valid that year.
        """
        if year is not None:  # a year no edition covers is a usage error, not missing data
            load_rules(opts.edition, year, opts.strict, opts.readings)
        y = self.rating_year(year)
        ratings: list[Rating] = self._cached(
            ("ratings", y, opts), lambda: rate_store(self.store, [y], edition=opts.edition, strict=opts.strict,
                                                     as_of=opts.as_of, readings=opts.readings))
        return ratings

    def rate_years(self, years: Sequence[int], opts: RatingOptions = DEFAULT) -> dict[int, list[Rating]]:
        """The ratings of several years, those not yet computed rated together in one batch (the store then
        evaluates two halves of the years at once)."""
        todo = [y for y in sorted(set(years)) if self.cached_ratings(y, opts) is None]
        if todo:
            batch: dict[int, list[Rating]] = {y: [] for y in todo}
            for r in rate_store(self.store, todo, edition=opts.edition, strict=opts.strict, as_of=opts.as_of,
                                readings=opts.readings):
                batch[r.year].append(r)
            for y, rs in batch.items():
                self.cache.put(self.store, ("ratings", y, opts), rs)
        return {y: self.ratings(y, opts) for y in sorted(set(years))}

    def cached_ratings(self, year: int, opts: RatingOptions = DEFAULT) -> list[Rating] | None:
        """The year's ratings when they are already computed for the store as it is, else None."""
        found: list[Rating] | None = self.cache.peek(self.store, ("ratings", year, opts))
        return found

    def rate(self, year: int | None, opts: RatingOptions = DEFAULT, *, write: bool = False,
             save_as: str | None = None) -> tuple[list[Rating], list[str]]:
        """Rate every park of ``year`` (default: the latest with data) and return the ratings with the keys of the
        sources stored: with ``write``, the official results (default options only); with ``save_as``, a saved
        scenario of that name beside them (whatever the options; the official results are left as they are).

        Raises:
            ScenarioNameError: ``save_as`` is not a usable name (checked before anything is rated).
            NotOfficial: ``write`` with options other than the defaults, and no ``save_as``.
        """
        name = scenario_name(save_as) if save_as is not None else None
        if write and name is None and not opts.official:
            raise NotOfficial(opts)
        ratings = self.ratings(self.rating_year(None) if year is None else year, opts)
        if name is not None:
            return ratings, save_scenario(self.store, _scenario(name, opts), ratings)
        return ratings, write_ratings(self.store, ratings) if write else []

    def rating(self, code: str, year: int | None, opts: RatingOptions = DEFAULT) -> Rating:
        """One park-year's rating, ranked among the year's parks.

        Raises:
            UnknownPark: no park has ``code``. NoObservations: none that year.
        """
        y = self.rating_year(year)
        park_iri(self.store, code)
        found = next((r for r in self.ratings(y, opts) if r.code == code), None)
        if found is None:
            raise NoObservations(code, y)
        return found

    def explain(self, code: str, year: int | None, opts: RatingOptions = DEFAULT) -> Explained:
        """A park-year's rating with its explanation, next level and standing in the rating procedure
        (``parkstar explain``)."""
        rating = self.rating(code, year, opts)
        rules = load_rules(opts.edition, rating.year, opts.strict, opts.readings)
        nxt = next_level(rating, rules)
        return Explained(rating, rules, explain(rating, rules, nxt), nxt,
                         self.standings(rating.year, opts)[rating.code])

    # ------------------------------------------------------------------------------------------ the procedure
    def announcements(self, year: int) -> dict[tuple[str, int], list[Announcement]]:
        """Every stage each park's level of ``year`` has reached in the rating procedure (三.3), by (park IRI,
        year), in stage order."""
        found: dict[tuple[str, int], list[Announcement]] = self._cached(
            ("announcements", year), lambda: announcements(self.store, [year]))
        return found

    def standings(self, year: int | None, opts: RatingOptions = DEFAULT) -> dict[str, Standing]:
        """Park code → its rating of ``year`` beside the procedure's latest stage: the published level, whether it
        agrees with the computed one and why not (三.3, 四(三))."""
        y = self.rating_year(year)

        def compute() -> dict[str, Standing]:
            records = self.announcements(y)
            return {r.code: standing(r, records.get((r.park, r.year), ())) for r in self.ratings(y, opts)}

        found: dict[str, Standing] = self._cached(("standings", y, opts), compute)
        return found

    def park_ratings(self, code: str, year: int | None, opts: RatingOptions = DEFAULT) -> list[Explained]:
        """The park's explained rating in ``year``, or in every year it has observations when None."""
        if year is not None:
            return [self.explain(code, year, opts)]
        return [self.explain(code, y, opts) for y in self.park(code).years]

    def next_level(self, code: str, year: int | None, opts: RatingOptions = DEFAULT) -> NextLevel:
        """What lifts the park one level above what its indicators reach (三.2, 三.3)."""
        rating = self.rating(code, year, opts)
        return next_level(rating, load_rules(opts.edition, rating.year, opts.strict, opts.readings))

    def what_if(self, code: str, year: int, overrides: Mapping[str, Decimal | None],
                benchmarks: Mapping[str, Decimal] | None = None, opts: RatingOptions = DEFAULT) -> WhatIf:
        """The level and trace the park would get in ``year`` with some indicator values changed (the others, its
        incidents, designations, enterprises and projects as stored); nothing is stored."""
        y = self.rating_year(year)
        rules = load_rules(opts.edition, y, opts.strict, opts.readings)
        facts = park_facts(self.store, code, y, rules)
        before = rate_facts(facts, rules, opts.as_of)
        after = rate_values(facts, overrides, benchmarks=benchmarks, edition=opts.edition, strict=opts.strict,
                            as_of=opts.as_of, readings=opts.readings)
        nxt = next_level(after, rules)
        return WhatIf(before, Explained(after, rules, explain(after, rules, nxt), nxt), dict(overrides))

    def adjustment(self, year: int | None, opts: RatingOptions = DEFAULT) -> Adjustment:
        """The annual adjustment (三.3): year Y against Y − 1 under the same edition and strictness (Y − 1 assessed on
        its own 31 December), with the rectification list (O1), its follow-up over every earlier year (the year each
        park fell under O1, its deadline, whether it reached three-star) and the vetoed parks (O2)."""
        y = self.rating_year(year)
        now = self.ratings(y, opts)
        earlier = RatingOptions(opts.edition, opts.strict, readings=opts.readings)
        years: dict[int, list[Rating]] = {y: now}
        for past in (p for p in self.rating_years() if p < y):
            try:
                years[past] = self.ratings(past, earlier)
            except (RatingError, PolicyError):  # no edition for that year: nobody was rated under these options
                continue
        out = adjust(now, years.get(y - 1, []), y)
        out.follow_up = follow_up(years, y, policy().under(opts.readings))
        return out

    def progress(self, year: int | None, opts: RatingOptions = DEFAULT) -> Progress:
        """The province against the 2025 goals of 一(二) and 三.2."""
        y = self.rating_year(year)
        ratings = self.ratings(y, opts)
        return Progress(y, ratings[0].edition if ratings else opts.edition, opts.strict, progress(ratings, y))

    # ------------------------------------------------------------------------------------------ readings
    def sensitivity(self, year: int | None, progress: Callable[[str], None] | None = None) -> Sensitivity:
        """The year's ratings and measures under each non-default alternative of each reading, against the
        defaults (``parkstar readings --sensitivity``); computed once per store version.

        Raises:
            NoDataForYear: no observations that year.
        """
        y = self.rating_year(year)
        found: Sensitivity = self._cached(("sensitivity", y), lambda: sensitivity(self.store, y, progress=progress))
        return found

    # ------------------------------------------------------------------------------------------ measures
    def measure_year(self, year: int | None) -> int:
        """``year``, or the latest year with indicator observations when None: a year without observations is
        answered too (each answer that needs the year's rating is then undetermined and says so)."""
        return self.rating_year(None) if year is None else year

    def year_measures(self, year: int | None, as_of: dt.date | None = None,
                      readings: Readings = DEFAULT_READINGS) -> list[Answer]:
        """Every provision in force for every park (and project) of the year, on the year's ratings (under the
        readings chosen)."""
        y = self.measure_year(year)
        answers: list[Answer] = self._cached(("measures", y, as_of, readings), lambda: evaluate(
            self.store, y, as_of=as_of, readings=readings,
            ratings=self._ratings_or_none(y, as_of, readings, whole=True), records=self.announcements(y)))
        return answers

    def park_measures(self, code: str, year: int | None, as_of: dt.date | None = None,
                      readings: Readings = DEFAULT_READINGS) -> list[Answer]:
        """Every support measure and obligation in force for one park (四(三), 三.2, 三.3). Taken from the year's
        answers when they are computed already; otherwise evaluated for the park alone."""
        y = self.measure_year(year)
        park_iri(self.store, code)
        whole: list[Answer] | None = self.cache.peek(self.store, ("measures", y, as_of, readings))
        if whole is not None:
            return [a for a in whole if a.code == code]
        answers: list[Answer] = self._cached(("measures", y, as_of, readings, code), lambda: evaluate(
            self.store, y, as_of=as_of, park=code, readings=readings,
            ratings=self._ratings_or_none(y, as_of, readings, whole=False), records=self.announcements(y)))
        return answers

    def measure_parks(self, measure: str, year: int | None, as_of: dt.date | None = None,
                      readings: Readings = DEFAULT_READINGS) -> list[Answer]:
        """The reverse question: one provision for every park (and project) of the year.

        Raises:
            MeasureError: unknown provision, or not in force on the as-of date.
        """
        p = provision(measure)
        y = self.measure_year(year)
        day = assessment_date(y, as_of)
        if not p.valid_on(day):
            raise MeasureError(f"{p.code} 在 {day} 不在有效期内（{p.valid_from or '—'} 至 {p.valid_until or '—'}）"
                               f" / {p.code} is not in force on {day}")
        whole: list[Answer] | None = self.cache.peek(self.store, ("measures", y, as_of, readings))
        if whole is not None:
            return [a for a in whole if a.provision.code == p.code]
        answers: list[Answer] = self._cached(("measure", p.code, y, as_of, readings), lambda: evaluate(
            self.store, y, as_of=as_of, measures=[p.code], readings=readings,
            ratings=self._ratings_or_none(y, as_of, readings, whole=True), records=self.announcements(y)))
        return answers

    def write_measures(self, answers: Sequence[Answer], opts: RatingOptions = DEFAULT, *,
                       save_as: str | None = None) -> list[str]:
        """Store the answers of a year, and the ratings they rest on, as RDF with PROV; the stored sources' keys.
        ``opts`` are the options they were computed with (measures take the assessment date, ``as_of``): the
        official answers are written only for the default options; with ``save_as``, they are saved as a scenario of
        that name instead, beside the official ones.

        Raises:
            ScenarioNameError: ``save_as`` is not a usable name. NotOfficial: non-default options, no ``save_as``.
        """
        name = scenario_name(save_as) if save_as is not None else None
        if name is None and not opts.official:
            raise NotOfficial(opts)
        ratings = list({a.rating.park: a.rating for a in answers if a.rating is not None}.values())
        if name is not None:
            return save_scenario(self.store, _scenario(name, opts), ratings, answers)
        return write_ratings(self.store, ratings) + write_answers(self.store, answers)

    def _ratings_or_none(self, year: int, as_of: dt.date | None, readings: Readings, *,
                         whole: bool) -> list[Rating] | None:
        """The ratings the measures rest on (default edition, assessed as of ``as_of``, under ``readings``): computed
        for the whole year when ``whole``, else only when already in hand (evaluation then rates the one park
        itself)."""
        opts = RatingOptions(as_of=as_of, readings=readings)
        try:
            return self.ratings(year, opts) if whole else self.cached_ratings(year, opts)
        except RatingError:
            return None

    # ------------------------------------------------------------------------------------------ chains
    def chain_years(self) -> list[int]:
        """The years with enterprise revenue (chain-analysis years), ascending."""
        years: list[int] = self._cached(("chain-years",), lambda: data_years(self.store))
        return years

    def chain_year(self, year: int | None) -> int:
        """``year`` when the store has enterprise revenue for it, the latest such year when None.

        Raises:
            NoDataForYearError: no revenue for ``year`` (or none at all).
        """
        found: int = self._cached(("chain-year", year), lambda: resolve_year(self.store, year))
        return found

    def anchors(self, year: int | None = None, chain: str | None = None) -> AnchorsReport:
        """The anchor parks of every chain, or of the chain named ``chain`` (二(一))."""
        y = self.chain_year(year)
        report: AnchorsReport = self._cached(("anchors", y, chain), lambda: anchors(
            self.store, y, chain, catalog=self.chain_inputs(y).catalog))
        return report

    def chain_inputs(self, year: int) -> ChainInputs:
        """The chains, parks, clusters and parameters of ``year``, read once."""
        inputs: ChainInputs = self._cached(("chain-inputs", year), lambda: ChainInputs(
            self._cached(("catalog",), lambda: load_catalog(self.store)), load_parks(self.store),
            load_clusters(self.store), chain_parameters(year)))
        return inputs

    def completeness(self, chain: str, *, park: str | None = None, city: str | None = None, province: bool = False,
                     year: int | None = None) -> Completeness:
        """Completeness of a chain for exactly one of a park (code), a 设区市 (name or code) or the province, in
        ``year`` (default: the latest with enterprise revenue): coverage, gaps, single-enterprise segments."""
        if sum((park is not None, city is not None, province)) != 1:
            raise ChainAnalysisError("请指定且只指定一个范围：园区、设区市或全省 / give exactly one scope: a park, a "
                                     "city or the province")
        y = self.chain_year(year)
        inputs = self.chain_inputs(y)
        graph = inputs.catalog.resolve(chain)

        def compute() -> Completeness:
            if park is not None:
                scope = park_scope(inputs.parks, park)
                tied = self.park_clusters(y, inputs.parks[scope.term.id].iri)
            else:
                scope = city_scope(inputs.parks, city) if city is not None else province_scope(inputs.parks)
                tied = self.park_clusters(y)
            facts: CoverageFacts = self._cached(("coverage", graph.id, y),
                                                lambda: load_coverage(self.store, y, graph.chain.iri))
            return completeness(graph, scope, facts, inputs.parks, inputs.params, clusters=inputs.clusters,
                                park_clusters=tied)

        found: Completeness = self._cached(("completeness", graph.id, y, park, city), compute)
        return found

    def chain_picture(self, comp: Completeness) -> str:
        """The segment graph of a completeness answer coloured by coverage, as an SVG document (drawn once per
        store version and scope: matplotlib takes about half a second)."""
        from ..chains.render import svg  # matplotlib is loaded only for pictures

        found: str = self._cached(("chain-svg", comp.chain.id, comp.year, comp.scope.kind, comp.scope.term.id),
                                  lambda: svg(comp))
        return found

    def park_clusters(self, year: int, park: str | None = None) -> dict[str, dict[str, int]]:
        """The clusters of every park's enterprises in ``year`` (of one park's, by IRI: a query bound to it)."""
        found: dict[str, dict[str, int]] = self._cached(("park-clusters", year, park),
                                                        lambda: load_park_clusters(self.store, year, park))
        return found

    def largest_gaps(self, year: int | None = None) -> tuple[ChainGapSummary, ...]:
        """For every chain, the segments nobody in the province covers and the gaps most declaring parks share."""
        y = self.chain_year(year)
        found: tuple[ChainGapSummary, ...] = self._cached(("largest-gaps", y), lambda: largest_gaps(self.store, y))
        return found

    # ------------------------------------------------------------------------------------------ parks and store
    def parks(self, city: str | None = None, chain: str | None = None, lang: str = "zh") -> list[ParkRow]:
        """Every park (code, name, region, type, leading chains; labels in ``lang``), filtered by 设区市 and chain.

        Raises:
            UnknownFilter: a city or chain the ontology does not know.
        """
        rows: list[ParkRow] = self._cached(("parks", city, chain, lang), lambda: [
            ParkRow.model_validate(p) for p in list_parks(self.store, ParkFilter(city=city, chain=chain), lang)])
        return rows

    def park(self, code: str, lang: str = "zh") -> ParkDetail:
        """One park's registered facts: identity, region, chains, designations, incidents, counts, years.

        Raises:
            UnknownPark: no park has ``code``.
        """
        found: ParkDetail = self._cached(("park", code, lang),
                                         lambda: ParkDetail.model_validate(park_detail(self.store, code, lang)))
        return found

    def stored_levels(self, year: int, opts: RatingOptions = DEFAULT, scenario: str | None = None
                      ) -> dict[str, int] | None:
        """Park code → the stored (written-back) star level of ``year``: the official one under the options' edition
        and strictness, or the one of the saved ``scenario`` (which has its own options); None when that batch or
        scenario-year is not stored.

        Raises:
            ScenarioError: a scenario named with an edition or strictness too, or not a usable name.
        """
        if scenario is not None:
            name = scenario_name(scenario)
            if opts.edition is not None or opts.strict:
                raise ScenarioError("假设情景自有其选项，不能再指定版本或严格执行 / a scenario has its own options: "
                                    "do not give an edition or strict with it")
            levels: dict[str, int] | None = self._cached(("scenario-levels", year, name), lambda: (
                scenario_levels(self.store, name, year)))
            return levels
        found: dict[str, int] | None = self._cached(("stored-levels", year, opts.edition, opts.strict), lambda: (
            stored_levels(self.store, year, opts.edition, opts.strict)))
        return found

    def stored_parks(self, year: int | None, *, level: int | None = None, city: str | None = None,
                     chain: str | None = None, opts: RatingOptions = DEFAULT, scenario: str | None = None,
                     lang: str = "zh") -> list[ParkRow]:
        """The parks (filtered by 设区市 and chain) with their stored rating of ``year`` (default: the latest with
        data) — the official one, or that of the saved ``scenario`` — those at ``level`` only when given: one query
        over the written-back ratings, nothing is rated.

        Raises:
            UnknownFilter: a city or chain the ontology does not know. NoStoredRatings: no official ratings of the
            year under those options. UnknownScenario: no such scenario saved for the year.
        """
        rows = self.parks(city, chain, lang)
        y = self.rating_year(year)
        levels = self.stored_levels(y, opts, scenario)
        if levels is None:
            if scenario is not None:
                raise UnknownScenario(scenario, y)
            raise NoStoredRatings(y, opts.edition)
        names = policy().level_names(lang)
        return [p.model_copy(update={"rating": StoredRating(year=y, level=levels[p.code], label=names[levels[p.code]],
                                                            scenario=scenario)})
                for p in rows if p.code in levels and (level is None or levels[p.code] == level)]

    def scenarios(self, name: str | None = None) -> list[ScenarioOut]:
        """The saved what-if scenarios (of ``name``), one per name and year, with their options and when saved.

        Raises:
            ScenarioNameError: ``name`` is not a usable name.
        """
        wanted = scenario_name(name) if name is not None else None
        found: list[ScenarioOut] = self._cached(("scenarios", wanted), lambda: [
            ScenarioOut.of(s) for s in saved_scenarios(self.store, wanted)])
        return found

    def stats(self) -> StoreStats:
        """What the store holds: counts by kind, observations by year, the loaded sources."""
        found: StoreStats = self._cached(("stats",), lambda: store_stats(self.store))
        return found

    # ------------------------------------------------------------------------------------------ evidence
    def upload(self, name: str, data: bytes) -> UploadAnswer:
        """Validate ``data`` (a file called ``name``) and store it as the source ``upload:<name>``, all or nothing;
        then re-rate and store the rating batches it affects, and answer again the support measures of every year
        whose answers are stored (blocking: a server runs it in a worker thread).

        Raises:
            IngestError: the report of every problem; nothing was stored.
        """
        with tempfile.TemporaryDirectory(prefix="parkstar-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            report = load(self.store, [path], names={path: name}, keys={path: f"upload:{name}"})
        rerated = rerate_after_load(self.store, report)
        years = refresh_stored_answers(self.store)
        src = report.sources[0]
        return UploadAnswer(source=src.key, file=src.file, template=src.template, triples=src.triples,
                            conversions=src.conversions, rerated=Rerated.of(rerated),
                            measures_reanswered=years)

    # ------------------------------------------------------------------------------------------ warm-up
    def warm(self, stop: threading.Event) -> None:
        """Compute the latest year's ratings (every year's), adjustment, anchors, chain inputs and measures ahead
        of the first reader; stops between steps when ``stop`` is set. A failure only means the first reader
        computes them instead, and sees the error."""
        try:
            years = self.rating_years()
            steps: list[Callable[[], object]] = [lambda: self.rate_years(years)]
            if years:
                steps.append(lambda: self.adjustment(years[-1]))
            chain_years = self.chain_years()
            if chain_years:
                cy = years[-1] if years and years[-1] in chain_years else chain_years[-1]
                steps += [lambda: self.anchors(cy), lambda: self.chain_inputs(cy), lambda: self.park_clusters(cy)]
            if years:
                steps.append(lambda: self.year_measures(years[-1]))
            for step in steps:
                if stop.is_set():
                    return
                step()
        except Exception:  # the pages compute the same on demand and report errors there
            logging.getLogger(__name__).debug("warm-up stopped", exc_info=True)

