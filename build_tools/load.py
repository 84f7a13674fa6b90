"""Load stage: content/ and tables/ YAML into the typed model, collecting every problem found.

Input: the project root (content/<plan>/plan.yaml, parts, tables/<plan>/box*.yaml, checks.yaml).
Output: a `Corpus` of frozen objects, and `Diagnostics` for whatever could not be read as intended.
References between things (box references, check statements) are resolved in a second pass, once
every identifier is known.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostics, Loc
from .model import (
    Annex,
    AnnexGroup,
    Block,
    BoxRef,
    Cell,
    CellRef,
    Check,
    Column,
    Corpus,
    Discrepancy,
    Division,
    Note,
    Paragraph,
    Plan,
    PlanDate,
    Row,
    RowFilter,
    Statement,
    Table,
    Text,
)
from .numbers import division_segment, figure_in_quote, halfwidth, parse_values, quantity_en
from .units import UNITS, UnitCell, parse_unit, per_year
from .yamlio import Doc, KeyPath, load_yaml

COLUMN_TYPES = ("seq", "code", "text", "zone", "unit", "quantity", "attribute")
TRANSLATED_TYPES = ("text", "zone", "unit")  # cells with a Chinese and an English slot
ATTRIBUTES = {"预期性": "anticipatory", "约束性": "binding"}  # English per the glossary
ZONE_LEVEL = re.compile(r"[（(](国家级|省级|市级|县级|上级规划|市级规划|县级规划)[）)]$")
UNNUMBERED = {"总则": "general", "附则": "supplementary"}
NOTE_KINDS = ("typo", "duplication", "stray-word", "artifact", "typography", "ambiguity", "remark",
              "inconsistency")
ROW_KINDS = ("data", "total")
CHECK_KINDS = ("sum", "at-most", "row-count", "equal", "percent-change", "increase-percent", "count",
               "listed-in-table", "not-in-table", "share-of-count")


@dataclass
class _Reader:
    """Typed access to one YAML document, recording a diagnostic for every mismatch."""

    doc: Doc
    diags: Diagnostics

    def loc(self, path: KeyPath) -> Loc:
        return self.doc.loc(path)

    def known(self, data: dict[str, Any], path: KeyPath, keys: tuple[str, ...]) -> None:
        """Flag keys this kind of entry does not have (a misspelt key would otherwise be ignored)."""
        for key in data:
            if key not in keys:
                self.diags.error(self.loc((*path, key)), "unknown-key", f"unexpected key '{key}'",
                                 f"use only: {', '.join(keys)}")

    def mapping(self, data: Any, path: KeyPath, what: str) -> dict[str, Any] | None:
        if isinstance(data, dict):
            return data
        self.diags.error(self.loc(path), "wrong-type", f"{what} must be a mapping, found {_kind(data)}",
                         "write it as `key: value` lines")
        return None

    def string(self, data: dict[str, Any], path: KeyPath, key: str, *, required: bool = True,
               code: str = "missing-field") -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.diags.error(self.loc((*path, key)), code, f"'{key}' is missing",
                                 f"add `{key}:` to this entry")
            return ""
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            self.diags.error(self.loc((*path, key)), "wrong-type",
                             f"'{key}' must be text, found {_kind(value)}", "quote the value")
            return ""
        return str(value)

    def integer(self, data: dict[str, Any], path: KeyPath, key: str) -> int:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.diags.error(self.loc((*path, key)), "not-a-number", f"'{key}' must be a whole number, found "
                         f"{value!r}", "write digits only, e.g. 2020")
        return 0

    def text(self, data: Any, path: KeyPath, *, required: bool = True, extra_keys: tuple[str, ...] = ()) -> Text:
        """A bilingual slot `{zh: …, en: …}`. Chinese is required; English may be empty (untranslated)
        but its slot must exist so that nothing untranslated is hidden."""
        loc = self.loc(path)
        if data is None or data == "":
            if required:
                self.diags.error(loc, "missing-text", "the Chinese text is missing",
                                 "add `{zh: <text as printed>, en: <English>}`")
            return Text("", "", loc)
        if not isinstance(data, dict):
            self.diags.error(loc, "wrong-type", f"expected `{{zh: …, en: …}}`, found {_kind(data)}",
                             "write the Chinese under zh and the English under en")
            return Text(str(data), "", loc)
        for key in data:
            if key not in ("zh", "en", *extra_keys):
                self.diags.error(self.loc((*path, key)), "unknown-key", f"unexpected key '{key}' beside zh and en",
                                 "remove it; a comma in an unquoted value inside { } starts a new key, so quote "
                                 "such values")
        zh = data.get("zh")
        if zh is None or (isinstance(zh, str) and not zh.strip() and required):
            self.diags.error(self.loc((*path, "zh")), "missing-text", "the Chinese text (zh) is missing or empty",
                             "copy the text as printed in the source into zh")
            zh = ""
        if "en" not in data:
            self.diags.error(self.loc(path), "missing-en-slot", "there is no English slot (en) beside the Chinese",
                             "add `en: ''` (empty until translated)")
        en = data.get("en") or ""
        loc = self.loc((*path, "zh"))  # where an editor fixes the text
        if not isinstance(zh, str) or not isinstance(en, str):
            self.diags.error(loc, "wrong-type", "zh and en must be text", "quote the values")
            return Text(str(zh), str(en), loc)
        return Text(zh, en, loc)

    def optional_integer(self, data: dict[str, Any], path: KeyPath, key: str, default: int, *,
                         minimum: int | None = None) -> int:
        """A whole number that may be left out (then `default`)."""
        value = data.get(key)
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool) or (minimum is not None and value < minimum):
            least = f" of at least {minimum}" if minimum is not None else ""
            self.diags.error(self.loc((*path, key)), "not-a-number", f"'{key}' must be a whole number{least}, "
                             f"found {_kind(value)}", f"write digits only, e.g. {max(default, minimum or 0)}")
            return default
        return value

    def boolean(self, data: dict[str, Any], path: KeyPath, key: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.diags.error(self.loc((*path, key)), "wrong-type", f"'{key}' must be true or false, found "
                             f"{_kind(value)}", "write true or false")
            return default
        return value

    def strings(self, data: Any, path: KeyPath, key: str) -> tuple[str, ...]:
        """A list of words, e.g. `aliases: [膨润土, 斑脱岩]`. One bare word is refused: it would otherwise be
        read letter by letter."""
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            return ()
        if not isinstance(value, list):
            self.diags.error(self.loc((*path, key)), "wrong-type", f"'{key}' must be a list, found {_kind(value)}",
                             f"write `{key}: [{value if isinstance(value, str) else '…'}]`")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or (isinstance(item, str)
                                                                                  and not item.strip()):
                self.diags.error(self.loc((*path, key, i)), "wrong-type", f"each entry of '{key}' must be a word, "
                                 f"found {_kind(item)}", "write one word or name per entry")
                continue
            out.append(str(item))
        return tuple(out)

    def texts(self, data: Any, path: KeyPath, key: str) -> dict[str, Text]:
        """A mapping of names to bilingual texts, e.g. `categories: {energy: {zh: 能源矿产, en: …}}`."""
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            return {}
        entries = self.mapping(value, (*path, key), f"'{key}'")
        return {str(k): self.text(v, (*path, key, str(k))) for k, v in (entries or {}).items()}

    def entries(self, data: Any, path: KeyPath, key: str, what: str,
                keys: tuple[str, ...] | None = None) -> list[tuple[KeyPath, dict[str, Any]]]:
        """A list of mappings (`- id: …`), each checked for unknown keys when `keys` is given."""
        out = []
        for item_path, item in self.items(data, path, key):
            entry = self.mapping(item, item_path, what)
            if entry is None:
                continue
            if keys is not None:
                self.known(entry, item_path, keys)
            out.append((item_path, entry))
        return out

    def items(self, data: Any, path: KeyPath, key: str) -> list[tuple[KeyPath, Any]]:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            return []
        if not isinstance(value, list):
            self.diags.error(self.loc((*path, key)), "wrong-type", f"'{key}' must be a list, found {_kind(value)}",
                             "start each entry with `- `")
            return []
        return [((*path, key, i), item) for i, item in enumerate(value)]


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def _notes(r: _Reader, data: Any, path: KeyPath, texts: Iterable[str], *,
           columns: Iterable[str] = ()) -> tuple[Note, ...]:
    """Editorial notes. Each names the printed words it concerns (`quote`), which must stand in the
    text it is attached to, or (in table rows) the `column` of the cell it concerns."""
    corpus = list(texts)
    out: list[Note] = []
    for npath, item in r.items(data, path, "notes"):
        entry = r.mapping(item, npath, "a note")
        if entry is None:
            continue
        r.known(entry, npath, ("kind", "quote", "column", "zh", "en"))
        kind = r.string(entry, npath, "kind")
        if kind and kind not in NOTE_KINDS:
            r.diags.error(r.loc((*npath, "kind")), "unknown-note-kind", f"unknown note kind '{kind}'",
                          f"use one of: {', '.join(NOTE_KINDS)}")
        quote = r.string(entry, npath, "quote", required=False)
        column = r.string(entry, npath, "column", required=False)
        if quote and not any(quote in t for t in corpus):
            r.diags.error(r.loc((*npath, "quote")), "note-quote-not-found",
                          f"the quoted words '{quote}' do not stand in the text this note is attached to",
                          "quote the printed words exactly, or move the note beside them")
        if column and column not in set(columns):
            r.diags.error(r.loc((*npath, "column")), "unknown-column", f"no column '{column}' in this table",
                          f"use one of: {', '.join(columns)}")
        text = r.text({"zh": entry.get("zh"), "en": entry.get("en", "")}, npath)
        out.append(Note(kind, quote or column, text, r.loc(npath)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------- divisions

def _division(r: _Reader, data: Any, path: KeyPath, parent: str) -> Division | None:
    entry = r.mapping(data, path, "a division")
    if entry is None:
        return None
    r.known(entry, path, ("id", "number", "heading", "blocks", "notes"))
    did = r.string(entry, path, "id", code="missing-id")
    number = r.string(entry, path, "number", required=False)
    heading = r.text(entry.get("heading"), (*path, "heading"))
    expected = division_segment(number) if number else UNNUMBERED.get("".join(heading.zh.split()))
    if expected is None:
        r.diags.error(r.loc((*path, "number")), "bad-number",
                      f"cannot read the printed number '{number}'",
                      "print the number as in the source: 第六章, 第五节, 二、, （一）, 1、")
    elif did and did != expected:
        r.diags.error(r.loc((*path, "id")), "id-mismatch",
                      f"id '{did}' does not follow the printed number '{number or heading.zh}' (expected "
                      f"'{expected}')", "identifiers are derived from the printed numbering; fix the id or "
                      "the number")
    full = f"{parent}/{did}" if parent else did
    blocks: list[Block] = []
    seen: dict[str, int] = {}
    for bpath, item in r.items(entry, path, "blocks"):
        block = _block(r, item, bpath, full)
        if block is None:
            continue
        bid = block.box if isinstance(block, BoxRef) else block.id
        key = f"box:{bid}" if isinstance(block, BoxRef) else bid
        if key in seen:
            r.diags.error(r.loc(bpath), "duplicate-id",
                          f"'{bid}' appears twice in {full} (first at line {seen[key]})",
                          "give each paragraph and division its own id; never reuse a published one")
        else:
            seen[key] = r.doc.line(bpath)
        blocks.append(block)
    notes = _notes(r, entry, path, [number, heading.zh])
    return Division(did, full, number, heading, tuple(blocks), notes, r.loc(path))


_PARAGRAPH_ID = re.compile(r"^p[1-9][0-9]*$")


def _block(r: _Reader, data: Any, path: KeyPath, parent: str) -> Block | None:
    entry = r.mapping(data, path, "a block")
    if entry is None:
        return None
    if "box" in entry:
        r.known(entry, path, ("box",))
        return BoxRef(r.string(entry, path, "box"), r.loc(path))
    if "number" in entry or "blocks" in entry:
        return _division(r, entry, path, parent)
    if "zh" in entry or "id" in entry:
        pid = r.string(entry, path, "id", code="missing-id")
        if pid and not _PARAGRAPH_ID.match(pid):
            r.diags.error(r.loc((*path, "id")), "bad-id", f"paragraph id '{pid}' is not of the form p1, p2 …",
                          "number paragraphs p1, p2 … in printed order")
        text = r.text(entry, path, extra_keys=("id", "notes"))
        notes = _notes(r, entry, path, [text.zh])
        return Paragraph(pid, text, notes, r.loc(path))
    r.diags.error(r.loc(path), "unknown-block", "a block must be a paragraph (zh, en), a box (box) or a "
                  "division (number, heading, blocks)", "compare with a neighbouring block")
    return None


# ---------------------------------------------------------------------------------------------- tables

def _columns(r: _Reader, entry: dict[str, Any]) -> tuple[Column, ...]:
    columns: list[Column] = []
    keys: dict[str, int] = {}
    for cpath, item in r.items(entry, (), "columns"):
        c = r.mapping(item, cpath, "a column")
        if c is None:
            continue
        r.known(c, cpath, ("key", "heading", "label", "type", "unit", "unit_column", "pair_column", "colspan",
                           "fill_down", "per_year"))
        key = r.string(c, cpath, "key")
        if key in keys:
            r.diags.error(r.loc((*cpath, "key")), "duplicate-id", f"column '{key}' is defined twice "
                          f"(first at line {keys[key]})", "give each column its own key")
        keys[key] = r.doc.line(cpath)
        ctype = r.string(c, cpath, "type")
        if ctype and ctype not in COLUMN_TYPES:
            r.diags.error(r.loc((*cpath, "type")), "unknown-column-type", f"unknown column type '{ctype}'",
                          f"use one of: {', '.join(COLUMN_TYPES)}")
        unit_name = r.string(c, cpath, "unit", required=False)
        unit = UNITS.get(unit_name) if unit_name else None
        if unit_name and unit is None:
            r.diags.error(r.loc((*cpath, "unit")), "unknown-unit", f"unknown unit '{unit_name}'",
                          f"use one of: {', '.join(sorted(UNITS))}")
        unit_column = r.string(c, cpath, "unit_column", required=False) or None
        if ctype == "quantity" and not unit_name and not unit_column:
            r.diags.error(r.loc(cpath), "missing-unit", f"numeric column '{key}' has no unit",
                          "add `unit:` (e.g. 万吨) or `unit_column:` naming the column that prints the unit")
        heading = r.text(c["heading"], (*cpath, "heading")) if "heading" in c else None
        label = r.text(c["label"], (*cpath, "label")) if "label" in c else None
        if heading is None and label is None:
            r.diags.error(r.loc(cpath), "missing-label", f"column '{key}' has no printed heading and no label",
                          "add `label: {zh: …, en: …}`: what a reader calls the column (shown on row pages)")
        elif heading is not None and label is not None:
            r.diags.error(r.loc((*cpath, "label")), "unknown-key", f"column '{key}' has a printed heading; a label "
                          "would name it twice", "remove `label:`")
        pair_column = r.string(c, cpath, "pair_column", required=False)
        yearly = r.boolean(c, cpath, "per_year")
        if yearly and ctype != "unit" and not (ctype == "quantity" and unit is not None):
            r.diags.error(r.loc((*cpath, "per_year")), "wrong-type", f"column '{key}' prints no unit to read as "
                          "a yearly rate", "put `per_year: true` on the unit column, or a quantity column with `unit:`")
        elif yearly and unit is not None:
            rate = per_year(unit)
            if rate is None:
                r.diags.error(r.loc((*cpath, "per_year")), "unknown-unit", f"'{unit.symbol}' has no yearly rate",
                              "per_year applies to mass and volume units (万吨, 万立方米 …)")
            unit = rate or unit
        columns.append(Column(key, heading, ctype, unit, unit_column, (pair_column,) if pair_column else (),
                              r.optional_integer(c, cpath, "colspan", 1, minimum=1), r.boolean(c, cpath, "fill_down"),
                              r.loc(cpath), label, yearly))
    for column in columns:
        for ref in [column.unit_column, *column.pair]:
            target = next((c for c in columns if c.key == ref), None) if ref else None
            if ref and target is None:
                r.diags.error(column.loc, "unknown-column", f"column '{column.key}' refers to unknown column "
                              f"'{ref}'", f"use one of: {', '.join(keys)}")
            elif ref == column.unit_column and target is not None and target.type != "unit":
                r.diags.error(column.loc, "wrong-type", f"unit_column '{ref}' is not a unit column",
                              "point unit_column at the column that prints the unit")
    return tuple(columns)


def _table(r: _Reader, expected_id: str) -> Table | None:
    entry = r.mapping(r.doc.data, (), "a table")
    if entry is None:
        return None
    r.known(entry, (), ("id", "number", "heading", "layout", "key_column", "columns", "rows", "footnotes", "notes"))
    tid = r.string(entry, (), "id", code="missing-id")
    if tid and tid != expected_id:
        r.diags.error(r.loc(("id",)), "id-mismatch", f"table id '{tid}' differs from its file name "
                      f"'{expected_id}.yaml'", "name the file after the id")
    number = r.string(entry, (), "number")
    if number and tid and division_segment(number) is None and f"box{_box_ordinal(number)}" != tid:
        r.diags.error(r.loc(("number",)), "id-mismatch", f"id '{tid}' does not follow the printed number "
                      f"'{number}'", "name boxes box1 … after 专栏一 …")
    heading = r.text(entry.get("heading"), ("heading",))
    layout = r.string(entry, (), "layout")
    if layout not in ("grid", "items"):
        r.diags.error(r.loc(("layout",)), "wrong-type", f"unknown layout '{layout}'", "use grid or items")
    columns = _columns(r, entry)
    if layout == "items" and len(columns) != 3:
        r.diags.error(r.loc(("columns",)), "wrong-type", f"an items box has three columns (number, name, "
                      f"description), found {len(columns)}", "define the columns seq, name and description")
    key_column = r.string(entry, (), "key_column", required=False) or None
    if key_column and key_column not in {c.key for c in columns}:
        r.diags.error(r.loc(("key_column",)), "unknown-column", f"key column '{key_column}' is not a column",
                      "name one of the columns")
    rows = _rows(r, entry, columns, key_column)
    if layout == "items" and len(columns) == 3:
        for row in rows:
            if any(c.key not in row.cells for c in columns) and row.discrepancy is not None:
                r.diags.error(row.loc, "missing-cell", "an items box row needs its number, name and description",
                              "add the missing cell as printed ('' if printed empty)")
    footnotes = tuple(r.text(item, p) for p, item in r.items(entry, (), "footnotes"))
    notes = _notes(r, entry, (), [heading.zh, *(f.zh for f in footnotes)])
    return Table(tid, number, heading, layout, columns, key_column, rows, footnotes, notes, r.loc(()))


def _box_ordinal(number: str) -> int | None:
    from .numbers import chinese_int

    return chinese_int(number.removeprefix("专栏").strip())


def _rows(r: _Reader, entry: dict[str, Any], columns: tuple[Column, ...], key_column: str | None) -> tuple[Row, ...]:
    by_key = {c.key: c for c in columns}
    rows: list[Row] = []
    seen: dict[str, int] = {}
    carried: dict[str, Text] = {}
    for rpath, item in r.items(entry, (), "rows"):
        row = r.mapping(item, rpath, "a row")
        if row is None:
            continue
        r.known(row, rpath, ("key", "kind", "cells", "notes", "discrepancy"))
        kind = r.string(row, rpath, "kind", required=False) or "data"
        if kind not in ROW_KINDS:
            r.diags.error(r.loc((*rpath, "kind")), "unknown-row-kind", f"unknown row kind '{kind}'",
                          f"use one of: {', '.join(ROW_KINDS)} (leave it out for a data row)")
            kind = "data"
        raw_cells = r.mapping(row.get("cells", {}), (*rpath, "cells"), "cells") or {}
        discrepancy = _discrepancy(r, row, rpath)
        cells: dict[str, Cell] = {}
        for key, value in raw_cells.items():
            cpath = (*rpath, "cells", key)
            column = by_key.get(key)
            if column is None:
                r.diags.error(r.loc(cpath), "unknown-column", f"no column '{key}' in this table",
                              f"use one of: {', '.join(by_key)}")
                continue
            cells[key] = _cell(r, column, value, cpath, carried)
        for column in columns:
            if column.key not in cells and kind == "data" and discrepancy is None:
                r.diags.error(r.loc((*rpath, "cells")), "missing-cell", f"row has no cell for column "
                              f"'{column.key}'", "add the cell as printed ('' if printed empty); if the "
                              "source prints fewer cells than columns, register a `discrepancy:` on the row")
        # Fill-down and units that depend on other cells of the same row.
        cells = _complete_row(r, cells, columns, rpath, row)
        if key_column and kind == "data":
            key = cells[key_column].text.zh.strip() if key_column in cells else ""
            if "key" in row:
                r.diags.error(r.loc((*rpath, "key")), "duplicate-id", "this table takes row keys from column "
                              f"'{key_column}'; an explicit key would be a second identifier", "remove `key:`")
        else:
            key = r.string(row, rpath, "key", code="missing-id")
        if key in seen:
            r.diags.error(r.loc(rpath), "duplicate-row-key", f"duplicate row key '{key}' (first at line "
                          f"{seen[key]})", "give each row its own key")
        elif key:
            seen[key] = r.doc.line(rpath)
        texts = [c.text.zh for c in cells.values()]
        notes = _notes(r, row, rpath, texts, columns=[c.key for c in columns])
        rows.append(Row(key, kind, cells, notes, discrepancy, r.loc(rpath)))
    return tuple(rows)


def _discrepancy(r: _Reader, data: dict[str, Any], path: KeyPath) -> Discrepancy | None:
    if "discrepancy" not in data:
        return None
    return Discrepancy(r.text(data["discrepancy"], (*path, "discrepancy")), r.loc((*path, "discrepancy")))


def _cell(r: _Reader, column: Column, value: Any, path: KeyPath, carried: dict[str, Text]) -> Cell:
    loc = r.loc(path)
    if column.type in TRANSLATED_TYPES:
        text = Text("", "", loc) if value in ("", None) else r.text(value, path)
    else:
        if isinstance(value, (dict, list)):
            r.diags.error(loc, "wrong-type", f"a {column.type} cell is language-neutral text, found "
                          f"{_kind(value)}", "write the value as printed, e.g. '10' or ≤3000")
            value = ""
        printed = "" if value is None else str(value)
        text = Text(printed, "Total" if printed == "合计" else printed, loc)
    values = None
    name = level = filled = None
    if column.type == "quantity":
        values = parse_values(text.zh)
        if values is None:
            r.diags.error(loc, "not-a-number", f"'{text.zh}' is not a value",
                          "write a number as printed: 10, 0.7, ≤3000, ≥2, 5-10, 2000左右, 400／120, － or ''")
        text = Text(text.zh, quantity_en(values, text.zh), loc)
    elif column.type == "attribute":
        if text.zh not in ATTRIBUTES:
            r.diags.error(loc, "bad-attribute", f"'{text.zh}' is not an indicator attribute",
                          f"use one of: {', '.join(ATTRIBUTES)}")
        text = Text(text.zh, ATTRIBUTES.get(text.zh, ""), loc)
    elif column.type == "zone" and text.zh:
        match = ZONE_LEVEL.search(text.zh)
        name = text.zh[: match.start()] if match else text.zh
        level = match.group(1) if match else None
    if column.fill_down:
        if text.zh.strip():
            carried[column.key] = text
        elif column.key in carried:
            filled = carried[column.key]
    unit = None
    if column.type == "unit" and text.zh:
        unit = parse_unit(text.zh)
        if unit is None:
            r.diags.error(loc, "unknown-unit", f"cannot read the unit '{text.zh}'",
                          f"print a known unit ({', '.join(sorted(UNITS))}), optionally with what it measures: "
                          "矿石，亿吨")
        elif column.per_year and unit.unit.dimension in ("mass", "volume"):
            rate = per_year(unit.unit)
            unit = UnitCell(unit.printed, rate, unit.basis) if rate is not None else unit
            if rate is None:
                r.diags.error(loc, "unknown-unit", f"'{text.zh}' has no yearly rate", "print 万吨, 万立方米 …")
    return Cell(column.key, text, values, unit, name, level, filled, loc)


def _complete_row(r: _Reader, cells: dict[str, Cell], columns: tuple[Column, ...], rpath: KeyPath,
                  row: dict[str, Any]) -> dict[str, Cell]:
    """Give quantity cells their unit (fixed, or printed in the same row) and check packed pairs."""
    out = dict(cells)
    for column in columns:
        cell = cells.get(column.key)
        if cell is None or column.type != "quantity":
            continue
        unit_cell = cells.get(column.unit_column) if column.unit_column else None
        unit = unit_cell.unit if unit_cell is not None else None
        if unit is None and column.unit is not None:
            unit = UnitCell(column.unit.symbol, column.unit, "")
        if column.pair and cell.values and len(cell.values) > 1:
            labels_cell = cells.get(column.pair[0])
            labels = _split_pair(labels_cell.text.zh) if labels_cell else []
            notes = row.get("notes")
            ambiguous = isinstance(notes, list) and any(isinstance(n, dict) and n.get("kind") == "ambiguity"
                                                        for n in notes)
            if len(labels) != len(cell.values) and not ambiguous:
                r.diags.error(cell.loc, "pair-mismatch", f"'{cell.text.zh}' packs {len(cell.values)} values but "
                              f"'{column.pair[0]}' names {len(labels)}", "print one value per label, or add an "
                              "ambiguity note on the row saying how to read the pair")
        out[column.key] = Cell(cell.column, cell.text, cell.values, unit, cell.name, cell.level, cell.filled,
                               cell.loc)
    return out


def _split_pair(text: str) -> list[str]:
    for sep in ("／", "/"):
        if sep in text:
            return [p.strip() for p in text.split(sep)]
    return [text.strip()]


# ---------------------------------------------------------------------------------------------- plans

@dataclass
class _PlanFiles:
    plan_dir: Path
    tables_dir: Path


def discover(root: Path, content: str = "content", tables: str = "tables") -> list[_PlanFiles]:
    """Every plan: a folder of `content/` holding a plan.yaml, with its tables in `tables/<same name>`."""
    return [_PlanFiles(p.parent, root / tables / p.parent.name)
            for p in sorted((root / content).glob("*/plan.yaml"))]


def load_corpus(root: Path, plans: list[_PlanFiles] | None = None) -> tuple[Corpus, Diagnostics]:
    diags = Diagnostics()
    loaded: list[tuple[Plan, Doc, _PlanFiles]] = []
    for files in plans if plans is not None else discover(root):
        result = _load_plan(root, files, diags)
        if result is not None:
            loaded.append((*result, files))
    # Second pass: every identifier is known; resolve references between things.
    resolved = []
    plan_ids = {plan.id for plan, _, _ in loaded}
    parents = {plan.id: plan.parent for plan, _, _ in loaded}
    seen: dict[str, Loc] = {}
    for plan, doc, files in loaded:
        if plan.id in seen:
            diags.error(doc.loc(("id",)), "duplicate-id", f"plan id '{plan.id}' is also the id of {seen[plan.id]}",
                        "each plan has its own id, the name of its folder")
            continue
        seen[plan.id] = doc.loc(())
        if plan.parent and plan.parent not in plan_ids:
            diags.error(doc.loc(("parent",)), "unknown-reference", f"parent plan '{plan.parent}' is not loaded",
                        f"use one of: {', '.join(sorted(plan_ids))}")
        cycle = _parent_cycle(plan.id, parents)
        if cycle:
            diags.error(doc.loc(("parent",)), "parent-cycle", "the plans' parents form a cycle: "
                        + " → ".join(cycle), "a plan's parent is the plan it implements, one level up: a city's "
                        "is its province's, a province's has none")
            plan = dataclasses.replace(plan, parent=None)  # links and coverage would only echo the cycle
        resolved.append(_resolve(plan, root, files, diags))
    unordered = Corpus(tuple(resolved), str(root))  # a province before its cities, cities before counties
    return Corpus(tuple(sorted(resolved, key=lambda p: (unordered.depth(p), p.id))), str(root)), diags


def _parent_cycle(plan_id: str, parents: dict[str, str | None]) -> list[str]:
    """The plans from `plan_id` back to itself through parents, if its parents lead back to it."""
    chain = [plan_id]
    current = parents.get(plan_id)
    while current is not None and current in parents:
        chain.append(current)
        if current == plan_id:
            return chain
        if chain.count(current) > 1:
            return []  # a cycle further up, reported at its own plans
        current = parents[current]
    return []


_PLAN_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PART_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
PLAN_LEVELS = ("province", "city", "county")


def _load_plan(root: Path, files: _PlanFiles, diags: Diagnostics) -> tuple[Plan, Doc] | None:
    doc = load_yaml(files.plan_dir / "plan.yaml", root, diags)
    if doc is None:
        return None
    r = _Reader(doc, diags)
    entry = r.mapping(doc.data, (), "plan.yaml")
    if entry is None:
        return None
    r.known(entry, (), ("id", "level", "place", "title", "short_title", "issuer", "issuer_note", "date", "period",
                        "base_year", "outlook_year", "parent", "status", "source", "parts", "cover", "annexes"))
    pid = r.string(entry, (), "id", code="missing-id")
    if pid and not _PLAN_ID.match(pid):
        diags.error(doc.loc(("id",)), "bad-id", f"plan id '{pid}' is not of the form place-2021-2025",
                    "use lower-case letters, digits and hyphens (it becomes the plan's address)")
    if pid != files.plan_dir.name:
        diags.error(doc.loc(("id",)), "id-mismatch", f"plan id '{pid}' differs from its folder "
                    f"'{files.plan_dir.name}'", "name the folder after the plan id")
    date = None
    if entry.get("date") is not None:
        date_entry = r.mapping(entry["date"], ("date",), "date") or {}
        date = PlanDate(r.text(date_entry, ("date",), extra_keys=("iso",)), r.string(date_entry, ("date",), "iso"))
    period_raw = entry.get("period")
    if not (isinstance(period_raw, list) and len(period_raw) == 2
            and all(isinstance(y, int) and not isinstance(y, bool) for y in period_raw)):
        diags.error(doc.loc(("period",)), "wrong-type", "period must be [first year, last year]",
                    "write e.g. [2021, 2025]")
        period_raw = [0, 0]
    level = r.string(entry, (), "level")
    if level and level not in PLAN_LEVELS:
        diags.error(doc.loc(("level",)), "wrong-type", f"unknown plan level '{level}'",
                    f"use one of: {', '.join(PLAN_LEVELS)}")
    cover = tuple(r.text(item, p) for p, item in r.items(entry, (), "cover"))
    annexes = []
    for gpath, g in r.entries(entry, (), "annexes", "an annex group", ("id", "heading", "items")):
        items = tuple(Annex(r.string(a, apath, "id", code="missing-id"), r.text(a.get("title"), (*apath, "title")),
                            r.loc(apath))
                      for apath, a in r.entries(g, gpath, "items", "an annex", ("id", "title")))
        annexes.append(AnnexGroup(r.string(g, gpath, "id", code="missing-id"),
                                  r.text(g.get("heading"), (*gpath, "heading")), items, r.loc(gpath)))
    parts = []
    part_names = list(r.strings(entry, (), "parts"))
    if not part_names and "parts" not in entry:
        diags.error(doc.loc(()), "missing-field", "'parts' is missing", "list the part files in printed order: "
                    "`parts: [general, ch1, …]`")
    on_disk = sorted(p.stem for p in files.plan_dir.glob("*.yaml") if p.stem not in ("plan", "artifacts"))
    for name in on_disk:
        if name not in part_names:
            diags.error(doc.loc(("parts",)), "unlisted-file", f"{name}.yaml is not listed in parts",
                        f"add {name} to `parts:` in printed order, or remove the file")
    listed: dict[str, int] = {}
    for i, name in enumerate(part_names):
        if name in listed:
            diags.error(doc.loc(("parts", i)), "duplicate-part", f"part '{name}' is listed twice in parts "
                        f"(first as entry {listed[name] + 1})", "list each part once, in printed order")
            continue
        listed[name] = i
        if not _PART_NAME.match(name):
            diags.error(doc.loc(("parts", i)), "bad-id", f"part name '{name}' is not a file name of this plan",
                        "name parts general, ch1, ch2 … supplementary, as their files")
            continue
        path = files.plan_dir / f"{name}.yaml"
        if not path.exists():
            diags.error(doc.loc(("parts", i)), "unknown-reference", f"part '{name}' has no file {name}.yaml",
                        f"create it or remove it from parts (files: {', '.join(on_disk)})")
            continue
        part_doc = load_yaml(path, root, diags)
        if part_doc is None:
            continue
        division = _division(_Reader(part_doc, diags), part_doc.data, (), "")
        if division is not None:
            if division.id != name:
                diags.error(part_doc.loc(("id",)), "id-mismatch", f"part id '{division.id}' differs from its "
                            f"file name '{name}.yaml'", "name the file after the id")
            parts.append(division)
    tables = []
    for path in sorted(files.tables_dir.glob("box*.yaml"), key=lambda p: (len(p.stem), p.stem)):
        table_doc = load_yaml(path, root, diags)
        if table_doc is not None:
            table = _table(_Reader(table_doc, diags), path.stem)
            if table is not None:
                tables.append(table)
    source_name = r.string(entry, (), "source")
    source = files.plan_dir / source_name
    if not source_name or not _PART_NAME.match(source_name.removesuffix(".txt")) or not source.is_file():
        diags.error(doc.loc(("source",)), "missing-source", f"source text {source.name} not found",
                    "copy the authoritative text next to plan.yaml")
    plan = Plan(
        id=pid,
        level=level,
        place=r.text(entry.get("place"), ("place",)),
        title=r.text(entry.get("title"), ("title",)),
        short_title=r.text(entry.get("short_title"), ("short_title",)),
        issuer=r.text(entry.get("issuer"), ("issuer",)),
        issuer_note=r.text(entry["issuer_note"], ("issuer_note",)) if entry.get("issuer_note") else None,
        date=date,
        period=(int(period_raw[0]), int(period_raw[1])),
        base_year=r.integer(entry, (), "base_year"),
        outlook_year=r.integer(entry, (), "outlook_year"),
        parent=r.string(entry, (), "parent", required=False) or None,
        status=r.text(entry.get("status"), ("status",)),
        source=source.relative_to(root).as_posix() if source.is_relative_to(root) else str(source),
        cover=cover,
        annexes=tuple(annexes),
        parts=tuple(parts),
        tables=tuple(tables),
        checks=(),
        loc=doc.loc(()),
    )
    return plan, doc


def _resolve(plan: Plan, root: Path, files: _PlanFiles, diags: Diagnostics) -> Plan:
    """Second pass: box references and the plan's checks."""
    table_ids = [t.id for t in plan.tables]
    placed: dict[str, Loc] = {}
    for division in plan.divisions():
        for ref in division.boxes:
            if ref.box not in table_ids:
                diags.error(ref.loc, "unknown-reference", f"box '{ref.box}' has no table in "
                            f"{files.tables_dir.relative_to(root).as_posix()}/",
                            _candidates(ref.box, table_ids))
            elif ref.box in placed:
                diags.error(ref.loc, "duplicate-id", f"box '{ref.box}' is placed twice (first at "
                            f"{placed[ref.box]})", "place each box once, where it is printed")
            else:
                placed[ref.box] = ref.loc
    for table in plan.tables:
        if table.id not in placed:
            diags.error(table.loc, "unplaced-table", f"{table.id} is not placed in any division",
                        "add `- box: <id>` to the division where the box is printed")
    checks_path = files.tables_dir / "checks.yaml"
    checks: tuple[Check, ...] = ()
    if checks_path.exists():
        doc = load_yaml(checks_path, root, diags)
        if doc is not None:
            checks = _checks(_Reader(doc, diags), plan)
    return dataclasses.replace(plan, checks=checks)


