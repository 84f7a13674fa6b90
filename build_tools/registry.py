"""Registries and tagging: every mineral and zone of the plans, and which provisions concern each.

Input: tables/minerals.yaml, tables/zones.yaml (zone kinds; zones only counted or named in the text), the box
rows that list zones, the concordance (a Chaoyang row linked to a Liaoning row is one zone) and
tables/tags.yaml (reviewed corrections). Output: a `Registry` of `Mineral`s and `Zone`s, and `Tags`: for every
paragraph, heading and table row, the minerals and zones it names, found through the registries' aliases.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .concordance import Concordance, normalize_zone_name, top_level_places
from .diagnostics import Diagnostics, Loc
from .load import _Reader
from .model import Corpus, Plan, Row, Table, Text
from .yamlio import load_yaml

MINERALS = "tables/minerals.yaml"
ZONES = "tables/zones.yaml"
TAGS = "tables/tags.yaml"
_DASHES = re.compile(r"[－―—–]")
PLAN_LEVELS = {"province": "省级", "city": "市级", "county": "县级"}  # the level of the zones a plan adds


@dataclass(frozen=True)
class Flag:
    flag: str
    at: str  # paragraph identifier


@dataclass(frozen=True)
class Mineral:
    id: str
    name: Text
    aliases: tuple[str, ...]
    not_in: tuple[str, ...]
    en_aliases: tuple[str, ...]
    category: str
    group: str | None
    flags: tuple[Flag, ...]
    loc: Loc


@dataclass(frozen=True)
class ZoneType:
    id: str
    name: Text
    aliases: tuple[str, ...]
    level: str | None
    loc: Loc


@dataclass(frozen=True)
class Zone:
    id: str
    type: str
    name: Text  # the name as printed (the city's where both plans list it), without level suffix
    aliases: tuple[str, ...]  # Chinese names and codes that name the zone in the texts
    code: str | None
    level: str | None
    places: Text
    minerals: tuple[str, ...]  # mineral ids
    sources: tuple[str, ...]  # identifiers of the rows or paragraph that list the zone
    count: int | None  # for a set of zones the plans only count
    loc: Loc


@dataclass(frozen=True)
class Registry:
    minerals: tuple[Mineral, ...]
    zone_types: tuple[ZoneType, ...]
    zones: tuple[Zone, ...]
    flag_names: dict[str, Text]
    categories: dict[str, Text]
    counties: dict[str, Text] = field(default_factory=dict)  # a city's county-level units, as zone names print them

    def mineral(self, mid: str) -> Mineral | None:
        return next((m for m in self.minerals if m.id == mid), None)

    def zone(self, zid: str) -> Zone | None:
        return next((z for z in self.zones if z.id == zid), None)

    def zone_type(self, tid: str) -> ZoneType | None:
        return next((t for t in self.zone_types if t.id == tid), None)

    def longer_names(self, zone: Zone) -> tuple[str, ...]:
        """Aliases of other zones that contain one of this zone's (辽阳弓长岭 inside 辽阳弓长岭-本溪南芬)."""
        return self._longer_names[zone.id]

    @cached_property
    def _longer_names(self) -> dict[str, tuple[str, ...]]:
        return {zone.id: tuple(sorted({other for z in self.zones if z.id != zone.id for other in z.aliases
                                       for mine in zone.aliases if mine in other and mine != other}))
                for zone in self.zones}

    def identifiers(self) -> list[tuple[str, str, Loc]]:
        """Published identifiers of the facet pages: (identifier, label, where defined)."""
        out = [(f"minerals/{m.id}", m.name.zh, m.loc) for m in self.minerals]
        out += [(f"zones/{t.id}", t.name.zh, t.loc) for t in self.zone_types]
        out += [(f"zones/{z.id}", z.name.zh[:24], z.loc) for z in self.zones]
        return out


EMPTY_REGISTRY = Registry((), (), (), {}, {})


# ------------------------------------------------------------------------------------------------ loading

