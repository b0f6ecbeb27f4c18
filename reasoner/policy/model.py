"""The policy as typed, frozen values: parameters and goals, editions and their criteria, star levels, indicators,
provisions with their conditions — and :class:`Policy`, which holds them all with the lookups every caller uses.

Nothing here reads a graph (``load.py`` does) or evaluates a rule beyond the validity of a parameter or edition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from rdflib import URIRef

from ..namespaces import local
from .errors import PolicyError

LEVELS: tuple[int, ...] = (3, 4, 5)
"""Star counts a park can be rated at (三.2); 0 stands for below three-star. ``load.py`` checks the ontology's
star levels are exactly these and 0."""


def _valid(year: int, start: int | None, end: int | None) -> bool:
    return (start is None or start <= year) and (end is None or year <= end)


# ---------------------------------------------------------------------------------------------- parameters
@dataclass(frozen=True, slots=True)
class Parameter:
    """A ``ps:Parameter`` or ``ps:PolicyGoal`` of ``shapes/``: a number (or a set of terms) a rule reads, with the
    clause it reads and the years it is valid for."""

    name: str
    """The ``psh:`` local part, e.g. ``VetoWindowYears``."""
    iri: URIRef
    goal: bool
    """A ``ps:PolicyGoal`` (一(二) 2025 goals) rather than a rule parameter."""
    value: Decimal | None
    unit: URIRef | None
    valid_from: int | None
    valid_until: int | None
    sources: tuple[str, ...]
    """The clauses (``dcterms:source``), sorted."""
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str
    indicators: tuple[str, ...] = ()
    """Indicator codes (``ps:appliesToIndicator``) in table order."""
    roles: tuple[URIRef, ...] = ()
    project_kinds: tuple[URIRef, ...] = ()
    designation_kinds: tuple[URIRef, ...] = ()
    administrative_levels: tuple[URIRef, ...] = ()
    position: URIRef | None = None
    """The chain-segment position a recruitment parameter is for (二(一))."""
    min_investment: Decimal | None = None
    """Lower bound (亿元) of a bonus project band (三.2 加分项目)."""
    target_year: int | None = None
    goal_measure: URIRef | None = None
    project_statuses: tuple[URIRef, ...] = ()
    """Project statuses the parameter lists (``ps:appliesToProjectStatus``, 四(三))."""
    severities: tuple[URIRef, ...] = ()
    """Incident grades (``ps:appliesToSeverity``) — the grades that veto (三.3)."""
    incident_types: tuple[URIRef, ...] = ()
    """Incident types (``ps:appliesToIncidentType``) — the types that veto (三.3)."""
    short_zh: str = ""
    """The short name of the parameter's reading (``skos:altLabel``), e.g. 重大及以上."""
    short_en: str = ""
    stages: tuple[URIRef, ...] = ()
    """The stages of the rating procedure the parameter names (``ps:appliesToStage``, 三.3)."""
    park_types: tuple[URIRef, ...] = ()
    """The park types the parameter names (``ps:appliesToParkType``, 三.1)."""
    requires_manufacturing_led: bool = False
    """``ps:requiresManufacturingLed``: the scope holds manufacturing-led parks only (三.1)."""

    @property
    def clause(self) -> str:
        """The clauses as one text (``表.10, 表.11``)."""
        return ", ".join(self.sources)

    def valid_in(self, year: int) -> bool:
        """Whether the parameter applies to ``year``."""
        return _valid(year, self.valid_from, self.valid_until)


@dataclass(frozen=True, slots=True)
class Goal:
    """A 2025 goal of 一(二) or 三.2 (a ``ps:PolicyGoal``): what it measures, its lower bound, target year, clause."""

    iri: str
    measure: str
    """The ``ps:goalMeasure`` IRI (number of demonstration parks, share of star parks, an indicator's mean)."""
    value: Decimal
    target_year: int | None
    indicator: str | None
    label: str
    """The Chinese label."""
    label_en: str
    clause: str
    parameter: Parameter


