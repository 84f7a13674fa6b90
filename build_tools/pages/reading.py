"""Reading views: each plan and each of its chapters (and 总则, 附则) as one continuous page — every heading and
paragraph in printed order with its number, anchor, notes and citation, boxes in place — in the build's
language and side by side. The whole-plan view is what the PDFs print.

Input: the renderer and a language. Output: `Page`s (not indexed for search: they repeat the articles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import citations
from ..addresses import division_url, plan_url
from ..checks import CheckResult
from ..labels import LABELS
from ..model import Division, Plan
from .base import Citation, Page, Renderer, heading_text, text_in

FULL, SIDE = "full/", "full/zh-en/"  # after a plan's or a chapter's address


@dataclass(frozen=True)
class Part:
    """A division as the reading view shows it."""

    division: Division
    depth: int  # 0 for the view's top divisions
    anchor: str  # unique in the view: ch5-s3-ss1
    cites: dict[str, Citation]  # by paragraph id
    discrepancies: dict[str, list[CheckResult]]


def pages(r: Renderer, lang: str) -> list[Page]:
    out = []
    for plan in r.corpus.plans:
        walked = {part.path: _walk(r, plan, part, 0, lang) for part in plan.parts}  # shared by both views
        roots = list(plan.parts)
        out += _views(r, lang, plan, plan_url(plan), roots, walked, text_in(plan.title, lang), whole=True)
        for part in plan.parts:
            out += _views(r, lang, plan, division_url(plan, part), [part], walked, heading_text(part, lang),
                          whole=False)
    return out


def _views(r: Renderer, lang: str, plan: Plan, base: str, roots: list[Division], walked: dict[str, list[Part]],
           name: str, *, whole: bool) -> list[Page]:
    parts = [p for root in roots for p in walked[root.path]]
    tables = {t.id: t for t in plan.tables}
    words = LABELS[lang]
    common: dict[str, Any] = {"parts": parts, "tables": tables, "whole": whole, "base": base, "roots": roots,
              "cites": r.cites(plan, base, f"《{plan.title.zh}》" if whole else citations.division_zh(plan, roots[0]),
                               citations.title_en(plan) if whole else citations.division_en(plan, roots[0]),
                               "" if whole else citations.division_part_zh(plan, roots[0]), lang)}
    return [r.page(lang, base + FULL, "full.html.j2", plan, words["full_of"].format(title=name), searchable=False,
                   side=False, **common),
            r.page(lang, base + SIDE, "full.html.j2", plan, words["full_side_of"].format(title=name),
                   searchable=False, side=True, **common)]


def _walk(r: Renderer, plan: Plan, division: Division, depth: int, lang: str) -> list[Part]:
    url = division_url(plan, division)
    part = citations.division_part_zh(plan, division)
    cites = {p.id: r.cites(plan, f"{url}#{p.id}", citations.division_zh(plan, division, p),
                           citations.division_en(plan, division, p),
                           f"{part}第{citations.cn_ordinal(int(p.id[1:]))}段", lang) for p in division.paragraphs}
    found = {p.id: list(r.discrepancies.get((plan.id, f"{division.path}/{p.id}"), [])) for p in division.paragraphs}
    out = [Part(division, depth, division.path.replace("/", "-"), cites, found)]
    for child in division.children:
        out += _walk(r, plan, child, depth + 1, lang)
    return out
