"""The SPARQL endpoint's worker process: runs one checked query at a time against a read-only store.

Started by ``api.sparql.SparqlRunner`` as ``python -m api.sparql_worker STORE``; killed when a query passes its
time limit. Imports nothing but pyoxigraph and the standard library, so it starts fast.
"""

from __future__ import annotations

import itertools
import json
import sys
from typing import Any
from xml.sax.saxutils import escape

import pyoxigraph as ox


def _send(kind: str, payload: bytes) -> None:
    out = sys.stdout.buffer
    out.write(f"{kind} {len(payload)}\n".encode() + payload)
    out.flush()


def serve(store_path: str) -> None:
    """Worker loop: one JSON request per line on stdin; for each, run it on a read-only snapshot of the store,
    serialise, answer ``KIND SIZE\\n`` and the payload on stdout.

    The snapshot is opened again whenever the request names other graphs than the last one: a source's graph is
    never changed in place (a load writes a new graph and switches the catalog), so the same list of graphs means
    the same data, and opening the store (some 20 ms) is saved on every other request.
    """
    store: ox.Store | None = None
    opened_for: list[str] | None = None
    for line in sys.stdin.buffer:
        req = json.loads(line)
        try:
            for attempt in (1, 2):
                if store is None or req["graphs"] != opened_for:
                    store, opened_for = None, None
                    store, opened_for = ox.Store.read_only(store_path), req["graphs"]
                try:
                    _answer(store, req)
                    break
                except OSError:
                    # the writer compacted the files this snapshot was reading: open a fresh one and try once more
                    store = None
                    if attempt == 2:
                        raise
        except Exception as e:  # report, keep serving
            _send("error", " ".join(str(e).split())[:500].encode())


def _answer(store: ox.Store, req: dict[str, Any]) -> None:
    """Run one request on ``store`` and send its answer."""
    named: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(g) for g in req["graphs"]]
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        ox.NamedNode(g) for g in req.get("default", req["graphs"])] or [ox.DefaultGraph()]
    result = store.query(req["query"], default_graph=default, named_graphs=named)
    if isinstance(result, ox.QueryBoolean):
        _send("ok", result.serialize(format=getattr(ox.QueryResultsFormat, req["format"])) or b"")
        return
    found = list(itertools.islice(result, req["max_rows"] + 1))
    if len(found) > req["max_rows"]:
        _send("rows", b"")
    elif isinstance(result, ox.QuerySolutions):
        _send("ok", _solutions_bytes(result.variables, found, getattr(ox.QueryResultsFormat, req["format"])))
    else:
        _send("ok", ox.serialize(found, format=getattr(ox.RdfFormat, req["graph_format"])) or b"")


def _solutions_bytes(variables: list[Any], rows: list[Any], fmt: Any) -> bytes:
    """Write already-fetched solutions in a SPARQL results format (pyoxigraph cannot rebuild QuerySolutions
    from rows, and the rows had to be counted against the cap first)."""
    names = [v.value for v in variables]
    if fmt == ox.QueryResultsFormat.CSV or fmt == ox.QueryResultsFormat.TSV:
        sep = "," if fmt == ox.QueryResultsFormat.CSV else "\t"
        lines = [sep.join(names if sep == "," else [f"?{n}" for n in names])]
        for r in rows:
            cells = []
            for n in names:
                t = r[n]
                if t is None:
                    cells.append("")
                elif sep == ",":
                    v = t.value
                    cells.append('"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n\r') else v)
                else:
                    cells.append(str(t))
            lines.append(sep.join(cells))
        return ("\r\n".join(lines) + "\r\n").encode()
    def term_json(t: Any) -> dict[str, str]:
        if isinstance(t, ox.NamedNode):
            return {"type": "uri", "value": t.value}
        if isinstance(t, ox.BlankNode):
            return {"type": "bnode", "value": t.value}
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            d["datatype"] = t.datatype.value
        return d

    if fmt == ox.QueryResultsFormat.JSON:
        bindings = [{n: term_json(r[n]) for n in names if r[n] is not None} for r in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f'<variable name="{n}"/>' for n in names] + ["</head>", "<results>"]
    for r in rows:
        out.append("<result>")
        for n in names:
            t = r[n]
            if t is None:
                continue
            j = term_json(t)
            if j["type"] == "uri":
                inner = f"<uri>{escape(j['value'])}</uri>"
            elif j["type"] == "bnode":
                inner = f"<bnode>{escape(j['value'])}</bnode>"
            else:
                attrs = f' xml:lang="{j["xml:lang"]}"' if "xml:lang" in j else (
                    f' datatype="{escape(j["datatype"])}"' if "datatype" in j else "")
                inner = f"<literal{attrs}>{escape(j['value'])}</literal>"
            out.append(f'<binding name="{n}">{inner}</binding>')
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out).encode()


if __name__ == "__main__":
    serve(sys.argv[1])
