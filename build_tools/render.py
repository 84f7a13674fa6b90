"""Render stage: the checked corpus as site pages (Markdown with HTML blocks), in memory, per language.

Input: a `Checked` corpus and a language. Output: `Page`s keyed by source path (index.md for Chinese,
index.en.md for English, as mkdocs-static-i18n expects), rendered from Jinja templates, and the
navigation tree. Nothing here touches MkDocs or the disk; the MkDocs adapter hands the pages over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import addresses, citations
from .addresses import (
    DATA_URL,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    MATRIX_URL,
    MINERALS_URL,
    REPORT_URL,
    SEARCH_INDEX,
    ZONES_URL,
    consistency_url,
    division_url,
    identifier_url,
    plan_url,
    row_anchor,
    row_url,
    side_by_side_url,
    src_of,
    table_url,
)
from .checks import CheckResult
from .concordance import Link, link_quote
from .export import DATA, data_files, resources
from .labels import LABELS, LEVELS, NOTE_KINDS
from .model import BoxRef, Division, Note, Paragraph, Plan, Row, Table, Text
from .pipeline import Checked
from .redirects import Alias, plan_redirects, redirect_target
from .register import corpus_identifiers
from .search_index import build_index, facets_of_page
from .yamlio import SAFE_DUMPER


@dataclass(frozen=True)
class Citation:
    """One provision's citation forms, each ready to paste (with the permanent URL)."""

    url: str
    zh: str  # the form of Chinese official correspondence
    gbt: str  # GB/T 7714-2015
    en: str  # English
    zh_short: str  # without the URL, for titles
    en_short: str


@dataclass(frozen=True)
class LinkView:
    """One concordance link as a page shows it: which part of this page, which provision of the other
    plan (cited, linked and quoted in the reader's language), how they relate."""

    here: str  # 第2段 / para. 2, or '' for the whole page
    cite: str
    url: str  # site-relative address of the other provision
    quote: str
    relation: str
    note: str
    discrepancy: str


@dataclass(frozen=True)
class DiscrepancyView:
    """A registered inconsistency of the sources, as the consistency report lists it."""

    plan: Plan | None
    title: Text
    first: str  # the two figures or names that disagree, as printed
    second: str
    text: Text
    where: str  # site-relative address


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
class MatrixRow:
    plan: Plan
    division: Division | None
    table: Table | None
    links: list[tuple[str, Link]]


TITLE_ANCHOR = "plan-title"  # the id of every page's <h1> (templates/*.html.j2)


@dataclass(frozen=True)
class Page:
    """A page as HTML (its <h1> included), with its metadata. Every string from content reaches the HTML
    through the templates' autoescaping; nothing is Markdown, so no Markdown syntax or attribute list in a
    title or text can become a link or an attribute."""

    src: str  # source path MkDocs sees: liaoning-2021-2025/ch6/s5/index.md (index.en.md in English)
    url: str  # site-relative URL without language prefix: liaoning-2021-2025/ch6/s5/
    lang: str
    title: str
    html: str
    meta: dict[str, Any] = field(default_factory=dict)  # title, description (and search: exclude)
    shows: tuple[str, ...] = ()  # identifiers whose text the page shows (for search keywords)
    searchable: bool = True

    @property
    def text(self) -> str:
        """The page as a file: YAML front matter, then the HTML (for builds from pages written to disk)."""
        return "---\n" + yaml.dump(self.meta, Dumper=SAFE_DUMPER, allow_unicode=True, width=10**6,
                                   sort_keys=True) + "---\n" + self.html


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
class StaticFile:
    path: str  # site-relative, within one language build: liaoning-2021-2025/ch9/index.html
    lang: str
    text: str


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    nav: dict[str, tuple[NavItem, ...]]  # per language
    files: tuple[StaticFile, ...] = ()  # redirect pages at retired addresses

    def page(self, url: str, lang: str = DEFAULT_LANGUAGE) -> Page | None:
        return next((p for p in self.pages if p.url == url and p.lang == lang), None)


# ----------------------------------------------------------------------------------------- text

def _text_in(text: Text, lang: str) -> str:
    """A text in the given language; an untranslated English slot shows the Chinese."""
    if lang == DEFAULT_LANGUAGE:
        return text.zh
    return text.en or text.zh


