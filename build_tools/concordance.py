"""Concordance stage: which provision of a plan implements which provision of its parent plan.

Input: tables/concordance.yaml (relation vocabulary, links between provisions and between zone rows, divisions
and paragraphs exempted with a reason) and the loaded corpus. Output: a `Concordance` whose every reference is
resolved in a second pass (an unknown or ambiguous reference is an error listing candidates), and diagnostics
for a child paragraph with neither link nor exemption (coverage is checked paragraph by paragraph: a link on an
article would not say which of its paragraphs holds what the note says), an article without paragraphs whose
boxes are unlinked, an upper-level zone row with no link, or a zone linked under another name without a
registered discrepancy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cached_property
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics, Loc
from .load import _discrepancy, _Reader
from .model import Corpus, Discrepancy, Division, Plan, Row, Table, Text
from .register import corpus_identifiers
from .yamlio import KeyPath, load_yaml

CONCORDANCE = "tables/concordance.yaml"
UPPER_LEVELS = ("国家级", "省级", "上级规划")  # a zone the child plan marks as taken from a higher-level plan


@dataclass(frozen=True)
class Relation:
    id: str
    name: Text
    definition: Text


@dataclass(frozen=True)
class Link:
    source: str  # identifier in the child plan (article, paragraph, box or row)
    target: str | None  # identifier in the parent plan; None for a row with no counterpart (then discrepancy)
    relation: str
    note: Text
    discrepancy: Discrepancy | None
    loc: Loc


@dataclass(frozen=True)
class Exemption:
    provision: str  # a division (all its paragraphs) or one paragraph
    reason: Text
    loc: Loc


@dataclass(frozen=True)
class Concordance:
    relations: tuple[Relation, ...]
    links: tuple[Link, ...]
    exemptions: tuple[Exemption, ...]

    def relation(self, rid: str) -> Relation | None:
        return next((r for r in self.relations if r.id == rid), None)

    def from_provision(self, identifier: str) -> list[Link]:
        """Links whose source is this identifier or lies inside it (a paragraph, box or row of it)."""
        return self._select(self._index[1], [identifier])

    def to_provision(self, identifier: str) -> list[Link]:
        """Links whose target is this identifier or lies inside it."""
        return self._select(self._index[3], [identifier])

    def with_source(self, *identifiers: str) -> list[Link]:
        """Links whose source is exactly one of these identifiers, in the file's order."""
        return self._select(self._index[0], identifiers)

    def with_target(self, *identifiers: str) -> list[Link]:
        """Links whose target is exactly one of these identifiers, in the file's order."""
        return self._select(self._index[2], identifiers)

    def _select(self, index: dict[str, list[int]], identifiers: Iterable[str]) -> list[Link]:
        return [self.links[i] for i in sorted({i for identifier in identifiers for i in index.get(identifier, ())})]

    @cached_property
    def _index(self) -> tuple[dict[str, list[int]], ...]:
        """Positions of the links by exact source, by every identifier containing the source, and the
        same for targets: lookups stay constant-time however many plans and links there are."""
        indexes: tuple[defaultdict[str, list[int]], ...] = tuple(defaultdict(list) for _ in range(4))
        exact_source, within_source, exact_target, within_target = indexes
        for i, link in enumerate(self.links):
            for identifier, exact, within in ((link.source, exact_source, within_source),
                                              (link.target, exact_target, within_target)):
                if identifier is None:
                    continue
                exact[identifier].append(i)
                parts = identifier.split("/")
                for n in range(1, len(parts) + 1):
                    within["/".join(parts[:n])].append(i)
        return indexes


EMPTY = Concordance((), (), ())


