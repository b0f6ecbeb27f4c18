"""What every answer model shares: forbidden extra keys, and fields that are left out of the JSON when unset.

The models are the JSON contracts of ``parkstar … --json`` and of the HTTP API (their OpenAPI schemas). A field that
only some answers carry — the trace, a label in the reader's language — is declared with :func:`omitted` and does not
appear at all when it is None, so the CLI and the API share one model and the keys stay as they have always been.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    """Base of every answer model."""

    model_config = ConfigDict(extra="forbid")


def _is_none(value: object) -> bool:
    return value is None


def omitted(description: str = "") -> Any:
    """A field that is left out of the JSON when it is None (an answer that does not carry it)."""
    return Field(default=None, exclude_if=_is_none, description=description or None)


def dump(answer: BaseModel | Sequence[BaseModel]) -> Any:
    """An answer (or a list of them) as JSON-ready values, keys as the API gives them (aliases such as ``"3"``)."""
    if isinstance(answer, BaseModel):
        return answer.model_dump(mode="json", by_alias=True)
    return [a.model_dump(mode="json", by_alias=True) for a in answer]


def text(value: Decimal | None) -> str | None:
    """A decimal as its exact text (``"2.30"``), None as None: numbers keep the digits they were given."""
    return None if value is None else str(value)
