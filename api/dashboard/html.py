"""HTML building for the dashboard: escaped text, safe fragments, tables, and the page frame (style, header,
language switch). Plain Python, no template engine and nothing fetched from elsewhere: every page is one document
with its style inline, so the dashboard works offline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode


class Html(str):
    """A fragment of HTML that is already safe (escaped or built here); plain ``str`` values are escaped."""

    __slots__ = ()


Content = Html | str | int | float | None | Sequence["Content"]


def render(content: Any) -> Html:
    """``content`` as HTML: fragments as they are, other values escaped, lists and tuples joined."""
    if content is None:
        return Html("")
    if isinstance(content, Html):
        return content
    if isinstance(content, str):
        return Html(escape(content))
    if isinstance(content, list | tuple):
        return Html("".join(render(c) for c in content))
    return Html(escape(str(content)))


def join(separator: str, parts: Iterable[Content]) -> Html:
    """The parts as HTML, separated by ``separator`` (escaped)."""
    return Html(escape(separator).join(render(p) for p in parts))


def tag(element: str, /, *content: Content, **attrs: str | int | bool | None) -> Html:
    """``<name attrs>content</name>``; attribute names take ``_`` for ``-`` and a trailing ``_`` is dropped
    (``class_``); True gives a bare attribute, False or None leaves it out."""
    parts = [element]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attr = key.rstrip("_").replace("_", "-")
        parts.append(attr if value is True else f'{attr}="{escape(str(value))}"')
    head = "<" + " ".join(parts) + ">"
    if element in ("input", "br", "meta", "img"):
        return Html(head)
    return Html(f"{head}{render(list(content))}</{element}>")


def link(href: str, *content: Content, **attrs: str | int | bool | None) -> Html:
    """An ``<a>`` element."""
    return tag("a", *content, href=href, **attrs)


def table(headers: Sequence[Content], rows: Iterable[Sequence[Any]], *, class_: str = "",
          empty: str = "") -> Html:
    """A table with a header row; ``empty`` is shown (one cell across) when there are no rows."""
    body = [tag("tr", *(tag("td", c) for c in row)) for row in rows]
    if not body and empty:
        body = [tag("tr", tag("td", empty, colspan=len(headers), class_="muted"))]
    return tag("table", tag("thead", tag("tr", *(tag("th", h) for h in headers))), tag("tbody", body),
               class_=class_ or None)


def query(path: str, **params: str | int | None) -> str:
    """``path?k=v`` with the parameters that are set."""
    kept = {k: str(v) for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(kept) if kept else "")


STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei",
 "PingFang SC",sans-serif;color:#1f2933;background:#f4f6f8;font-size:14px;line-height:1.55}
header{background:#17324d;color:#fff;padding:10px 24px;display:flex;align-items:center;gap:24px;flex-wrap:wrap}
header a{color:#fff;text-decoration:none}
header .brand{font-size:18px;font-weight:bold}
header nav{display:flex;gap:16px;flex:1}
header .lang a{padding:2px 8px;border:1px solid #8fb3d9;border-radius:3px;margin-left:4px}
header .lang a.on{background:#8fb3d9;color:#17324d}
main{max-width:1280px;margin:0 auto;padding:16px 24px 40px}
h1{font-size:22px;margin:8px 0 4px}
h2{font-size:17px;margin:0 0 10px;border-left:4px solid #2f6fae;padding-left:8px}
section{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:14px 16px;margin:14px 0}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e5e9ef;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600;white-space:nowrap}
tr:hover td{background:#f8fafc}
a{color:#1d5fa3}
.muted{color:#6b7785}
.note{color:#6b7785;font-size:12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:14px}
.grid section{margin:0}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{background:#f7f9fb;border:1px solid #dde3ea;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}
.lv{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;white-space:nowrap}
.lv5{background:#14532d;color:#fff}.lv4{background:#2e8b57;color:#fff}.lv3{background:#9bd39b;color:#14361d}
.lv0{background:#e5e7eb;color:#374151}.veto{background:#b91c1c;color:#fff}.undet{background:#fde68a;color:#78350f}
.up{color:#15803d;font-weight:600}.down{color:#b91c1c;font-weight:600}
.yes{color:#15803d;font-weight:600}.no{color:#b91c1c;font-weight:600}.maybe{color:#a16207;font-weight:600}
form.filters,.filters{display:flex;gap:12px;align-items:end;flex-wrap:wrap}
.filters label{display:flex;flex-direction:column;font-size:12px;color:#52606d}
select,input,button{font:inherit;padding:4px 6px;border:1px solid #b8c2cc;border-radius:4px;background:#fff}
button{background:#2f6fae;color:#fff;border-color:#2f6fae;cursor:pointer;padding:5px 14px}
.whatif{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:8px 16px}
.whatif label{display:flex;flex-direction:column;font-size:12px;color:#52606d}
.chart{overflow-x:auto}
.chart svg{max-width:100%;height:auto}
.banner{background:#fff7e6;border:1px solid #f3c677;border-radius:6px;padding:8px 12px;margin:10px 0}
.error{background:#fdecec;border-color:#e8a0a0}
.ok{background:#eaf7ee;border-color:#9fd3ae}
ul.reasons li{margin-bottom:4px}
details summary{cursor:pointer;color:#1d5fa3}
.code,.code a{white-space:nowrap}
.wide{min-width:220px}
details[open] ul{min-width:440px;margin:4px 0;padding-left:18px}
.toc{font-size:13px;margin:6px 0}
"""


def page(title: str, body: Content, *, lang: str, nav: Sequence[tuple[str, str]], switch: dict[str, str],
         synthetic_note: str = "") -> Html:
    """The whole document: head with the inline style, the header (brand, navigation, 中文 / EN switch), the body."""
    names = {"zh": "中文", "en": "EN"}
    switch_links = [link(href, names[code], class_="on" if code == lang else None, hreflang=code)
                    for code, href in switch.items()]
    header = tag("header", tag("span", "parkstar", class_="brand"),
                 tag("nav", *(link(href, text) for text, href in nav)),
                 tag("span", *switch_links, class_="lang"))
    foot = tag("p", synthetic_note, class_="note") if synthetic_note else ""
    doc = tag("html",
              tag("head", Html('<meta charset="utf-8">'),
                  Html('<meta name="viewport" content="width=device-width, initial-scale=1">'),
                  tag("title", title), tag("style", Html(STYLE))),
              tag("body", header, tag("main", body, foot)),
              lang="zh-CN" if lang == "zh" else "en")
    return Html("<!DOCTYPE html>\n" + doc)
