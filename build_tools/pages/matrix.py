"""The implementation map, as an inspector uses it: every link between the plans as a row — the city
provision and the provincial provision each with its chapter and section, the relation, the note — plus the
city provisions with no provincial counterpart (with the reason) and the provincial articles no city
provision takes up. Departures and differences are marked; filters by relation, by chapter of either plan
and by mineral work in the browser, and without JavaScript every row is shown.

Input: the renderer (concordance, tags, zone pairs) and a language. Output: one `Page`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .. import addresses, citations
from ..addresses import MATRIX_URL, identifier_url
from ..concordance import Link
from ..labels import LABELS
from ..model import Plan
from .base import Page, Renderer, heading_text, text_in

EXEMPT, UNTAKEN = "no-counterpart", "not-taken-up"  # row kinds beside the relations


@dataclass(frozen=True)
class Provision:
    cite: str
    url: str
    path: list[str]  # headings from the chapter down: 第三章 … › 第一节 …
    chapter: str  # identifier of its chapter (plan/ch3), for the filter


@dataclass(frozen=True)
class MapRow:
    kind: str  # a relation id, EXEMPT or UNTAKEN
    kind_name: str
    child: Provision | None
    parent: Provision | None
    note: str
    discrepancy: str
    minerals: list[str]  # mineral ids either side names
    attention: bool  # a departure, a registered difference, or a zone row that differs


def pages(r: Renderer, lang: str) -> list[Page]:
    rows: list[MapRow] = []
    concordance = r.checked.concordance
    for link in concordance.links:
        rows.append(_link_row(r, link, lang))
    for exemption in concordance.exemptions:
        rows.append(MapRow(EXEMPT, LABELS[lang]["no_link_reason"], provision(r, exemption.provision, lang), None,
                           text_in(exemption.reason, lang), "", _minerals(r, exemption.provision), False))
    for plan in r.corpus.plans:
        if not any(p.parent == plan.id for p in r.corpus.plans):
            continue
        for division in plan.divisions():
            identifier = f"{plan.id}/{division.path}"
            boxes = [f"{plan.id}/{b.box}" for b in division.boxes]
            if division.is_article and not concordance.to_provision(identifier) and not any(
                    concordance.to_provision(b) for b in boxes):
                rows.append(MapRow(UNTAKEN, LABELS[lang]["not_taken_up"], None, provision(r, identifier, lang), "",
                                   "", _minerals(r, identifier), False))
    relations = [(rel.id, text_in(rel.name, lang)) for rel in concordance.relations]
    relations += [(EXEMPT, LABELS[lang]["no_link_reason"]), (UNTAKEN, LABELS[lang]["not_taken_up"])]
    counts = Counter(row.kind for row in rows)
    chapters = {side: _chapters(r, [p for p in r.corpus.plans if (p.parent is not None) == (side == "child")], lang)
                for side in ("child", "parent")}
    named = {m for row in rows for m in row.minerals}
    minerals = [(m.id, text_in(m.name, lang)) for m in r.checked.registry.minerals if m.id in named]
    return [r.page(lang, MATRIX_URL, "matrix.html.j2", None, LABELS[lang]["matrix"], rows=rows,
                   relations=relations, counts=counts, chapters=chapters, concordance=concordance,
                   minerals=minerals, mineral_names={m.id: m.name for m in r.checked.registry.minerals})]


def _link_row(r: Renderer, link: Link, lang: str) -> MapRow:
    pair = r.checked.zones.of(link.source)
    attention = link.relation == "departs" or link.discrepancy is not None or (
        pair is not None and pair.status in ("differs", "no-parent-row"))
    return MapRow(link.relation, r.relation_name(link.relation, lang), provision(r, link.source, lang),
                  provision(r, link.target, lang) if link.target else None, text_in(link.note, lang),
                  text_in(link.discrepancy.text, lang) if link.discrepancy else "",
                  sorted(set(_minerals(r, link.source)) | set(_minerals(r, link.target or ""))), attention)


def provision(r: Renderer, identifier: str, lang: str) -> Provision:
    """A provision with its place in its plan: the headings of its chapter and sections."""
    plan_id, _, rest = identifier.partition("/")
    plan = r.corpus.plan(plan_id)
    path: list[str] = []
    chapter = identifier
    if plan is not None:
        segments = rest.split("/")
        division = plan.division("/".join(segments[:-1])) if plan.paragraph(rest) else plan.division(rest)
        if division is None and segments[0].startswith("box"):
            division = next((d for d in plan.divisions() if any(b.box == segments[0] for b in d.boxes)), None)
            table = plan.table(segments[0])
            path = [r.box_title(table, lang)] if table else []
        if division is not None:
            chain = citations.chain(plan, division)
            path = [heading_text(d, lang) for d in chain] + path
            chapter = f"{plan.id}/{chain[0].path}"
    return Provision(r.short_cite(identifier, lang), addresses.relative(MATRIX_URL, identifier_url(identifier)),
                     path, chapter)


def _minerals(r: Renderer, identifier: str) -> list[str]:
    """Minerals named by a provision or anything inside it (an article's paragraphs, a box's rows)."""
    if not identifier:
        return []
    return sorted(r.once("minerals within", lambda: _minerals_within(r)).get(identifier, ()))


def _minerals_within(r: Renderer) -> dict[str, set[str]]:
    """The minerals of each tagged identifier, under it and under every identifier that contains it (one pass
    over the tags: a lookup per provision, where a scan of every tag per provision grew with the square of the
    content)."""
    within: dict[str, set[str]] = defaultdict(set)
    for tagged, facets in r.checked.tags.of.items():
        minerals = {f.split(":", 1)[1] for f in facets if f.startswith("mineral:")}
        if not minerals:
            continue
        segments = tagged.split("/")
        for end in range(1, len(segments) + 1):
            within["/".join(segments[:end])] |= minerals
    return within


def _chapters(r: Renderer, plans: list[Plan], lang: str) -> list[tuple[str, str]]:
    return [(f"{plan.id}/{part.path}", f"{text_in(plan.short_title, lang)} {heading_text(part, lang)}")
            for plan in plans for part in plan.parts]
