"""The dashboard's pages without a browser (TestClient over the valid ingest fixtures): escaping, unknown things,
the measures section with and without the measures engine, what-if input errors, and that a what-if stores nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.dashboard import data
from api.dashboard.html import render, tag
from api.main import create_app
from api.settings import Settings
from reasoner.ingest import load
from reasoner.store import OxigraphStore
from tests.conftest import VALID, snapshot

PARK = "T-HZ-01"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    st = OxigraphStore(tmp_path / "store")
    load(st, [VALID])
    yield st
    st.close()


@pytest.fixture
def client(store: OxigraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store=store.path, upload_token="t"), store=store)) as c:
        yield c


def test_text_is_escaped_and_fragments_are_not() -> None:
    html = tag("td", "<script>", tag("b", "粗"), title='"x"')
    assert html == '<td title="&quot;x&quot;">&lt;script&gt;<b>粗</b></td>', html
    assert render(["a&b", 3, None]) == "a&amp;b3", render(["a&b", 3, None])


def test_pages_answer_in_chinese_and_unknown_things_are_404(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "各星级园区数" in r.text and 'lang="zh-CN"' in r.text, r.text[:1500]
    r = client.get(f"/parks/{PARK}")
    assert r.status_code == 200 and "指标与三档标准" in r.text and "<svg" in r.text, r.text[:1500]
    r = client.get("/parks/NO-SUCH-PARK")
    assert r.status_code == 404 and "NO-SUCH-PARK" in r.text, r.text[:800]
    r = client.get("/chains/no-such-chain")
    assert r.status_code == 404, r.text[:800]
    r = client.get("/", headers={"Accept-Language": "en"})
    assert "Parks by level" in r.text and 'lang="en"' in r.text, r.text[:1500]


def test_measures_section_before_and_after_the_measures_engine(client: TestClient,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "measures_module", lambda: None)
    r = client.get(f"/parks/{PARK}")
    assert "支持政策评估尚未提供" in r.text, r.text[r.text.find('id="measures"'):][:800]

    answer = {"measure": "M9", "label": "示例措施", "label_en": "a measure", "answer": "undetermined",
              "answer_zh": "待定", "clause": "四(三)", "missing": ["某项事实"],
              "conditions": [{"text": "园区为五星级", "held": True, "why": "",
                              "facts": [{"text": "2024 年五星级", "source": "评定"}]}]}

    class Answer:
        def to_json(self, trace: bool = True) -> dict[str, Any]:
            return answer

    fake = SimpleNamespace(park_measures=lambda store, code, year: [Answer()])
    monkeypatch.setattr(data, "measures_module", lambda: fake)
    r = client.get(f"/parks/{PARK}?year=2023")
    section = r.text[r.text.find('id="measures"'):][:3000]
    for text in ("M9", "示例措施", "待定", "四(三)", "园区为五星级", "2024 年五星级", "需补充：某项事实"):
        assert text in section, section

    # the latest year's answers come from one evaluation of the whole year, with the ratings in hand
    asked: list[int] = []

    def evaluate(store: OxigraphStore, year: int, ratings: list[Any]) -> list[Any]:
        asked.append(len(ratings))
        return [Answer()]

    answer["park"] = PARK
    monkeypatch.setattr(data, "measures_module", lambda: SimpleNamespace(park_measures=fake.park_measures,
                                                                         evaluate=evaluate))
    r = client.get(f"/parks/{PARK}?year=2024")
    assert "示例措施" in r.text[r.text.find('id="measures"'):], r.text[r.text.find('id="measures"'):][:1500]
    assert asked and asked[0] > 0, asked


def test_whatif_rejects_what_is_not_a_number_and_stores_nothing(client: TestClient, store: OxigraphStore) -> None:
    before = snapshot(store)
    r = client.post(f"/parks/{PARK}/what-if", data={"year": "2024", "I1": "很多"})
    assert r.status_code == 400 and "I1：很多" in r.text, r.text[:1500]
    r = client.post(f"/parks/{PARK}/what-if", data={"year": "2024", "I1": ""})
    assert r.status_code == 200 and 'id="whatif-result"' in r.text, r.text[:1500]
    assert "I1 1080.2 → —" in r.text, r.text[r.text.find('id="whatif-result"'):][:1500]
    assert snapshot(store) == before, "a what-if changed the store"


def test_upload_with_the_token_stores_the_file(client: TestClient, store: OxigraphStore) -> None:
    body = ("园区代码,认定类别,认定级别,认定年份,来源,数据性质\n"
            "T-HZ-01,美丽园区,省级,2023,测试用合成数据（上传）,合成\n").encode()
    r = client.post("/upload", data={"token": "t"}, files={"file": ("认定-补充.csv", body, "text/csv")})
    assert r.status_code == 201 and "已写入存储" in r.text, r.text[r.text.find("<main"):][:2000]
    assert any(s.key.startswith("upload:") for s in store.sources()), [s.key for s in store.sources()]
    r = client.post("/upload", data={"token": "wrong"}, files={"file": ("x.csv", body, "text/csv")})
    assert r.status_code == 403 and "令牌无效" in r.text, r.text[r.text.find("<main"):][:2000]
