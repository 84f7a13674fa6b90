"""Find by mineral or zone: the mineral and zone indexes, a dossier per mineral, a page per zone type and zone.

Input: the renderer (registries, tags, concordance) and a language. Output: `Page`s; every provision a facet
tags is listed by plan, a Chaoyang clause beside the Liaoning provisions it implements.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import addresses
from ..addresses import MINERALS_URL, ZONES_URL, identifier_url
from ..concordance import link_quote
from ..labels import LABELS
from ..model import Plan
from .base import Page, Renderer, capital, other_language, text_in


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


def facet_of_url(r: Renderer, url: str) -> set[str]:
    """A mineral or zone page concerns its own facet (its other-language names become keywords)."""
    kind, _, rest = url.partition("/")
    fid = rest.strip("/")
    if kind == "minerals" and fid:
        return {f"mineral:{fid}"}
    if kind == "zones" and fid:
        return {f"zone-type:{fid}" if r.checked.registry.zone_type(fid) else f"zone:{fid}"}
    return set()


def hits(r: Renderer, facet: str, lang: str, page_url: str) -> list[tuple[Plan, list[Hit]]]:
    """Every provision tagged with a facet, by plan; a Chaoyang paragraph carries the Liaoning provisions
    it implements, so the two stand side by side."""
    by_plan: dict[str, list[Hit]] = {}
    for identifier in sorted(r.facets.get(facet, []), key=lambda i: r.order.get(i, len(r.order))):
        plan_id = identifier.split("/", 1)[0]
        implements = [LinkTarget(r.short_cite(link.target, lang),
                                 addresses.relative(page_url, identifier_url(link.target)),
                                 r.relation_name(link.relation, lang))
                      for link in r.checked.concordance.with_source(identifier) if link.target]
        url = addresses.relative(page_url, identifier_url(identifier))
        by_plan.setdefault(plan_id, []).append(Hit(identifier, r.short_cite(identifier, lang), url,
                                                   link_quote(r.corpus, identifier, lang, 120), implements))
    return [(plan, by_plan[plan.id]) for plan in r.corpus.plans if plan.id in by_plan]


def pages(r: Renderer, lang: str) -> list[Page]:
    registry = r.checked.registry
    if not registry.minerals:
        return []
    other = other_language(lang)
    counts = {m.id: len(r.facets.get(f"mineral:{m.id}", [])) for m in registry.minerals}
    out = [r.page(lang, MINERALS_URL, "minerals.html.j2", None, LABELS[lang]["minerals"], registry=registry,
                  counts=counts, other=other),
           r.page(lang, ZONES_URL, "zones.html.j2", None, LABELS[lang]["zones"], registry=registry, other=other)]
    for mineral in registry.minerals:
        url = f"{MINERALS_URL}{mineral.id}/"
        title = f"{capital(text_in(mineral.name, lang))} ({text_in(mineral.name, other)})"
        members = [m for m in registry.minerals if m.group == mineral.id]
        found = hits(r, f"mineral:{mineral.id}", lang, url)
        rows = [h for _, plan_hits in found for h in plan_hits
                if "/box" in h.identifier and h.identifier.rsplit("/", 1)[0].endswith(("box1", "box5"))]
        out.append(r.page(lang, url, "mineral.html.j2", None, title, words=", ".join(mineral.aliases),
                          mineral=mineral, registry=registry, members=members, hits=found, targets=rows,
                          zones=[z for z in registry.zones if mineral.id in z.minerals], other=other))
    for zone_type in registry.zone_types:
        url = f"{ZONES_URL}{zone_type.id}/"
        title = f"{capital(text_in(zone_type.name, lang))} ({text_in(zone_type.name, other)})"
        out.append(r.page(lang, url, "zone.html.j2", None, title, zone=None, zone_type=zone_type, registry=registry,
                          members=[z for z in registry.zones if z.type == zone_type.id],
                          hits=hits(r, f"zone-type:{zone_type.id}", lang, url), other=other))
    for zone in registry.zones:
        url = f"{ZONES_URL}{zone.id}/"
        out.append(r.page(lang, url, "zone.html.j2", None, f"{text_in(zone.name, lang)} ({text_in(zone.name, other)})",
                          zone=zone, zone_type=registry.zone_type(zone.type), registry=registry, members=[],
                          hits=hits(r, f"zone:{zone.id}", lang, url), other=other))
    return out