def heading_text(division: Division, lang: str = DEFAULT_LANGUAGE) -> str:
    """第六章 强化矿产资源开发利用与保护 / Chapter 6 Strengthening …; unnumbered headings (总 则) closed up."""
    if lang != DEFAULT_LANGUAGE:
        number = citations.number_en(division)
        words = division.heading.en or "".join(division.heading.zh.split())
        return f"{number} {words}".strip()
    if not division.number:
        return "".join(division.heading.zh.split())
    return f"{division.number} {division.heading.zh}"


def marked_text(text: str, notes: Iterable[Note], lang: str = DEFAULT_LANGUAGE) -> Markup:
    """Paragraph text, escaped, with note references; in Chinese, the words a note concerns are marked
    (never changed)."""
    html = str(escape(text))  # a plain string: the replacements below insert markup
    for index, note in enumerate(notes, start=1):
        ref = f'<sup class="plan-note-ref">[{index}]</sup>'
        if lang == DEFAULT_LANGUAGE and note.quote and str(escape(note.quote)) in html:
            quoted = str(escape(note.quote))
            html = html.replace(quoted, f'<mark class="plan-sic">{quoted}</mark>{ref}', 1)
        elif lang != DEFAULT_LANGUAGE:
            html += ref
    return Markup(html)


def with_link(label: str, href: str, text: str) -> Markup:
    """A sentence of the interface with a link in place of its {link}, every part escaped
    ("实施{link}" -> 实施<a href="…">《辽宁省…》</a>)."""
    before, _, after = label.partition("{link}")
    return escape(before) + Markup('<a href="{}">{}</a>').format(href, text) + escape(after)


# ----------------------------------------------------------------------------------------- tables

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

