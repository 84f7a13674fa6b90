"""Render stage: the checked corpus as site pages (Markdown with HTML blocks), in memory.

Input: a `Checked` corpus. Output: `Page`s keyed by source path (liaoning-2021-2025/ch6/s5/index.md),
their text rendered from Jinja templates, and the navigation tree. Nothing here touches MkDocs or the
disk; the MkDocs adapter hands the pages to MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .checks import CheckResult
from .model import BoxRef, Division, Note, Paragraph, Plan, Row, Table
from .numbers import chinese_int
from .pipeline import Checked

NOTE_KIND_ZH = {
    "typo": "疑为笔误", "duplication": "文字重复", "stray-word": "夹杂外文", "artifact": "转换痕迹",
    "typography": "排版", "ambiguity": "含义不明", "remark": "说明", "inconsistency": "不一致",
}


@dataclass(frozen=True)
class Page:
    src: str  # source path MkDocs sees: liaoning-2021-2025/ch6/s5/index.md
    title: str
    text: str


@dataclass
class NavItem:
    title: str
    src: str | None = None
    children: list[NavItem] = field(default_factory=list)

    def to_mkdocs(self) -> dict[str, object] | str:
        if not self.children:
            return {self.title: self.src} if self.src else self.title
        items: list[object] = [self.src] if self.src else []
        items.extend(child.to_mkdocs() for child in self.children)
        return {self.title: items}


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    nav: tuple[NavItem, ...]


# ----------------------------------------------------------------------------------------- addresses

def division_url(plan: Plan | str, division: Division | str) -> str:
    plan_id = plan if isinstance(plan, str) else plan.id
    path = division if isinstance(division, str) else division.path
    return f"{plan_id}/{path}/"


def table_url(plan: Plan | str, table: Table | str) -> str:
    plan_id = plan if isinstance(plan, str) else plan.id
    tid = table if isinstance(table, str) else table.id
    return f"{plan_id}/{tid}/"


def row_anchor(row: Row | str) -> str:
    key = row if isinstance(row, str) else row.key
    return f"row-{key}"


def src_of(url: str) -> str:
    return f"{url}index.md" if url else "index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-relative, directory style), so that the
    built site works from any path prefix and from a zip."""
    fragment = ""
    if "#" in to_url:
        to_url, fragment = to_url.split("#", 1)
        fragment = "#" + fragment
    start = from_url.rstrip("/") or "."
    target = to_url.rstrip("/") or "."
    rel = posixpath.relpath(target, start)
    return ("" if rel == "." else rel + "/") + fragment if to_url else fragment


# ----------------------------------------------------------------------------------------- citations

def _strip_trailing_mark(number: str) -> str:
    return number[:-1] if number.endswith("、") else number


def division_citation(plan: Plan, division: Division) -> str:
    """The form of Chinese official correspondence: 《标题》第六章第五节, divisions named as printed."""
    chain = _chain(plan, division)
    parts = []
    for d in chain:
        parts.append(d.number if d.number else "".join(d.heading.zh.split()))
    cited = "".join(parts)
    return f"《{plan.title.zh}》{_strip_trailing_mark(cited)}"


def paragraph_citation(plan: Plan, division: Division, paragraph: Paragraph) -> str:
    ordinal = int(paragraph.id[1:])
    return f"{division_citation(plan, division)}第{_cn(ordinal)}段"


def table_citation(plan: Plan, table: Table, row: Row | None = None) -> str:
    base = f"《{plan.title.zh}》{table.number}"
    if row is None:
        return base
    if table.key_column and table.key_column not in ("seq",):
        return f"{base}{row.key}"
    return f"{base}第{row.key}行" if row.kind == "data" else f"{base}合计行"


_CN_DIGITS = "〇一二三四五六七八九"


