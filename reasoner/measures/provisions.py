"""The provisions (M1–M12 of 四(三), O1 of 三.2, O2 of 三.3) as the policy holds them (:mod:`reasoner.policy`):
labels and clause from the ontology, validity, focus, conditions and parameters from the shapes.

Nothing about a particular measure is written here: a new measure with its conditions in RDF is picked up as it is.
"""

from __future__ import annotations

from ..policy import Provision, policy


class MeasureError(LookupError):
    """An unknown provision, or one not in force on the date asked."""


def provisions() -> dict[str, Provision]:
    """Every provision with conditions, by code (M1…, O1…), in the policy's order."""
    return dict(policy().provisions)


def provision(code: str) -> Provision:
    """One provision by code (``M1``, ``m1``, ``O2``) or IRI.

    Raises:
        MeasureError: no provision has it.
    """
    known = policy().provisions
    key = code.strip().upper()
    if key in known:
        return known[key]
    for p in known.values():
        if p.iri == code:
            return p
    raise MeasureError(f"未知的支持措施或约束性要求 {code}（可选：{'、'.join(known)}）/ unknown measure {code}")
