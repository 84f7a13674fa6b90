"""The consistency pages: each plan's checks, and the report of every check, cross-plan comparison and
registered inconsistency of the sources.

Input: the renderer (check results, comparisons, concordance) and a language. Output: `Page`s.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..addresses import REPORT_URL, consistency_url, identifier_url, row_url
from ..comparisons import ComparisonResult
from ..labels import LABELS, RULES
from ..model import Plan, Text
from .base import Page, Renderer, text_in


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
class TableNote:
    """An editorial note on a box row (a blank cell, an ambiguous pair of values …), as the report lists it."""

    plan: Plan
    where: str  # site-relative address of the row
    box: str
    key: str
    text: str


@dataclass(frozen=True)
class Bar:
    """One comparison in the chart: the city's figure as a share of the provincial one."""

    title: str
    share: float  # percent
    label: str  # "2 / 10 亿吨 (20.0%)"
    y: int


def pages(r: Renderer, lang: str) -> list[Page]:
    out = [r.page(lang, consistency_url(plan), "consistency.html.j2", plan, LABELS[lang]["consistency"],
                  results=r.checked.results.get(plan.id, []), rules=RULES[lang],
                  rows_with_discrepancy=[(t, row) for t in plan.tables for row in t.rows if row.discrepancy],
                  table_notes=table_notes(r, lang, [plan]))
           for plan in r.corpus.plans]
    out.append(r.page(lang, REPORT_URL, "report.html.j2", None, LABELS[lang]["report"], results=r.checked.results,
                      comparisons=r.checked.comparisons, discrepancies=discrepancies(r, lang), rules=RULES[lang],
                      table_notes=table_notes(r, lang, list(r.corpus.plans)), bars=bars(r.checked.comparisons, lang)))
    return out


def table_notes(r: Renderer, lang: str, plans: list[Plan]) -> list[TableNote]:
    return [TableNote(plan, row_url(plan, table, row), r.box_title(table, lang), row.key, text_in(note.text, lang))
            for plan in plans for table in plan.tables for row in table.rows for note in row.notes]


BAR_HEIGHT = 40


def bars(results: list[ComparisonResult], lang: str) -> list[Bar]:
    """The share comparisons, for a static bar chart drawn at build time (the numbers are in the table too)."""
    out: list[Bar] = []
    for result in results:
        share = result.share
        if share is None or result.unit is None:
            continue
        unit = result.unit.symbol if lang == "zh" else result.unit.en
        out.append(Bar(text_in(result.comparison.title, lang), float(min(share, Decimal(100))),
                       f"{result.city_value} / {result.province_value} {unit} ({share:.1f}%)",
                       len(out) * BAR_HEIGHT))
    return out


def discrepancies(r: Renderer, lang: str) -> list[DiscrepancyView]:
    """Every registered inconsistency: of stated totals (what the check expected and found, in the reader's
    language), of table rows, of compared figures (as printed), of links (the identifiers)."""
    found: list[DiscrepancyView] = []
    for plan in r.corpus.plans:
        for result in r.checked.results.get(plan.id, []):
            check = result.check
            if check.discrepancy:
                where = identifier_url(f"{plan.id}/{check.stated.at}") if check.stated else consistency_url(plan)
                found.append(DiscrepancyView(plan, check.title, *result.shown(lang), check.discrepancy.text, where))
        for table in plan.tables:
            for row in table.rows:
                if row.discrepancy:
                    found.append(DiscrepancyView(plan, table.heading, "", "", row.discrepancy.text,
                                                 row_url(plan, table, row)))
    for comparison in r.checked.comparisons:
        c = comparison.comparison
        if c.discrepancy:
            found.append(DiscrepancyView(None, c.title, c.city.printed if c.city else "",
                                         c.province.printed if c.province else "", c.discrepancy.text,
                                         f"{REPORT_URL}#{c.id}"))
    for link in r.checked.concordance.links:
        if link.discrepancy:
            found.append(DiscrepancyView(None, link.note, link.source, link.target or "—", link.discrepancy.text,
                                         identifier_url(link.source)))
    return found
