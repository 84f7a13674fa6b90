"""The implementation map: every provision of a parent plan with the provisions of its child plans that
implement it.

Input: the renderer (concordance) and a language. Output: one `Page`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..addresses import MATRIX_URL
from ..concordance import Link
from ..labels import LABELS
from ..model import Division, Plan, Table
from .base import Page, Renderer


@dataclass(frozen=True)
class MatrixRow:
    plan: Plan
    division: Division | None
    table: Table | None
    links: list[tuple[str, Link]]


def pages(r: Renderer, lang: str) -> list[Page]:
    rows: list[MatrixRow] = []
    for plan in r.corpus.plans:
        if not any(p.parent == plan.id for p in r.corpus.plans):
            continue
        for division in plan.divisions():
            if division.is_article:
                rows.append(MatrixRow(plan, division, None, r.links_of_division(plan, division, outgoing=False)))
        for table in plan.tables:
            links = [(f"{plan.id}/{table.id}", link)
                     for link in r.checked.concordance.to_provision(f"{plan.id}/{table.id}")]
            rows.append(MatrixRow(plan, None, table, links))
    return [r.page(lang, MATRIX_URL, "matrix.html.j2", None, LABELS[lang]["matrix"], rows=rows,
                   concordance=r.checked.concordance)]