def load_registry(corpus: Corpus, concordance: Concordance, root: Path, diags: Diagnostics) -> Registry:
    missing = [name for name in (MINERALS, ZONES) if not (root / name).exists()]
    for name in missing:
        diags.error(Loc(name), "missing-file", f"the registry {name} is missing", "restore it: mineral and zone "
                    "pages, tagging and search are built from it")
    if missing:
        return EMPTY_REGISTRY
    mdoc = load_yaml(root / MINERALS, root, diags)
    zdoc = load_yaml(root / ZONES, root, diags)
    if mdoc is None or zdoc is None:
        return EMPTY_REGISTRY
    r = _Reader(mdoc, diags)
    mdata = r.mapping(mdoc.data, (), "the mineral registry") or {}
    zdoc.data = _Reader(zdoc, diags).mapping(zdoc.data, (), "the zone registry") or {}
    r.known(mdata, (), ("flag_names", "categories", "minerals"))
    flag_names = r.texts(mdata, (), "flag_names")
    categories = r.texts(mdata, (), "categories")
    minerals = []
    seen: dict[str, int] = {}
    entries = r.entries(mdata, (), "minerals", "a mineral",
                        ("id", "name", "aliases", "not_in", "en_aliases", "category", "group", "flags"))
    if not entries:
        diags.error(mdoc.loc(()), "empty-registry", "the mineral registry lists no minerals",
                    "list every mineral the plans name under `minerals:`; without them nothing is tagged")
    for path, entry in entries:
        mid = r.string(entry, path, "id", code="missing-id")
        _check_slug(r, path, mid, "mineral")
        if mid in seen:
            diags.error(r.loc(path), "duplicate-id", f"mineral '{mid}' is defined twice (first at line {seen[mid]})",
                        "give each mineral its own id")
        seen[mid] = mdoc.line(path)
        category = r.string(entry, path, "category")
        if category not in categories:
            diags.error(r.loc((*path, "category")), "unknown-reference", f"unknown category '{category}'",
                        f"use one of: {', '.join(categories)}")
        flags = []
        aliases = r.strings(entry, path, "aliases")
        if not aliases:
            diags.error(r.loc(path), "missing-field", f"mineral '{mid}' has no aliases",
                        "list the Chinese words that name it in the texts under `aliases:`")
        for fpath, fmap in r.entries(entry, path, "flags", "a flag", ("flag", "at")):
            flag, at = r.string(fmap, fpath, "flag"), r.string(fmap, fpath, "at")
            if flag not in flag_names:
                diags.error(r.loc(fpath), "unknown-reference", f"unknown flag '{flag}'",
                            f"use one of: {', '.join(flag_names)}")
            plan_id, _, ref = at.partition("/")
            plan = corpus.plan(plan_id)
            text = plan.printed_text(ref) if plan else None
            if text is None:
                diags.error(r.loc(fpath), "unknown-reference", f"no paragraph '{at}'", "name a paragraph identifier")
            elif not any(a in text for a in aliases):
                diags.error(r.loc(fpath), "quote-not-found", f"{at} does not name {mid}",
                            "flag a mineral only where the paragraph names it")
            flags.append(Flag(flag, at))
        minerals.append(Mineral(mid, r.text(entry.get("name"), (*path, "name")), aliases,
                                r.strings(entry, path, "not_in"), r.strings(entry, path, "en_aliases"),
                                category, r.string(entry, path, "group", required=False) or None, tuple(flags),
                                r.loc(path)))
    for m in minerals:
        if m.group and m.group not in seen:
            diags.error(m.loc, "unknown-reference", f"group '{m.group}' is not a mineral", "name a mineral id")
    zone_types, zones = _zones(corpus, concordance, zdoc, diags, minerals)
    return Registry(tuple(minerals), zone_types, zones, flag_names, categories,
                    _Reader(zdoc, Diagnostics()).texts(zdoc.data, (), "counties"))


