"""The plans' text: each plan's contents page, each division's page and its Chinese–English view.

Input: the renderer and a language. Output: `Page`s, with the citation forms of every division and paragraph
and the concordance links of the division's own paragraphs and boxes.
"""

from __future__ import annotations

from typing import Any

from .. import citations
from ..addresses import division_url, plan_url, side_by_side_url
from ..labels import LABELS
from ..model import Division, Plan
from .base import Page, Renderer, heading_text, summary, text_in


def pages(r: Renderer, lang: str) -> list[Page]:
    out = []
    for plan in r.corpus.plans:
        cites = r.cites(plan, plan_url(plan), f"《{plan.title.zh}》", citations.title_en(plan), "", lang)
        out.append(r.page(lang, plan_url(plan), "plan.html.j2", plan, text_in(plan.title, lang), cites=cites,
                          parent=r.corpus.plan(plan.parent) if plan.parent else None,
                          children=[p for p in r.corpus.plans if p.parent == plan.id],
                          results=r.checked.results.get(plan.id, [])))
        for division in plan.divisions():
            out.append(_division_page(r, lang, plan, division))
            out.append(_side_by_side_page(r, lang, plan, division))
    return out


def _division_context(r: Renderer, plan: Plan, division: Division, lang: str) -> dict[str, Any]:
    url = division_url(plan, division)
    part = citations.division_part_zh(plan, division)
    return {
        "division": division, "chain": citations.chain(plan, division)[:-1],
        "tables": {t.id: t for t in plan.tables},
        "cites": r.cites(plan, url, citations.division_zh(plan, division), citations.division_en(plan, division),
                         part, lang),
        "paragraph_cites": {p.id: r.cites(
            plan, f"{url}#{p.id}", citations.division_zh(plan, division, p), citations.division_en(plan, division, p),
            f"{part}第{citations.cn_ordinal(int(p.id[1:]))}段", lang) for p in division.paragraphs},
        "discrepancies": {p.id: r.discrepancies.get((plan.id, f"{division.path}/{p.id}"), [])
                          for p in division.paragraphs},
        "aliases": r.aliases.get(url, []),
        "implements": r.links_of_division(plan, division, outgoing=True),
        "no_counterpart": r.no_counterpart_of_division(plan, division, lang),
        "implemented_by": r.links_of_division(plan, division, outgoing=False),
    }


def _division_page(r: Renderer, lang: str, plan: Plan, division: Division) -> Page:
    base = f"{plan.id}/{division.path}"
    tables = [t for b in division.boxes if (t := plan.table(b.box)) is not None]
    shows = [base, *(f"{base}/{p.id}" for p in division.paragraphs),
             *(f"{plan.id}/{t.id}/{row.key}" for t in tables for row in t.rows)]
    return r.page(lang, division_url(plan, division), "division.html.j2", plan, heading_text(division, lang),
                  words=summary(division, lang), shows=shows, **_division_context(r, plan, division, lang))


def _side_by_side_page(r: Renderer, lang: str, plan: Plan, division: Division) -> Page:
    url = side_by_side_url(division_url(plan, division))
    title = LABELS[lang]["side_by_side_of"].format(title=heading_text(division, lang))
    return r.page(lang, url, "side_by_side.html.j2", plan, title, searchable=False,
                  zh_heading=heading_text(division, "zh"), en_heading=heading_text(division, "en"),
                  **_division_context(r, plan, division, lang))
