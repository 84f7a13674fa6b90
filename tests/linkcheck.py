"""Link integrity of a built site: every internal link and anchor, in both languages, resolves.

A small checker over the built files (html.parser from the standard library). LinkChecker 10.6 needed more
than five minutes for this site and was stopped; mkdocs-htmlproofer-plugin checks inside one MkDocs build and
cannot follow the links between the Chinese build and the English build under en/, or to data/. Used for the
MkDocs build (test_links.py) and the Zensical build (test_engine.py).
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        for attr in ("href", "src"):
            if values.get(attr) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(str(values[attr]))


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    here = page.parent.relative_to(site).as_posix()
    path = unquote(parts.path)
    resolved = posixpath.normpath(posixpath.join(here, path)) if path else page.relative_to(site).as_posix()
    assert not resolved.startswith(".."), f"{page}: {href} leaves the site"
    target = site / resolved
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> tuple[list[tuple[str, str, str]], int]:
    """Every internal link and anchor of every page but 404.html (page, link, what is wrong), and how many
    links were checked."""
    pages = {p: _Page() for p in site.rglob("*.html")}
    for path, parser in pages.items():
        parser.feed(path.read_text(encoding="utf-8"))
    broken = []
    checked = 0
    for path, parser in pages.items():
        if path.name == "404.html":
            continue
        for href in parser.links:
            found = _target(site, path, href)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            if not target.is_file():
                broken.append((path.relative_to(site).as_posix(), href, "no such file"))
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append((path.relative_to(site).as_posix(), href, "no such anchor"))
    return broken, checked
