"""The guarded SPARQL 1.1 endpoint's engine: check a query before it runs, then run it where it can be stopped.

pyoxigraph would fetch ``SERVICE`` IRIs itself and its Python API has no timeout. So a query is first parsed (with
rdflib's SPARQL parser) and refused if it is an update, calls ``SERVICE``, or names in ``FROM``/``FROM NAMED`` a
graph the store does not hold. It then runs in a worker process that opens the on-disk store read-only; a query
that passes the time limit has its worker killed (and replaced), and a result longer than the row cap is refused.
The worker itself is ``api/sparql_worker.py``.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from reasoner.namespaces import sparql_prologue

FORMATS = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_FORMATS = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "application/ld+json": "JSON_LD"}


class QueryRefused(Exception):
    """The query may not run: ``code`` says why (update, service, foreign-graph, syntax), messages in zh and en."""

    def __init__(self, code: str, zh: str, en: str, status: int = 400) -> None:
        super().__init__(en)
        self.code, self.zh, self.en, self.status = code, zh, en, status


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks, with its form (SELECT, ASK, CONSTRUCT, DESCRIBE)."""

    text: str
    form: str


def _walk(node: Any) -> Any:
    if isinstance(node, CompValue):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _walk(v)


def check_query(text: str, store_graphs: set[str]) -> CheckedQuery:
    """Parse ``text`` and refuse what must not run; parkstar's prefixes are predeclared."""
    full = sparql_prologue() + text
    form, dataset = _analyse(full)
    for iri in dataset:
        if iri not in store_graphs:
            raise QueryRefused("foreign-graph", f"FROM/FROM NAMED 只能使用本库中的命名图：{iri}",
                               f"FROM/FROM NAMED may only name graphs held in this store: {iri}", 403)
    return CheckedQuery(full, form)


@lru_cache(maxsize=512)
def _analyse(full: str) -> tuple[str, tuple[str, ...]]:
    """The query's form and the graphs its dataset clause names; refused here when it is not a query or calls
    SERVICE. Remembered per text: rdflib's parser takes milliseconds, and clients repeat their queries."""
    try:
        parsed = parseQuery(full)
    except Exception as query_error:  # pyparsing raises its own exception types
        try:
            parseUpdate(full)
        except Exception:
            msg = " ".join(str(query_error).split())[:300]
            raise QueryRefused("syntax", f"SPARQL 语法错误：{msg}", f"SPARQL syntax error: {msg}") from None
        raise QueryRefused("update", "只读端点：不接受更新（INSERT、DELETE、LOAD、CLEAR…）",
                           "read-only endpoint: updates (INSERT, DELETE, LOAD, CLEAR...) are refused", 403) from None
    try:
        query = translateQuery(parsed)
    except Exception as e:  # undefined prefixes and the like
        msg = " ".join(str(e).split())[:300]
        raise QueryRefused("syntax", f"SPARQL 查询无法解析：{msg}", f"SPARQL query cannot be read: {msg}") from None
    for node in _walk(query.algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused("service", "不允许 SERVICE（联邦查询会访问外部服务）",
                               "SERVICE is refused (it would call an outside service)", 403)
    dataset = tuple(str(iri) for clause in query.algebra.get("datasetClause") or []
                    if (iri := clause.get("default") or clause.get("named")) is not None)
    return query.algebra.name.replace("Query", "").upper(), dataset


class _Worker:
    """One worker process (``python -m api.sparql_worker``), spoken to over its stdin and stdout."""

    def __init__(self, store_path: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "api.sparql_worker", store_path],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def ask(self, request: dict[str, Any], timeout: float) -> tuple[str, bytes] | None:
        """Send a request; the answer, or None when the time limit passed (the worker is then killed)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        line = json.dumps(request).encode() + b"\n"
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except BrokenPipeError:
            return ("error", "查询进程已退出 / the query worker exited".encode())
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.kill()
            return None
        header = self.proc.stdout.readline()
        if not header:
            return ("error", "查询进程已退出 / the query worker exited".encode())
        kind, size = header.decode().split()
        return kind, self.proc.stdout.read(int(size))

    def kill(self) -> None:
        """Stop the worker for good."""
        self.proc.kill()
        self.proc.wait(5)

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None


class SparqlRunner:
    """A small pool of killable worker processes running checked queries against an on-disk store."""

    def __init__(self, store_path: Path, workers: int = 2) -> None:
        self.store_path = str(store_path)
        self._size = workers
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._sem = threading.Semaphore(workers)

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                w = self._idle.pop()
                if w.alive:
                    return w
        return _Worker(self.store_path)

    def _give(self, w: _Worker) -> None:
        if w.alive:
            with self._lock:
                self._idle.append(w)

    def run(self, query: CheckedQuery, graphs: list[str], fmt: str, graph_fmt: str, timeout: float,
            max_rows: int, default: list[str] | None = None) -> bytes:
        """Run a checked query over the named ``graphs``, the union of ``default`` (default: all of them) as its
        default graph; raise :class:`QueryRefused` on timeout, too many rows or an engine error."""
        if not self._sem.acquire(timeout=timeout):
            raise QueryRefused("busy", "查询队列已满，请稍后再试", "all query workers are busy; try again", 503)
        try:
            w = self._take()
            answer = w.ask({"query": query.text, "graphs": graphs, "default": graphs if default is None else default,
                            "format": fmt, "graph_format": graph_fmt, "max_rows": max_rows}, timeout)
            if answer is None:
                raise QueryRefused("timeout", f"查询超过时限 {timeout:g} 秒，已终止",
                                   f"the query passed the {timeout:g} s time limit and was stopped", 503)
            kind, payload = answer
            self._give(w)
        finally:
            self._sem.release()
        if kind == "rows":
            raise QueryRefused("too-many-rows", f"结果超过 {max_rows} 行上限，请加 LIMIT 或缩小范围",
                               f"the result passes the {max_rows}-row cap; add LIMIT or narrow the query", 413)
        if kind == "error":
            msg = payload.decode(errors="replace")
            raise QueryRefused("engine", f"查询执行失败：{msg}", f"the query failed: {msg}", 400)
        return payload

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            for w in self._idle:
                w.kill()
            self._idle.clear()
