"""The dashboard's Jinja environment and the one call that turns a page's view model into HTML.

Templates live in ``templates/`` beside this module (``base.html``, one per page, the macros of ``_macros.html``
and the inline ``style.css``). HTML templates are autoescaped; the only markup that passes unescaped is
:class:`markupsafe.Markup` from :mod:`.charts`. Undefined names fail (``StrictUndefined``), so a view model missing
a field is an error, not an empty cell.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .i18n import words

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    """The templates' environment (made once, on first use)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False)


def preload() -> None:
    """Compile every template ahead of the first page (a tenth of a second each for the larger ones)."""
    env = environment()
    for path in sorted(TEMPLATES.glob("*.html")):
        env.get_template(path.name)


def render(template: str, view: object, lang: str) -> str:
    """The page ``template`` shows ``view`` with, the dashboard's words in ``lang`` as ``w``."""
    return environment().get_template(template).render(view=view, w=words(lang))
