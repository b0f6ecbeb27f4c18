"""The ``parkstar`` command line: one Typer app; each command group lives in a module of this package.

Exit codes: 0 success, 1 validation failure (the input or the rules said no), 2 usage or system error.
"""

from __future__ import annotations

import logging
import sys

from . import chains as _chains  # noqa: F401  (registers its commands)
from . import data as _data  # noqa: F401  (registers its commands)
from . import measures as _measures  # noqa: F401
from . import rating as _rating  # noqa: F401
from . import readings as _readings  # noqa: F401
from . import scenarios as _scenarios  # noqa: F401
from . import serve as _serve  # noqa: F401
from .app import app, console, err_console

__all__ = ["app", "console", "err_console", "main"]


def main() -> None:
    """Entry point of the ``parkstar`` console script."""
    # rdflib logs a traceback for every ill-typed literal it reads; the ingest report already names them
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("已中断 / interrupted")
        sys.exit(2)
