"""The application layer: the use cases every front end calls (the CLI, the HTTP routes, the dashboard), their
typed answers (:mod:`.schemas`) and the one cache of answers keyed by the store's version (:mod:`.cache`)."""

from __future__ import annotations

from .cache import VersionCache
from .results import NoStoredRatings, NotOfficial
from .service import DEFAULT, Explained, NoDataForYear, NoObservations, Progress, RatingOptions, Service, WhatIf

__all__ = ["DEFAULT", "Explained", "NoDataForYear", "NoObservations", "NoStoredRatings", "NotOfficial", "Progress",
           "RatingOptions", "Service", "VersionCache", "WhatIf"]