@dataclass(frozen=True, slots=True)
class VetoRule:
    """三.3 "两年内发生重大安全生产和环保突发事件的园区不得评定为星级园区" as three parameters of ``shapes/``: the
    window in years, the grades that veto (重大及以上) and the incident types that veto (安全生产, 环保)."""

    window_years: int
    severities: frozenset[str]
    """IRIs of the grades that veto."""
    incident_types: frozenset[str]
    """IRIs of the incident types that veto."""
    window: Parameter
    severity_parameter: Parameter
    type_parameter: Parameter

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        """The three parameters (for PROV ``ps:usedParameter``)."""
        return (self.window, self.severity_parameter, self.type_parameter)

    def reading(self, lang: str = "zh") -> str:
        """The incidents that veto in words, from the parameters' short names: ``重大及以上安全生产、环保``."""
        sev, types = self.severity_parameter, self.type_parameter
        if lang == "en":
            return f"{sev.short_en or sev.label_en} {types.short_en or types.label_en}"
        return f"{sev.short_zh or sev.label_zh}{types.short_zh or types.label_zh}"


# ---------------------------------------------------------------------------------------------- editions, levels
@dataclass(frozen=True, slots=True)
class Edition:
    """An edition of the criteria (三.2) and the rating years it is valid for."""

    code: str
    iri: URIRef
    label_zh: str
    label_en: str
    valid_from: int
    valid_until: int | None
    default: bool
    definition_zh: str = ""
    definition_en: str = ""

    def valid_in(self, year: int) -> bool:
        """Whether the edition may rate ``year``."""
        return _valid(year, self.valid_from, self.valid_until)


@dataclass(frozen=True, slots=True)
class Level:
    """A star level (三.2): its star count (0 = below three-star), IRI and labels."""

    count: int
    iri: URIRef
    label_zh: str
    label_en: str

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang`` (``en`` or Chinese)."""
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True, slots=True)
class Indicator:
    """One row of the criteria table (表.1-11): code, labels, unit, direction, group and clause."""

    code: str
    iri: URIRef
    row: int
    label_zh: str
    label_en: str
    unit_iri: URIRef
    unit_symbol: str
    direction: URIRef
    """``ps:AtLeast`` or ``ps:BelowBenchmark``."""
    group: URIRef
    """The 一级指标 (``ps:GroupScale``, ``ps:GroupGreen``...)."""
    definition_zh: str = ""
    definition_en: str = ""

    @property
    def name(self) -> str:
        """The Chinese name."""
        return self.label_zh

    @property
    def clause(self) -> str:
        """The row of the criteria table, ``表.N``."""
        return f"表.{self.row}"


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage of the rating procedure (三.3): 申报, 建议名单, 审议, 公布, in order."""

    iri: URIRef
    order: int
    label_zh: str
    label_en: str

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang`` (``en`` or Chinese)."""
        return self.label_en if lang == "en" else self.label_zh


# ---------------------------------------------------------------------------------------------- criteria
@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion of the table (三.2): an indicator at one level of one edition, from one node shape."""

    indicator: str
    level: int
    edition: str
    shape: URIRef
    clause: str
    message_zh: str
    message_en: str

    @property
    def written(self) -> str:
        """The criterion as a trace prints it."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class AtLeast(Criterion):
    """表.1-9: the value must be at least ``threshold`` (``sh:minInclusive``)."""

    threshold: Decimal

    @property
    def written(self) -> str:
        """``≥ 500``."""
        return f"≥ {self.threshold}"


@dataclass(frozen=True, slots=True)
class BelowBenchmark(Criterion):
    """表.10-11: the value must be below the same-industry benchmark recorded with it (``sh:lessThan
    ps:benchmark``); there is no threshold of its own. ``inclusive`` (reading ``below-benchmark=or-equal``): a value
    equal to the benchmark meets it too."""

    inclusive: bool = False

    @property
    def written(self) -> str:
        """``< 基准`` (``≤ 基准`` when inclusive)."""
        return "≤ 基准" if self.inclusive else "< 基准"


# ---------------------------------------------------------------------------------------------- provisions
@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of a provision, as data (``ps:Condition`` in ``shapes/measures.ttl``)."""

    iri: str
    kind: str
    """``rating``, ``query`` or ``any``."""
    text: str
    text_en: str
    missing: str
    missing_en: str
    clause: str
    order: int
    min_level: int | None = None
    max_level: int | None = None
    requires_veto: bool = False
    query: str = ""
    park_query: str = ""
    """The one-park form of the query (plain patterns, bound to ?park); ``query`` when the data give none."""
    any_of: tuple[Condition, ...] = ()
    parameters: tuple[str, ...] = ()
    """Names of the parameters its query reads (``ps:usedParameter``): each is bound to the variable named after it
    (``?M5LandIntensityMin``) with the value the readings in force give it."""