def load_concordance(corpus: Corpus, root: Path, diags: Diagnostics, path: str = CONCORDANCE) -> Concordance:
    file = root / path
    children = [p.id for p in corpus.plans if p.parent]
    if not file.exists():
        if children:
            diags.error(Loc(path), "missing-file", f"{path} is missing, so nothing says what "
                        f"{', '.join(children)} implement", "restore the file (every article of a plan with a "
                        "parent needs a link or a no_counterpart entry)")
        return EMPTY
    doc = load_yaml(file, root, diags)
    if doc is None:
        return EMPTY  # unreadable: reported; coverage would only repeat it
    r = _Reader(doc, diags)
    data = r.mapping(doc.data, (), "the concordance") or {}
    r.known(data, (), ("relations", "links", "rows", "no_counterpart"))
    relations = []
    for rpath, entry in r.entries(data, (), "relations", "a relation", ("id", "name", "definition")):
        relations.append(Relation(r.string(entry, rpath, "id"), r.text(entry.get("name"), (*rpath, "name")),
                                  r.text(entry.get("definition"), (*rpath, "definition"))))
    known_relations = {rel.id for rel in relations}
    index = _Index(corpus)
    links = []
    for section in ("links", "rows"):
        for lpath, entry in r.entries(data, (), section, "a link", ("from", "to", "relation", "note", "discrepancy")):
            source = index.resolve(r, entry.get("from"), (*lpath, "from"), want_child=True)
            target = (index.resolve(r, entry.get("to"), (*lpath, "to"), want_child=False)
                      if entry.get("to") is not None else None)
            relation = r.string(entry, lpath, "relation")
            if relation and relation not in known_relations:
                diags.error(r.loc((*lpath, "relation")), "unknown-relation", f"relation '{relation}' is not defined",
                            f"use one of: {', '.join(sorted(known_relations))}, or define it under relations:")
            discrepancy = _discrepancy(r, entry, lpath)
            if entry.get("to") is None and discrepancy is None:
                diags.error(r.loc(lpath), "missing-field", "a link without a target must register a discrepancy",
                            "add `to:` or a `discrepancy:` saying why the parent plan has no counterpart")
            if source is None or (entry.get("to") is not None and target is None):
                continue
            links.append(Link(source, target, relation, r.text(entry.get("note"), (*lpath, "note")), discrepancy,
                              r.loc(lpath)))
    exemptions = []
    for epath, entry in r.entries(data, (), "no_counterpart", "an exemption", ("provision", "reason")):
        provision = index.resolve(r, entry.get("provision"), (*epath, "provision"), want_child=True)
        if provision is not None:
            exemptions.append(Exemption(provision, r.text(entry.get("reason"), (*epath, "reason")), r.loc(epath)))
    seen: dict[tuple[str, str | None], Loc] = {}
    for link in links:
        key = (link.source, link.target)
        if key in seen:
            diags.error(link.loc, "duplicate-id", f"{link.source} -> {link.target} is linked twice (first at "
                        f"{seen[key]})", "keep one link per pair; put both aspects in its note")
        seen[key] = link.loc
    concordance = Concordance(tuple(relations), tuple(links), tuple(exemptions))
    _check_coverage(corpus, concordance, doc.file, diags)
    return concordance


