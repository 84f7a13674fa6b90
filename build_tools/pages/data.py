"""The open-data page: every download with its size.

Input: the renderer (the data files built once) and a language. Output: one `Page`.
"""

from __future__ import annotations

from ..addresses import DATA_URL
from ..labels import LABELS
from .base import Page, Renderer


def pages(r: Renderer, lang: str) -> list[Page]:
    sizes = {f.path: len(f.text.encode("utf-8")) for f in r.data}
    return [r.page(lang, DATA_URL, "data.html.j2", None, LABELS[lang]["data"],
                   resources=[(t.name, t.title_in(lang)) for t in r.resources], sizes=sizes,
                   data_link=lambda path: r.data_link(lang, DATA_URL, path))]
