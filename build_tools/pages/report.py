"""The consistency pages: each plan's checks, and the report of every check, cross-plan comparison and
registered inconsistency of the sources.

Input: the renderer (check results, comparisons, concordance) and a language. Output: `Page`s.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..addresses import REPORT_URL, consistency_url, identifier_url, row_url
from ..labels import LABELS
from ..model import Plan, Text
from .base import Page, Renderer


@dataclass(frozen=True)
class DiscrepancyView:
    """A registered inconsistency of the sources, as the consistency report lists it."""

    plan: Plan | None
    title: Text
    first: str  # the two figures or names that disagree, as printed
    second: str
    text: Text
    where: str  # site-relative address


def pages(r: Renderer, lang: str) -> list[Page]:
    out = [r.page(lang, consistency_url(plan), "consistency.html.j2", plan, LABELS[lang]["consistency"],
                  results=r.checked.results.get(plan.id, []),
                  rows_with_discrepancy=[(t, row) for t in plan.tables for row in t.rows if row.discrepancy])
           for plan in r.corpus.plans]
    out.append(r.page(lang, REPORT_URL, "report.html.j2", None, LABELS[lang]["report"], results=r.checked.results,
                      comparisons=r.checked.comparisons, discrepancies=discrepancies(r)))
    return out


def discrepancies(r: Renderer) -> list[DiscrepancyView]:
    """Every registered inconsistency: of stated totals, of table rows, of compared figures, of links."""
    found: list[DiscrepancyView] = []
    for plan in r.corpus.plans:
        for result in r.checked.results.get(plan.id, []):
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
