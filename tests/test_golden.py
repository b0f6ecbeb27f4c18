"""Every CLI ``--json`` answer and the main HTTP answers on the bundled sample, compared with the outputs recorded
before the code was restructured (``tests/fixtures/golden/*.json.gz``): a refactoring must not change a single value.

To record them again on purpose (an intended change of an answer), run
``PARKSTAR_RECORD_GOLDEN=1 pytest tests/test_golden.py`` and review the difference in the commit.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.main import create_app
from api.settings import Settings
from reasoner.cli import app as cli
from reasoner.ingest import load
from reasoner.rating import rate_store
from reasoner.rating.writeback import write_ratings
from reasoner.resources import sample_dir
from reasoner.store import OxigraphStore

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
RECORD = os.environ.get("PARKSTAR_RECORD_GOLDEN") == "1"
YEARS = [2021, 2022, 2023, 2024]

CLI_CASES: dict[str, list[str]] = {
    "rate-2024": ["rate", "--year", "2024", "--json"],
    "rate-2023-strict": ["rate", "--year", "2023", "--strict", "--json", "--no-write"],
    "rate-2024-edition-c": ["rate", "--year", "2024", "--edition", "2020-c", "--json", "--no-write"],
    "explain-QZ-001": ["explain", "ZJ-QZ-001", "--year", "2024", "--json"],
    "explain-JX-001": ["explain", "ZJ-JX-001", "--year", "2024", "--json"],
    "explain-LS-001": ["explain", "ZJ-LS-001", "--year", "2024", "--json"],
    "explain-HZ-001-2023": ["explain", "ZJ-HZ-001", "--year", "2023", "--json"],
    "explain-NB-001-asof": ["explain", "ZJ-NB-001", "--year", "2024", "--as-of", "2024-06-30", "--json"],
    "adjust-2024": ["adjust", "--year", "2024", "--json"],
    "progress-2024": ["progress", "--year", "2024", "--json"],
    "measures-JX-001": ["measures", "ZJ-JX-001", "--year", "2024", "--json"],
    "measures-LS-001": ["measures", "ZJ-LS-001", "--year", "2024", "--json", "--no-trace"],
    "measures-NB-001": ["measures", "ZJ-NB-001", "--year", "2024", "--json", "--no-trace"],
    "measure-M7": ["measure", "M7", "--year", "2024", "--json"],
    "measure-M2": ["measure", "M2", "--year", "2024", "--json"],
    "anchors": ["anchors", "--json"],
    "anchors-ic": ["anchors", "集成电路", "--year", "2024", "--json"],
    "chain-ic-park": ["chain", "integrated-circuits", "--park", "ZJ-HZ-001", "--json"],
    "chain-textile-city": ["chain", "现代纺织", "--city", "湖州市", "--json"],
    "chain-bio-province": ["chain", "biomedicine", "--province", "--json"],
    "stats": ["stats", "--json"],
}

API_CASES: dict[str, tuple[str, str, dict[str, Any] | None, dict[str, str]]] = {
    "api-parks": ("GET", "/api/parks", None, {}),
    "api-parks-en-city": ("GET", "/api/parks?city=杭州市", None, {"Accept-Language": "en"}),
    "api-parks-level5": ("GET", "/api/parks?level=5&year=2024", None, {}),
    "api-park": ("GET", "/api/parks/ZJ-HZ-001", None, {}),
    "api-ratings": ("GET", "/api/parks/ZJ-QZ-001/ratings?year=2024", None, {}),
    "api-ratings-all-en": ("GET", "/api/parks/ZJ-JX-001/ratings", None, {"Accept-Language": "en"}),
    "api-next-level": ("GET", "/api/parks/ZJ-JX-001/next-level?strict=true", None, {}),
    "api-what-if": ("POST", "/api/parks/ZJ-JX-001/what-if",
                    {"year": 2024, "strict": True, "indicators": {"I2": 66.1}}, {}),
    "api-park-measures": ("GET", "/api/parks/ZJ-JX-001/measures?year=2024", None, {}),
    "api-measure-parks": ("GET", "/api/measures/M7/parks?year=2024", None, {"Accept-Language": "en"}),
    "api-anchors": ("GET", "/api/chains/anchors?year=2024", None, {}),
    "api-chain-anchors": ("GET", "/api/chains/集成电路/anchors", None, {"Accept-Language": "en"}),
    "api-completeness": ("GET", "/api/chains/integrated-circuits/completeness?park=ZJ-HZ-001", None, {}),
    "api-completeness-city": ("GET", "/api/chains/biomedicine/completeness?city=杭州市", None, {}),
    "api-progress": ("GET", "/api/province/progress?year=2024", None, {}),
    "api-adjustment": ("GET", "/api/province/adjustment?year=2024", None, {"Accept-Language": "en"}),
    "api-chains": ("GET", "/api/chains", None, {}),
    "api-chain": ("GET", "/api/chains/integrated-circuits", None, {"Accept-Language": "en"}),
    "api-indicators": ("GET", "/api/indicators", None, {}),
    "api-measures": ("GET", "/api/measures", None, {}),
    "api-measure": ("GET", "/api/measures/M7", None, {}),
    "api-stats": ("GET", "/api/stats", None, {}),
    "api-health": ("GET", "/api/health", None, {}),
}

VOLATILE = {"loaded_at", "graph", "store", "triples", "triple_count", "sha256", "version"}
"""Keys whose values depend on when and where the store was made (source graph names, load times, paths, the
package version, triple counts that include the written-back results), not on what parkstar answers."""


def normalised(data: Any) -> Any:
    """``data`` with the values of :data:`VOLATILE` keys replaced by a placeholder, and the sample's folder (source
    keys are the loaded files' paths) written as ``<sample>``."""
    if isinstance(data, dict):
        return {k: "…" if k in VOLATILE else normalised(v) for k, v in data.items()}
    if isinstance(data, list):
        return [normalised(v) for v in data]
    if isinstance(data, str):
        return data.replace(str(sample_dir()), "<sample>")
    return data