@dataclass(frozen=True, slots=True)
class Provision:
    """A support measure (M1–M12, 四(三)) or obligation (O1 三.2, O2 三.3) with its validity, focus and conditions."""

    iri: str
    code: str
    label: str
    label_en: str
    kind: str
    """``measure`` or ``obligation``."""
    clause: str
    beneficiary: str
    focus: str
    """``park`` or ``project`` (answered per project)."""
    valid_from: dt.date | None
    valid_until: dt.date | None
    conditions: tuple[Condition, ...]
    parameters: tuple[Parameter, ...] = ()
    """The rule parameters the provision names (``ps:usedParameter``), by IRI."""
    beneficiary_en: str = ""
    policy_text: str = ""
    """The policy's own words (Chinese)."""

    def valid_on(self, day: dt.date) -> bool:
        """Whether the provision is in force on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until)


# ---------------------------------------------------------------------------------------------- readings
@dataclass(frozen=True, slots=True)
class Override:
    """How an alternative rewrites one provision: all its conditions, and/or its beneficiary (四(三))."""

    provision: str
    """The provision's IRI."""
    conditions: tuple[str, ...] = ()
    """IRIs of the conditions that replace all of the provision's own (none: they stay)."""
    beneficiary: str = ""
    beneficiary_en: str = ""