def _zones(corpus: Corpus, concordance: Concordance, doc: object, diags: Diagnostics,
           minerals: list[Mineral]) -> tuple[tuple[ZoneType, ...], tuple[Zone, ...]]:
    from .yamlio import Doc

    assert isinstance(doc, Doc)
    r = _Reader(doc, diags)
    r.known(doc.data, (), ("types", "zones", "counties"))
    counties = r.texts(doc.data, (), "counties")
    types: list[ZoneType] = []
    row_sources: list[tuple[str, Plan, Table, Row]] = []
    type_entries = r.entries(doc.data, (), "types", "a zone type", ("id", "name", "aliases", "level", "rows"))
    if not type_entries:
        diags.error(doc.loc(()), "empty-registry", "the zone registry lists no zone types",
                    "list the kinds of zone the plans delimit under `types:`")
    for path, entry in type_entries:
        tid = r.string(entry, path, "id", code="missing-id")
        _check_slug(r, path, tid, "zone type")
        types.append(ZoneType(tid, r.text(entry.get("name"), (*path, "name")), r.strings(entry, path, "aliases"),
                              _level(r, entry, path), r.loc(path)))
        for spath, smap in r.entries(entry, path, "rows", "a row source", ("table", "category")):
            ref = r.string(smap, spath, "table")
            plan_id, _, box = ref.partition("/")
            plan = corpus.plan(plan_id)
            table = plan.table(box) if plan else None
            if plan is None or table is None:
                diags.error(r.loc(spath), "unknown-reference", f"no table '{ref}'", "name a box: plan/boxN")
                continue
            name_column = table.column("name")
            if name_column is None or name_column.type != "zone":
                diags.error(r.loc(spath), "wrong-type", f"{ref} has no zone column 'name', so its rows are not zones",
                            "list only boxes whose rows are zones, with a `name` column of type zone")
                continue
            category = r.string(smap, spath, "category", required=False)
            for row in table.data_rows:
                if category and row.cells.get("category") and row.cells["category"].value_text != category:
                    continue
                if "name" in row.cells:
                    row_sources.append((tid, plan, table, row))
    type_ids = {t.id for t in types}
    links = {link.source: link.target for link in concordance.links if link.target}
    by_row = {f"{plan.id}/{table.id}/{row.key}": (tid, plan, table, row) for tid, plan, table, row in row_sources}
    # Rows linked to each other name one zone: a province's row, the rows of the cities that take it up, the
    # rows of their counties. The zone is listed under the row of the plan nearest the province but below it
    # (the city's: first city in the corpus's order), with the others as its sources, parent's first.
    depth = {p.id: corpus.depth(p) for p in corpus.plans}
    order = {p.id: i for i, p in enumerate(corpus.plans)}
    group: dict[str, list[str]] = {identifier: [identifier] for identifier in by_row}
    for source, target in links.items():
        if source in by_row and target in by_row and group[source] is not group[target]:
            merged = group[source] + group[target]
            for member in merged:
                group[member] = merged
    listed_under: dict[str, str] = {}  # row identifier -> the row its zone is listed under
    for members in {id(g): g for g in group.values()}.values():
        rows = sorted(members, key=lambda i: (depth[by_row[i][1].id] == 0, depth[by_row[i][1].id],
                                              order[by_row[i][1].id]))
        for member in members:
            listed_under[member] = rows[0]
    zones: list[Zone] = []
    taken: dict[str, Loc] = {}
    top_places_en = tuple(p.place.en for p in corpus.plans if not p.parent and p.place.en)
    prefixes = top_level_places(corpus)
    for identifier, (tid, plan, _table, row) in by_row.items():
        if listed_under[identifier] != identifier:
            continue  # listed under the city's row
        parent = [t for t in [links.get(identifier)] if t in by_row]
        sources = [identifier, *parent, *sorted(set(group[identifier]) - {identifier, *parent},
                                                key=lambda i: order[by_row[i][1].id])]
        parent_rows = [by_row[s] for s in sources[1:]]
        name_cell = row.cells["name"]
        zid = _slug(name_cell.text.en or name_cell.text.zh, tid, top_places_en)
        if zid in taken:
            zid = f"{zid}-{tid}"
        level = name_cell.level
        if level == "上级规划" and parent_rows:
            parent_name = parent_rows[0][3].cells["name"]
            level = parent_name.level or _default_level(types, parent_rows[0][0])
        elif level in (None, "市级规划", "县级规划"):
            level = PLAN_LEVELS.get(plan.level) if plan.parent else _default_level(types, tid)
        names = {name_cell.name or ""}
        names |= {p[3].cells["name"].name or "" for p in parent_rows}
        # A bare place name (辽宁阜新 -> 阜新) would tag every mention of the city: names shorter than four
        # characters are not aliases; codes always are.
        aliases = sorted({a for n in names if n and len(a := normalize_zone_name(n, prefixes)) >= 4}
                         | ({str(row.cells["code"].text.zh)} if "code" in row.cells else set()))
        places = _places(plan, row, parent_rows, counties)
        mineral_cell = row.cells.get("minerals")
        found = minerals_in(mineral_cell.value_text if mineral_cell else "", minerals)
        taken[zid] = row.loc
        zones.append(Zone(zid, tid, Text(name_cell.name or name_cell.text.zh, _strip_level_en(name_cell.text.en),
                                         row.loc),
                          tuple(aliases), row.cells["code"].text.zh if "code" in row.cells else None, level, places,
                          found, tuple(sources), None, row.loc))
    for path, entry in r.entries(doc.data, (), "zones", "a zone",
                                 ("id", "type", "name", "aliases", "level", "places", "at", "count", "minerals")):
        zid = r.string(entry, path, "id", code="missing-id")
        _check_slug(r, path, zid, "zone")
        ztype = r.string(entry, path, "type")
        if ztype not in type_ids:
            diags.error(r.loc((*path, "type")), "unknown-reference", f"unknown zone type '{ztype}'",
                        f"use one of: {', '.join(sorted(type_ids))}")
        if zid in taken:
            diags.error(r.loc(path), "duplicate-id", f"zone '{zid}' is defined twice", "give each zone its own id")
        at = r.string(entry, path, "at")
        plan_id, _, ref = at.partition("/")
        plan = corpus.plan(plan_id)
        if plan is None or plan.printed_text(ref) is None:
            diags.error(r.loc((*path, "at")), "unknown-reference", f"no paragraph '{at}'", "name the paragraph")
        name = r.text(entry.get("name"), (*path, "name"))
        mineral_ids = r.strings(entry, path, "minerals") or minerals_in(name.zh, minerals)
        known_minerals = {m.id for m in minerals}
        for mineral_id in mineral_ids:
            if mineral_id not in known_minerals:
                diags.error(r.loc((*path, "minerals")), "unknown-reference", f"unknown mineral '{mineral_id}'",
                            "name a mineral id of tables/minerals.yaml")
        count = r.optional_integer(entry, path, "count", 0, minimum=1)
        zones.append(Zone(zid, ztype, name, tuple(_DASHES.sub("-", a) for a in r.strings(entry, path, "aliases")),
                          None, _level(r, entry, path), r.text(entry.get("places"), (*path, "places")), mineral_ids,
                          (at,), count or None, r.loc(path)))
        taken[zid] = r.loc(path)
    return tuple(types), tuple(sorted(zones, key=lambda z: (z.type, z.id)))


