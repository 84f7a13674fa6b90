"""Minerals: the index (by category, each mineral's status as separate labelled items) and a dossier per
mineral that answers at a glance what the plans decide for it — its status in each plan, its targets and
minimum mining scales as labelled tables, the figures compared between the plans, the zones that hold it
(with their status against the provincial plan), then every provision naming it, by plan and chapter, each
Chaoyang clause beside the Liaoning provision it implements.

Input: the renderer (registry, tags, comparisons, zone pairs) and a language. Output: `Page`s.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import addresses
from ..addresses import MINERALS_URL, identifier_url
from ..comparisons import ComparisonResult
from ..labels import LABELS
from ..model import Plan
from ..registry import Mineral
from .base import Page, Renderer, bilingual, capital, other_language, text_in
from .facets import provisions, row_groups
from .zones import zone_line


@dataclass(frozen=True)
class FlagRow:
    """One kind of status (strategic, key for mining …) and where each plan states it."""

    name: str
    by_plan: list[tuple[Plan, list[tuple[str, str]]]]  # plan -> [(short citation, url)]


@dataclass(frozen=True)
class Compared:
    result: ComparisonResult
    title: str
    city: tuple[str, str]  # (printed figure, url)
    province: tuple[str, str]


def pages(r: Renderer, lang: str) -> list[Page]:
    registry = r.checked.registry
    if not registry.minerals:
        return []
    counts = {m.id: len(r.facets.get(f"mineral:{m.id}", [])) for m in registry.minerals}
    out = [r.page(lang, MINERALS_URL, "minerals.html.j2", None, LABELS[lang]["minerals"], registry=registry,
                  counts=counts, other=other_language(lang),
                  flags={m.id: sorted({f.flag for f in m.flags}, key=list(registry.flag_names).index)
                         for m in registry.minerals})]
    out += [_dossier(r, mineral, lang) for mineral in registry.minerals]
    return out


def _dossier(r: Renderer, mineral: Mineral, lang: str) -> Page:
    registry = r.checked.registry
    other = other_language(lang)
    url = f"{MINERALS_URL}{mineral.id}/"
    facet = f"mineral:{mineral.id}"
    name = capital(text_in(mineral.name, lang))
    flags = [FlagRow(text_in(label, lang),
                     [(plan, [(r.short_cite(f.at, lang), addresses.relative(url, identifier_url(f.at)))
                              for f in mineral.flags if f.flag == flag and f.at.split("/", 1)[0] == plan.id])
                      for plan in r.corpus.plans])
             for flag, label in registry.flag_names.items()]
    tagged = set(r.facets.get(facet, []))
    compared = []
    for result in r.checked.comparisons:
        c = result.comparison
        sides = [s for s in (c.city, c.province) if s is not None]
        if any(s.source in tagged for s in sides):
            compared.append(Compared(result, text_in(c.title, lang), *(
                (side.printed, addresses.relative(url, identifier_url(side.source))) if side else ("", "")
                for side in (c.city, c.province))))
    return r.page(
        lang, url, "mineral.html.j2", None, f"{name} ({text_in(mineral.name, other)})",
        heading=bilingual(name, text_in(mineral.name, other), lang), words=", ".join(mineral.aliases),
        mineral=mineral, registry=registry, other=other, count=len(tagged),
        members=[m for m in registry.minerals if m.group == mineral.id], flags=flags,
        targets=row_groups(r, facet, lang, url, ("targets",)), scales=row_groups(r, facet, lang, url, ("scales",)),
        other_rows=row_groups(r, facet, lang, url, ("other",)), compared=compared,
        zones=[zone_line(r, z, lang, url) for z in registry.zones if mineral.id in z.minerals],
        chapters=provisions(r, facet, lang, url))
