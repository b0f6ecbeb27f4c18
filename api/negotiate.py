"""Content negotiation for resources: JSON by default, Turtle or JSON-LD when the ``Accept`` header asks."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from reasoner.namespaces import PREFIXES
from reasoner.store import OxigraphStore

RDF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/turtle": {}, "application/ld+json": {}, "application/n-triples": {}},
          "description": "JSON；或按 Accept 返回 Turtle、JSON-LD、N-Triples / JSON, or RDF by Accept"}}
"""The RDF media types a negotiated resource also answers, for its OpenAPI entry."""

RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
             "application/n-triples": ox.RdfFormat.N_TRIPLES}


def wanted_rdf(request: Request) -> str | None:
    """The RDF media type the client prefers to JSON, if any (by q-value, then by order in ``Accept``)."""
    ranges: list[tuple[float, int, str]] = []
    for i, part in enumerate(request.headers.get("accept", "").split(",")):
        media, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for p in params:
            k, _, v = p.partition("=")
            if k.strip() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((q, -i, media.lower()))
    rdf = [r for r in ranges if r[2] in RDF_TYPES]
    if not rdf:
        return None
    best = max(rdf)
    json_like = [r for r in ranges if r[2] in ("application/json", "*/*", "application/*")]
    if json_like and max(json_like)[:2] > best[:2]:
        return None
    return best[2]


def rdf_response(store: OxigraphStore, construct: str, media: str) -> Response:
    """Serialise a CONSTRUCT over the store in the requested RDF syntax."""
    triples = store.query(construct)
    prefixes = {k: v for k, v in PREFIXES.items() if k not in ("sh",)}
    fmt = RDF_TYPES[media]
    kwargs: dict[str, Any] = {"format": fmt}
    if fmt == ox.RdfFormat.TURTLE:
        kwargs["prefixes"] = prefixes
    body = ox.serialize(triples, **kwargs)
    return Response(content=body or b"", media_type=media + ("; charset=utf-8" if "turtle" in media else ""))


def negotiated(request: Request, store: OxigraphStore, construct: str, data: BaseModel) -> Response:
    """The answer ``data`` as JSON, or the resource's triples when Turtle/JSON-LD is asked for."""
    media = wanted_rdf(request)
    if media is not None:
        return rdf_response(store, construct, media)
    return Response(data.model_dump_json(by_alias=True), media_type="application/json")