def _candidates(name: str, known: Iterable[str]) -> str:
    close = get_close_matches(name, list(known), n=3, cutoff=0.5)
    if close:
        return f"did you mean {', '.join(close)}?"
    return "known: " + ", ".join(sorted(known)[:12])


# ---------------------------------------------------------------------------------------------- checks

_RANGE = re.compile(r"[0-9.]+\s*[-~－—]\s*[0-9.]+")


def _statement(r: _Reader, plan: Plan, data: Any, path: KeyPath, default_at: str, *, figure: bool = True,
               ) -> Statement | None:
    entry = r.mapping(data, path, "a statement")
    if entry is None:
        return None
    r.known(entry, path, ("at", "quote", "figure", "unit"))
    at = r.string(entry, path, "at", required=False) or default_at
    quote = r.string(entry, path, "quote")
    printed = plan.printed_text(at)
    if printed is None:
        known = [f"{d.path}/{p.id}" for d in plan.divisions() for p in d.paragraphs]
        r.diags.error(r.loc((*path, "at") if "at" in entry else path), "unknown-reference",
                      f"no paragraph or table cell '{at}' in {plan.id}", _candidates(at, known))
        return None
    if quote and quote not in printed:
        r.diags.error(r.loc((*path, "quote")), "quote-not-found", f"'{quote}' does not stand in {at}",
                      "quote the printed words exactly (the text may have changed: check the figure)")
        return None
    if not figure:
        return Statement(at, quote, Decimal(0), None, r.loc(path))
    index = r.optional_integer(entry, path, "figure", 0, minimum=1) or None
    span = _RANGE.search(halfwidth(quote)) if index is None else None
    if span is not None:  # 5-10 处: a range, read as its two ends
        low, high = figure_in_quote(quote, 1), figure_in_quote(quote, 2)
        if low is not None and high is not None:
            return Statement(at, quote, low.value, high.unit, r.loc(path), high.value)
    found = figure_in_quote(quote, index)
    if found is None:
        r.diags.error(r.loc((*path, "quote")), "ambiguous-figure", f"'{quote}' does not state exactly one "
                      "figure", "shorten the quote to one figure, or add `figure: N` to pick the N-th")
        return None
    unit = found.unit
    if "unit" in entry:  # the unit the words imply but do not print (年生产规模50万吨 -> 万吨／年)
        unit_name = r.string(entry, path, "unit")
        unit = UNITS.get(unit_name)
        if unit is None:
            r.diags.error(r.loc((*path, "unit")), "unknown-unit", f"unknown unit '{unit_name}'",
                          f"use one of: {', '.join(sorted(UNITS))}")
    return Statement(at, quote, found.value, unit, r.loc(path))


