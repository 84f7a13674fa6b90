"""Zones compared across plans: each zone row of a child plan beside the row of its parent plan it takes up.

Input: the corpus, the concordance (its `rows:` links) and the mineral registry. Output: a `ZonePair` per zone
row of a plan that has a parent, with a status in words — the row matches its parent's, differs from it
(saying in what: name, minerals, level), has no parent row although marked as taken from a higher-level plan,
or is the plan's own addition — and, for each parent row, the child rows that take it up.
"""

from __future__ import annotations

from dataclasses import dataclass

from .concordance import UPPER_LEVELS, Concordance, normalize_zone_name, top_level_places
from .model import Corpus, Row, Table, Text
from .registry import Mineral, minerals_in

STATUSES = ("matches", "differs", "no-parent-row", "own-level")
ASPECTS = ("name", "minerals", "level")  # what a pair may differ in


@dataclass(frozen=True)
class ZonePair:
    row: str  # identifier of the child plan's row: chaoyang-2021-2025/box2/ZK4
    parent: str | None  # identifier of the parent plan's row it takes up
    status: str  # one of STATUSES
    differs: tuple[str, ...]  # the aspects that differ (ASPECTS), for status "differs"
    note: Text | None  # the discrepancy registered on the link, if any


@dataclass(frozen=True)
class ZonePairs:
    pairs: dict[str, ZonePair]  # by child row
    children: dict[str, list[str]]  # parent row -> child rows taking it up

    def of(self, identifier: str) -> ZonePair | None:
        return self.pairs.get(identifier)


def zone_rows(table: Table) -> list[Row]:
    column = table.column("name")
    if column is None or column.type != "zone":
        return []
    return [row for row in table.data_rows if "name" in row.cells]


def pair_zones(corpus: Corpus, concordance: Concordance, minerals: tuple[Mineral, ...]) -> ZonePairs:
    pairs: dict[str, ZonePair] = {}
    children: dict[str, list[str]] = {}
    prefixes = top_level_places(corpus)
    for plan in corpus.plans:
        parent = corpus.plan(plan.parent) if plan.parent else None
        if parent is None:
            continue
        for table in plan.tables:
            for row in zone_rows(table):
                identifier = f"{plan.id}/{table.id}/{row.key}"
                name = row.cells["name"]
                links = concordance.with_source(identifier)
                if name.level not in UPPER_LEVELS:
                    pairs[identifier] = ZonePair(identifier, None, "own-level", (), None)
                    continue
                link = links[0] if links else None
                note = link.discrepancy.text if link and link.discrepancy else None
                target = _row(corpus, link.target) if link and link.target else None
                if link is None or link.target is None or target is None:
                    pairs[identifier] = ZonePair(identifier, None, "no-parent-row", (), note)
                    continue
                differs = []
                theirs = target.cells["name"]
                if normalize_zone_name(name.name or "", prefixes) != normalize_zone_name(theirs.name or "", prefixes):
                    differs.append("name")
                ours_m, theirs_m = (minerals_in(cell.value_text if cell else "", minerals)
                                    for cell in (row.cells.get("minerals"), target.cells.get("minerals")))
                if ours_m != theirs_m:
                    differs.append("minerals")
                printed_levels = {name.level, theirs.level}
                if printed_levels <= {"国家级", "省级"} and len(printed_levels) == 2:
                    differs.append("level")
                pairs[identifier] = ZonePair(identifier, link.target, "differs" if differs else "matches",
                                             tuple(differs), note)
                children.setdefault(link.target, []).append(identifier)
    return ZonePairs(pairs, children)


def _row(corpus: Corpus, identifier: str) -> Row | None:
    plan_id, _, rest = identifier.partition("/")
    plan = corpus.plan(plan_id)
    box, _, key = rest.partition("/")
    table = plan.table(box) if plan else None
    row = table.row(key) if table and key else None
    return row if row is not None and "name" in row.cells else None
