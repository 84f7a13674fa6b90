"""What the mineral and zone pages share: the provisions a facet tags, grouped by plan and chapter; box rows
as labelled tables (every value under its column's name, blanks and carried cells said in words); a zone
row's status against the provincial plan.

Input: the renderer and a facet (mineral:<id>, zone:<id>, zone-type:<id>). Output: views for the templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import addresses
from ..addresses import DEFAULT_LANGUAGE, identifier_url, row_url, table_url
from ..concordance import link_quote
from ..labels import LEVELS
from ..model import Plan, Row, Table
from .base import Renderer, StatusView, heading_text, status_view, text_in

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class LinkTarget:
    cite: str
    url: str
    relation: str


@dataclass(frozen=True)
class Hit:
    """A provision that names a mineral or zone, as its facet page lists it."""

    identifier: str
    cite: str
    url: str
    quote: str
    implements: list[LinkTarget]


@dataclass(frozen=True)
class Chapter:
    title: str
    hits: list[Hit]


@dataclass(frozen=True)
class CellView:
    """One cell as a reader sees it, in the reader's language."""

    text: str
    lang: str | None  # "zh-Hans" for Chinese shown on an English page (a name kept as printed)
    original: str  # the printed Chinese beside an English zone name, else ""
    blank: bool  # printed empty
    carried: str  # printed empty in a merged cell: the value above it
    numeric: bool


@dataclass(frozen=True)
class RowView:
    key: str
    url: str
    cells: list[CellView]
    status: StatusView | None
    notes: list[str]


@dataclass(frozen=True)
class RowGroup:
    """Rows of one box, with the box's column names as headers."""

    plan: Plan
    table: Table
    title: str
    url: str
    kind: str  # targets | scales | zones | other
    columns: list[str]
    rows: list[RowView]
    footnotes: list[str]
    has_status: bool


def facet_of_url(r: Renderer, url: str) -> set[str]:
    """A mineral or zone page concerns its own facet (its other-language names become keywords)."""
    kind, _, rest = url.partition("/")
    fid = rest.strip("/")
    if kind == "minerals" and fid:
        return {f"mineral:{fid}"}
    if kind == "zones" and fid:
        return {f"zone-type:{fid}" if r.checked.registry.zone_type(fid) else f"zone:{fid}"}
    return set()


def _ordered(r: Renderer, facet: str) -> list[str]:
    return sorted(r.facets.get(facet, []), key=lambda i: r.order.get(i, len(r.order)))


def provisions(r: Renderer, facet: str, lang: str, page_url: str) -> list[tuple[Plan, list[Chapter]]]:
    """Every paragraph and heading a facet tags, by plan and chapter; a Chaoyang clause carries the Liaoning
    provisions it implements, so the two stand side by side. Box rows are shown as tables, not here."""
    by_plan: dict[str, dict[str, Chapter]] = {}
    for identifier in _ordered(r, facet):
        plan_id, _, rest = identifier.partition("/")
        plan = r.corpus.plan(plan_id)
        if plan is None or rest.startswith("box"):
            continue
        part = rest.split("/", 1)[0]
        division = plan.division(part)
        chapters = by_plan.setdefault(plan_id, {})
        if part not in chapters:
            chapters[part] = Chapter(heading_text(division, lang) if division else part, [])
        implements = [LinkTarget(r.short_cite(link.target, lang),
                                 addresses.relative(page_url, identifier_url(link.target)),
                                 r.relation_name(link.relation, lang))
                      for link in r.checked.concordance.with_source(identifier) if link.target]
        chapters[part].hits.append(Hit(identifier, r.short_cite(identifier, lang),
                                       addresses.relative(page_url, identifier_url(identifier)),
                                       link_quote(r.corpus, identifier, lang, 160), implements))
    return [(plan, list(by_plan[plan.id].values())) for plan in r.corpus.plans if plan.id in by_plan]


def table_kind(table: Table) -> str:
    keys = {c.key for c in table.columns}
    name = table.column("name")
    if name is not None and name.type == "zone":
        return "zones"
    if {"large", "medium", "small"} <= keys:
        return "scales"
    if "attribute" in keys or "indicator" in keys:
        return "targets"
    return "other"


def row_groups(r: Renderer, facet: str, lang: str, page_url: str, kinds: tuple[str, ...]) -> list[RowGroup]:
    """The box rows a facet tags, one labelled table per box (of the given kinds), in printed order."""
    found: dict[tuple[str, str], list[Row]] = {}
    for identifier in _ordered(r, facet):
        plan_id, _, rest = identifier.partition("/")
        box, _, key = rest.partition("/")
        plan = r.corpus.plan(plan_id)
        table = plan.table(box) if plan and box.startswith("box") else None
        row = table.row(key) if table and key else None
        if plan is not None and table is not None and row is not None and table_kind(table) in kinds:
            found.setdefault((plan_id, box), []).append(row)
    groups = []
    for (plan_id, box), rows in found.items():
        plan = r.corpus.plan(plan_id)
        table = plan.table(box) if plan else None
        if plan is not None and table is not None:
            groups.append(row_group(r, plan, table, rows, lang, page_url))
    return groups


def row_group(r: Renderer, plan: Plan, table: Table, rows: list[Row], lang: str, page_url: str) -> RowGroup:
    statuses = [status_view(r, r.checked.zones.of(f"{plan.id}/{table.id}/{row.key}"), lang, page_url)
                for row in rows]
    return RowGroup(
        plan, table, r.box_title(table, lang), addresses.relative(page_url, table_url(plan, table)), table_kind(table),
        [text_in(c.name, lang) for c in table.columns],
        [RowView(row.key, addresses.relative(page_url, row_url(plan, table, row)),
                 [cell_view(table, row, column.key, lang) for column in table.columns], status,
                 [text_in(n.text, lang) for n in row.notes] + ([text_in(row.discrepancy.text, lang)]
                                                              if row.discrepancy else []))
         for row, status in zip(rows, statuses, strict=True)],
        [text_in(f, lang) for f in table.footnotes], any(s is not None for s in statuses))


def cell_view(table: Table, row: Row, key: str, lang: str) -> CellView:
    column = table.column(key)
    cell = row.cells.get(key)
    numeric = column is not None and column.type == "quantity"
    if cell is None:
        return CellView("", None, "", True, "", numeric)
    shown = text_in(cell.text, lang)
    untranslated = lang != DEFAULT_LANGUAGE and not cell.text.en and bool(_HAN.search(cell.text.zh))
    original = cell.text.zh if (lang != DEFAULT_LANGUAGE and column is not None and column.type == "zone"
                                and cell.text.en and cell.text.zh) else ""
    carried = text_in(cell.filled, lang) if cell.filled is not None and not cell.text.zh.strip() else ""
    return CellView(shown, "zh-Hans" if untranslated else None, original,
                    not cell.text.zh.strip() and not carried, carried, numeric)


def level_name(level: str | None, lang: str) -> str:
    return LEVELS[lang].get(level, level) if level else ""