def _cn(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")


def _chain(plan: Plan, division: Division) -> list[Division]:
    segments = division.path.split("/")
    return [d for i in range(1, len(segments) + 1) if (d := plan.division("/".join(segments[:i]))) is not None]


# ----------------------------------------------------------------------------------------- text

def marked_text(text: str, notes: Iterable[Note]) -> Markup:
    """Paragraph text, escaped, with the words editorial notes concern marked (never changed)."""
    html = escape(text)
    for index, note in enumerate(notes, start=1):
        if note.quote and escape(note.quote) in html:
            quoted = escape(note.quote)
            html = html.replace(quoted, f'<mark class="plan-sic" title="{escape(note.text.zh)}">{quoted}</mark>'
                                f'<sup class="plan-note-ref">[{index}]</sup>', 1)
    return Markup(html)


def heading_text(division: Division) -> str:
    """第六章 强化矿产资源开发利用与保护; an unnumbered heading printed with spaces (总 则) is closed up."""
    if not division.number:
        return "".join(division.heading.zh.split())
    return f"{division.number} {division.heading.zh}"


# ----------------------------------------------------------------------------------------- tables

@dataclass(frozen=True)
class HtmlCell:
    text: str
    colspan: int
    rowspan: int
    header: bool
    classes: str


def table_grid(table: Table) -> list[list[HtmlCell]]:
    """Body cells, with printed merged cells (fill-down columns) as rowspans, for the HTML table."""
    grid: list[list[HtmlCell]] = []
    # rowspan: a printed value followed by rows printed empty in the same column
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
                continue
            if printed:
                start = i
                rowspans[(i, column.key)] = 1
            elif start is not None:
                rowspans[(start, column.key)] += 1
                rowspans[(i, column.key)] = 0
    for i, row in enumerate(table.rows):
        cells: list[HtmlCell] = []
        for column in table.columns:
            cell = row.cells.get(column.key)
            span = rowspans.get((i, column.key), 1)
            if span == 0:
                continue
            text = cell.text.zh if cell else ""
            if column.heading is None and not text.strip() and cells and cells[-1].rowspan == 1:
                # printed merged with the cell to its left, under one heading (指标名称 over two columns)
                last = cells[-1]
                cells[-1] = HtmlCell(last.text, last.colspan + 1, 1, last.header, last.classes)
                continue
            classes = "plan-num" if column.type == "quantity" else ""
            cells.append(HtmlCell(text, 1, span, column.key == table.key_column or (
                row.kind == "total" and column is table.columns[0]), classes))
        grid.append(cells)
    return grid


def header_cells(table: Table) -> list[HtmlCell]:
    return [HtmlCell(c.heading.zh, c.colspan, 1, True, "") for c in table.columns if c.heading is not None]


# ----------------------------------------------------------------------------------------- build

class Renderer:
    def __init__(self, checked: Checked, site_url: str = "") -> None:
        self.checked = checked
        self.corpus = checked.corpus
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = Environment(
            loader=PackageLoader("build_tools", "templates"),
            undefined=StrictUndefined,
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.tests.update(
            paragraph=lambda b: isinstance(b, Paragraph), boxref=lambda b: isinstance(b, BoxRef),
        )
        self.env.globals.update(
            heading_text=heading_text, marked_text=marked_text, note_kind=NOTE_KIND_ZH, table_grid=table_grid,
            header_cells=header_cells, row_anchor=row_anchor, chinese_int=chinese_int,
        )
        self.discrepancies = self._discrepancies_by_paragraph()

    def _discrepancies_by_paragraph(self) -> dict[tuple[str, str], list[CheckResult]]:
        found: dict[tuple[str, str], list[CheckResult]] = {}
        for plan_id, results in self.checked.results.items():
            for result in results:
                if result.check.discrepancy is None:
                    continue
                statements = [s for s in (result.check.stated, *result.check.parts, *result.check.items) if s]
                for at in sorted({s.at for s in statements}):
                    found.setdefault((plan_id, at), []).append(result)
        return found

    def absolute(self, url: str) -> str:
        return f"{self.site_url}{url}" if self.site_url else f"/{url}"

    def render(self) -> Site:
        pages = [self._home()]
        nav = [NavItem("首页", "index.md")]
        for plan in self.corpus.plans:
            pages.append(self._plan_page(plan))
            plan_nav = NavItem(plan.short_title.zh, src_of(f"{plan.id}/"))
            for part in plan.parts:
                plan_nav.children.append(self._division_nav(plan, part))
            tables_nav = NavItem("专栏")
            for table in plan.tables:
                pages.append(self._table_page(plan, table))
                tables_nav.children.append(NavItem(f"{table.number} {table.heading.zh}",
                                                   src_of(table_url(plan, table))))
            plan_nav.children.append(tables_nav)
            pages.append(self._checks_page(plan))
            plan_nav.children.append(NavItem("数据核对", src_of(f"{plan.id}/consistency/")))
            for division in plan.divisions():
                pages.append(self._division_page(plan, division))
            nav.append(plan_nav)
        return Site(tuple(sorted(pages, key=lambda p: p.src)), tuple(nav))

    def _division_nav(self, plan: Plan, division: Division) -> NavItem:
        item = NavItem(heading_text(division), src_of(division_url(plan, division)))
        item.children = [self._division_nav(plan, child) for child in division.children]
        if item.children:
            # a section page lists its own lead-in text and its children; it comes first in its section
            return NavItem(item.title, item.src, item.children)
        return item

    def _context(self, plan: Plan | None, url: str) -> dict[str, object]:
        def link(target: str) -> str:
            return relative(url, target)

        return {"plan": plan, "url": url, "link": link, "permalink": self.absolute(url),
                "plans": self.corpus.plans, "absolute": self.absolute}

    def _home(self) -> Page:
        template = self.env.get_template("home.md.j2")
        text = template.render(**self._context(None, ""), division_url=division_url)
        return Page("index.md", "首页", text)

    def _plan_page(self, plan: Plan) -> Page:
        url = f"{plan.id}/"
        parent = self.corpus.plan(plan.parent) if plan.parent else None
        children = [p for p in self.corpus.plans if p.parent == plan.id]
        text = self.env.get_template("plan.md.j2").render(
            **self._context(plan, url), parent=parent, children=children, division_url=division_url,
            table_url=table_url, results=self.checked.results.get(plan.id, []))
        return Page(src_of(url), plan.title.zh, text)

    def _division_page(self, plan: Plan, division: Division) -> Page:
        url = division_url(plan, division)
        chain = _chain(plan, division)
        tables = {t.id: t for t in plan.tables}
        paragraph_citations = {p.id: paragraph_citation(plan, division, p) for p in division.paragraphs}
        text = self.env.get_template("division.md.j2").render(
            **self._context(plan, url), division=division, chain=chain[:-1], tables=tables,
            citation=division_citation(plan, division), paragraph_citations=paragraph_citations,
            division_url=division_url, table_url=table_url,
            discrepancies={p.id: self.discrepancies.get((plan.id, f"{division.path}/{p.id}"), [])
                           for p in division.paragraphs},
            table_citation=table_citation)
        return Page(src_of(url), heading_text(division), text)

    def _table_page(self, plan: Plan, table: Table) -> Page:
        url = table_url(plan, table)
        placed = next((d for d in plan.divisions() if any(b.box == table.id for b in d.boxes)), None)
        text = self.env.get_template("table.md.j2").render(
            **self._context(plan, url), table=table, placed=placed, division_url=division_url,
            citation=table_citation(plan, table), table_citation=table_citation,
            placed_citation=division_citation(plan, placed) if placed else "")
        return Page(src_of(url), f"{table.number} {table.heading.zh}", text)

    def _checks_page(self, plan: Plan) -> Page:
        url = f"{plan.id}/consistency/"
        rows_with_discrepancy = [(t, r) for t in plan.tables for r in t.rows if r.discrepancy]
        text = self.env.get_template("consistency.md.j2").render(
            **self._context(plan, url), results=self.checked.results.get(plan.id, []),
            division_url=division_url, table_url=table_url, rows_with_discrepancy=rows_with_discrepancy,
            paragraph_url=lambda at: division_url(plan, at.rsplit("/", 1)[0]) + "#" + at.rsplit("/", 1)[1])
        return Page(src_of(url), "数据核对", text)


def render_site(checked: Checked, site_url: str = "") -> Site:
    return Renderer(checked, site_url).render()


def page_title(markdown: str) -> str | None:
    match = re.search(r"^# (.+)$", markdown, re.MULTILINE)
    return match.group(1) if match else None
