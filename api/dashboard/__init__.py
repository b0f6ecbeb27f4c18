"""The analysts' web dashboard, served by ``parkstar serve`` at ``/``: server-rendered HTML with inline SVG charts,
Chinese by default with an English switch (``?lang=en``), nothing loaded from elsewhere (works offline).

Modules: ``routes`` (the router), ``pages`` (each page's HTML from ``reasoner``'s answers), ``charts`` (SVG),
``html`` (escaping and the page frame), ``i18n`` (the dashboard's own words, the reader's language), ``data``
(results kept while the store does not change).
"""

from __future__ import annotations

from .routes import router

__all__ = ["router"]
