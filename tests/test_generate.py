"""reasoner.synthetic: the bundled sample shows every case it promises; generation is deterministic,
well formed, labelled synthetic and within the ontology's vocabulary.

The star level of a park-year is recomputed here, independently of the rating engine, from the thresholds and
parameters that ``reasoner.policy`` reads from ``shapes/``: a level is met when every criterion of it is
met (value ≥ threshold, or value < benchmark for the green indicators); the relaxation rule lets at most
RelaxationMaxIndicators of the listed indicators miss by at most RelaxationMaxShortfall × threshold, and only
when strictly more than RelaxationMinExceedingShare of them are ≥ threshold × (1 + RelaxationExceedMargin);
green indicators and missing values are never relaxed. A 重大 incident with D − window < date ≤ D vetoes.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import URIRef

from reasoner.ingest import read_one
from reasoner.ingest.templates import SOURCE_HEADER, SYNTHETIC_HEADER, templates
from reasoner.namespaces import PS, RDF, RDFS, SKOS
from reasoner.policy import LEVELS, AtLeast, criteria, parameter, value
from reasoner.resources import ontology_graph
from reasoner.synthetic import FILES, GenerationError, bonus_bands, generate_dataset, write_sample

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
YEARS = (2021, 2024)
LAST, PREVIOUS = YEARS[1], YEARS[1] - 1
NAMES = {0: "未达三星", 3: "三星", 4: "四星", 5: "五星"}
"""How the README writes a level; a vetoed park-year is written 否决, an undetermined one 待定."""


# ---------------------------------------------------------------------------------------------- reading
def read(folder: Path, kind: str) -> list[dict[str, str]]:
    with (folder / FILES[kind]).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Dataset:
    parks: list[dict[str, str]]
    indicators: list[dict[str, str]]
    enterprises: list[dict[str, str]]
    projects: list[dict[str, str]]
    incidents: list[dict[str, str]]
    designations: list[dict[str, str]]
    announcements: list[dict[str, str]]

    @classmethod
    def load(cls, folder: Path) -> Dataset:
        return cls(*(read(folder, k) for k in FILES))


def split(cell: str) -> list[str]:
    return [x for x in cell.split("；") if x]


def labels(cls: URIRef) -> dict[URIRef, str]:
    g = ontology_graph()
    return {s: str(o) for s in g.subjects(RDF.type, cls) for o in g.objects(s, RDFS.label)
            if getattr(o, "language", None) == "zh" and isinstance(s, URIRef)}


def chain_segments() -> dict[str, set[str]]:
    """Chain label → the notations of its segments."""
    g = ontology_graph()
    out: dict[str, set[str]] = {}
    for chain, label in labels(PS.IndustrialChain).items():
        out[label] = {str(g.value(s, SKOS.notation)) for s in g.subjects(PS.segmentOf, chain)}
    return out


# ---------------------------------------------------------------------------------------------- rating
def indicator_columns() -> tuple[dict[str, str], dict[str, str]]:
    t = templates()["indicators"]
    values = {c.indicator: c.header for c in t.columns if c.kind == "indicator" and c.indicator}
    benches = {c.indicator: c.header for c in t.columns if c.kind == "benchmark" and c.indicator}
    return values, benches


def observations(row: dict[str, str]) -> tuple[dict[str, Decimal | None], dict[str, Decimal]]:
    values, benches = indicator_columns()
    v = {code: (Decimal(row[h]) if row[h] else None) for code, h in values.items()}
    b = {code: Decimal(row[h]) for code, h in benches.items() if row[h]}
    return v, b


def meets(values: dict[str, Decimal | None], benches: dict[str, Decimal], level: int, edition: str,
          relax: bool) -> bool:
    crits = [c for c in criteria(edition) if c.level == level]
    listed = set(parameter("RelaxationMaxIndicators").indicators)
    shortfall = value("RelaxationMaxShortfall")
    missed: list[tuple[AtLeast, Decimal]] = []
    for c in crits:
        v = values.get(c.indicator)
        if v is None:
            return False
        if not isinstance(c, AtLeast):
            if c.indicator not in benches or not v < benches[c.indicator]:
                return False
        elif v < c.threshold:
            missed.append((c, v))
    if not missed:
        return True
    if not relax or len(missed) > int(value("RelaxationMaxIndicators")):
        return False
    if any(c.indicator not in listed or v < c.threshold * (1 - shortfall) for c, v in missed):
        return False
    margin, share = value("RelaxationExceedMargin"), value("RelaxationMinExceedingShare")
    counted = [c for c in crits if c.indicator in listed and isinstance(c, AtLeast)]
    clear = sum(1 for c in counted
                if (v := values.get(c.indicator)) is not None and v >= c.threshold * (1 + margin))
    return clear > share * len(counted)


def level_of(row: dict[str, str], edition: str = "2020-a", relax: bool = True,
             optimistic: bool = False) -> int:
    """The level a row's indicators reach; ``optimistic`` fills missing values with values that pass."""
    values, benches = observations(row)
    if optimistic:
        values = {c: (v if v is not None else Decimal(0) if c in benches else Decimal("1e9"))
                  for c, v in values.items()}
    return next((lv for lv in sorted(LEVELS, reverse=True) if meets(values, benches, lv, edition, relax)), 0)


