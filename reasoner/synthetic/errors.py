"""Owns the synthetic generator's one error: a request or a calibration that cannot produce a dataset."""

from __future__ import annotations


class GenerationError(ValueError):
    """The request or the calibration cannot produce a dataset (bad years, unknown label in a scenario...)."""
