"""The authoritative source texts, cut into the units the fidelity test compares.

Input: a plan's source text and its reviewed list of layout artifacts (artifacts.yaml).
Output: `SourceUnit`s — every heading, paragraph and table cell as printed, in order, with its line —
after exactly the removals the artifact list names, and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics
from .load import _Reader
from .yamlio import Doc, KeyPath, load_yaml


@dataclass(frozen=True)
class SourceUnit:
    line: int  # 1-based line of the source where the unit starts
    text: str  # as printed, artifacts removed


@dataclass(frozen=True)
class Artifacts:
    """The reviewed list of layout artifacts of one source text (see artifacts.yaml of each plan)."""

    drop_lines: tuple[tuple[int, int], ...]  # inclusive line ranges: table of contents
    strip: tuple[re.Pattern[str], ...]  # bookmark markers, list bullets
    split: tuple[re.Pattern[str], ...]  # a line printed as several units (<p> … </p> <p> …)
    join_next: frozenset[int]  # a unit at this line continues on the next non-blank line (page break)


def load_artifacts(path: Path, root: Path, diags: Diagnostics) -> Artifacts | None:
    doc = load_yaml(path, root, diags)
    if doc is None:
        return None
    return _artifacts(doc, diags)


def _artifacts(doc: Doc, diags: Diagnostics) -> Artifacts:
    r = _Reader(doc, diags)
    data = r.mapping(doc.data, (), "the artifact list") or {}
    r.known(data, (), ("drop_lines", "strip", "split", "join_next"))
    drop: list[tuple[int, int]] = []
    for path, entry in r.entries(data, (), "drop_lines", "a line range", ("lines", "reason")):
        _require_reason(r, path, entry)
        lines = entry.get("lines")
        if (not isinstance(lines, list) or len(lines) != 2
                or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in lines)
                or lines[0] > lines[1]):
            diags.error(r.loc((*path, "lines")), "wrong-type", "'lines' must be [first line, last line]",
                        "write e.g. `lines: [11, 52]`")
            continue
        drop.append((lines[0], lines[1]))
    patterns: dict[str, list[re.Pattern[str]]] = {"strip": [], "split": []}
    for key, compiled in patterns.items():
        for path, entry in r.entries(data, (), key, "a pattern", ("pattern", "reason")):
            _require_reason(r, path, entry)
            pattern = r.string(entry, path, "pattern")
            try:
                compiled.append(re.compile(pattern))
            except re.error as exc:
                diags.error(r.loc((*path, "pattern")), "bad-pattern", f"invalid regular expression: {exc}",
                            "fix the pattern")
    joins = set()
    for path, entry in r.entries(data, (), "join_next", "a page break", ("line", "reason")):
        _require_reason(r, path, entry)
        line = r.optional_integer(entry, path, "line", 0, minimum=1)
        if "line" not in entry:
            diags.error(r.loc(path), "missing-field", "'line' is missing", "add the source line that continues on the "
                        "next: `{line: 86, reason: …}`")
        elif line:
            joins.add(line)
    return Artifacts(tuple(drop), tuple(patterns["strip"]), tuple(patterns["split"]), frozenset(joins))


def _require_reason(r: _Reader, path: KeyPath, entry: dict[str, Any]) -> None:
    if not r.string(entry, path, "reason", required=False).strip():
        r.diags.error(r.loc(path), "artifact-without-reason", "every artifact removal needs a reason",
                      "add `reason:` saying why this is layout, not text")


def printed_lines(text: str, artifacts: Artifacts) -> list[tuple[int, str]]:
    """The source's lines after the artifact list: dropped ranges gone, `strip` patterns deleted, lines
    marked `join_next` continued by the next non-blank line, `split` patterns breaking a line in two.
    Each line keeps the number it starts on."""
    kept: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if any(first <= number <= last for first, last in artifacts.drop_lines):
            continue
        line = raw
        for pattern in artifacts.strip:
            line = pattern.sub("", line)
        kept.append((number, line))

    joined: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, line in kept:
        continues = number in artifacts.join_next
        if pending is not None:
            if not line.strip():
                continue
            start, head = pending
            line = head.rstrip() + line.lstrip()
            number = start
            pending = None
        if continues:
            pending = (number, line)
            continue
        joined.append((number, line))
    if pending is not None:
        joined.append(pending)

    out: list[tuple[int, str]] = []
    for number, line in joined:
        pieces = [line]
        for pattern in artifacts.split:
            pieces = [part for piece in pieces for part in pattern.split(piece)]
        out.extend((number, piece) for piece in pieces)
    return out


def source_units(text: str, artifacts: Artifacts) -> list[SourceUnit]:
    """Cut the source into printed units: every non-blank line, and every cell of a table row
    (cells are separated by tabs in both texts)."""
    units: list[SourceUnit] = []
    for number, line in printed_lines(text, artifacts):
        for cell in line.split("\t"):
            if cell.strip():
                units.append(SourceUnit(number, cell.strip()))
    return units


def normalize(text: str) -> str:
    """Whitespace aside: the comparison ignores spaces, tabs and line breaks, nothing else."""
    return "".join(text.split())
