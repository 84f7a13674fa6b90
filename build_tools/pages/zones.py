"""Zones: the index (by type and level, with each row's status against the provincial plan, and a table of
counties by zone type), a page per zone type, and a page per zone with its city row and provincial row side
by side.

Input: the renderer (registry, zone pairs, tags) and a language. Output: `Page`s.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import addresses
from ..addresses import ZONES_URL, identifier_url
from ..labels import LABELS
from ..model import Row
from ..registry import Zone
from .base import Page, Renderer, StatusView, bilingual, capital, other_language, status_view, text_in
from .facets import level_name, provisions, row_groups


@dataclass(frozen=True)
class ZoneLine:
    """A zone as a table row: name, code, type, level, where listed, its status against the provincial plan."""

    zone: Zone
    name: str
    original: str  # the Chinese name beside the English one on English pages
    url: str
    code: str
    type_name: str
    level: str
    places: str
    listed_in: list[tuple[str, str]]  # (short citation, url)
    status: StatusView | None


def zone_line(r: Renderer, zone: Zone, lang: str, page_url: str) -> ZoneLine:
    zone_type = r.checked.registry.zone_type(zone.type)
    return ZoneLine(
        zone, text_in(zone.name, lang), zone.name.zh if lang != "zh" and zone.name.en else "",
        addresses.relative(page_url, f"{ZONES_URL}{zone.id}/"), zone.code or "",
        text_in(zone_type.name, lang) if zone_type else zone.type, level_name(zone.level, lang),
        text_in(zone.places, lang),
        [(r.short_cite(s, lang), addresses.relative(page_url, identifier_url(s))) for s in zone.sources],
        status_view(r, r.checked.zones.of(zone.sources[0]) if zone.sources else None, lang, page_url))


@dataclass(frozen=True)
class Field:
    label: str
    city: str
    province: str
    differs: bool | None  # None: not compared (printed on one side only)
    city_zh: str = ""  # the printed Chinese beside an English name
    province_zh: str = ""


def pages(r: Renderer, lang: str) -> list[Page]:
    registry = r.checked.registry
    if not registry.zone_types:
        return []
    other = other_language(lang)
    out = [_index(r, lang)]
    for zone_type in registry.zone_types:
        url = f"{ZONES_URL}{zone_type.id}/"
        members = [zone_line(r, z, lang, url) for z in registry.zones if z.type == zone_type.id]
        title = f"{capital(text_in(zone_type.name, lang))} ({text_in(zone_type.name, other)})"
        out.append(r.page(lang, url, "zone_type.html.j2", None, title,
                          heading=bilingual(capital(text_in(zone_type.name, lang)), text_in(zone_type.name, other),
                                            lang),
                          zone_type=zone_type, members=members,
                          chapters=provisions(r, f"zone-type:{zone_type.id}", lang, url)))
    for zone in registry.zones:
        out.append(_zone_page(r, zone, lang))
    return out


def _index(r: Renderer, lang: str) -> Page:
    registry = r.checked.registry
    by_type = [(t, [zone_line(r, z, lang, ZONES_URL) for z in registry.zones if z.type == t.id])
               for t in registry.zone_types]
    counties = r.checked.registry.counties
    types = [t for t, lines in by_type if any(_in_county(line.zone, c.zh) for line in lines for c in counties.values())]
    grid = [(text_in(county, lang), [[line for line in dict(by_type)[t] if _in_county(line.zone, county.zh)]
                                      for t in types]) for county in counties.values()]
    return r.page(lang, ZONES_URL, "zones.html.j2", None, LABELS[lang]["zones"], by_type=by_type,
                  county_types=types, county_grid=grid, other=other_language(lang))


def _fields(city: Row, province: Row, differs: tuple[str, ...], lang: str) -> list[Field]:
    """The two rows field by field; a field is compared only where the comparison reads it (name, minerals,
    and levels printed on both sides)."""
    out = []
    for key in ("name", "minerals", "places", "area"):
        ours, theirs = city.cells.get(key), province.cells.get(key)
        if ours is None and theirs is None:
            continue
        compared = key in ("name", "minerals") and ours is not None and theirs is not None
        chinese = lang != "zh" and key == "name"
        out.append(Field(LABELS[lang][f"field_{key}"], text_in(ours.text, lang) if ours else "—",
                         text_in(theirs.text, lang) if theirs else "—", key in differs if compared else None,
                         ours.text.zh if chinese and ours else "", theirs.text.zh if chinese and theirs else ""))
    levels = (city.cells["name"].level, province.cells["name"].level)
    both = all(level in ("国家级", "省级") for level in levels)
    out.append(Field(LABELS[lang]["field_level"], level_name(levels[0], lang) or "—",
                     level_name(levels[1], lang) or "—", ("level" in differs) if both else None))
    return out


def _in_county(zone: Zone, county: str) -> bool:
    return county in zone.places.zh.split("、")


def _zone_page(r: Renderer, zone: Zone, lang: str) -> Page:
    registry = r.checked.registry
    other = other_language(lang)
    url = f"{ZONES_URL}{zone.id}/"
    line = zone_line(r, zone, lang, url)
    pair = r.checked.zones.of(zone.sources[0]) if zone.sources else None
    fields: list[Field] = []
    if pair is not None and pair.parent is not None:
        city, province = (r.corpus.row(pair.row), r.corpus.row(pair.parent))
        if city is not None and province is not None:
            fields = _fields(city, province, pair.differs, lang)
    taken_up = [(r.short_cite(c, lang), addresses.relative(url, identifier_url(c)))
                for s in zone.sources for c in r.checked.zones.children.get(s, [])]
    zone_type = registry.zone_type(zone.type)
    return r.page(lang, url, "zone.html.j2", None, f"{text_in(zone.name, lang)} ({text_in(zone.name, other)})",
                  heading=bilingual(text_in(zone.name, lang), text_in(zone.name, other), lang), zone=zone,
                  zone_type=zone_type, line=line, fields=fields, taken_up=taken_up, registry=registry,
                  rows=row_groups(r, f"zone:{zone.id}", lang, url, ("zones", "targets", "scales", "other")),
                  chapters=provisions(r, f"zone:{zone.id}", lang, url))
