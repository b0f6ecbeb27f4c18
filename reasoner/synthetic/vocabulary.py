"""Owns what the generator knows of the ontology and the policy: the regions, chains and segments, park types,
roles, project kinds and statuses, incident types and severities, designation kinds and levels, the star levels a
list names and the stages of the rating procedure (三.3), each with the
Chinese label written in the templates; and, per edition of the criteria, the thresholds and the relaxation
parameters (三.2), the veto window (三.3) and the bonus projects' investment bands (三.2 加分项目).

Labels, indicators, criteria, editions and parameters come through :mod:`reasoner.policy`: the anchoring roles are
those of ``psh:AnchorRoles`` (二(一)), the bonus roles those the bonus weights count (三.2 加分项目). A county's
city comes through the ontology lookups of :mod:`reasoner.ingest.vocab`. What neither holds — which individuals a
class has, region codes, a chain's segments, the order of chains and segments, notations — is read from the shipped
ontology here, and nowhere else in the generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import URIRef

from ..ingest.vocab import parent_region
from ..namespaces import PS, RDF, SKOS, local
from ..policy import LEVELS, AtLeast, BelowBenchmark, Indicator, PolicyError, policy
from ..resources import ontology_graph
from .calibration import calibration
from .errors import GenerationError


# ---------------------------------------------------------------------------------------------- the ontology
def _members(cls: URIRef) -> list[URIRef]:
    """The named individuals of ``cls``, by IRI."""
    return sorted(s for s in ontology_graph().subjects(RDF.type, cls) if isinstance(s, URIRef))


def _literal(term: URIRef, prop: URIRef) -> str:
    """The text of ``term``'s value of ``prop`` (a code, a notation, an order)."""
    return str(ontology_graph().value(term, prop))


def zh(term: URIRef) -> str:
    """The Chinese label of a term, as the templates write it.

    Raises:
        GenerationError: the term has none.
    """
    found = policy().label(term, "zh", fallback=False)
    if not found:
        raise GenerationError(f"{term} has no Chinese label in the ontology")
    return found


def local_name(term: URIRef) -> str:
    """The name the generator and the calibration use for an individual: its IRI's local name."""
    return local(str(term))


# ---------------------------------------------------------------------------------------------- vocabulary
@dataclass(frozen=True)
class Region:
    """A county-level division (县市区): its division code and Chinese label."""

    code: str
    label: str


@dataclass(frozen=True)
class City:
    """A prefecture-level city (设区市): code, label, the abbreviation in its park codes, its counties by code."""

    code: str
    label: str
    abbreviation: str
    counties: tuple[Region, ...]

    @property
    def short(self) -> str:
        """The label without 市 (杭州), as enterprise names start."""
        return self.label.removesuffix("市")


@dataclass(frozen=True)
class Segment:
    """A segment of a chain: its notation (written in the templates), Chinese label and chain's notation."""

    notation: str
    label: str
    chain: str


@dataclass(frozen=True)
class Chain:
    """A landmark chain (十大标志性产业链): notation, Chinese label, segments from upstream to downstream."""

    notation: str
    label: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Every list the generator draws from, in a fixed order. The dictionaries map an individual's local name
    (:func:`local_name`) to the Chinese label written in the templates."""

    cities: tuple[City, ...]
    """By division code."""
    chains: tuple[Chain, ...]
    """In the policy's order (``ps:chainOrder``)."""
    park_types: tuple[tuple[str, str], ...]
    """(local name, label) of every park type."""
    roles: dict[str, str]
    anchor_roles: tuple[str, ...]
    """The roles that make a park anchor a chain (二(一), ``psh:AnchorRoles``), by local name."""
    bonus_roles: tuple[str, ...]
    """The roles the bonus weights count (三.2 加分项目), by local name."""
    project_kinds: dict[str, str]
    statuses: dict[str, str]
    severities: dict[str, str]
    incident_types: dict[str, str]
    """As the incidents sheet writes them (the calibration's ``[incidents.words]``, else the label)."""
    designation_kinds: dict[str, str]
    admin_levels: dict[str, str]
    star_levels: dict[str, str]
    """The levels a list can name (三.2: 三星级, 四星级, 五星级)."""
    stages: dict[str, str]
    """The stages of the rating procedure (三.3), in their order."""


def anchor_roles() -> tuple[str, ...]:
    """二(一): the roles of ``psh:AnchorRoles`` — an enterprise holding one anchors its chain in its park.

    Raises:
        GenerationError: the parameter names no role.
    """
    try:
        found = policy().parameter("AnchorRoles").roles
    except PolicyError as e:
        raise GenerationError(str(e)) from e
    if not found:
        raise GenerationError("the policy's psh:AnchorRoles names no enterprise role (二(一))")
    return tuple(sorted(local_name(r) for r in found))


def bonus_roles() -> tuple[str, ...]:
    """三.2 加分项目: the roles a bonus weight counts (parameters with a value and ``ps:appliesToRole``).

    Raises:
        GenerationError: no bonus weight names a role.
    """
    found = {local_name(r) for p in policy().parameters.values() if p.value is not None and not p.goal for r in p.roles}
    if not found:
        raise GenerationError("the policy's bonus weights name no enterprise role (三.2 加分项目)")
    return tuple(sorted(found))


def _labels(cls: URIRef) -> dict[str, str]:
    return {local_name(i): zh(i) for i in _members(cls)}