def _checks(r: _Reader, plan: Plan) -> tuple[Check, ...]:
    out: list[Check] = []
    seen: dict[str, int] = {}
    for cpath, item in r.items(r.doc.data, (), "checks"):
        entry = r.mapping(item, cpath, "a check")
        if entry is None:
            continue
        r.known(entry, cpath, ("id", "kind", "title", "at", "stated", "parts", "items", "table", "column", "where",
                               "cell", "discrepancy"))
        cid = r.string(entry, cpath, "id", code="missing-id")
        if cid in seen:
            r.diags.error(r.loc((*cpath, "id")), "duplicate-id", f"check '{cid}' is defined twice (first at "
                          f"line {seen[cid]})", "give each check its own id")
        seen[cid] = r.doc.line(cpath)
        kind = r.string(entry, cpath, "kind")
        if kind not in CHECK_KINDS:
            r.diags.error(r.loc((*cpath, "kind")), "unknown-check-kind", f"unknown check kind '{kind}'",
                          f"use one of: {', '.join(CHECK_KINDS)}")
            continue
        at = r.string(entry, cpath, "at", required=False)
        stated = (_statement(r, plan, entry["stated"], (*cpath, "stated"), at)
                  if "stated" in entry else None)
        parts = tuple(s for p, item in r.items(entry, cpath, "parts")
                      if (s := _statement(r, plan, item, p, at)) is not None)
        items = tuple(s for p, item in r.items(entry, cpath, "items")
                      if (s := _statement(r, plan, item, p, at, figure=False)) is not None)
        table_id = r.string(entry, cpath, "table", required=False)
        table = plan.table(table_id) if table_id else None
        if table_id and table is None:
            r.diags.error(r.loc((*cpath, "table")), "unknown-reference", f"no table '{table_id}' in {plan.id}",
                          _candidates(table_id, [t.id for t in plan.tables]))
        column = r.string(entry, cpath, "column", required=False)
        if column and table is not None and table.column(column) is None:
            r.diags.error(r.loc((*cpath, "column")), "unknown-column", f"no column '{column}' in {table.id}",
                          f"use one of: {', '.join(c.key for c in table.columns)}")
        where = []
        for wpath, wmap in r.entries(entry, cpath, "where", "a row filter", ("column", "equals", "level")):
            wcol = r.string(wmap, wpath, "column")
            if table is not None and table.column(wcol) is None:
                r.diags.error(r.loc((*wpath, "column")), "unknown-column", f"no column '{wcol}' in {table.id}",
                              f"use one of: {', '.join(c.key for c in table.columns)}")
            where.append(RowFilter(wcol, r.strings(wmap, wpath, "equals"), _levels(r, wmap, wpath)))
        cell = None
        if "cell" in entry:
            ccpath = (*cpath, "cell")
            cmap = r.mapping(entry["cell"], ccpath, "a cell reference") or {}
            r.known(cmap, ccpath, ("table", "row", "column", "index"))
            cell = CellRef(r.string(cmap, ccpath, "table", required=False) or table_id or "",
                           r.string(cmap, ccpath, "row"), r.string(cmap, ccpath, "column"),
                           r.optional_integer(cmap, ccpath, "index", 0, minimum=0), r.loc(ccpath))
            ctable = plan.table(cell.table)
            if ctable is None or ctable.row(cell.row) is None or ctable.column(cell.column) is None:
                r.diags.error(cell.loc, "unknown-reference", f"no cell {cell.table}/{cell.row}/{cell.column} in "
                              f"{plan.id}", "name an existing table, row key and column")
                cell = None
        if not _require(r, cpath, kind, stated, parts, items, table, cell):
            continue  # reported; an incomplete check cannot be evaluated
        title = r.text(entry.get("title"), (*cpath, "title"))
        out.append(Check(cid, kind, title, stated, parts, items, table.id if table else None,
                         column or None, tuple(where), cell,
                         _discrepancy(r, entry, cpath), r.loc(cpath)))
    return tuple(out)


