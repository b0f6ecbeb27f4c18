"""The analysts' web dashboard, served by ``parkstar serve`` at ``/``: server-rendered HTML with inline SVG charts,
Chinese by default with an English switch (``?lang=en``), nothing loaded from elsewhere (works offline).

Modules: ``routes`` (the router: parameters in, a page's view model rendered out; its lifespan warms the application
layer up), ``pages`` (each page's view model from the answers of :class:`reasoner.app.Service`), ``views`` (the
view models), ``render`` (the Jinja environment over ``templates/``), ``charts`` (SVG), ``i18n`` (the dashboard's
own words, the reader's language, links that keep it). No module here reaches the store: every answer comes from
the application layer, which keeps them until the store changes.
"""

from __future__ import annotations

from .routes import router

__all__ = ["router"]
