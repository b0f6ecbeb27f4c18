"""The policy as parkstar reads it: the only reader of ``shapes/`` and of the policy parts of ``ontology/``.

One :class:`Policy`, read on first use and kept for the process (:func:`policy`), holds the typed parameters and
2025 goals, the editions of the criteria and their criteria (:class:`AtLeast` a threshold, :class:`BelowBenchmark`),
the veto of 三.3 (:class:`VetoRule`: window, grades, incident types), the star levels, the eleven indicators, the
stages of the rating procedure (三.3), the provisions (M1–M12, O1, O2) with their conditions, the readings (named
interpretations of vague words, with their alternatives: :meth:`Policy.under` gives the policy under a choice of
them), and the labels of every term. :func:`parameter` checks a parameter's validity; every problem is a
:class:`PolicyError`. :func:`verdict` judges one criterion on one observation. The shapes graphs the validators run
come from here too.
"""

from __future__ import annotations

from .current import (
    criteria,
    criteria_shapes,
    default_edition,
    edition,
    editions,
    label,
    level_name,
    parameter,
    policy,
    set_policy,
    value,
)
from .errors import PolicyError
from .load import load_policy
from .model import (
    DEFAULT_READINGS,
    LEVELS,
    Alternative,
    AtLeast,
    BelowBenchmark,
    Condition,
    Criterion,
    Edition,
    Goal,
    Indicator,
    Level,
    Parameter,
    Policy,
    Provision,
    Reading,
    Readings,
    Stage,
    VetoRule,
)
from .shapes import (
    evidence_shapes,
    provisions_file,
    rule_files,
    shapes_dir,
    shapes_file_graph,
    shapes_files,
    shapes_graph,
    shapes_subgraph,
    veto_shapes,
)
from .verdict import BELOW, MET, MISSING, verdict

__all__ = [
    "BELOW",
    "DEFAULT_READINGS",
    "LEVELS",
    "MET",
    "MISSING",
    "Alternative",
    "AtLeast",
    "BelowBenchmark",
    "Condition",
    "Criterion",
    "Edition",
    "Goal",
    "Indicator",
    "Level",
    "Parameter",
    "Policy",
    "PolicyError",
    "Provision",
    "Reading",
    "Readings",
    "Stage",
    "VetoRule",
    "criteria",
    "criteria_shapes",
    "default_edition",
    "edition",
    "editions",
    "evidence_shapes",
    "label",
    "level_name",
    "load_policy",
    "parameter",
    "policy",
    "provisions_file",
    "rule_files",
    "set_policy",
    "shapes_dir",
    "shapes_file_graph",
    "shapes_files",
    "shapes_graph",
    "shapes_subgraph",
    "value",
    "verdict",
    "veto_shapes",
]
