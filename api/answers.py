"""How the routes answer: the application layer's typed answers encoded once per store version and then served as
bytes, and labels in the reader's language. Nothing of the policy is decided here."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from fastapi.responses import Response
from pydantic import BaseModel

from reasoner.app import Service
from reasoner.policy import policy
from reasoner.rating.engine import OUT_OF_SCOPE

Answer = BaseModel | Sequence[BaseModel]


def level_labeller(lang: str) -> Callable[[int | None], str]:
    """A star level's label (0: below three stars; None: not in scope, 三.1) in ``lang``."""
    names = policy().level_names(lang)
    out_of_scope = OUT_OF_SCOPE.get(lang, OUT_OF_SCOPE["zh"])
    return lambda level: out_of_scope if level is None else names[level]


def encode(answer: Answer) -> bytes:
    """An answer as JSON bytes, keys as its model names them (aliases such as ``"3"``), unset optional keys left
    out."""
    if isinstance(answer, BaseModel):
        return answer.model_dump_json(by_alias=True).encode()
    return b"[" + b",".join(a.model_dump_json(by_alias=True).encode() for a in answer) + b"]"


async def json_answer(svc: Service, key: tuple[Hashable, ...], compute: Callable[[], Answer]) -> Response:
    """The JSON of ``compute()``, encoded once per store version and ``key`` and then served as bytes; computed in
    a worker thread (exceptions propagate to the caller)."""
    body = await svc.cache.aget(svc.store, ("json", *key), lambda: encode(compute()))
    return Response(body, media_type="application/json")