class Renderer:
    def __init__(self, checked: Checked, site_url: str = "", titles: dict[str, str] | None = None) -> None:
        self.checked = checked
        self.corpus = checked.corpus
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.titles = titles or {}
        self.env = Environment(
            loader=PackageLoader("build_tools", "templates"),
            undefined=StrictUndefined,
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.tests.update(paragraph=lambda b: isinstance(b, Paragraph), boxref=lambda b: isinstance(b, BoxRef))
        self.env.globals.update(
            table_grid=table_grid, row_anchor=row_anchor, division_url=division_url, table_url=table_url,
            row_url=row_url, side_by_side_url=side_by_side_url, marked=marked_text, txl=_text_in, with_link=with_link,
            identifier_url=identifier_url,
            labels=LABELS, all_note_kinds=NOTE_KINDS,
            plan_url=plan_url, consistency_url=consistency_url,
            citations=citations,
        )
        self.discrepancies = self._discrepancies_by_paragraph()
        self.facets = checked.tags.by_facet()
        tables = resources(checked, Path(checked.corpus.root))
        self.data = data_files(checked, tables, self.titles.get("en", ""))
        self.resources = [(r.name, r.title) for r in tables]
        self.order = {p.id: i for i, p in enumerate(corpus_identifiers(checked.corpus))}  # printed order
        self.redirect_pages, aliases = plan_redirects(checked.redirects)
        self.aliases: dict[str, list[Alias]] = {}
        for alias in aliases:
            self.aliases.setdefault(alias.page_url, []).append(alias)

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

    def absolute(self, url: str, lang: str = DEFAULT_LANGUAGE) -> str:
        full = addresses.prefix(lang) + url
        return f"{self.site_url}{full}" if self.site_url else full

    def render(self) -> Site:
        pages: list[Page] = []
        nav: dict[str, tuple[NavItem, ...]] = {}
        for lang in LANGUAGES:
            nav[lang] = tuple(self._nav(lang))
            pages.append(self._page(lang, "", "home.html.j2", None, LABELS[lang]["home"],
                                    site_title=self.titles.get(lang, LABELS[lang]["home"])))
            for plan in self.corpus.plans:
                pages.append(self._page(lang, plan_url(plan), "plan.html.j2", plan, self._tx(plan.title, lang),
                                        parent=self.corpus.plan(plan.parent) if plan.parent else None,
                                        children=[p for p in self.corpus.plans if p.parent == plan.id],
                                        results=self.checked.results.get(plan.id, [])))
                for division in plan.divisions():
                    pages.append(self._division_page(lang, plan, division))
                    pages.append(self._side_by_side_page(lang, plan, division))
                for table in plan.tables:
                    pages.append(self._table_page(lang, plan, table))
                    pages.extend(self._row_page(lang, plan, table, row) for row in table.rows)
                pages.append(self._page(
                    lang, consistency_url(plan), "consistency.html.j2", plan, LABELS[lang]["consistency"],
                    results=self.checked.results.get(plan.id, []),
                    rows_with_discrepancy=[(t, r) for t in plan.tables for r in t.rows if r.discrepancy]))
            pages.append(self._matrix_page(lang))
            pages.append(self._report_page(lang))
            pages.extend(self._facet_pages(lang))
            pages.append(self._data_page(lang))
        redirect = self.env.get_template("redirect.html.j2")
        files = [StaticFile(f"{r.old_url}index.html", lang, redirect.render(
                    html_lang="zh-Hans" if lang == DEFAULT_LANGUAGE else lang, message=LABELS[lang]["redirect"],
                    target=redirect_target(r, lang), absolute_target=self.absolute(r.target, lang)))
                 for lang in LANGUAGES for r in self.redirect_pages]
        files += [StaticFile(f.path, DEFAULT_LANGUAGE, f.text) for f in self.data]
        for lang in LANGUAGES:
            entries = [(p.url, p.title, p.html, facets_of_page(list(p.shows), self.checked.tags)
                        | self._facet_of_url(p.url)) for p in pages if p.lang == lang and p.searchable]
            files.append(StaticFile(SEARCH_INDEX, lang, build_index(entries, self.checked.registry, lang)))
        return Site(tuple(sorted(pages, key=lambda p: (p.lang, p.src))), nav, tuple(files))

    # ------------------------------------------------------------------------------ pages

    def _tx(self, text: Text, lang: str) -> str:
        return _text_in(text, lang)

    def _page(self, lang: str, url: str, template: str, plan: Plan | None, title: str, *, summary: str = "",
              searchable: bool = True, shows: Iterable[str] = (), **extra: object) -> Page:
        def link(target: str) -> str:
            return addresses.relative(url, target)

        def tx(text: Text) -> str:
            return self._tx(text, lang)

        context = {
            "lang": lang, "L": LABELS[lang], "note_kinds": NOTE_KINDS[lang], "plan": plan, "url": url,
            "link": link, "tx": tx, "permalink": self.absolute(url, lang),
            "absolute": self.absolute, "plans": self.corpus.plans, "title": title,
            "heading_text": lambda d: heading_text(d, lang),
            "marked_text": lambda text, notes: marked_text(text, notes, lang),
            "html_lang": "zh-Hans" if lang == DEFAULT_LANGUAGE else lang,
            "view": lambda here, link, outgoing: self.link_view(here, link, lang, outgoing, url),
            "related_names": lambda p, upward: self._related_names(p, upward, lang),
            "levels": LEVELS[lang],
            "view_cite": lambda identifier: self._short_cite(identifier, lang),
            **extra,
        }
        body = self.env.get_template(template).render(**context)
        return Page(src_of(url, lang), url, lang, title, body, _meta(lang, title, plan, summary, searchable),
                    shows=tuple(shows), searchable=searchable)

    def _cites(self, plan: Plan, url: str, zh: str, en: str, part: str, lang: str) -> Citation:
        """Every citation form of one provision, each with a permanent URL: the Chinese forms with the
        Chinese page (the authentic text), the English form with the English page."""
        zh_url, en_url = self.absolute(url), self.absolute(url, "en")
        return Citation(self.absolute(url, lang), f"{zh}（{zh_url}）", citations.gbt7714(plan, zh_url, part),
                        f"{en}, {en_url}", zh, en)

    def _division_context(self, plan: Plan, division: Division, lang: str) -> dict[str, Any]:
        url = division_url(plan, division)
        part = citations.division_part_zh(plan, division)
        return {
            "division": division, "chain": citations.chain(plan, division)[:-1],
            "tables": {t.id: t for t in plan.tables},
            "cites": self._cites(plan, url, citations.division_zh(plan, division),
                                 citations.division_en(plan, division), part, lang),
            "paragraph_cites": {p.id: self._cites(
                plan, f"{url}#{p.id}", citations.division_zh(plan, division, p),
                citations.division_en(plan, division, p), f"{part}第{citations.cn_ordinal(int(p.id[1:]))}段", lang)
                for p in division.paragraphs},
            "discrepancies": {p.id: self.discrepancies.get((plan.id, f"{division.path}/{p.id}"), [])
                              for p in division.paragraphs},
            "aliases": self.aliases.get(url, []),
            "implements": self._links_of_division(plan, division, outgoing=True),
            "implemented_by": self._links_of_division(plan, division, outgoing=False),
        }

    def _division_page(self, lang: str, plan: Plan, division: Division) -> Page:
        base = f"{plan.id}/{division.path}"
        tables = [t for b in division.boxes if (t := plan.table(b.box)) is not None]
        shows = [base, *(f"{base}/{p.id}" for p in division.paragraphs),
                 *(f"{plan.id}/{t.id}/{r.key}" for t in tables for r in t.rows)]
        return self._page(lang, division_url(plan, division), "division.html.j2", plan, heading_text(division, lang),
                          summary=_summary(division, lang), shows=shows, **self._division_context(plan, division, lang))

    def _side_by_side_page(self, lang: str, plan: Plan, division: Division) -> Page:
        url = side_by_side_url(division_url(plan, division))
        title = LABELS[lang]["side_by_side_of"].format(title=heading_text(division, lang))
        return self._page(lang, url, "side_by_side.html.j2", plan, title, searchable=False,
                          zh_heading=heading_text(division, "zh"),
                          en_heading=heading_text(division, "en"), **self._division_context(plan, division, lang))

    def _box_title(self, table: Table, lang: str) -> str:
        if lang == DEFAULT_LANGUAGE:
            return f"{table.number} {table.heading.zh}"
        return f"Box {table.id.removeprefix('box')} {table.heading.en or table.heading.zh}"

    def _table_page(self, lang: str, plan: Plan, table: Table) -> Page:
        url = table_url(plan, table)
        placed = next((d for d in plan.divisions() if any(b.box == table.id for b in d.boxes)), None)
        return self._page(
            lang, url, "table.html.j2", plan, self._box_title(table, lang), table=table, placed=placed,
            shows=[f"{plan.id}/{table.id}/{r.key}" for r in table.rows],
            placed_cite=(citations.division_zh(plan, placed) if lang == DEFAULT_LANGUAGE
                         else citations.division_en(plan, placed)) if placed else "",
            cites=self._cites(plan, url, citations.table_zh(plan, table), citations.table_en(plan, table),
                              table.number, lang),
            row_cites={r.key: (citations.table_zh(plan, table, r), citations.table_en(plan, table, r))
                       for r in table.rows},
            downloads=[(fmt, self._data_link(lang, url, f"{DATA}{plan.id}-{table.id}.{fmt}"))
                       for fmt in ("csv", "json")],
            implements=[(f"{plan.id}/{table.id}", link)
                        for link in self.checked.concordance.with_source(f"{plan.id}/{table.id}")],
            implemented_by=[(f"{plan.id}/{table.id}", link)
                            for link in self.checked.concordance.with_target(f"{plan.id}/{table.id}")])

    def _row_page(self, lang: str, plan: Plan, table: Table, row: Row) -> Page:
        url = row_url(plan, table, row)
        row_zh, row_en = citations.table_zh(plan, table, row), citations.table_en(plan, table, row)
        title = row_zh.split("》", 1)[1] if lang == DEFAULT_LANGUAGE else row_en.split(", ", 1)[1]
        label = next((c for k in ("name", "mineral", "indicator", "sub_indicator") if (c := row.cells.get(k))
                      and c.text.zh.strip()), None)
        if label is not None:
            title += f" {self._tx(label.text, lang)}"
        identifier = f"{plan.id}/{table.id}/{row.key}"
        links = self.checked.concordance
        return self._page(lang, url, "row.html.j2", plan, title, table=table, row=row, shows=[identifier],
                          box_title=self._box_title(table, lang),
                          implements=[(identifier, link) for link in links.with_source(identifier)],
                          implemented_by=[(identifier, link) for link in links.with_target(identifier)],
                          cites=self._cites(plan, url, row_zh, row_en, row_zh.split("》", 1)[1], lang))

    # ------------------------------------------------------------------------------ concordance

    def _related_names(self, plan: Plan | None, upward: bool, lang: str) -> str:
        """The short titles of a plan's parent (upward) or of its children."""
        if plan is None:
            return ""
        related = ([p for p in self.corpus.plans if p.id == plan.parent] if upward
                   else [p for p in self.corpus.plans if p.parent == plan.id])
        return ("、" if lang == DEFAULT_LANGUAGE else ", ").join(self._tx(p.short_title, lang) for p in related)

    def _links_of_division(self, plan: Plan, division: Division, *, outgoing: bool) -> list[tuple[str, Link]]:
        """Links from (or to) this division, its own paragraphs and the boxes printed in it — not those
        of its sub-divisions, which show on their own pages."""
        base = f"{plan.id}/{division.path}"
        own = [base, *(f"{base}/{p.id}" for p in division.paragraphs), *(f"{plan.id}/{b.box}" for b in division.boxes)]
        concordance = self.checked.concordance
        links = concordance.with_source(*own) if outgoing else concordance.with_target(*own)
        return [((link.source if outgoing else link.target) or "", link) for link in links]

    def link_view(self, here: str, link: Link, lang: str, outgoing: bool, page_url: str) -> LinkView:
        other = (link.target if outgoing else link.source) or ""
        return LinkView(
            here=self._part_label(here, lang),
            cite=self._short_cite(other, lang) if other else "",
            url=addresses.relative(page_url, identifier_url(other)) if other else "",
            quote=link_quote(self.corpus, other, lang) if other else "",
            relation=self._relation_name(link.relation, lang),
            note=self._tx(link.note, lang),
            discrepancy=self._tx(link.discrepancy.text, lang) if link.discrepancy else "",
        )

    def _relation_name(self, rid: str, lang: str) -> str:
        relation = self.checked.concordance.relation(rid)
        return self._tx(relation.name, lang) if relation else rid

    def _part_label(self, identifier: str, lang: str) -> str:
        last = identifier.rsplit("/", 1)[-1]
        if last.startswith("p") and last[1:].isdigit():
            n = int(last[1:])
            return f"第{citations.cn_ordinal(n)}段" if lang == DEFAULT_LANGUAGE else f"para. {n}"
        if last.startswith("box"):
            plan = self.corpus.plan(identifier.split("/", 1)[0])
            table = plan.table(last) if plan else None
            return self._box_title(table, lang) if table else last
        return ""

    def _short_cite(self, identifier: str, lang: str) -> str:
        """《省规划》第六章第五节第二段 / Liaoning Plan, ch. 6, s. 5, para. 2 — short forms for link lists."""
        plan_id, _, rest = identifier.partition("/")
        plan = self.corpus.plan(plan_id)
        if plan is None:
            return identifier
        name = self._tx(plan.short_title, lang)
        segments = rest.split("/")
        if segments[0].startswith("box"):
            table = plan.table(segments[0])
            row = table.row(segments[1]) if table and len(segments) > 1 else None
            if table is None:
                return identifier
            full = (citations.table_zh(plan, table, row) if lang == DEFAULT_LANGUAGE
                    else citations.table_en(plan, table, row))
        else:
            paragraph = plan.paragraph(rest)
            division = plan.division("/".join(segments[:-1]) if paragraph else rest)
            if division is None:
                return identifier
            full = (citations.division_zh(plan, division, paragraph) if lang == DEFAULT_LANGUAGE
                    else citations.division_en(plan, division, paragraph))
        if lang == DEFAULT_LANGUAGE:
            return f"{name}{full.split('》', 1)[1]}"
        return f"{name}, {full.split(', ', 1)[1]}" if ", " in full else name

    def _matrix_page(self, lang: str) -> Page:
        rows: list[MatrixRow] = []
        for plan in self.corpus.plans:
            children = [p for p in self.corpus.plans if p.parent == plan.id]
            if not children:
                continue
            for division in plan.divisions():
                if not division.is_article:
                    continue
                rows.append(MatrixRow(plan, division, None, self._links_of_division(plan, division, outgoing=False)))
            for table in plan.tables:
                links = [(f"{plan.id}/{table.id}", link)
                         for link in self.checked.concordance.to_provision(f"{plan.id}/{table.id}")]
                rows.append(MatrixRow(plan, None, table, links))
        return self._page(lang, MATRIX_URL, "matrix.html.j2", None, LABELS[lang]["matrix"], rows=rows,
                          concordance=self.checked.concordance)

    def _report_page(self, lang: str) -> Page:
        found: list[DiscrepancyView] = []
        for plan in self.corpus.plans:
            for result in self.checked.results.get(plan.id, []):
                check = result.check
                if check.discrepancy:
                    where = identifier_url(f"{plan.id}/{check.stated.at}") if check.stated else consistency_url(plan)
                    found.append(DiscrepancyView(plan, check.title, result.expected, result.computed,
                                                 check.discrepancy.text, where))
            for table in plan.tables:
                for row in table.rows:
                    if row.discrepancy:
                        found.append(DiscrepancyView(plan, table.heading, "", "", row.discrepancy.text,
                                                     row_url(plan, table, row)))
        for comparison in self.checked.comparisons:
            c = comparison.comparison
            if c.discrepancy:
                found.append(DiscrepancyView(None, c.title, c.city.printed if c.city else "",
                                             c.province.printed if c.province else "", c.discrepancy.text,
                                             f"{REPORT_URL}#{c.id}"))
        for link in self.checked.concordance.links:
            if link.discrepancy:
                found.append(DiscrepancyView(None, link.note, link.source, link.target or "—", link.discrepancy.text,
                                             identifier_url(link.source)))
        return self._page(lang, REPORT_URL, "report.html.j2", None, LABELS[lang]["report"],
                          results=self.checked.results, comparisons=self.checked.comparisons, discrepancies=found)

    # ------------------------------------------------------------------------------ open data

    def _data_link(self, lang: str, page_url: str, path: str) -> str:
        """A link from a page of language `lang` to a file of the data folder (which the Chinese build holds)."""
        return addresses.relative(addresses.prefix(lang) + page_url, path)

    def _data_page(self, lang: str) -> Page:
        sizes = {f.path: len(f.text.encode("utf-8")) for f in self.data}
        return self._page(lang, DATA_URL, "data.html.j2", None, LABELS[lang]["data"], resources=self.resources,
                          sizes=sizes, data_link=lambda path: self._data_link(lang, DATA_URL, path))

    # ------------------------------------------------------------------------------ minerals and zones

    def _facet_of_url(self, url: str) -> set[str]:
        """A mineral or zone page concerns its own facet (its other-language names become keywords)."""
        kind, _, rest = url.partition("/")
        fid = rest.strip("/")
        if kind == "minerals" and fid:
            return {f"mineral:{fid}"}
        if kind == "zones" and fid:
            return {f"zone-type:{fid}" if self.checked.registry.zone_type(fid) else f"zone:{fid}"}
        return set()

    def _hits(self, facet: str, lang: str, page_url: str) -> list[tuple[Plan, list[Hit]]]:
        """Every provision tagged with a facet, by plan; a Chaoyang paragraph carries the Liaoning provisions
        it implements, so the two stand side by side."""
        by_plan: dict[str, list[Hit]] = {}
        for identifier in sorted(self.facets.get(facet, []), key=lambda i: self.order.get(i, len(self.order))):
            plan_id = identifier.split("/", 1)[0]
            implements = [LinkTarget(self._short_cite(link.target, lang),
                                     addresses.relative(page_url, identifier_url(link.target)),
                                     self._relation_name(link.relation, lang))
                          for link in self.checked.concordance.with_source(identifier) if link.target]
            url = addresses.relative(page_url, identifier_url(identifier))
            by_plan.setdefault(plan_id, []).append(Hit(identifier, self._short_cite(identifier, lang), url,
                                                       link_quote(self.corpus, identifier, lang, 120), implements))
        return [(plan, by_plan[plan.id]) for plan in self.corpus.plans if plan.id in by_plan]

    def _facet_pages(self, lang: str) -> list[Page]:
        registry = self.checked.registry
        if not registry.minerals:
            return []
        other = "en" if lang == DEFAULT_LANGUAGE else DEFAULT_LANGUAGE
        counts = {m.id: len(self.facets.get(f"mineral:{m.id}", [])) for m in registry.minerals}
        pages = [self._page(lang, MINERALS_URL, "minerals.html.j2", None, LABELS[lang]["minerals"], registry=registry,
                            counts=counts, other=other),
                 self._page(lang, ZONES_URL, "zones.html.j2", None, LABELS[lang]["zones"], registry=registry,
                            other=other)]
        for mineral in registry.minerals:
            url = f"{MINERALS_URL}{mineral.id}/"
            title = f"{_capital(self._tx(mineral.name, lang))} ({self._tx(mineral.name, other)})"
            members = [m for m in registry.minerals if m.group == mineral.id]
            hits = self._hits(f"mineral:{mineral.id}", lang, url)
            rows = [h for _, plan_hits in hits for h in plan_hits
                    if "/box" in h.identifier and h.identifier.rsplit("/", 1)[0].endswith(("box1", "box5"))]
            pages.append(self._page(
                lang, url, "mineral.html.j2", None, title, summary=", ".join(mineral.aliases), mineral=mineral,
                registry=registry, members=members, hits=hits,
                targets=rows, zones=[z for z in registry.zones if mineral.id in z.minerals], other=other))
        for zone_type in registry.zone_types:
            url = f"{ZONES_URL}{zone_type.id}/"
            title = f"{_capital(self._tx(zone_type.name, lang))} ({self._tx(zone_type.name, other)})"
            pages.append(self._page(
                lang, url, "zone.html.j2", None, title,
                zone=None, zone_type=zone_type, registry=registry,
                members=[z for z in registry.zones if z.type == zone_type.id],
                hits=self._hits(f"zone-type:{zone_type.id}", lang, url), other=other))
        for zone in registry.zones:
            url = f"{ZONES_URL}{zone.id}/"
            pages.append(self._page(
                lang, url, "zone.html.j2", None, f"{self._tx(zone.name, lang)} ({self._tx(zone.name, other)})",
                zone=zone, zone_type=registry.zone_type(zone.type), registry=registry, members=[],
                hits=self._hits(f"zone:{zone.id}", lang, url), other=other))
        return pages

    # ------------------------------------------------------------------------------ navigation

    def _nav(self, lang: str) -> list[NavItem]:
        items = [NavItem(LABELS[lang]["home"], src_of("", DEFAULT_LANGUAGE))]
        for plan in self.corpus.plans:
            item = NavItem(self._tx(plan.short_title, lang), src_of(plan_url(plan)))
            item.children = [self._division_nav(plan, part, lang) for part in plan.parts]
            boxes = NavItem(LABELS[lang]["boxes"])
            for table in plan.tables:
                title = (f"{table.number} {table.heading.zh}" if lang == DEFAULT_LANGUAGE
                         else f"Box {table.id.removeprefix('box')} {table.heading.en or table.heading.zh}")
                boxes.children.append(NavItem(title, src_of(table_url(plan, table))))
            item.children.append(boxes)
            item.children.append(NavItem(LABELS[lang]["consistency"], src_of(consistency_url(plan))))
            items.append(item)
        items.append(NavItem(LABELS[lang]["data"], src_of(DATA_URL)))
        if self.checked.registry.minerals:
            items.append(NavItem(LABELS[lang]["minerals"], src_of(MINERALS_URL)))
            items.append(NavItem(LABELS[lang]["zones"], src_of(ZONES_URL)))
        items.append(NavItem(LABELS[lang]["matrix"], src_of(MATRIX_URL)))
        items.append(NavItem(LABELS[lang]["report"], src_of(REPORT_URL)))
        return items

    def _division_nav(self, plan: Plan, division: Division, lang: str) -> NavItem:
        item = NavItem(heading_text(division, lang), src_of(division_url(plan, division)))
        item.children = [self._division_nav(plan, child, lang) for child in division.children]
        return item


def _meta(lang: str, title: str, plan: Plan | None, summary: str, searchable: bool) -> dict[str, Any]:
    """Page metadata for MkDocs and Material: the title, a description for search engines and link previews,
    and exclusion from the search index for views that repeat other pages. Plain text: the theme escapes it."""
    words = f"{title} — {_text_in(plan.title, lang)}" if plan is not None else title
    if summary:
        words += f": {summary}"
    limit = 120 if lang == DEFAULT_LANGUAGE else 240
    meta: dict[str, Any] = {"title": title,
                            "description": words if len(words) <= limit else words[: limit - 1] + "…"}
    if not searchable:
        meta["search"] = {"exclude": True}
    return meta


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _summary(division: Division, lang: str) -> str:
    first = division.paragraphs[0] if division.paragraphs else None
    if first is None:
        return ""
    return " ".join(_text_in(first.text, lang).split())


def render_site(checked: Checked, site_url: str = "", titles: dict[str, str] | None = None) -> Site:
    """`titles`: the site's name in each language (mkdocs.yml: site_name, and the plugin's `titles`)."""
    return Renderer(checked, site_url, titles).render()