ZONE_LEVELS = ("国家级", "省级", "市级", "县级")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_slug(r: _Reader, path: tuple[str | int, ...], value: str, what: str) -> None:
    """Ids become addresses (minerals/<id>/, zones/<id>/)."""
    if value and not _SLUG.match(value):
        r.diags.error(r.loc((*path, "id")), "bad-id", f"{what} id '{value}' is not of the form bentonite or "
                      "key-mining-area", "use lower-case letters, digits and single hyphens")


def _level(r: _Reader, entry: dict[str, Any], path: tuple[str | int, ...]) -> str | None:
    level = r.string(entry, path, "level", required=False)
    if level and level not in ZONE_LEVELS:
        r.diags.error(r.loc((*path, "level")), "wrong-type", f"unknown zone level '{level}'",
                      f"use one of: {', '.join(ZONE_LEVELS)}")
    return level or None


def _default_level(types: list[ZoneType], tid: str) -> str | None:
    return next((t.level for t in types if t.id == tid), None)


def _slug(english: str, fallback: str, top_places: tuple[str, ...]) -> str:
    """A zone's address from its English name, without the province's name that most zone names begin with."""
    words = re.sub(r"\(.*?\)", "", english)
    for place in top_places:
        if words.startswith(f"{place} "):
            words = words[len(place) + 1:]
    slug = re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")
    return slug or fallback


_LEVEL_EN = re.compile(r"\s*\((national|provincial|city|county)[- ]level( plan)?\)|\s*\(higher-level plan\)")


def _strip_level_en(english: str) -> str:
    return _LEVEL_EN.sub("", english).strip()