def _levels(r: _Reader, data: dict[str, Any], path: KeyPath) -> tuple[str | None, ...]:
    """Zone levels a row filter accepts; `null` stands for a zone printed without a level."""
    value = data.get("level")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(v is None or isinstance(v, str) for v in value):
        r.diags.error(r.loc((*path, "level")), "wrong-type", "'level' must be a list of levels (null for none)",
                      "write e.g. `level: [省级, null]`")
        return ()
    return tuple(value)


_NEEDS: dict[str, Callable[..., bool]] = {
    "sum": lambda s, p, i, t, c: s is not None and len(p) >= 2,
    "at-most": lambda s, p, i, t, c: s is not None and len(p) >= 1,
    "row-count": lambda s, p, i, t, c: s is not None and t is not None,
    "equal": lambda s, p, i, t, c: s is not None and (c is not None or len(p) == 1),
    "percent-change": lambda s, p, i, t, c: s is not None and len(p) == 2,
    "increase-percent": lambda s, p, i, t, c: s is not None and len(p) == 2,
    "count": lambda s, p, i, t, c: s is not None and len(i) >= 1,
    "listed-in-table": lambda s, p, i, t, c: len(i) >= 1 and t is not None,
    "not-in-table": lambda s, p, i, t, c: len(i) >= 1 and t is not None,
    "share-of-count": lambda s, p, i, t, c: s is not None and len(p) == 1,
}


def _require(r: _Reader, path: KeyPath, kind: str, *args: Any) -> bool:
    if _NEEDS[kind](*args):
        return True
    r.diags.error(r.loc(path), "incomplete-check", f"a '{kind}' check is missing what it compares",
                  "see the comment at the top of checks.yaml for the fields each kind needs")
    return False