def veto_window(year: int) -> tuple[dt.date, dt.date]:
    """(D − window, D]: the dates a major incident vetoes the rating of ``year``."""
    w = int(value("VetoWindowYears"))
    return dt.date(year - w, 12, 31), dt.date(year, 12, 31)


def in_window(date: str, year: int) -> bool:
    lo, hi = veto_window(year)
    return lo < dt.date.fromisoformat(date) <= hi


@dataclass
class Outcome:
    level: int
    indicators: int
    strict: int
    edition_c: int
    vetoed: bool
    undetermined: bool

    @property
    def name(self) -> str:
        return "否决" if self.vetoed else "待定" if self.undetermined else NAMES[self.level]


def out_of_scope(d: Dataset) -> set[str]:
    """三.1: parks whose type the trial's scope (psh:TrialScope) does not list, or that are not manufacturing-led."""
    scope = parameter("TrialScope")
    rated = {labels(PS.ParkType)[t] for t in scope.park_types}
    return {p["园区代码"] for p in d.parks
            if (p["园区类型"] and p["园区类型"] not in rated) or p["以制造业为主导"] == "否"}


def outcomes(d: Dataset) -> dict[tuple[str, int], Outcome]:
    """The outcome of every park-year in the scope of the rating (三.1)."""
    majors = defaultdict(list)
    for i in d.incidents:
        if i["事件等级"] == "重大":
            majors[i["园区代码"]].append(i["发生日期"])
    outside = out_of_scope(d)
    out = {}
    for row in d.indicators:
        park, year = row["园区代码"], int(row["年份"])
        if park in outside:
            continue
        lv = level_of(row)
        vetoed = any(in_window(day, year) for day in majors[park])
        out[(park, year)] = Outcome(0 if vetoed else lv, lv, level_of(row, relax=False),
                                    0 if vetoed else level_of(row, "2020-c"), vetoed,
                                    level_of(row, optimistic=True) > lv)
    return out


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    write_sample(out)
    return out


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.load(SAMPLE)


@pytest.fixture(scope="module")
def rated(sample: Dataset) -> dict[tuple[str, int], Outcome]:
    return outcomes(sample)


def levels_in(rated: dict[tuple[str, int], Outcome], year: int) -> dict[str, int]:
    return {p: o.level for (p, y), o in rated.items() if y == year}


