"""Search index: the text of every page, per language, for the site's own search (assets/plans-search.js).

Input: the rendered pages, the tags and the registries. Output: search/plans-index.json per language — each
page's address, title, visible text, and keywords naming, in the other language, the minerals and zones it
concerns (so bentonite finds 膨润土 pages on the Chinese site, and 膨润土 finds bentonite pages on the English).
The browser matches Chinese by substring (no recall lost to word segmentation) and English by whole words.
"""

from __future__ import annotations

import json
import re
from html import unescape

from .registry import Registry, Tags

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_EXCLUDED = re.compile(r"<!-- search-exclude -->.*?<!-- /search-exclude -->", re.S)
_TAG = re.compile(r"<[^>]+>")


def page_text(markdown: str) -> str:
    """The words a reader sees on a page: front matter, citation boxes and markup removed."""
    text = _FRONT_MATTER.sub("", markdown)
    text = _EXCLUDED.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = re.sub(r"^#+ ", "", text, flags=re.M)
    return " ".join(unescape(text).split())


def facet_names(facets: set[str], registry: Registry, lang: str) -> list[str]:
    """The names of facets in the other language than `lang` (and codes, which both languages type)."""
    names: set[str] = set()
    for facet in facets:
        kind, _, fid = facet.partition(":")
        if kind == "mineral" and (m := registry.mineral(fid)) is not None:
            names.update(m.en_aliases if lang == "zh" else (m.name.zh, *m.aliases))
        elif kind == "zone" and (z := registry.zone(fid)) is not None:
            names.update({z.name.en} if lang == "zh" else {z.name.zh, *z.aliases})
            if z.code:
                names.add(z.code)
        elif kind == "zone-type" and (t := registry.zone_type(fid)) is not None:
            names.update({t.name.en} if lang == "zh" else {t.name.zh, *t.aliases})
    return sorted(n for n in names if n)


def build_index(pages: list[tuple[str, str, str, set[str]]], registry: Registry, lang: str) -> str:
    """`pages`: (url, title, markdown, facets shown on the page) of one language."""
    docs = [{"u": url, "t": title, "x": page_text(markdown), "k": " ".join(facet_names(facets, registry, lang))}
            for url, title, markdown, facets in pages]
    return json.dumps({"lang": lang, "docs": docs}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def facets_of_page(identifiers: list[str], tags: Tags) -> set[str]:
    found: set[str] = set()
    for identifier in identifiers:
        found |= tags.of.get(identifier, set())
    return found
