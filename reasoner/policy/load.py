"""Reads the policy out of the graphs: :func:`load_policy` turns ``shapes/`` and the policy parts of ``ontology/``
into one :class:`~reasoner.policy.model.Policy`, checking as it goes.

A criterion is one threshold of one indicator at one level of one edition, taken from a node shape of
``shapes/criteria.ttl``: ``sh:minInclusive`` for "at least the standard" (表.1-9) and ``sh:lessThan ps:benchmark``
for "below the same-industry benchmark" (表.10-11). ``ps:levelInEdition`` on a shape overrides its
``ps:starLevel`` per edition. A parameter is a ``ps:Parameter`` or ``ps:PolicyGoal`` node of ``psh:``. A provision
is an ``ontology/measures.ttl`` measure or obligation with its conditions from ``shapes/measures.ttl``.

A reading (``shapes/readings.ttl``) is a named interpretation of words the policy leaves open, with its default
and its alternatives; each alternative sets a parameter, rewrites provisions, or names a way of applying a rule.

Every problem is a :class:`~reasoner.policy.errors.PolicyError` naming the node, in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..namespaces import DCTERMS, PS, PSH, RDF, RDFS, SH, SKOS, local
from .errors import PolicyError
from .model import (
    LEVELS,
    Alternative,
    AtLeast,
    BelowBenchmark,
    Condition,
    Criterion,
    Edition,
    Goal,
    Indicator,
    Level,
    Override,
    Parameter,
    Policy,
    Provision,
    Reading,
    Stage,
)

PARAMETER_TYPES = (PS.Parameter, PS.PolicyGoal)


def _texts(g: Graph, prop: URIRef) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for s, o in g.subject_objects(prop):
        if isinstance(o, Literal) and o.language in ("zh", "en"):
            out.setdefault((str(s), o.language), str(o))
    return out


def _text(g: Graph, node: Node, prop: URIRef, lang: str) -> str:
    for o in g.objects(node, prop):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return ""


def _one(g: Graph, node: Node, prop: URIRef) -> Node | None:
    values = list(g.objects(node, prop))
    if len(values) > 1:
        raise PolicyError(f"{node} 的 {prop} 有 {len(values)} 个值，应至多一个 / {node} has {len(values)} values of "
                          f"{prop}, at most one expected")
    return values[0] if values else None


def _iri(g: Graph, node: Node, prop: URIRef) -> URIRef | None:
    v = _one(g, node, prop)
    if v is not None and not isinstance(v, URIRef):
        raise PolicyError(f"{node} 的 {prop} 须为 IRI / {prop} of {node} must be an IRI, not {v!r}")
    return v


def _decimal(g: Graph, node: Node, prop: URIRef) -> Decimal | None:
    v = _one(g, node, prop)
    if v is None:
        return None
    try:
        return Decimal(str(v))
    except InvalidOperation:
        raise PolicyError(f"{node} 的 {prop} 须为数值 / {prop} of {node} must be a number, not {v}") from None


def _int(g: Graph, node: Node, prop: URIRef) -> int | None:
    v = _decimal(g, node, prop)
    if v is None:
        return None
    if v != v.to_integral_value():
        raise PolicyError(f"{node} 的 {prop} 须为整数 / {prop} of {node} must be an integer, not {v}")
    return int(v)


def _date(g: Graph, node: Node, prop: URIRef) -> dt.date | None:
    v = _one(g, node, prop)
    if v is None:
        return None
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise PolicyError(f"{node} 的 {prop} 须为日期 / {prop} of {node} must be a date, not {v}") from None


def _bool(g: Graph, node: Node, prop: URIRef) -> bool:
    v = _one(g, node, prop)
    if v is None:
        return False
    if str(v).lower() not in ("true", "false", "1", "0"):
        raise PolicyError(f"{node} 的 {prop} 须为布尔值 / {prop} of {node} must be a boolean, not {v}")
    return str(v).lower() in ("true", "1")


def _iris(g: Graph, node: Node, prop: URIRef) -> tuple[URIRef, ...]:
    found = []
    for o in g.objects(node, prop):
        if not isinstance(o, URIRef):
            raise PolicyError(f"{node} 的 {prop} 须为 IRI / {prop} of {node} must be an IRI, not {o!r}")
        found.append(o)
    return tuple(sorted(found, key=str))


def _sources(g: Graph, node: Node) -> tuple[str, ...]:
    return tuple(sorted(str(s) for s in g.objects(node, DCTERMS.source)))


def _check_years(node: Node, start: int | None, end: int | None) -> None:
    if start is not None and end is not None and end < start:
        raise PolicyError(f"{node} 的有效期 {start}–{end} 为空 / {node} is valid {start}–{end}: an empty period")


# ---------------------------------------------------------------------------------------------- ontology parts
def _levels(g: Graph) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for s in g.subjects(PS.starCount, None):
        if not isinstance(s, URIRef):
            continue
        n = _int(g, s, PS.starCount)
        assert n is not None
        if n in out:
            raise PolicyError(f"两个星级都是 {n} 星：{out[n].iri}、{s} / two star levels count {n} stars")
        out[n] = Level(n, s, _text(g, s, RDFS.label, "zh"), _text(g, s, RDFS.label, "en"))
    if set(out) != {0, *LEVELS}:
        raise PolicyError(f"本体的星级应为 0 与 {'、'.join(map(str, LEVELS))} 星，实为 {sorted(out)} / the ontology's "
                          f"star levels should count 0 and {', '.join(map(str, LEVELS))} stars, not {sorted(out)}")
    return dict(sorted(out.items()))


def _indicators(g: Graph) -> dict[str, Indicator]:
    found = []
    for s in g.subjects(RDF.type, PS.Indicator):
        if not isinstance(s, URIRef):
            continue
        row, unit = _int(g, s, PS.tableRow), _iri(g, s, PS.unit)
        direction, group = _iri(g, s, PS.direction), _iri(g, s, PS.indicatorGroup)
        if row is None or unit is None or direction is None or group is None:
            raise PolicyError(f"指标 {s} 缺少表中行号、单位、方向或分组 / indicator {s} lacks ps:tableRow, ps:unit, "
                              "ps:direction or ps:indicatorGroup")
        symbol = _one(g, unit, PS.unitSymbol)
        found.append(Indicator(
            code=str(_one(g, s, SKOS.notation) or local(str(s))), iri=s, row=row,
            label_zh=_text(g, s, RDFS.label, "zh"), label_en=_text(g, s, RDFS.label, "en"),
            unit_iri=unit, unit_symbol="" if symbol is None else str(symbol), direction=direction, group=group,
            definition_zh=_text(g, s, SKOS.definition, "zh"), definition_en=_text(g, s, SKOS.definition, "en")))
    return {i.code: i for i in sorted(found, key=lambda i: i.row)}


def _editions(g: Graph) -> dict[str, Edition]:
    found = []
    for s in g.subjects(RDF.type, PS.CriteriaEdition):
        if not isinstance(s, URIRef):
            continue
        code, start = _one(g, s, SKOS.notation), _int(g, s, PS.validFromYear)
        if code is None or start is None:
            raise PolicyError(f"标准版本 {s} 缺少编号或起始年份 / criteria edition {s} lacks skos:notation or "
                              "ps:validFromYear")
        end = _int(g, s, PS.validUntilYear)
        _check_years(s, start, end)
        default = _one(g, s, PS.isDefaultEdition)
        found.append(Edition(
            code=str(code), iri=s, label_zh=_text(g, s, RDFS.label, "zh"), label_en=_text(g, s, RDFS.label, "en"),
            valid_from=start, valid_until=end, default=default is not None and str(default).lower() in ("true", "1"),
            definition_zh=_text(g, s, SKOS.definition, "zh"), definition_en=_text(g, s, SKOS.definition, "en")))
    return {e.code: e for e in sorted(found, key=lambda e: e.code)}


def _stages(g: Graph) -> dict[str, Stage]:
    """三.3: the stages of the rating procedure (申报 → 建议名单 → 审议 → 公布), in ``ps:stageOrder``."""
    found = []
    for s in g.subjects(RDF.type, PS.AnnouncementStage):
        if not isinstance(s, URIRef):
            continue
        order = _int(g, s, PS.stageOrder)
        if order is None:
            raise PolicyError(f"评定阶段 {s} 缺少次序（ps:stageOrder） / procedure stage {s} lacks ps:stageOrder")
        found.append(Stage(s, order, _text(g, s, RDFS.label, "zh"), _text(g, s, RDFS.label, "en")))
    orders = [x.order for x in found]
    if len(set(orders)) != len(orders):
        raise PolicyError(f"评定阶段的次序重复：{sorted(orders)} / two procedure stages share an order: "
                          f"{sorted(orders)}")
    return {str(x.iri): x for x in sorted(found, key=lambda x: x.order)}


# ---------------------------------------------------------------------------------------------- parameters
def _indicator_codes(g: Graph, node: Node, indicators: dict[str, Indicator]) -> tuple[str, ...]:
    by_iri = {i.iri: i for i in indicators.values()}
    found = []
    for iri in _iris(g, node, PS.appliesToIndicator):
        if iri not in by_iri:
            raise PolicyError(f"{node} 所指指标 {iri} 不在本体中 / {node} names {iri}, not an indicator of the "
                              "ontology")
        found.append(by_iri[iri])
    return tuple(i.code for i in sorted(found, key=lambda i: i.row))


def _terms(g: Graph, node: Node, prop: URIRef, cls: URIRef) -> tuple[URIRef, ...]:
    """The IRIs ``node`` names by ``prop``, each checked to be an individual of ``cls`` in the ontology."""
    found = _iris(g, node, prop)
    for iri in found:
        if (iri, RDF.type, cls) not in g:
            raise PolicyError(f"{node} 的 {prop} 所指 {iri} 不是本体中的 {cls} / {node} names {iri} by {prop}, not a "
                              f"{cls} of the ontology")
    return found


def _parameter(g: Graph, node: URIRef, indicators: dict[str, Indicator]) -> Parameter:
    if not str(node).startswith(str(PSH)):
        raise PolicyError(f"参数 {node} 不在 psh: 命名空间 / parameter {node} is not in the psh: namespace")
    start, end = _int(g, node, PS.validFromYear), _int(g, node, PS.validUntilYear)
    _check_years(node, start, end)
    return Parameter(
        name=str(node)[len(str(PSH)):], iri=node, goal=(node, RDF.type, PS.PolicyGoal) in g,
        value=_decimal(g, node, PS.parameterValue), unit=_iri(g, node, PS.unit), valid_from=start, valid_until=end,
        sources=_sources(g, node),
        label_zh=_text(g, node, RDFS.label, "zh"), label_en=_text(g, node, RDFS.label, "en"),
        definition_zh=_text(g, node, SKOS.definition, "zh"), definition_en=_text(g, node, SKOS.definition, "en"),
        indicators=_indicator_codes(g, node, indicators), roles=_iris(g, node, PS.appliesToRole),
        project_kinds=_iris(g, node, PS.appliesToProjectKind),
        designation_kinds=_iris(g, node, PS.appliesToDesignationKind),
        administrative_levels=_iris(g, node, PS.appliesToAdministrativeLevel),
        position=_iri(g, node, PS.appliesToPosition), min_investment=_decimal(g, node, PS.minInvestment),
        target_year=_int(g, node, PS.targetYear), goal_measure=_iri(g, node, PS.goalMeasure),
        severities=_terms(g, node, PS.appliesToSeverity, PS.Severity),
        incident_types=_terms(g, node, PS.appliesToIncidentType, PS.IncidentType),
        short_zh=_text(g, node, SKOS.altLabel, "zh"), short_en=_text(g, node, SKOS.altLabel, "en"),
        project_statuses=_iris(g, node, PS.appliesToProjectStatus),
        stages=_iris(g, node, PS.appliesToStage), park_types=_iris(g, node, PS.appliesToParkType),
        requires_manufacturing_led=_bool(g, node, PS.requiresManufacturingLed))



def _parameters(g: Graph, indicators: dict[str, Indicator]) -> dict[str, Parameter]:
    nodes = {s for t in PARAMETER_TYPES for s in g.subjects(RDF.type, t)}
    untyped = sorted(str(s) for s in g.subjects(PS.parameterValue, None) if s not in nodes)
    if untyped:
        raise PolicyError(f"这些节点有 ps:parameterValue 但未声明为 ps:Parameter：{'、'.join(untyped)} / these nodes "
                          f"have a ps:parameterValue but are not declared ps:Parameter: {', '.join(untyped)}")
    out = [_parameter(g, s, indicators) for s in sorted(nodes, key=str) if isinstance(s, URIRef)]
    return {p.name: p for p in out}


def _goals(parameters: Iterable[Parameter]) -> tuple[Goal, ...]:
    out = []
    for p in parameters:
        if not p.goal:
            continue
        if p.value is None or p.goal_measure is None:
            raise PolicyError(f"目标 psh:{p.name} 缺少 ps:parameterValue 或 ps:goalMeasure / goal psh:{p.name} lacks "
                              "ps:parameterValue or ps:goalMeasure")
        if len(p.indicators) > 1:
            raise PolicyError(f"目标 psh:{p.name} 只能针对一项指标 / goal psh:{p.name} names more than one indicator")
        out.append(Goal(iri=str(p.iri), measure=str(p.goal_measure), value=p.value, target_year=p.target_year,
                        indicator=p.indicators[0] if p.indicators else None, label=p.label_zh or str(p.iri),
                        label_en=p.label_en, clause=p.clause, parameter=p))
    return tuple(sorted(out, key=lambda x: (x.measure, int(x.indicator[1:]) if x.indicator else 0)))


# ---------------------------------------------------------------------------------------------- criteria
def _criteria(g: Graph, edition: Edition, levels: dict[int, Level],
              indicators: dict[str, Indicator]) -> tuple[Criterion, ...]:
    stars = {lv.iri: n for n, lv in levels.items()}
    by_iri = {i.iri: i for i in indicators.values()}
    out: list[Criterion] = []
    for shape in g.subjects(PS.edition, edition.iri):
        if not isinstance(shape, URIRef):
            continue
        ind = _iri(g, shape, PS.indicator)
        if ind is None or ind not in by_iri:
            raise PolicyError(f"标准形状 {shape} 未指明本体中的指标（ps:indicator） / criterion shape {shape} names no "
                              "indicator of the ontology (ps:indicator)")
        level_iris: list[URIRef] = []
        overrides = list(g.objects(shape, PS.levelInEdition))
        if overrides:
            for node in overrides:
                if _one(g, node, PS.edition) == edition.iri:
                    level_iris += _iris(g, node, PS.starLevel)
        else:
            level_iris = list(_iris(g, shape, PS.starLevel))
        if not level_iris and not overrides:
            raise PolicyError(f"标准形状 {shape} 未指明星级（ps:starLevel） / criterion shape {shape} names no star "
                              "level")
        prop = _one(g, shape, SH.property)
        if prop is None:
            raise PolicyError(f"标准形状 {shape} 没有 sh:property / criterion shape {shape} has no sh:property")
        minimum, less_than = _decimal(g, prop, SH.minInclusive), _one(g, prop, SH.lessThan)
        if minimum is None and less_than != PS.benchmark:
            raise PolicyError(f"标准形状 {shape} 既无 sh:minInclusive 门槛，也无 sh:lessThan ps:benchmark / criterion "
                              f"shape {shape} has neither a threshold (sh:minInclusive) nor sh:lessThan ps:benchmark")
        clause = ", ".join(_sources(g, shape))
        zh, en = _text(g, prop, SH.message, "zh"), _text(g, prop, SH.message, "en")
        for lv in level_iris:
            if lv not in stars:
                raise PolicyError(f"标准形状 {shape} 的星级 {lv} 不在本体中 / criterion shape {shape} names {lv}, "
                                  "not a star level of the ontology")
            code, n = by_iri[ind].code, stars[lv]
            out.append(AtLeast(code, n, edition.code, shape, clause, zh, en, minimum) if minimum is not None
                       else BelowBenchmark(code, n, edition.code, shape, clause, zh, en))
    seen: dict[tuple[str, int], URIRef] = {}
    for c in out:
        other = seen.setdefault((c.indicator, c.level), c.shape)
        if other != c.shape:
            raise PolicyError(f"版本 {edition.code} 中 {c.indicator} 的 {c.level} 星标准有两个形状：{other}、"
                              f"{c.shape} / edition {edition.code} has two criteria for {c.indicator} at {c.level} "
                              f"stars: {other}, {c.shape}")
    return tuple(sorted(out, key=lambda c: (indicators[c.indicator].row, c.level)))


def _editions_named_by_shapes(g: Graph, editions: dict[str, Edition]) -> None:
    known = {e.iri for e in editions.values()}
    unknown = sorted({str(o) for s, o in g.subject_objects(PS.edition) if isinstance(s, URIRef) and o not in known})
    if unknown:
        raise PolicyError(f"标准形状所属版本未在本体中声明：{'、'.join(unknown)} / criterion shapes name editions the "
                          f"ontology does not declare: {', '.join(unknown)}")


# ---------------------------------------------------------------------------------------------- provisions
def _condition(g: Graph, node: URIRef, stars: dict[URIRef, int], parameters: dict[str, Parameter]) -> Condition:
    types = set(g.objects(node, RDF.type))
    kind = "rating" if PS.RatingCondition in types else "any" if PS.AnyOfCondition in types else "query"
    parts = tuple(sorted((_condition(g, p, stars, parameters) for p in g.objects(node, PS.anyOf)
                          if isinstance(p, URIRef)), key=lambda c: (c.order, c.iri)))
    by_iri = {p.iri: p.name for p in parameters.values()}
    used = []
    for p in _iris(g, node, PS.usedParameter):
        if p not in by_iri:
            raise PolicyError(f"条件 {node} 所用参数 {p} 未声明为 ps:Parameter / condition {node} uses {p}, not a "
                              "declared ps:Parameter")
        used.append(by_iri[p])
    veto = _one(g, node, PS.requiresVeto)

    def level(prop: URIRef) -> int | None:
        lv = _iri(g, node, prop)
        if lv is not None and lv not in stars:
            raise PolicyError(f"条件 {node} 的星级 {lv} 不在本体中 / condition {node} names {lv}, not a star level")
        return None if lv is None else stars[lv]

    query = _one(g, node, PS.selectQuery)
    park_query = _one(g, node, PS.parkQuery) or query
    return Condition(
        iri=str(node), kind=kind, text=_text(g, node, RDFS.label, "zh"), text_en=_text(g, node, RDFS.label, "en"),
        missing=_text(g, node, PS.missingFact, "zh"), missing_en=_text(g, node, PS.missingFact, "en"),
        clause=", ".join(_sources(g, node)), order=_int(g, node, PS.conditionOrder) or 0,
        min_level=level(PS.minStarLevel), max_level=level(PS.maxStarLevel),
        requires_veto=veto is not None and str(veto) in ("true", "1"),
        query="" if query is None else str(query), park_query="" if park_query is None else str(park_query),
        any_of=parts, parameters=tuple(used))


def _conditions(g: Graph, levels: dict[int, Level], parameters: dict[str, Parameter]) -> dict[str, Condition]:
    """Every condition of the shapes (a node typed by a subclass of ``ps:Condition``), by IRI."""
    stars = {lv.iri: n for n, lv in levels.items()}
    kinds = (PS.RatingCondition, PS.QueryCondition, PS.AnyOfCondition)
    nodes = sorted({s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef)}, key=str)
    return {str(n): _condition(g, n, stars, parameters) for n in nodes}


def _provisions(g: Graph, conditions: dict[str, Condition], parameters: dict[str, Parameter]
                ) -> dict[str, Provision]:
    by_iri = {p.iri: p for p in parameters.values()}
    out: list[Provision] = []
    for node in set(g.subjects(PS.hasCondition, None)):
        if not isinstance(node, URIRef):
            continue
        types = set(g.objects(node, RDF.type))
        conds = tuple(sorted((conditions[str(c)] for c in g.objects(node, PS.hasCondition)
                              if isinstance(c, URIRef) and str(c) in conditions), key=lambda c: (c.order, c.iri)))
        if len(conds) != len(set(g.objects(node, PS.hasCondition))):
            raise PolicyError(f"条款 {node} 的条件未声明为 ps:RatingCondition、ps:QueryCondition 或 ps:AnyOfCondition /"
                              f" a condition of {node} is not typed as a condition")
        used = []
        for p in _iris(g, node, PS.usedParameter):
            if p not in by_iri:
                raise PolicyError(f"{node} 所用参数 {p} 未声明为 ps:Parameter / {node} uses {p}, not a declared "
                                  "ps:Parameter")
            used.append(by_iri[p])
        notation = _one(g, node, SKOS.notation)
        out.append(Provision(
            iri=str(node), code=str(notation) if notation is not None else node.rsplit("/", 1)[-1],
            label=_text(g, node, RDFS.label, "zh"), label_en=_text(g, node, RDFS.label, "en"),
            kind="obligation" if PS.Obligation in types else "measure",
            clause=str(_one(g, node, PS.clause) or ""),
            beneficiary=_text(g, node, PS.beneficiary, "zh"),
            focus="project" if _one(g, node, PS.focus) == PS.Project else "park",
            valid_from=_date(g, node, PS.validFrom), valid_until=_date(g, node, PS.validUntil),
            conditions=conds, parameters=tuple(used), beneficiary_en=_text(g, node, PS.beneficiary, "en"),
            policy_text=_text(g, node, PS.policyText, "zh")))
    out.sort(key=lambda p: (p.kind != "measure", len(p.code), p.code))
    return {p.code: p for p in out}


# ---------------------------------------------------------------------------------------------- readings
SCOPES = ("rating", "measures")


def _str(g: Graph, node: Node, prop: URIRef) -> str:
    v = _one(g, node, prop)
    if v is None:
        raise PolicyError(f"{node} 缺少 {prop} / {node} lacks {prop}")
    return str(v)


def _alternative(g: Graph, node: URIRef, parameters: dict[str, Parameter], provisions: dict[str, Provision],
                 conditions: dict[str, Condition]) -> Alternative:
    by_iri = {p.iri: p for p in parameters.values()}
    target, value = _iri(g, node, PS.setsParameter), _decimal(g, node, PS.setsValue)
    if (target is None) != (value is None):
        raise PolicyError(f"解读选项 {node} 须同时给出 ps:setsParameter 与 ps:setsValue / alternative {node} needs "
                          "both ps:setsParameter and ps:setsValue")
    if target is not None and target not in by_iri:
        raise PolicyError(f"解读选项 {node} 所设参数 {target} 未声明 / alternative {node} sets {target}, not a "
                          "declared parameter")
    known = {p.iri for p in provisions.values()}
    overrides = []
    for o in g.objects(node, PS.provisionOverride):
        prov = _iri(g, o, PS.overridesProvision)
        if prov is None or str(prov) not in known:
            raise PolicyError(f"解读选项 {node} 改写的条款 {prov} 不存在 / alternative {node} rewrites {prov}, not a "
                              "provision")
        conds = tuple(sorted(str(c) for c in _iris(g, o, PS.withCondition)))
        unknown = [c for c in conds if c not in conditions]
        if unknown:
            raise PolicyError(f"解读选项 {node} 所用条件未声明：{'、'.join(unknown)} / alternative {node} names "
                              f"undeclared conditions: {', '.join(unknown)}")
        overrides.append(Override(str(prov), conds, _text(g, o, PS.withBeneficiary, "zh"),
                                  _text(g, o, PS.withBeneficiary, "en")))
    return Alternative(
        key=_str(g, node, PS.alternativeKey), iri=node, label_zh=_text(g, node, RDFS.label, "zh"),
        label_en=_text(g, node, RDFS.label, "en"), definition_zh=_text(g, node, SKOS.definition, "zh"),
        definition_en=_text(g, node, SKOS.definition, "en"),
        parameter=None if target is None else by_iri[target].name, value=value,
        overrides=tuple(sorted(overrides, key=lambda o: o.provision)))


def _readings(g: Graph, parameters: dict[str, Parameter], provisions: dict[str, Provision],
              conditions: dict[str, Condition]) -> dict[str, Reading]:
    """Every ``ps:Reading``, checked: a key, a scope, alternatives with distinct keys, the default among them, and
    a default that sets a parameter sets it to the parameter's own value (the shipped policy is the default one)."""
    found = []
    for node in sorted((s for s in g.subjects(RDF.type, PS.Reading) if isinstance(s, URIRef)), key=str):
        alts = [_alternative(g, a, parameters, provisions, conditions) for a in _iris(g, node, PS.alternative)]
        order = {a.iri: _int(g, a.iri, PS.listOrder) or 0 for a in alts}
        alts.sort(key=lambda a: (order[a.iri], a.key))
        keys = [a.key for a in alts]
        if len(set(keys)) != len(keys) or not alts:
            raise PolicyError(f"解读 {node} 的选项键须唯一且至少一个 / reading {node} needs alternatives with "
                              "distinct keys")
        default = _iri(g, node, PS.defaultAlternative)
        chosen = next((a for a in alts if a.iri == default), None)
        if chosen is None:
            raise PolicyError(f"解读 {node} 的默认选项不在其选项中 / the default of reading {node} is not one of its "
                              "alternatives")
        if chosen.parameter is not None and parameters[chosen.parameter].value != chosen.value:
            raise PolicyError(f"解读 {node} 的默认选项设 psh:{chosen.parameter} = {chosen.value}，而参数本身为 "
                              f"{parameters[chosen.parameter].value} / the default of {node} disagrees with its "
                              "parameter")
        scope = _str(g, node, PS.readingScope)
        if scope not in SCOPES:
            raise PolicyError(f"解读 {node} 的范围 {scope} 应为 {'、'.join(SCOPES)} / reading {node}: scope {scope}")
        found.append((_int(g, node, PS.listOrder) or 0, Reading(
            key=_str(g, node, PS.readingKey), iri=node, scope=scope, clause=", ".join(_sources(g, node)),
            words=_text(g, node, PS.policyText, "zh"), label_zh=_text(g, node, RDFS.label, "zh"),
            label_en=_text(g, node, RDFS.label, "en"), definition_zh=_text(g, node, SKOS.definition, "zh"),
            definition_en=_text(g, node, SKOS.definition, "en"), default=chosen.key, alternatives=tuple(alts))))
    found.sort(key=lambda x: (x[0], x[1].key))
    out: dict[str, Reading] = {}
    for _, r in found:
        if r.key in out:
            raise PolicyError(f"两个解读的键都是 {r.key} / two readings have the key {r.key}")
        out[r.key] = r
    return out


# ---------------------------------------------------------------------------------------------- the whole
def load_policy(ontology: Graph, shapes: Graph) -> Policy:
    """Read the policy from the ontology and the shapes (both as parsed; neither is changed).

    Raises:
        PolicyError: a criterion, edition, parameter, level or provision is malformed.
    """
    g = Graph()
    g += ontology
    g += shapes
    levels, indicators, editions = _levels(g), _indicators(g), _editions(g)
    _editions_named_by_shapes(g, editions)
    parameters = _parameters(g, indicators)
    conditions = _conditions(g, levels, parameters)
    provisions = _provisions(g, conditions, parameters)
    return Policy(
        parameters=parameters, goals=_goals(parameters.values()), editions=editions,
        criteria={code: _criteria(g, e, levels, indicators) for code, e in editions.items()},
        levels=levels, indicators=indicators, provisions=provisions, stages=_stages(g),
        labels=_texts(g, RDFS.label), definitions=_texts(g, SKOS.definition),
        readings=_readings(g, parameters, provisions, conditions), conditions=conditions)