# ---------------------------------------------------------------------------------------------- the sample
def test_sample_regenerates_byte_identical(regenerated: Path) -> None:
    for name in FILES.values():
        committed, fresh = (SAMPLE / name).read_bytes(), (regenerated / name).read_bytes()
        if committed != fresh:
            a, b = committed.decode().splitlines(), fresh.decode().splitlines()
            diff = (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
            first = next(diff, min(len(a), len(b)))
            pytest.fail(f"data/sample/{name} differs from write_sample() at line {first + 1} "
                        f"({len(a)} vs {len(b)} lines): regenerate it with reasoner.synthetic.write_sample")


def test_sample_files_use_the_template_headers() -> None:
    for kind, name in FILES.items():
        raw = (SAMPLE / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{name} starts with a BOM"
        header = next(csv.reader(raw.decode("utf-8").splitlines()))
        assert header == templates()[kind].headers, f"{name} headers {header} != template {kind}"


def test_sample_reads_through_the_ingest_converter() -> None:
    """Every cell resolves: headers, units, chains, segments, roles, kinds, regions, dates, credit codes."""
    for kind, name in FILES.items():
        data = (SAMPLE / name).read_bytes()
        if kind == "enterprises":  # a slice: converting all 12k rows takes seconds
            data = b"\n".join(data.split(b"\n")[:2000]) + b"\n"
        prepared, problems = read_one(SAMPLE / name, data=data)
        assert prepared is not None and prepared.template == kind, f"{name} is not read as the {kind} template"
        assert not problems, f"{name}: {problems[:5]}"


def test_every_row_is_labelled_synthetic(sample: Dataset) -> None:
    for kind in FILES:
        for n, row in enumerate(getattr(sample, kind), start=2):
            where = f"{kind}.csv line {n}"
            assert row[SYNTHETIC_HEADER] == "合成", f"{where}: 数据性质 is {row[SYNTHETIC_HEADER]!r}"
            assert row[SOURCE_HEADER].startswith("合成数据"), f"{where}: 来源 is {row[SOURCE_HEADER]!r}"
    for p in sample.parks:
        assert p["园区名称"].endswith("（合成）") and "示例" in p["园区名称"], p["园区名称"]
    for kind, col in (("enterprises", "企业名称"), ("projects", "项目名称")):
        unmarked = [r[col] for r in getattr(sample, kind) if "示例" not in r[col]]
        assert not unmarked, f"{kind} names without 示例: {unmarked[:5]}"
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "合成" in readme and "synthetic" in readme.lower()


def test_sample_size_and_spread(sample: Dataset) -> None:
    cities = set(labels(PS.City).values())
    assert {p["设区市"] for p in sample.parks} == cities, "the sample must cover all 11 设区市"
    assert len(sample.parks) >= 60, f"only {len(sample.parks)} parks"
    years = Counter(int(r["年份"]) for r in sample.indicators)
    assert set(years) == set(range(YEARS[0], YEARS[1] + 1)), years
    assert set(years.values()) == {len(sample.parks)}, f"every park needs a row every year: {years}"
    codes = {e["统一社会信用代码"] for e in sample.enterprises}
    assert len(codes) >= 3000, f"only {len(codes)} enterprises"
    assert all(split(e["产业链环节"]) for e in sample.enterprises), "every enterprise works in a segment"
    assert sum(1 for e in sample.enterprises if e["企业称号"]) > len(sample.enterprises) / 5, "too few roles"
    assert {int(e["年份"]) for e in sample.enterprises} == set(range(YEARS[0], YEARS[1] + 1))
    assert len(sample.projects) >= 150, f"only {len(sample.projects)} projects"
    assert sample.incidents and sample.designations


def test_counties_are_in_their_cities(sample: Dataset) -> None:
    check_regions(sample.parks)


def check_regions(parks: list[dict[str, str]]) -> None:
    g = ontology_graph()
    cities = {v: k for k, v in labels(PS.City).items()}
    counties = {v: k for k, v in labels(PS.County).items()}
    for p in parks:
        assert p["设区市"] in cities, f"{p['园区代码']}: unknown city {p['设区市']}"
        assert p["县（市、区）"] in counties, f"{p['园区代码']}: unknown county {p['县（市、区）']}"
        parent = g.value(counties[p["县（市、区）"]], PS.parentRegion)
        assert parent == cities[p["设区市"]], f"{p['园区代码']}: {p['县（市、区）']} is not in {p['设区市']}"


def test_revenue_is_calibrated(sample: Dataset) -> None:
    scale = indicator_columns()[0]["I1"]
    revenue = sorted(Decimal(r[scale]) for r in sample.indicators if r[scale])
    median = revenue[len(revenue) // 2]
    mean = sum(revenue) / len(revenue)
    five = next(c.threshold for c in criteria("2020-a") if isinstance(c, AtLeast) and c.indicator == "I1"
                and c.level == 5)
    assert mean > median, f"revenue should be right-skewed (mean {mean:.0f}, median {median})"
    assert 0 < sum(1 for r in revenue if r >= five) < len(revenue) / 3, "a few parks at or above 1000 亿"


def test_levels_in_the_last_year(rated: dict[tuple[str, int], Outcome]) -> None:
    levels = levels_in(rated, LAST)
    count = Counter(levels.values())
    found = f"{LAST} levels: {dict(sorted(count.items()))}"
    assert count[5] >= 1, f"no five-star park; {found}"
    assert count[4] >= 3 and count[3] >= 3 and count[0] >= 3, f"need several 四星, 三星 and below; {found}"
    assert count[0] + count[3] > len(levels) / 2, f"most parks should be three-star or below; {found}"
    assert count[5] <= count[4] and count[5] <= len(levels) / 10, f"five-star parks should be few; {found}"


def test_a_major_incident_in_the_window_vetoes(rated: dict[tuple[str, int], Outcome]) -> None:
    vetoed = [p for (p, y), o in rated.items() if y == LAST and o.vetoed and o.indicators >= LEVELS[0]]
    assert vetoed, f"no park reaching a star by its indicators is vetoed in {LAST}"
    for p in vetoed:
        assert rated[(p, LAST)].level == 0


def test_a_major_incident_on_the_window_edge_does_not_veto(sample: Dataset,
                                                           rated: dict[tuple[str, int], Outcome]) -> None:
    edge = veto_window(LAST)[0].isoformat()
    parks = {i["园区代码"] for i in sample.incidents if i["事件等级"] == "重大" and i["发生日期"] == edge}
    ok = [p for p in parks if not rated[(p, LAST)].vetoed and rated[(p, LAST)].level >= LEVELS[0]]
    assert ok, f"no park with a 重大 incident on {edge} (outside the window) rated a star in {LAST}: {parks}"


def test_a_larger_incident_in_the_window_does_not_veto(sample: Dataset,
                                                      rated: dict[tuple[str, int], Outcome]) -> None:
    larger = {i["园区代码"] for i in sample.incidents
              if i["事件等级"] == "较大" and in_window(i["发生日期"], LAST)}
    ok = [p for p in larger if not rated[(p, LAST)].vetoed and rated[(p, LAST)].level >= LEVELS[0]]
    assert ok, f"no star park with a 较大 incident inside the {LAST} window: {sorted(larger)}"


def test_a_park_reaches_its_level_only_by_relaxation(rated: dict[tuple[str, int], Outcome]) -> None:
    relaxed = {p: (o.strict, o.level) for (p, y), o in rated.items()
               if y == LAST and not o.vetoed and o.level > o.strict and o.level >= LEVELS[0]}
    assert any(level - strict == 1 or strict == 0 for strict, level in relaxed.values()), \
        f"no park one level higher by relaxation in {LAST}: {relaxed}"


def test_a_park_misses_a_value_in_the_last_year(sample: Dataset,
                                                rated: dict[tuple[str, int], Outcome]) -> None:
    values, _ = indicator_columns()
    missing = {r["园区代码"]: [c for c, h in values.items() if not r[h]]
               for r in sample.indicators if int(r["年份"]) == LAST}
    undetermined = [p for p, codes in missing.items() if codes and rated[(p, LAST)].undetermined]
    assert undetermined, f"no park whose level in {LAST} hangs on an empty indicator cell: {missing}"


def test_parks_rise_and_fall(rated: dict[tuple[str, int], Outcome]) -> None:
    before, after = levels_in(rated, PREVIOUS), levels_in(rated, LAST)
    moves = {p: (before[p], after[p]) for p in after if before[p] != after[p]}
    assert any(b < a for b, a in moves.values()), f"no park rises {PREVIOUS}→{LAST}: {moves}"
    assert any(b > a for b, a in moves.values()), f"no park falls {PREVIOUS}→{LAST}: {moves}"
    assert (4, 5) in moves.values(), f"no 四星→五星 promotion {PREVIOUS}→{LAST}: {moves}"


def test_editions_disagree_on_a_small_park(rated: dict[tuple[str, int], Outcome]) -> None:
    differ = {p: (o.level, o.edition_c) for (p, y), o in rated.items()
              if y == LAST and o.level != o.edition_c}
    assert any(a == 0 and c == LEVELS[0] for a, c in differ.values()), \
        f"no park below three-star under 2020-a but three-star under 2020-c in {LAST}: {differ}"


def test_green_designations(sample: Dataset) -> None:
    priority = [d for d in sample.designations
                if d["认定类别"] in ("美丽园区", "绿色园区") and d["认定级别"] in ("省级", "国家级")]
    assert {d["认定级别"] for d in priority} == {"省级", "国家级"}, priority


def test_bonus_roles_and_projects(sample: Dataset) -> None:
    roles = Counter(r for e in sample.enterprises for r in split(e["企业称号"]))
    for role in ("世界500强", "中国500强", "国际行业前5强", "国内行业前5强"):
        assert roles[role], f"no enterprise is {role}; roles found: {dict(roles)}"
    investments = [Decimal(p["总投资（亿元）"]) for p in sample.projects]
    for band in bonus_bands():
        assert any(i >= band for i in investments), f"no project of {band} 亿元 or more"


def test_leading_chains_and_anchors(sample: Dataset) -> None:
    segments = chain_segments()
    anchor_roles = {"龙头企业", "单项冠军"}
    by_park: dict[str, list[dict[str, str]]] = defaultdict(list)
    for e in sample.enterprises:
        by_park[e["园区代码"]].append(e)
    anchors, plain = defaultdict(set), defaultdict(set)
    for p in sample.parks:
        chains = split(p["主导产业链"])
        assert 1 <= len(chains) <= 2, f"{p['园区代码']} declares {chains}"
        for c in chains:
            assert c in segments, f"{p['园区代码']}: unknown chain {c}"
            anchored = any(anchor_roles & set(split(e["企业称号"]))
                           and set(split(e["产业链环节"])) & segments[c] for e in by_park[p["园区代码"]])
            (anchors if anchored else plain)[c].add(p["园区代码"])
    for c in segments:
        assert anchors[c], f"no park anchors {c}"
        assert plain[c], f"every park declaring {c} anchors it; {sorted(anchors[c])}"


def test_chains_have_gaps(sample: Dataset) -> None:
    segments = chain_segments()
    per_park: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[str, set[str]] = defaultdict(set)
    for e in sample.enterprises:
        if e["统一社会信用代码"] in seen[e["园区代码"]]:
            continue
        seen[e["园区代码"]].add(e["统一社会信用代码"])
        per_park[e["园区代码"]].update(split(e["产业链环节"]))
    gaps = singles = 0
    for p in sample.parks:
        mine = set().union(*(segments[c] for c in split(p["主导产业链"])))
        counts = [per_park[p["园区代码"]][s] for s in mine]
        gaps += 0 in counts
        singles += 1 in counts
    n = len(sample.parks)
    assert gaps > n / 2, f"only {gaps} of {n} parks have a leading-chain segment without enterprises"
    assert singles > n / 2, f"only {singles} of {n} parks have a leading-chain segment with one enterprise"
    covered = set().union(*per_park.values())
    assert set().union(*segments.values()) - covered, "every segment is covered: no province-wide gap"


def test_enterprises_mostly_work_on_their_parks_chains(sample: Dataset) -> None:
    segments = chain_segments()
    chains = {p["园区代码"]: set().union(*(segments[c] for c in split(p["主导产业链"])))
              for p in sample.parks}
    firms = {e["统一社会信用代码"]: e for e in sample.enterprises}
    on = sum(1 for e in firms.values() if set(split(e["产业链环节"])) <= chains[e["园区代码"]])
    assert 0.7 < on / len(firms) < 1, f"{on} of {len(firms)} enterprises work on their park's chains"


def test_projects_and_incidents_use_the_vocabulary(sample: Dataset) -> None:
    kinds, statuses = set(labels(PS.ProjectKind).values()), set(labels(PS.ProjectStatus).values())
    segs = set().union(*chain_segments().values())
    for p in sample.projects:
        assert set(split(p["项目类别"])) <= kinds and p["项目状态"] in statuses, p
        assert set(split(p["所补环节"])) <= segs and p["所属产业链"] in chain_segments(), p
        for col in ("是否条件成熟", "是否符合省重大产业项目库条件"):
            assert p[col] in ("是", "否", ""), p
    unknown = [p for p in sample.projects if not p["是否条件成熟"]]
    assert len(unknown) > len(sample.projects) / 5, "leave a good share of maturity unknown"
    for i in sample.incidents:
        assert i["事件类型"] in ("安全生产", "环保") and i["事件等级"] in ("重大", "较大", "一般"), i
        dt.date.fromisoformat(i["发生日期"])
    for d in sample.designations:
        assert d["认定类别"] in set(labels(PS.DesignationKind).values()), d
        assert d["认定级别"] in set(labels(PS.AdministrativeLevel).values()), d


def test_announcements_agree_disagree_and_wait(sample: Dataset, rated: dict[tuple[str, int], Outcome]) -> None:
    """三.3: the sample's published levels mostly agree with the data, one is above them, and some park-years are
    still at an earlier stage (only the latest stage of a park-year counts)."""
    stages = ["申报", "建议名单", "审议", "公布"]
    levels = {"三星级": 3, "四星级": 4, "五星级": 5}
    latest: dict[tuple[str, int], dict[str, str]] = {}
    for row in sample.announcements:
        assert row["阶段"] in stages and row["公布星级"] in levels, row
        assert dt.date.fromisoformat(row["公布日期"]).year >= int(row["年份"]), row
        key = (row["园区代码"], int(row["年份"]))
        if key not in latest or stages.index(row["阶段"]) > stages.index(latest[key]["阶段"]):
            latest[key] = row
    published = {k: levels[r["公布星级"]] for k, r in latest.items() if r["阶段"] == "公布"}
    assert all(r["文号"] for k, r in latest.items() if k in published), "a publication names its document"
    agree = [k for k, lv in published.items() if rated[k].level == lv]
    above = [k for k, lv in published.items() if rated[k].level < lv and not rated[k].vetoed]
    earlier = [k for k, r in latest.items() if r["阶段"] != "公布"]
    assert len(agree) >= 3, f"published levels agreeing with the data: {agree}"
    assert (("ZJ-WZ-001", LAST) in above), f"published above the data: {above}"
    assert len(earlier) >= 2 and any(len([r for r in sample.announcements
                                          if (r["园区代码"], int(r["年份"])) == k]) > 1 for k in earlier), earlier
    assert any(rated[k].vetoed for k in earlier), "a vetoed park applied, but its level was not published"


def test_a_park_outside_the_scope(sample: Dataset) -> None:
    """三.1: the sample has a park of a type the trial does not rate, whose indicators would reach a star — so that
    its answer, 不在评价范围, differs from 未达三星级."""
    outside = out_of_scope(sample)
    assert outside, "no park outside the scope of 三.1"
    reach = {r["园区代码"]: level_of(r) for r in sample.indicators
             if int(r["年份"]) == LAST and r["园区代码"] in outside}
    assert any(lv >= LEVELS[0] for lv in reach.values()), f"the parks outside the scope reach no star: {reach}"


def test_readme_table_matches_the_data(rated: dict[tuple[str, int], Outcome]) -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (ZJ-[A-Z]+-\d+) \| ([^|]+?) \| ([^|]+?) \|", readme, flags=re.M)
    assert len(rows) >= 10, "the README's table of scenario parks is missing"
    for park, last, previous in rows:
        for year, written in ((LAST, last), (PREVIOUS, previous)):
            found = rated[(park, year)].name
            assert written == found, f"README says {park} is {written} in {year}; the data give {found}"
    count = Counter(levels_in(rated, LAST).values())
    line = "，".join(f"{NAMES[lv]} {count[lv]}" for lv in (5, 4, 3, 0))
    assert line in readme, f"the README should state the {LAST} distribution as “{line}”"


# ---------------------------------------------------------------------------------------------- generation
def credit_ok(code: str) -> bool:
    """GB 32100 check character, implemented again here as an oracle."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [pow(3, i, 31) for i in range(17)]
    if len(code) != 18 or any(c not in chars for c in code) or not code[2:8].isdigit():
        return False
    total = sum(chars.index(c) * w for c, w in zip(code[:17], weights, strict=True))
    return code[17] == chars[(31 - total % 31) % 31]


Small = tuple[Path, dict[str, int], list[tuple[str, int, int]]]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Small:
    out = tmp_path_factory.mktemp("small")
    calls: list[tuple[str, int, int]] = []
    counts = generate_dataset(out, 30, (2023, 2024), 1, progress=lambda s, d, t: calls.append((s, d, t)))
    return out, counts, calls


def test_generate_writes_every_template(small: Small) -> None:
    out, counts, calls = small
    assert set(counts) == set(FILES.values())
    for kind, name in FILES.items():
        with (out / name).open(encoding="utf-8", newline="") as f:
            records = list(csv.reader(f))
        assert records[0] == templates()[kind].headers, name
        assert len(records) - 1 == counts[name], f"{name}: {len(records) - 1} rows, reported {counts[name]}"
    d = Dataset.load(out)
    assert len(d.parks) == 30 and len(d.indicators) == 60
    assert d.announcements == [], "the general generator's parks have no announcement"
    assert len({p["设区市"] for p in d.parks}) == 11
    assert len({e["统一社会信用代码"] for e in d.enterprises}) == 30 * 50
    assert calls and all(0 <= done <= total for _, done, total in calls)
    last = {stage: (done, total) for stage, done, total in calls}
    assert len(last) >= len(FILES) and all(d == t for d, t in last.values()), f"stages left unfinished: {last}"


def test_generate_is_deterministic(tmp_path: Path, small: Small) -> None:
    generate_dataset(tmp_path / "again", 30, (2023, 2024), 1)
    generate_dataset(tmp_path / "other", 30, (2023, 2024), 2)
    for name in FILES.values():
        assert (small[0] / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), f"{name} differs"
    assert (small[0] / FILES["parks"]).read_bytes() != (tmp_path / "other" / FILES["parks"]).read_bytes()


def test_generated_codes_and_regions(small: Small) -> None:
    d = Dataset.load(small[0])
    check_regions(d.parks)
    counties = {v: str(ontology_graph().value(k, PS.regionCode)) for k, v in labels(PS.County).items()}
    park_county = {p["园区代码"]: counties[p["县（市、区）"]] for p in d.parks}
    for e in d.enterprises:
        code = e["统一社会信用代码"]
        assert credit_ok(code), f"invalid credit code {code}"
        assert code[2:8] == park_county[e["园区代码"]], f"{code}: positions 3-8 are not its park's county"
    for row in d.indicators:
        for h, v in row.items():
            if v and h.endswith("（%）"):
                assert Decimal(v) <= 100, f"{row['园区代码']} {h} = {v}"


def test_generate_takes_a_total_of_enterprises(tmp_path: Path) -> None:
    counts = generate_dataset(tmp_path, 12, (2024, 2024), 7, enterprises=100)
    d = Dataset.load(tmp_path)
    assert len({e["统一社会信用代码"] for e in d.enterprises}) == 100 == counts[FILES["enterprises"]]


@pytest.mark.parametrize("years", [(2018, 2019), (2026, 2027)])
def test_generate_outside_the_editions_years(tmp_path: Path, years: tuple[int, int]) -> None:
    counts = generate_dataset(tmp_path, 3, years, 1, enterprises=6)
    assert counts[FILES["indicators"]] == 6


@pytest.mark.parametrize("parks, years", [(0, (2023, 2024)), (5, (2024, 2023))])
def test_generate_refuses_bad_sizes(tmp_path: Path, parks: int, years: tuple[int, int]) -> None:
    with pytest.raises(GenerationError):
        generate_dataset(tmp_path, parks, years, 1)