def _places(plan: Plan, row: Row, parent_rows: list[tuple[str, Plan, Table, Row]], counties: dict[str, Text]) -> Text:
    cell = row.cells.get("places")
    if cell is not None:
        return Text(cell.value_text, cell.text.en, cell.loc)
    for _, _, _, parent in parent_rows:
        if "places" in parent.cells:
            p = parent.cells["places"]
            city = Text(p.value_text, p.text.en, p.loc)
            break
    else:
        city = plan.place
    name = row.cells["name"].value_text
    found = [t for short, t in counties.items() if short in name]
    if not found:
        return city
    return Text("、".join(t.zh for t in found), ", ".join(t.en for t in found), row.loc)


def minerals_in(text: str, minerals: list[Mineral] | tuple[Mineral, ...]) -> tuple[str, ...]:
    return tuple(sorted({m.id for m in minerals if _names(text, m.aliases, m.not_in)}))


# ------------------------------------------------------------------------------------------------ tagging

def _names(text: str, aliases: tuple[str, ...], not_in: tuple[str, ...]) -> bool:
    """Does `text` name this thing? An alias counts unless that occurrence lies inside a `not_in` word."""
    for alias in aliases:
        start = text.find(alias)
        while start != -1:
            end = start + len(alias)
            covered = False
            for word in not_in:
                offset = word.find(alias)
                while offset != -1:
                    begin = start - offset
                    if begin >= 0 and text[begin:begin + len(word)] == word:
                        covered = True
                        break
                    offset = word.find(alias, offset + 1)
                if covered:
                    break
            if not covered:
                return True
            start = text.find(alias, end - len(alias) + 1)
    return False


