"""The synthetic data: a plausible province of made-up parks, written as the six ingest templates.

:func:`generate_dataset` writes any number of parks, years and enterprises from a seed; :func:`write_sample` writes
the bundled sample (``data/sample``), whose scenario parks each exhibit one rule of the policy: a veto, the edge of
the veto window, the relaxation rule, an edition difference, a missing value, a promotion, a fall. The same seed,
sizes and calibration always give the same bytes.

No number here is a policy number of its own. Indicator values are placed relative to the thresholds and rule
parameters of the policy (:mod:`reasoner.policy`; a value is "a threshold × a factor"); the veto window (三.3) and
the bonus projects' investment bands (三.2 加分项目) come from its parameters; every list of chains, segments,
regions, roles and kinds comes from the ontology and every label through the policy. The shape of the province
(revenue distribution, shares, the words names are made of) is data in ``calibration.toml`` in this package. Every
row says it is synthetic: 数据性质 = 合成 and a 来源 starting “合成数据”; park names end with “（合成）”; every
name has “示例”.

Modules, each owning one thing: ``calibration`` (the province's shape), ``vocabulary`` (what is read of the
ontology and the policy), ``plan`` (one park's plan), ``planner`` (drawing parks and their years), ``values``
(indicator values against thresholds), ``writers`` (one writer per template, credit codes), ``dataset`` (the
general generator), ``scenarios`` (the sample and its scenario parks).
"""

from __future__ import annotations

from .calibration import calibration
from .dataset import generate_dataset
from .errors import GenerationError
from .scenarios import write_sample
from .vocabulary import bonus_bands
from .writers import FILES, Progress, synthetic_credit_code

__all__ = ["FILES", "GenerationError", "Progress", "bonus_bands", "calibration", "generate_dataset",
           "synthetic_credit_code", "write_sample"]