def _city(c: URIRef, counties: list[URIRef], abbreviations: dict[str, str]) -> City:
    code = _literal(c, PS.regionCode)
    mine = sorted((Region(_literal(k, PS.regionCode), zh(k)) for k in counties if parent_region(k) == c),
                  key=lambda r: r.code)
    en = policy().label(c, "en", fallback=False) or code
    return City(code, zh(c), abbreviations.get(code, en[:2].upper()), tuple(mine))


def _chain(ch: URIRef) -> tuple[int, Chain]:
    g = ontology_graph()
    notation = _literal(ch, SKOS.notation)
    segs = sorted((int(_literal(s, PS.chainOrder)), _literal(s, SKOS.notation), zh(s))
                  for s in g.subjects(PS.segmentOf, ch) if isinstance(s, URIRef))
    return int(_literal(ch, PS.chainOrder)), Chain(notation, zh(ch),
                                                   tuple(Segment(n, lbl, notation) for _, n, lbl in segs))


@cache
def vocab() -> Vocabulary:
    """The generator's vocabulary, read once.

    Raises:
        GenerationError: a term has no Chinese label, or the policy names no anchoring or bonus role.
    """
    cal = calibration()
    counties = _members(PS.County)
    cities = [_city(c, counties, cal["parks"]["city_abbreviations"]) for c in _members(PS.City)]
    chains = [_chain(ch) for ch in _members(PS.IndustrialChain)]
    words = cal["incidents"]["words"]
    return Vocabulary(
        cities=tuple(sorted(cities, key=lambda c: c.code)),
        chains=tuple(c for _, c in sorted(chains, key=lambda p: p[0])),
        park_types=tuple((local_name(t), zh(t)) for t in _members(PS.ParkType)),
        roles=_labels(PS.EnterpriseRole),
        anchor_roles=anchor_roles(),
        bonus_roles=bonus_roles(),
        project_kinds=_labels(PS.ProjectKind),
        statuses=_labels(PS.ProjectStatus),
        severities=_labels(PS.Severity),
        incident_types={local_name(i): words.get(local_name(i), zh(i)) for i in _members(PS.IncidentType)},
        designation_kinds=_labels(PS.DesignationKind),
        admin_levels=_labels(PS.AdministrativeLevel),
        star_levels={local_name(lv.iri): zh(lv.iri) for n, lv in policy().levels.items() if n in LEVELS},
        stages={local_name(st.iri): zh(st.iri) for st in policy().stages.values()},
    )


# ---------------------------------------------------------------------------------------------- the policy
def indicators() -> tuple[Indicator, ...]:
    """The eleven indicators in table order (表.1-11)."""
    return tuple(policy().indicators.values())


def bonus_bands() -> tuple[Decimal, ...]:
    """三.2 加分项目: the investment bands of the bonus projects (亿元, lower bounds, ascending), from the policy's
    bonus parameters (``ps:minInvestment``)."""
    return tuple(sorted({p.min_investment for p in policy().parameters.values() if p.min_investment is not None}))


@dataclass(frozen=True)
class Rules:
    """What the generator needs of one criteria edition (三.2): thresholds and the relaxation parameters."""

    edition: str
    scale: str
    """The code of the scale indicator (表.1, revenue)."""
    others: tuple[str, ...]
    """The other indicators with a threshold, in table order."""
    greens: tuple[str, ...]
    """The indicators judged against a benchmark (表.10-11), in table order."""
    listed: tuple[str, ...]
    """The indicators the relaxation rule may relax."""
    thresholds: dict[tuple[str, int], Decimal]
    """(indicator, level) → threshold."""
    shortfall: Decimal
    margin: Decimal
    share: Decimal
    max_relaxed: int

    def t(self, code: str, level: int) -> Decimal:
        """The threshold of ``code`` at ``level`` (0 = below three-star: the lowest level's); a level the edition
        sets none for takes the next level up that has one, else the highest."""
        lv = max(level, LEVELS[0])
        if (code, lv) in self.thresholds:
            return self.thresholds[(code, lv)]
        defined = sorted(lvl for (c, lvl) in self.thresholds if c == code)
        return self.thresholds[(code, next((x for x in defined if x >= lv), defined[-1]))]


@cache
def rules(edition_code: str) -> Rules:
    """The thresholds and relaxation parameters of an edition of the criteria (三.2), read once per edition."""
    pol = policy()
    crits = pol.criteria_of(edition_code)
    scale = next(i.code for i in indicators() if i.group == PS.GroupScale)
    mins = {c.indicator for c in crits if isinstance(c, AtLeast)}
    greens = {c.indicator for c in crits if isinstance(c, BelowBenchmark)}
    return Rules(
        edition=edition_code, scale=scale,
        others=tuple(i.code for i in indicators() if i.code in mins and i.code != scale),
        greens=tuple(i.code for i in indicators() if i.code in greens),
        listed=pol.parameter("RelaxationMaxIndicators").indicators,
        thresholds={(c.indicator, c.level): c.threshold for c in crits if isinstance(c, AtLeast)},
        shortfall=pol.value("RelaxationMaxShortfall"), margin=pol.value("RelaxationExceedMargin"),
        share=pol.value("RelaxationMinExceedingShare"), max_relaxed=int(pol.value("RelaxationMaxIndicators")),
    )


def edition_for(year: int) -> str:
    """The default edition of ``year``; past the last edition's years, the latest default edition."""
    pol = policy()
    try:
        return pol.default_edition(year).code
    except PolicyError:
        return max((e for e in pol.editions.values() if e.default), key=lambda e: e.valid_from).code


def veto_window() -> int:
    """三.3: the veto window in years."""
    return int(policy().value("VetoWindowYears"))