def first_difference(expected: Any, actual: Any, path: str = "$") -> str:
    """Where two JSON values first differ, for the failure message."""
    if type(expected) is not type(actual):
        return f"{path}: expected {expected!r:.200}, got {actual!r:.200}"
    if isinstance(expected, dict):
        for k in sorted(expected.keys() | actual.keys()):
            if k not in actual:
                return f"{path}.{k}: missing (expected {expected[k]!r:.200})"
            if k not in expected:
                return f"{path}.{k}: unexpected key (value {actual[k]!r:.200})"
            found = first_difference(expected[k], actual[k], f"{path}.{k}")
            if found:
                return found
        return ""
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} items expected, {len(actual)} found"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            found = first_difference(e, a, f"{path}[{i}]")
            if found:
                return found
        return ""
    return "" if expected == actual else f"{path}: expected {expected!r:.300}, got {actual!r:.300}"


def check(name: str, data: Any) -> None:
    path = GOLDEN / f"{name}.json.gz"
    data = normalised(data)
    if RECORD:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        path.write_bytes(gzip.compress(text.encode(), mtime=0))
        return
    assert path.exists(), f"no recorded output {path.name}: record with PARKSTAR_RECORD_GOLDEN=1"
    expected = json.loads(gzip.decompress(path.read_bytes()))
    assert data == expected, f"{name} changed — {first_difference(expected, data)}"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample on disk with every year's ratings written back (as ``make demo`` and ``parkstar rate``
    leave it); closed, so that each command opens it as a user's would."""
    path = tmp_path_factory.mktemp("golden") / "store"
    with OxigraphStore(path) as store:
        load(store, [sample_dir()])
        write_ratings(store, rate_store(store, YEARS))
    return path


@pytest.mark.parametrize("name", sorted(CLI_CASES))
def test_cli_json_answers_are_unchanged(name: str, sample_store: Path) -> None:
    result = CliRunner().invoke(cli, [*CLI_CASES[name], "--store", str(sample_store)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, f"{CLI_CASES[name]}: exit {result.exit_code}\n{result.output}"
    check(name, json.loads(result.stdout))


@pytest.fixture(scope="module")
def golden_client(sample_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=sample_store))) as c:
        yield c


@pytest.mark.parametrize("name", sorted(API_CASES))
def test_api_answers_are_unchanged(name: str, golden_client: TestClient) -> None:
    method, url, body, headers = API_CASES[name]
    r = golden_client.request(method, url, json=body, headers=headers)
    assert r.status_code == 200, f"{method} {url}: {r.status_code} {r.text[:500]}"
    check(name, r.json())
