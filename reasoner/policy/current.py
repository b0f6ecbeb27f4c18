"""The process's policy: read from the shipped files on first use (never at import), then kept; and the lookups
every other module calls — a parameter, an edition, the criteria, a label.
"""

from __future__ import annotations

import threading
from decimal import Decimal

from rdflib import Graph

from ..resources import ontology_graph
from .load import load_policy
from .model import Criterion, Edition, Parameter, Policy
from .shapes import shapes_graph, shapes_subgraph


class _Holder:
    """The loaded policy, behind a lock so that two threads of the HTTP server read the files once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.policy: Policy | None = None


_HOLDER = _Holder()


def policy() -> Policy:
    """The policy of the shipped ``shapes/`` and ``ontology/`` (read on the first call, then the same object).

    Raises:
        PolicyError: the shipped files are malformed.
    """
    found = _HOLDER.policy
    if found is None:
        with _HOLDER.lock:
            if _HOLDER.policy is None:
                _HOLDER.policy = load_policy(ontology_graph(), shapes_graph())
            found = _HOLDER.policy
    return found


def set_policy(replacement: Policy | None) -> None:
    """Use ``replacement`` as the process's policy from now on (tests; ``None``: read the shipped files again on
    the next call). Results cached from the previous policy (rule sets, chain parameters) are not recomputed."""
    with _HOLDER.lock:
        _HOLDER.policy = replacement


def parameter(name: str, year: int | None = None) -> Parameter:
    """The parameter ``psh:<name>``, checked to be valid in ``year`` when given (:meth:`Policy.parameter`)."""
    return policy().parameter(name, year)


def value(name: str, year: int | None = None) -> Decimal:
    """The number of the parameter ``psh:<name>`` (:meth:`Policy.value`)."""
    return policy().value(name, year)


def editions() -> dict[str, Edition]:
    """Every edition of the criteria, by code."""
    return dict(policy().editions)


def edition(code: str | None, year: int) -> Edition:
    """The edition named ``code`` (or the default one) for rating ``year`` (:meth:`Policy.edition`)."""
    return policy().edition(code, year)


def default_edition(year: int) -> Edition:
    """The default edition valid for rating ``year`` (:meth:`Policy.default_edition`)."""
    return policy().default_edition(year)


def criteria(edition_code: str) -> tuple[Criterion, ...]:
    """Every criterion of an edition, in table order, then level (:meth:`Policy.criteria_of`)."""
    return policy().criteria_of(edition_code)


def label(iri: str | None, lang: str = "zh", *, fallback: bool = True) -> str:
    """The label of any term of the ontology or the shapes in ``lang`` (:meth:`Policy.label`)."""
    return policy().label(iri, lang, fallback=fallback)


def level_name(count: int, lang: str = "zh") -> str:
    """The label of the star level with ``count`` stars (0: below three-star)."""
    return policy().level_name(count, lang)


def criteria_shapes(edition_code: str, level: int | None = None) -> Graph:
    """The criterion shapes of an edition (of one level when given) plus the shared declarations, as pyshacl runs
    them. A shape serving several levels (the 500 亿元 revenue shape of 表.1 in edition 2020-a) is included once."""
    return shapes_subgraph({c.shape for c in criteria(edition_code) if level is None or c.level == level})
