"""The boxes (专栏): each box's page with its table as printed, and a page per row.

Input: the renderer and a language. Output: `Page`s; `table_grid` lays a table out with the print's merged
cells for the templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import citations
from ..addresses import DEFAULT_LANGUAGE, row_url, table_url
from ..export import DATA
from ..model import Plan, Row, Table, Text
from .base import Page, Renderer, text_in


def pages(r: Renderer, lang: str) -> list[Page]:
    out = []
    for plan in r.corpus.plans:
        for table in plan.tables:
            out.append(_table_page(r, lang, plan, table))
            out.extend(_row_page(r, lang, plan, table, row) for row in table.rows)
    return out


@dataclass(frozen=True)
class HtmlCell:
    text: Text
    colspan: int
    rowspan: int
    header: bool
    classes: str
    zone: bool = False  # a zone name: English tables keep the printed Chinese beside it


def table_grid(table: Table) -> list[list[HtmlCell]]:
    """Body cells with the print's merged cells: a value followed by cells printed empty in a fill-down
    column becomes a rowspan; an empty cell under a heading that spans from the left joins that cell."""
    rowspans: dict[tuple[int, str], int] = {}
    for column in table.columns:
        if not column.fill_down:
            continue
        start = None
        for i, row in enumerate(table.rows):
            cell = row.cells.get(column.key)
            printed = cell.text.zh.strip() if cell else ""
            if row.kind != "data":
                start = None
            elif printed:
                start = i
                rowspans[(i, column.key)] = 1
            elif start is not None:
                rowspans[(start, column.key)] += 1
                rowspans[(i, column.key)] = 0
    grid: list[list[HtmlCell]] = []
    for i, row in enumerate(table.rows):
        cells: list[HtmlCell] = []
        for column in table.columns:
            cell = row.cells.get(column.key)
            span = rowspans.get((i, column.key), 1)
            if span == 0:
                continue
            text = cell.text if cell else Text("", "", row.loc)
            if column.heading is None and not text.zh.strip() and cells and cells[-1].rowspan == 1:
                last = cells[-1]
                cells[-1] = HtmlCell(last.text, last.colspan + 1, 1, last.header, last.classes, last.zone)
                continue
            header = column.key == table.key_column or (row.kind == "total" and column is table.columns[0])
            cells.append(HtmlCell(text, 1, span, header, "plan-num" if column.type == "quantity" else "",
                                  column.type == "zone"))
        grid.append(cells)
    return grid


# ----------------------------------------------------------------------------------------- build

def _table_page(r: Renderer, lang: str, plan: Plan, table: Table) -> Page:
    url = table_url(plan, table)
    placed = next((d for d in plan.divisions() if any(b.box == table.id for b in d.boxes)), None)
    identifier = f"{plan.id}/{table.id}"
    return r.page(
        lang, url, "table.html.j2", plan, r.box_title(table, lang), table=table, placed=placed,
        shows=[f"{identifier}/{row.key}" for row in table.rows],
        placed_cite=(citations.division_zh(plan, placed) if lang == DEFAULT_LANGUAGE
                     else citations.division_en(plan, placed)) if placed else "",
        cites=r.cites(plan, url, citations.table_zh(plan, table), citations.table_en(plan, table), table.number,
                      lang),
        row_cites={row.key: (citations.table_zh(plan, table, row), citations.table_en(plan, table, row))
                   for row in table.rows},
        downloads=[(fmt, r.data_link(lang, url, f"{DATA}{plan.id}-{table.id}.{fmt}")) for fmt in ("csv", "json")],
        implements=[(identifier, link) for link in r.checked.concordance.with_source(identifier)],
        implemented_by=[(identifier, link) for link in r.checked.concordance.with_target(identifier)])


def _row_page(r: Renderer, lang: str, plan: Plan, table: Table, row: Row) -> Page:
    url = row_url(plan, table, row)
    row_zh, row_en = citations.table_zh(plan, table, row), citations.table_en(plan, table, row)
    title = row_zh.split("》", 1)[1] if lang == DEFAULT_LANGUAGE else row_en.split(", ", 1)[1]
    label = next((c for k in ("name", "mineral", "indicator", "sub_indicator") if (c := row.cells.get(k))
                  and c.text.zh.strip()), None)
    if label is not None:
        title += f" {text_in(label.text, lang)}"
    identifier = f"{plan.id}/{table.id}/{row.key}"
    links = r.checked.concordance
    return r.page(lang, url, "row.html.j2", plan, title, table=table, row=row, shows=[identifier],
                  box_name=r.box_title(table, lang),
                  implements=[(identifier, link) for link in links.with_source(identifier)],
                  implemented_by=[(identifier, link) for link in links.with_target(identifier)],
                  cites=r.cites(plan, url, row_zh, row_en, row_zh.split("》", 1)[1], lang))