class _Index:
    """Every identifier of every plan, to resolve references in a second pass."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.ids = {p.id for p in corpus_identifiers(corpus)}
        self.children = {p.id for p in corpus.plans if p.parent}
        self.parents = {p.parent for p in corpus.plans if p.parent}

    def resolve(self, r: _Reader, value: Any, path: KeyPath, *, want_child: bool) -> str | None:
        side = "a provision of a city or county plan" if want_child else "a provision of the parent plan"
        if not isinstance(value, str) or not value:
            r.diags.error(r.loc(path), "missing-field", f"expected {side}", "write its identifier")
            return None
        candidates = [value] if value in self.ids else sorted(i for i in self.ids if i.endswith("/" + value))
        if len(candidates) > 1:
            r.diags.error(r.loc(path), "ambiguous-reference", f"'{value}' names more than one provision",
                          f"write the full identifier: {', '.join(candidates)}")
            return None
        if not candidates:
            close = get_close_matches(value, sorted(self.ids), n=3, cutoff=0.6)
            r.diags.error(r.loc(path), "unknown-reference", f"no provision '{value}'",
                          f"did you mean {', '.join(close)}?" if close else "check the identifier register")
            return None
        found = candidates[0]
        plan = found.split("/", 1)[0]
        if (want_child and plan not in self.children) or (not want_child and plan not in self.parents):
            r.diags.error(r.loc(path), "wrong-plan", f"'{found}' is not {side}",
                          "links go from a plan to the plan it implements (its parent)")
            return None
        return found


def normalize_zone_name(name: str, prefixes: tuple[str, ...] = ()) -> str:
    """Names compared across plans: one kind of dash, no spaces, without the name of the province a city
    plan prints before provincial zones (辽宁北票祁杖子-二道沟 = 北票祁杖子-二道沟)."""
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"[－―—–]", "-", name)
    for prefix in prefixes:
        name = name.removeprefix(prefix)
    return name


def top_level_places(corpus: Corpus) -> tuple[str, ...]:
    return tuple(p.place.zh for p in corpus.plans if not p.parent and p.place.zh)


def upper_level_rows(plan: Plan) -> list[tuple[Table, Row]]:
    return [(t, r) for t in plan.tables for r in t.data_rows
            if (cell := r.cells.get("name")) is not None and cell.level in UPPER_LEVELS]


def exemption_for(concordance: Concordance, identifier: str) -> Exemption | None:
    """The no_counterpart entry that covers a provision: its own, or that of a division containing it."""
    exempt = {e.provision: e for e in concordance.exemptions}
    parts = identifier.split("/")
    return next((exempt[i] for i in ("/".join(parts[:n]) for n in range(len(parts), 1, -1)) if i in exempt), None)


def _check_coverage(corpus: Corpus, concordance: Concordance, file: str, diags: Diagnostics) -> None:
    prefixes = top_level_places(corpus)
    fix = f"add a link from it in {file}, or a no_counterpart entry (for it or its division) with the reason"
    for plan in corpus.plans:
        if not plan.parent:
            continue
        for division in plan.divisions():
            identifier = f"{plan.id}/{division.path}"
            for paragraph in division.paragraphs:
                pid = f"{identifier}/{paragraph.id}"
                if not concordance.with_source(pid) and exemption_for(concordance, pid) is None:
                    diags.error(paragraph.loc, "no-counterpart", f"{pid} is linked to no provision of "
                                f"{plan.parent}", fix)
            if division.is_article and not division.paragraphs:
                covered = any(concordance.from_provision(f"{plan.id}/{ref.box}") for ref in division.boxes)
                if not covered and exemption_for(concordance, identifier) is None:
                    diags.error(division.loc, "no-counterpart", f"{identifier} is linked to no provision of "
                                f"{plan.parent}", fix)
        parent = corpus.plan(plan.parent)
        for table, row in upper_level_rows(plan):
            identifier = f"{plan.id}/{table.id}/{row.key}"
            links = concordance.with_source(identifier)
            if not links:
                diags.error(row.loc, "unlinked-zone", f"{identifier} is marked as from a higher-level plan "
                            f"({row.cells['name'].level}) but links to no row of {plan.parent}",
                            f"add it under rows: in {file}, with a discrepancy if the parent plan has no such row")
                continue
            for link in links:
                if link.target is None or parent is None:
                    continue
                _, box, key = [*link.target.split("/", 2), "", ""][:3]
                target_table = parent.table(box)
                target_row = target_table.row(key) if target_table and key else None
                target_name = target_row.cells.get("name") if target_row else None
                if target_name is None:
                    diags.error(link.loc, "wrong-type", f"{link.target} is not a zone row",
                                "link a zone row to a zone row")
                    continue
                ours, theirs = (normalize_zone_name(row.cells["name"].name or "", prefixes),
                                normalize_zone_name(target_name.name or "", prefixes))
                if ours == theirs and link.discrepancy is not None:
                    diags.error(link.discrepancy.loc, "stale-discrepancy", f"{identifier} and {link.target} have "
                                "the same name", "remove the discrepancy")
                elif ours != theirs and link.discrepancy is None:
                    diags.error(link.loc, "zone-name-mismatch", f"{identifier} '{ours}' is linked to {link.target} "
                                f"'{theirs}'", "link the right row, or register the different spelling as a "
                                "discrepancy with a note")


def link_quote(corpus: Corpus, identifier: str, lang: str, width: int = 70) -> str:
    """A short quote of the provision an identifier names, in the reader's language."""
    plan_id, _, rest = identifier.partition("/")
    plan = corpus.plan(plan_id)
    if plan is None:
        return ""
    text = plan.printed_text(rest)
    if text is not None:
        paragraph = plan.paragraph(rest)
        if paragraph is not None and lang != "zh" and paragraph.text.en:
            text = paragraph.text.en
    else:
        division: Division | None = plan.division(rest)
        table = plan.table(rest.split("/")[0])
        if division is not None:
            first = division.paragraphs[0] if division.paragraphs else None
            text = (first.text.zh if lang == "zh" else first.text.en or first.text.zh) if first else ""
        elif table is not None and "/" in rest:
            row = table.row(rest.split("/", 1)[1])
            text = " | ".join("".join((c.text.zh if lang == "zh" else c.text.en or c.text.zh).split())
                              if lang == "zh" else (c.text.en or c.text.zh)
                              for c in (row.cells.values() if row else ()) if c.text.zh.strip())
            return text if len(text) <= width else text[: width - 1].rstrip() + "…"
        elif table is not None:
            text = table.heading.zh if lang == "zh" else table.heading.en or table.heading.zh
        else:
            text = ""
    text = " ".join(text.split()) if lang != "zh" else "".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