@dataclass
class Tags:
    """Facets (mineral:<id>, zone:<id>, zone-type:<id>) of each tagged identifier, and the reverse index."""

    of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def by_facet(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for identifier in sorted(self.of):
            for facet in sorted(self.of[identifier]):
                index[facet].append(identifier)
        return index


def tag_text(text: str, registry: Registry) -> set[str]:
    flat = _DASHES.sub("-", "".join(text.split()))
    found = {f"mineral:{m.id}" for m in registry.minerals if _names(flat, m.aliases, m.not_in)}
    found |= {f"zone:{z.id}" for z in registry.zones if _names(flat, z.aliases, registry.longer_names(z))}
    found |= {f"zone-type:{t.id}" for t in registry.zone_types if _names(flat, t.aliases, ())}
    return found


def tag_corpus(corpus: Corpus, registry: Registry, root: Path, diags: Diagnostics) -> Tags:
    tags = Tags()
    zones_of_row: dict[str, list[Zone]] = defaultdict(list)  # the zones a table row lists
    for zone in registry.zones:
        for source in zone.sources:
            zones_of_row[source].append(zone)
    for plan in corpus.plans:
        for division in plan.divisions():
            base = f"{plan.id}/{division.path}"
            heading = tag_text(division.heading.zh, registry)
            if heading:
                tags.of[base] |= heading
            for paragraph in division.paragraphs:
                found = tag_text(paragraph.text.zh, registry)
                if found:
                    tags.of[f"{base}/{paragraph.id}"] |= found
        for table in plan.tables:
            for row in table.rows:
                found = tag_text(" ".join(c.text.zh for c in row.cells.values()), registry)
                identifier = f"{plan.id}/{table.id}/{row.key}"
                found |= {f"zone:{z.id}" for z in zones_of_row[identifier]}
                found |= {f"mineral:{m}" for z in zones_of_row[identifier] for m in z.minerals}
                if found:
                    tags.of[identifier] |= found
    _apply_overrides(tags, corpus, registry, root, diags)
    return tags


def _apply_overrides(tags: Tags, corpus: Corpus, registry: Registry, root: Path, diags: Diagnostics) -> None:
    file = root / TAGS
    if not file.exists():
        return
    doc = load_yaml(file, root, diags)
    if doc is None or not isinstance(doc.data, dict):
        return
    r = _Reader(doc, diags)
    r.known(doc.data, (), ("overrides",))
    facets = ({f"mineral:{m.id}" for m in registry.minerals} | {f"zone:{z.id}" for z in registry.zones}
              | {f"zone-type:{t.id}" for t in registry.zone_types})
    for path, entry in r.entries(doc.data, (), "overrides", "an override", ("at", "add", "remove", "reason")):
        at = r.string(entry, path, "at")
        reason = r.string(entry, path, "reason")  # a missing reason is reported here
        if not reason.strip():
            if "reason" in entry:
                diags.error(r.loc((*path, "reason")), "missing-reason", "the override's reason is blank",
                            "say why the automatic tagging is wrong here; no override applies without a reason")
            continue
        plan_id, _, ref = at.partition("/")
        plan = corpus.plan(plan_id)
        if plan is None or (plan.printed_text(ref) is None and plan.division(ref) is None):
            diags.error(r.loc((*path, "at")), "unknown-reference", f"no provision '{at}'", "name a paragraph or row")
            continue
        for key in ("add", "remove"):
            for facet in r.strings(entry, path, key):
                if facet not in facets:
                    diags.error(r.loc((*path, key)), "unknown-reference", f"unknown facet '{facet}'",
                                "write mineral:<id>, zone:<id> or zone-type:<id>")
                elif key == "add":
                    tags.of[at].add(facet)
                elif facet in tags.of.get(at, set()):
                    tags.of[at].discard(facet)
                else:
                    diags.error(r.loc((*path, key)), "stale-override", f"{at} is not tagged {facet}",
                                "remove the override")


# ------------------------------------------------------------------------------------------------ review

TAG_COUNTS = "tables/tag-counts.yaml"


def tag_counts(registry: Registry, tags: Tags) -> dict[str, int]:
    """How many provisions each mineral tags (a changed alias or exclusion moves these numbers)."""
    facets = tags.by_facet()
    return {m.id: len(facets.get(f"mineral:{m.id}", [])) for m in registry.minerals}


def _tolerance(reviewed: int) -> int:
    return max(3, reviewed // 5)


def check_tag_counts(registry: Registry, tags: Tags, root: Path, diags: Diagnostics) -> None:
    """A tagging change that moves a mineral's count by more than a fifth (at least 3) is flagged for review:
    a new alias such as 发展 would otherwise add dozens of false hits without a word."""
    if not registry.minerals:
        return
    file = root / TAG_COUNTS
    if not file.exists():
        diags.error(Loc(TAG_COUNTS), "missing-file", f"the reviewed tag counts {TAG_COUNTS} are missing",
                    "review the mineral pages, then run `python -m build_tools register --update`")
        return
    doc = load_yaml(file, root, diags)
    if doc is None:
        return
    r = _Reader(doc, diags)
    data = r.mapping(doc.data, (), "the tag counts") or {}
    r.known(data, (), ("minerals",))
    reviewed: dict[str, int] = {}
    for key, value in (r.mapping(data.get("minerals") or {}, ("minerals",), "'minerals'") or {}).items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            diags.error(doc.loc(("minerals", key)), "not-a-number", f"the count of '{key}' must be a whole number",
                        "run `python -m build_tools register --update`")
            continue
        reviewed[key] = value
    counts = tag_counts(registry, tags)
    for mineral in registry.minerals:
        count = counts[mineral.id]
        before = reviewed.get(mineral.id)
        if before is None:
            diags.error(mineral.loc, "tag-count-changed", f"'{mineral.id}' tags {count} provision(s) and has no "
                        f"reviewed count in {TAG_COUNTS}", f"check its hits (minerals/{mineral.id}/), then run "
                        "`python -m build_tools register --update`")
        elif abs(count - before) > _tolerance(before):
            diags.error(mineral.loc, "tag-count-changed", f"'{mineral.id}' now tags {count} provision(s), "
                        f"{count - before:+d} against the {before} reviewed: a changed alias or exclusion may tag "
                        "words that do not name it", f"check its hits (minerals/{mineral.id}/); if they are right, "
                        "run `python -m build_tools register --update`")


def updated_tag_counts(registry: Registry, tags: Tags) -> str:
    header = ("# Reviewed number of provisions each mineral tags. The check fails when a change to the registry or\n"
              "# the overrides moves a count by more than a fifth (at least 3): review the mineral's page, then\n"
              "# update this file with `python -m build_tools register --update`.\n")
    body = yaml.dump({"minerals": tag_counts(registry, tags)}, allow_unicode=True, sort_keys=False, width=200)
    return header + body