@dataclass(frozen=True, slots=True)
class Alternative:
    """One meaning of a reading: it sets a parameter, rewrites provisions, or (with neither) names a way of
    applying a rule that the rule's code knows by its key."""

    key: str
    iri: URIRef
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str
    parameter: str | None = None
    """The name of the parameter it sets (``ps:setsParameter``)."""
    value: Decimal | None = None
    overrides: tuple[Override, ...] = ()

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang``."""
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True, slots=True)
class Reading:
    """A named interpretation of words the policy leaves open: its clause, the words, default and alternatives."""

    key: str
    iri: URIRef
    scope: str
    """``rating`` (the star rating, and through it the measures) or ``measures``."""
    clause: str
    words: str
    """The policy's own words."""
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str
    default: str
    """The default alternative's key."""
    alternatives: tuple[Alternative, ...]

    def alternative(self, key: str) -> Alternative:
        """The alternative with ``key``.

        Raises:
            PolicyError: none has it.
        """
        for a in self.alternatives:
            if a.key == key:
                return a
        raise PolicyError(f"解读 {self.key} 没有选项 {key}（可选：{'、'.join(a.key for a in self.alternatives)}）/ "
                          f"reading {self.key} has no alternative {key}; choose one of "
                          f"{', '.join(a.key for a in self.alternatives)}")

    @property
    def default_alternative(self) -> Alternative:
        """The alternative used unless another is chosen."""
        return self.alternative(self.default)

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang``."""
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True, slots=True)
class Readings:
    """A choice of readings: the alternatives chosen other than the defaults, as sorted (key, alternative) pairs
    (hashable, so rule sets and answers can be cached per choice). The empty choice is the official one."""

    chosen: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.chosen)

    def get(self, key: str) -> str | None:
        """The alternative chosen for ``key``, or None for its default."""
        return dict(self.chosen).get(key)

    def text(self) -> str:
        """``relaxation=requirement, most=0.6667`` (empty for the defaults)."""
        return ", ".join(f"{k}={v}" for k, v in self.chosen)


DEFAULT_READINGS = Readings()


# ---------------------------------------------------------------------------------------------- the policy
@dataclass(frozen=True, eq=False)
class Policy:
    """Everything parkstar reads from ``shapes/`` and the policy parts of ``ontology/``, read once per process.

    :meth:`under` gives the policy as a choice of readings has it: parameters set, provisions rewritten.
    """

    parameters: Mapping[str, Parameter]
    """By name (``psh:`` local part), in IRI order; goals included."""
    goals: tuple[Goal, ...]
    editions: Mapping[str, Edition]
    criteria: Mapping[str, tuple[Criterion, ...]]
    """By edition code, each in table order, then level."""
    levels: Mapping[int, Level]
    indicators: Mapping[str, Indicator]
    """By code, in table order."""
    provisions: Mapping[str, Provision]
    """By code, measures first, in the policy's order."""
    stages: Mapping[str, Stage]
    """The stages of the rating procedure (三.3) by IRI, in their order."""
    labels: Mapping[tuple[str, str], str]
    """(IRI, language) → ``rdfs:label`` of every term of the ontology and the shapes."""
    definitions: Mapping[tuple[str, str], str]
    """(IRI, language) → ``skos:definition``."""
    readings: Mapping[str, Reading] = field(default_factory=dict)
    """By key, in listing order."""
    conditions: Mapping[str, Condition] = field(default_factory=dict)
    """Every condition of ``shapes/`` by IRI (those readings put in place of a provision's own included)."""
    chosen: Readings = DEFAULT_READINGS
    """The readings this policy is under (:meth:`under`); the defaults for the shipped policy."""
    _names: dict[tuple[str, str], Mapping[Any, str]] = field(default_factory=dict, init=False, repr=False)
    """The name tables already made, by (kind, language)."""
    _under: dict[Readings, Policy] = field(default_factory=dict, init=False, repr=False)
    """The policies under each choice of readings already made."""

    # ------------------------------------------------------------------ readings
    def reading(self, key: str) -> Reading:
        """The reading named ``key``.

        Raises:
            PolicyError: none is.
        """
        found = self.readings.get(key)
        if found is None:
            raise PolicyError(f"未知的解读 {key}（可选：{'、'.join(self.readings)}）/ unknown reading {key}; known: "
                              f"{', '.join(self.readings)}")
        return found

    def choose(self, pairs: Mapping[str, str] | Iterable[str]) -> Readings:
        """The choice of readings ``pairs`` names: a mapping key → alternative, or texts ``KEY=VALUE`` (or
        ``KEY:VALUE``). Defaults named explicitly are dropped; a key named twice must name the same alternative.

        Raises:
            PolicyError: an unknown reading or alternative, a malformed text, or two alternatives for one key.
        """
        items: list[tuple[str, str]] = []
        if isinstance(pairs, Mapping):
            items = [(str(k), str(v)) for k, v in pairs.items()]
        else:
            for text in pairs:
                key, sep, alt = text.replace(":", "=", 1).partition("=")
                if not sep or not key.strip() or not alt.strip():
                    raise PolicyError(f"解读选择应写作 键=选项（如 relaxation=requirement），而不是 {text!r} / a "
                                      f"reading is chosen as KEY=VALUE (e.g. relaxation=requirement), not {text!r}")
                items.append((key.strip(), alt.strip()))
        chosen: dict[str, str] = {}
        for key, alt in items:
            reading = self.reading(key)
            reading.alternative(alt)
            if chosen.get(key, alt) != alt:
                raise PolicyError(f"解读 {key} 选了两个选项：{chosen[key]}、{alt} / reading {key} chosen twice: "
                                  f"{chosen[key]}, {alt}")
            chosen[key] = alt
        return Readings(tuple(sorted((k, v) for k, v in chosen.items() if v != self.readings[k].default)))

    def choice(self, key: str) -> str:
        """The key of the alternative of reading ``key`` in force (the default unless chosen)."""
        return self.chosen.get(key) or self.reading(key).default

    def in_force(self, scope: str | None = None) -> dict[str, str]:
        """Reading key → the alternative in force, for every reading (of ``scope`` when given)."""
        return {k: self.choice(k) for k, r in self.readings.items() if scope is None or r.scope == scope}

    def bearing_on(self, provision: Provision) -> dict[str, str]:
        """Reading key → the alternative in force, for the readings an answer about ``provision`` rests on: every
        rating reading (its rating conditions), and the measures readings whose alternatives rewrite it or set a
        parameter it or its conditions read."""
        used = {q.name for q in provision.parameters}
        stack = list(provision.conditions)
        while stack:
            c = stack.pop()
            used.update(c.parameters)
            stack.extend(c.any_of)
        out = {}
        for key, r in self.readings.items():
            if r.scope == "rating" or any(a.parameter in used or any(o.provision == provision.iri for o in a.overrides)
                                          for a in r.alternatives):
                out[key] = self.choice(key)
        return out

    def under(self, readings: Readings) -> Policy:
        """This policy as the choice ``readings`` has it: each chosen alternative's parameter set to its value and
        its provisions rewritten. The empty choice gives this policy itself; each choice is made once."""
        if not readings:
            return self
        found = self._under.get(readings)
        if found is not None:
            return found
        params = dict(self.parameters)
        provisions = dict(self.provisions)
        by_iri = {p.iri: code for code, p in provisions.items()}
        for key, alt_key in readings.chosen:
            alt = self.reading(key).alternative(alt_key)
            if alt.parameter is not None:
                params[alt.parameter] = replace(params[alt.parameter], value=alt.value)
            for o in alt.overrides:
                code = by_iri[o.provision]
                p = provisions[code]
                conds = tuple(sorted((self.conditions[c] for c in o.conditions), key=lambda c: (c.order, c.iri)))
                provisions[code] = replace(p, conditions=conds or p.conditions,
                                           beneficiary=o.beneficiary or p.beneficiary,
                                           beneficiary_en=o.beneficiary_en or p.beneficiary_en)
        provisions = {code: replace(p, parameters=tuple(params[q.name] for q in p.parameters))
                      for code, p in provisions.items()}
        found = replace(self, parameters=params, provisions=provisions, chosen=readings,
                        goals=tuple(replace(g, parameter=params[g.parameter.name]) for g in self.goals))
        self._under[readings] = found
        return found

    # ------------------------------------------------------------------ parameters
    def parameter(self, name: str, year: int | None = None) -> Parameter:
        """The parameter ``psh:<name>``, checked to be valid in ``year`` when given.

        Raises:
            PolicyError: no such parameter, or not valid for ``year``.
        """
        p = self.parameters.get(name)
        if p is None:
            raise PolicyError(f"参数 psh:{name} 未在 shapes/ 中定义 / parameter psh:{name} is not defined in shapes/")
        if year is not None and not p.valid_in(year):
            raise PolicyError(f"参数 psh:{name} 不适用于 {year} 年（有效期 {p.valid_from or ''}–{p.valid_until or ''}）"
                              f" / parameter psh:{name} is not valid for {year}")
        return p

    def value(self, name: str, year: int | None = None) -> Decimal:
        """The number of the parameter ``psh:<name>`` (valid in ``year`` when given).

        Raises:
            PolicyError: no such parameter, not valid for ``year``, or it has no ``ps:parameterValue``.
        """
        p = self.parameter(name, year)
        if p.value is None:
            raise PolicyError(f"参数 psh:{name} 缺少 ps:parameterValue / parameter psh:{name} has no value")
        return p.value

    def veto(self, year: int | None = None) -> VetoRule:
        """三.3: the veto's window, grades and incident types (``psh:VetoWindowYears``, ``psh:VetoSeverities``,
        ``psh:VetoIncidentTypes``), each valid in ``year`` when given.

        Raises:
            PolicyError: a parameter is missing, not valid for ``year``, or names no grade or no type.
        """
        window = self.parameter("VetoWindowYears", year)
        sev = self.parameter("VetoSeverities", year)
        types = self.parameter("VetoIncidentTypes", year)
        if not sev.severities:
            raise PolicyError("参数 psh:VetoSeverities 未列出任何事件等级（ps:appliesToSeverity） / parameter "
                              "psh:VetoSeverities names no severity (ps:appliesToSeverity)")
        if not types.incident_types:
            raise PolicyError("参数 psh:VetoIncidentTypes 未列出任何事件类型（ps:appliesToIncidentType） / parameter "
                              "psh:VetoIncidentTypes names no incident type (ps:appliesToIncidentType)")
        return VetoRule(int(self.value(window.name, year)), frozenset(map(str, sev.severities)),
                        frozenset(map(str, types.incident_types)), window, sev, types)

    def valid_parameters(self, year: int) -> tuple[Parameter, ...]:
        """Every parameter (goals included) valid in ``year``, in IRI order."""
        return tuple(p for p in self.parameters.values() if p.valid_in(year))

    # ------------------------------------------------------------------ editions and criteria
    def edition(self, code: str | None, year: int) -> Edition:
        """The edition named ``code``, or the default for ``year``; checks it is valid that year.

        Raises:
            PolicyError: unknown edition, or not valid for ``year``.
        """
        if code is None:
            return self.default_edition(year)
        e = self.editions.get(code)
        if e is None:
            raise PolicyError(f"unknown criteria edition '{code}'; known: {', '.join(sorted(self.editions))}")
        if not e.valid_in(year):
            raise PolicyError(f"edition {code} is valid {e.valid_from}–{e.valid_until or ''}, not for {year}")
        return e

    def default_edition(self, year: int) -> Edition:
        """The default edition valid for rating year ``year``.

        Raises:
            PolicyError: none is.
        """
        for e in self.editions.values():
            if e.default and e.valid_in(year):
                return e
        raise PolicyError(f"no default criteria edition is valid for {year}")

    def criteria_of(self, edition: str) -> tuple[Criterion, ...]:
        """Every criterion of an edition, in table order, then level.

        Raises:
            PolicyError: unknown edition.
        """
        found = self.criteria.get(edition)
        if found is None:
            raise PolicyError(f"unknown criteria edition '{edition}'")
        return found

    # ------------------------------------------------------------------ the rating procedure (三.3)
    def stage(self, iri: str) -> Stage:
        """The procedure stage ``iri``.

        Raises:
            PolicyError: not a stage of the ontology.
        """
        found = self.stages.get(str(iri))
        if found is None:
            raise PolicyError(f"{iri} 不是评价程序的阶段 / {iri} is not a stage of the rating procedure")
        return found

    def rated_stages(self, year: int) -> frozenset[str]:
        """The stages whose level is the park's rating in ``year`` (``psh:RatedStage``: publication, 三.3, 四(三)).

        Raises:
            PolicyError: the parameter is missing, not valid for ``year`` or names no stage of the ontology.
        """
        p = self.parameter("RatedStage", year)
        if not p.stages:
            raise PolicyError("psh:RatedStage 未指明阶段（ps:appliesToStage） / psh:RatedStage names no stage")
        return frozenset(str(self.stage(s).iri) for s in p.stages)

    # ------------------------------------------------------------------ labels
    def label(self, iri: str | None, lang: str = "zh", *, fallback: bool = True) -> str:
        """The term's ``rdfs:label`` in ``lang``; without one, the other language's, then the IRI's last part
        (``fallback=False``: "" instead). None gives ""."""
        if iri is None:
            return ""
        key = str(iri)
        found = self.labels.get((key, lang))
        if found is not None or not fallback:
            return found or ""
        return self.labels.get((key, "en" if lang == "zh" else "zh")) or local(key)

    def definition(self, iri: str, lang: str = "zh") -> str:
        """The term's ``skos:definition`` in ``lang``, else in the other language, else ""."""
        key = str(iri)
        return self.definitions.get((key, lang)) or self.definitions.get((key, "en" if lang == "zh" else "zh"), "")

    def level_name(self, count: int, lang: str = "zh") -> str:
        """The label of the star level with ``count`` stars (0: below three-star)."""
        return self.levels[count].label(lang)

    def level_names(self, lang: str = "zh") -> Mapping[int, str]:
        """Star count → the level's label (0 → 未达三星级); made once per language, read-only."""
        found = self._names.get(("level", lang))
        if found is None:
            found = self._names[("level", lang)] = MappingProxyType(
                {n: lv.label(lang) for n, lv in self.levels.items()})
        return found

    def indicator_names(self, lang: str = "zh") -> Mapping[str, str]:
        """Indicator code → its name (表.1-11); made once per language, read-only."""
        found = self._names.get(("indicator", lang))
        if found is None:
            found = self._names[("indicator", lang)] = MappingProxyType(
                {code: ind.label_en if lang == "en" else ind.label_zh for code, ind in self.indicators.items()})
        return found
