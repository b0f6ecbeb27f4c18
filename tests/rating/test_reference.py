"""The engine against the independent reference implementation (tests/rating/reference.py) on generated parks:
values on and around every threshold and the relaxation's bounds, benchmarks, incidents around the veto window's
edges, both editions, strict or not, assessment dates including 29 February, and half of them under alternatives of
the rating readings (shapes/readings.ttl)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reasoner.namespaces import INC, OBS, PARK, PS
from reasoner.policy import policy
from reasoner.rating import load_rules, rate_facts
from reasoner.rating.model import Incident, Observation, ParkFacts
from tests.rating import reference

FACTORS = ["0.5", "0.8999", "0.9", "0.9001", "0.95", "0.9999", "1", "1.0001", "1.05", "1.0999", "1.1", "1.1001",
           "1.3"]
SEVERITIES = [PS + "SeverityEspeciallyMajor", PS + "SeverityMajor", PS + "SeverityLarger", PS + "SeverityGeneral"]
TYPES = [PS + "SafetyIncident", PS + "EnvironmentalIncident"]


def _at(code: str, level: int, factor: str) -> Decimal:
    t = reference.threshold("2020-a", level, code)
    assert t is not None
    return t * Decimal(factor)


@st.composite
def parks(draw: st.DrawFn) -> dict[str, object]:
    """A park whose indicators sit around one level (all at threshold × a base factor), with a few of them moved
    onto the edges of a threshold or the relaxation's bounds, some missing, green ones on either side of their
    benchmark, and incidents around the veto window's edges."""
    base_level = draw(st.sampled_from([3, 4, 5]))
    base = draw(st.sampled_from(["1", "1.05", "1.0999", "1.1", "1.2"]))
    values: dict[str, Decimal | None] = {f"I{i}": _at(f"I{i}", base_level, base) for i in range(1, 10)}
    if draw(st.booleans()):  # the majority condition's edge: each indicator on its threshold or just clear of it
        for i in range(1, 10):
            values[f"I{i}"] = _at(f"I{i}", base_level, draw(st.sampled_from(["1", "1.1"])))
        if draw(st.booleans()):
            values["I1"] = Decimal(400)  # no three-star revenue threshold in edition 2020-c
    for code in draw(st.lists(st.sampled_from(list(values)), max_size=2, unique=True)):
        if draw(st.integers(0, 9)) == 0:
            values[code] = None
        else:
            values[code] = _at(code, draw(st.sampled_from([3, 4, 5])), draw(st.sampled_from(FACTORS)))
    benches: dict[str, Decimal | None] = {}
    for code in ("I10", "I11"):
        edge = draw(st.integers(0, 9)) == 0
        b = draw(st.sampled_from([Decimal("0.5"), Decimal("1.2"), None] if edge else [Decimal("0.5"), Decimal("1.2")]))
        benches[code] = b
        ref = b if b is not None else Decimal("0.5")
        values[code] = draw(st.sampled_from([ref, ref + Decimal("0.001"), ref - Decimal("0.001"), None] if edge
                                            else [ref * Decimal("0.5"), ref * Decimal("0.9"), ref - Decimal("0.001")]))
    year = draw(st.sampled_from([2021, 2022, 2023, 2024]))
    as_of = draw(st.sampled_from([None, None, dt.date(year, 6, 30), dt.date(2024, 2, 29)]))
    chosen = draw(readings())
    d = reference.assessment_day(year, as_of, chosen)
    lower = d.replace(year=d.year - 2) if not (d.month == 2 and d.day == 29) else dt.date(d.year - 2, 2, 28)
    incidents = []
    for _ in range(draw(st.integers(0, 2))):
        anchor = draw(st.sampled_from([lower, d, dt.date(year, 3, 1)]))
        day = anchor + dt.timedelta(days=draw(st.sampled_from([-400, -1, 0, 1, 400])))
        incidents.append((day, draw(st.sampled_from(SEVERITIES)), draw(st.sampled_from(TYPES))))
    return {"values": values, "benches": benches, "year": year, "as_of": as_of, "d": d, "incidents": incidents,
            "edition": draw(st.sampled_from(["2020-a", "2020-c"])), "strict": draw(st.booleans()),
            "readings": chosen}


@st.composite
def readings(draw: st.DrawFn) -> tuple[tuple[str, str], ...]:
    """Half the parks under the defaults, the others under a few alternatives of the rating readings."""
    if draw(st.booleans()):
        return ()
    options = {r.key: [a.key for a in r.alternatives] for r in policy().readings.values() if r.scope == "rating"}
    keys = draw(st.lists(st.sampled_from(sorted(options)), min_size=1, max_size=3, unique=True))
    return tuple(sorted((k, draw(st.sampled_from(options[k]))) for k in keys))


def _facts(p: dict[str, object]) -> ParkFacts:
    values: dict[str, Decimal | None] = p["values"]  # type: ignore[assignment]
    benches: dict[str, Decimal | None] = p["benches"]  # type: ignore[assignment]
    year: int = p["year"]  # type: ignore[assignment]
    f = ParkFacts(park=str(PARK["H-1"]), code="H-1", name="生成园区（合成）", year=year)
    for code, v in values.items():
        if v is not None:
            f.observations[code] = Observation(code, v, "", benches.get(code), str(OBS[f"H-1/{year}/{code}"]), "生成")
    for n, (day, sev, kind) in enumerate(p["incidents"]):  # type: ignore[attr-defined]
        f.incidents.append(Incident(str(INC[f"H-{n}"]), day, sev, kind))
    return f


@settings(max_examples=1200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(parks())
def test_engine_agrees_with_the_reference(p: dict[str, object]) -> None:
    edition, strict = str(p["edition"]), bool(p["strict"])
    chosen: tuple[tuple[str, str], ...] = p["readings"]  # type: ignore[assignment]
    rules = load_rules(edition, int(p["year"]), strict, policy().choose(dict(chosen)))  # type: ignore[call-overload]
    r = rate_facts(_facts(p), rules, p["as_of"])  # type: ignore[arg-type]
    ref = reference.rate(edition, p["values"], p["benches"], strict, p["incidents"], p["d"],  # type: ignore[arg-type]
                         int(p["year"]), chosen)  # type: ignore[call-overload]
    trace = "\n".join(f"  {t.criterion} | {t.threshold} | {t.observed} | {t.verdict} | {t.note}" for t in r.trace)
    got = (r.level, r.indicator_level, r.vetoed, sorted(r.relaxed))
    want = (ref.level, ref.indicator_level, ref.vetoed, ref.relaxed)
    assert got == want, f"engine {got} != reference {want} for {p}\n{trace}"
