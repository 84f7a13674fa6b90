"""Fidelity stage: the content must give back the source text, unit for unit, in order.

Input: a loaded plan and its source text with its reviewed artifact list.
Output: diagnostics (`fidelity-missing`, `fidelity-extra`, `fidelity-changed`) naming the source line
and the content file:line of every difference; none when every heading, paragraph and table cell of
the source stands in the content exactly once, verbatim (whitespace aside).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from .diagnostics import Diagnostics, Loc
from .model import BoxRef, Division, Paragraph, Plan, Table
from .sources import load_artifacts, normalize, source_units


@dataclass(frozen=True)
class ContentUnit:
    loc: Loc
    text: str


def printed_units(plan: Plan) -> list[ContentUnit]:
    """The plan's printed text, as the content holds it, in printed order: cover, annex lists, then
    every heading, paragraph and box (title, column headings, cells, printed notes)."""
    units: list[ContentUnit] = []
    for text in plan.cover:
        units.append(ContentUnit(text.loc, text.zh))
    for group in plan.annexes:
        units.append(ContentUnit(group.heading.loc, group.heading.zh))
        units.extend(ContentUnit(a.title.loc, a.title.zh) for a in group.items)
    tables = {t.id: t for t in plan.tables}
    for part in plan.parts:
        _division_units(part, tables, units)
    return units


def _division_units(division: Division, tables: dict[str, Table], units: list[ContentUnit]) -> None:
    heading = f"{division.number}{division.heading.zh}"
    units.append(ContentUnit(division.heading.loc, heading))
    for block in division.blocks:
        if isinstance(block, Paragraph):
            units.append(ContentUnit(block.text.loc, block.text.zh))
        elif isinstance(block, BoxRef):
            if block.box in tables:
                units.extend(table_units(tables[block.box]))
        else:
            _division_units(block, tables, units)


def table_units(table: Table) -> list[ContentUnit]:
    units = [ContentUnit(table.heading.loc, f"{table.number}{table.heading.zh}")]
    if table.layout == "grid":
        units.extend(ContentUnit(c.heading.loc, c.heading.zh) for c in table.columns if c.heading)
        for row in table.rows:
            for column in table.columns:
                cell = row.cells.get(column.key)
                if cell is not None and cell.text.zh.strip():
                    units.append(ContentUnit(cell.loc, cell.text.zh))
    else:
        seq, name, description = (c.key for c in table.columns[:3])  # an items table has these three (load)
        for row in table.rows:
            if not {seq, name, description} <= row.cells.keys():
                continue  # reported by load as a missing cell
            units.append(ContentUnit(row.loc, f"{row.cells[seq].text.zh}、{row.cells[name].text.zh}"))
            units.append(ContentUnit(row.cells[description].loc, row.cells[description].text.zh))
    units.extend(ContentUnit(f.loc, f.zh) for f in table.footnotes)
    return units


def check_fidelity(plan: Plan, root: Path, diags: Diagnostics) -> None:
    source_path = root / plan.source
    artifacts = load_artifacts(source_path.parent / "artifacts.yaml", root, diags)
    if artifacts is None or not source_path.is_file():
        return
    try:
        text = source_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        diags.error(Loc(plan.source), "encoding", f"the source text is not UTF-8 ({exc.reason} at byte {exc.start})",
                    "save it as UTF-8")
        return
    source = source_units(text, artifacts)
    content = printed_units(plan)
    # Compare with whitespace removed; empty units (a heading printed without number) carry nothing.
    src = [(u, normalize(u.text)) for u in source if normalize(u.text)]
    got = [(u, normalize(u.text)) for u in content if normalize(u.text)]
    matcher = SequenceMatcher(a=[s for _, s in src], b=[g for _, g in got], autojunk=False)
    rel = plan.source
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op in ("replace",) and a2 - a1 == b2 - b1:
            for (s_unit, s_text), (c_unit, c_text) in zip(src[a1:a2], got[b1:b2], strict=True):
                diags.error(c_unit.loc, "fidelity-changed",
                            f"differs from {rel}:{s_unit.line}: {_diff(s_text, c_text)}",
                            "restore the text exactly as printed; annotate errors with a note, never fix them")
            continue
        for s_unit, s_text in src[a1:a2]:
            anchor = got[b1][0].loc if b1 < len(got) else (got[-1][0].loc if got else Loc(rel))
            diags.error(anchor, "fidelity-missing",
                        f"{rel}:{s_unit.line} is not in the content here: '{_clip(s_text)}'",
                        "add it where it is printed, or list it in artifacts.yaml if it is layout")
        for c_unit, c_text in got[b1:b2]:
            diags.error(c_unit.loc, "fidelity-extra", f"not in {rel} (or out of order): '{_clip(c_text)}'",
                        "content must hold the printed text only; put editorial text in notes")


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _diff(a: str, b: str) -> str:
    m = SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in m.get_opcodes():
        if op != "equal":
            return f"printed '{a[max(0, a1 - 6):a2 + 6]}', content has '{b[max(0, b1 - 6):b2 + 6]}'"
    return "texts differ"
