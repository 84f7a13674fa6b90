"""The domain model: plans, divisions, paragraphs, tables, rows, checks — frozen, typed, located.

Input: nothing (definitions only). Output: the types every later stage passes around; after loading
there are no raw dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from .diagnostics import Loc
from .numbers import Quantity
from .units import Unit, UnitCell


@dataclass(frozen=True)
class Text:
    """A bilingual slot: the authentic Chinese as printed and its English reference translation."""

    zh: str
    en: str
    loc: Loc

    @property
    def translated(self) -> bool:
        return bool(self.en.strip()) or not self.zh.strip()


@dataclass(frozen=True)
class Note:
    """An editorial note beside the printed text: the printed words it concerns, and what to know."""

    kind: str  # typo | duplication | artifact | inconsistency | ambiguity | remark
    quote: str
    text: Text
    loc: Loc


@dataclass(frozen=True)
class Paragraph:
    id: str  # p1, p2 … within its division
    text: Text
    notes: tuple[Note, ...]
    loc: Loc


@dataclass(frozen=True)
class BoxRef:
    """Where a box (专栏) is printed inside a division."""

    box: str
    loc: Loc


@dataclass(frozen=True)
class Division:
    """A numbered division of a plan: chapter, 节 / 一、, （一）, 1、, or 总则 / 附则."""

    id: str  # this level's segment: ch6, s5, ss1, i2, general, supplementary
    path: str  # segments joined: ch5/s2/ss1/i1
    number: str  # as printed: 第六章, 二、, （二), 1、 — "" for 总则 and 附则
    heading: Text
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]
    loc: Loc

    @cached_property
    def children(self) -> tuple[Division, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Division))

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def boxes(self) -> tuple[BoxRef, ...]:
        return tuple(b for b in self.blocks if isinstance(b, BoxRef))

    @property
    def is_article(self) -> bool:
        """The citable article is the smallest numbered division (DESIGN decision 3)."""
        return not self.children

    def walk(self) -> tuple[Division, ...]:
        out: list[Division] = [self]
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


Block = Paragraph | BoxRef | Division


@dataclass(frozen=True)
class Discrepancy:
    """A place where the source does not add up or contradicts itself, shown to readers as it is."""

    text: Text
    loc: Loc


@dataclass(frozen=True)
class Column:
    key: str
    heading: Text | None  # None where a printed heading spans this column from the left, or none is printed
    type: str  # seq | code | text | zone | unit | quantity | attribute
    unit: Unit | None  # fixed unit of a quantity column
    unit_column: str | None  # or: the column of the same row that prints the unit
    pair: tuple[str, ...]  # labels of packed pairs, e.g. (露天, 地下); empty if not packed
    colspan: int
    fill_down: bool  # an empty printed cell continues the value above (a merged cell in print)
    loc: Loc
    label: Text | None = None  # a reader's name for a column printed without a heading of its own
    per_year: bool = False  # the printed unit (万吨) is a yearly rate (万吨/年): a table of annual scales

    @property
    def name(self) -> Text:
        """What a reader calls the column: its printed heading, else its label."""
        return self.heading or self.label or Text(self.key, self.key, self.loc)


@dataclass(frozen=True)
class Cell:
    column: str
    text: Text  # as printed (zh) and its English; numbers are language-neutral (en == zh)
    values: tuple[Quantity, ...] | None  # quantity columns
    unit: UnitCell | None  # unit columns, or the unit that applies to a quantity cell
    name: str | None  # zone columns: the name without its level suffix
    level: str | None  # zone columns: 国家级 / 省级 / 上级规划 / 市级规划, printed as a suffix
    filled: Text | None  # for fill-down columns, the cell carried from above when printed empty
    loc: Loc

    @property
    def value_text(self) -> str:
        """The cell's meaning in Chinese, whitespace removed (fill-down applied)."""
        raw = self.filled.zh if self.filled is not None else self.text.zh
        return "".join(raw.split())


@dataclass(frozen=True)
class Row:
    key: str
    kind: str  # data | total
    cells: dict[str, Cell]
    notes: tuple[Note, ...]
    discrepancy: Discrepancy | None
    loc: Loc


@dataclass(frozen=True)
class Table:
    """A box (专栏): a grid of typed columns, or numbered items (projects) with descriptions."""

    id: str  # box1 …
    number: str  # 专栏一
    heading: Text
    layout: str  # grid | items
    columns: tuple[Column, ...]
    key_column: str | None
    rows: tuple[Row, ...]
    footnotes: tuple[Text, ...]  # printed notes (注：…)
    notes: tuple[Note, ...]  # editorial notes
    loc: Loc

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind == "data")


@dataclass(frozen=True)
class Annex:
    """A schedule (附表) or map (附图) the plan lists but whose content is not in the published text."""

    id: str
    title: Text
    loc: Loc


@dataclass(frozen=True)
class AnnexGroup:
    id: str
    heading: Text
    items: tuple[Annex, ...]
    loc: Loc


@dataclass(frozen=True)
class Statement:
    """A figure as the plan states it: the printed words, where they stand, and the number they give."""

    at: str  # where the words stand: a paragraph (ch1/s1/p2) or a table cell (box6/3/description)
    quote: str
    value: Decimal
    unit: Unit | None
    loc: Loc
    high: Decimal | None = None  # the upper end, where the words state a range (5-10 处)


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    column: str
    index: int  # which value of a packed pair (0 for single values)
    loc: Loc


@dataclass(frozen=True)
class RowFilter:
    column: str
    equals: tuple[str, ...]
    levels: tuple[str | None, ...]
    contains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """A consistency check between figures of the text and tables (DESIGN decision 7)."""

    id: str
    kind: str  # sum | at-most | row-count | equal | percent-change | increase-percent | count | listed-in-table
    title: Text
    stated: Statement | None  # the total, the stated count or percentage, or the figure compared
    parts: tuple[Statement, ...]  # addends; for percent checks: from/to or new/increase
    items: tuple[Statement, ...]  # enumerated items (count, listed-in-table), value unused
    table: str | None
    column: str | None
    where: tuple[RowFilter, ...]
    cell: CellRef | None
    discrepancy: Discrepancy | None
    loc: Loc


@dataclass(frozen=True)
class PlanDate:
    text: Text  # as printed: 二〇二二年十月
    iso: str  # 2022-10


@dataclass(frozen=True)
class Plan:
    """A plan (the work) with its Chinese text (authentic) and English (reference translation)."""

    id: str  # liaoning-2021-2025
    level: str  # province | city | county
    place: Text  # the area the plan covers, as zone names print it (辽宁, 朝阳)
    title: Text
    short_title: Text
    issuer: Text
    issuer_note: Text | None
    date: PlanDate | None
    period: tuple[int, int]
    base_year: int
    outlook_year: int
    parent: str | None
    status: Text
    source: str  # the authoritative text, relative to the project root
    cover: tuple[Text, ...]
    annexes: tuple[AnnexGroup, ...]
    parts: tuple[Division, ...]
    tables: tuple[Table, ...]
    checks: tuple[Check, ...]
    loc: Loc

    def divisions(self) -> tuple[Division, ...]:
        return self._divisions

    @cached_property
    def _divisions(self) -> tuple[Division, ...]:
        out: list[Division] = []
        for part in self.parts:
            out.extend(part.walk())
        return tuple(out)

    @cached_property
    def _division_index(self) -> dict[str, Division]:
        return {d.path: d for d in self._divisions}

    def division(self, path: str) -> Division | None:
        return self._division_index.get(path)

    def table(self, box: str) -> Table | None:
        return next((t for t in self.tables if t.id == box), None)

    def printed_text(self, ref: str) -> str | None:
        """The printed Chinese at `ref`: a paragraph (ch1/s1/p2) or a table cell (box6/3/description)."""
        paragraph = self.paragraph(ref)
        if paragraph is not None:
            return paragraph.text.zh
        box, _, rest = ref.partition("/")
        row_key, _, column = rest.partition("/")
        table = self.table(box)
        row = table.row(row_key) if table else None
        cell = row.cells.get(column) if row else None
        return cell.text.zh if cell else None

    def paragraph(self, ref: str) -> Paragraph | None:
        """`ch1/s1/p2` -> that paragraph."""
        path, _, pid = ref.rpartition("/")
        division = self.division(path)
        if division is None:
            return None
        return next((p for p in division.paragraphs if p.id == pid), None)


@dataclass(frozen=True)
class Corpus:
    """Everything the site is built from."""

    plans: tuple[Plan, ...]
    root: str = field(default=".")

    @cached_property
    def _plan_index(self) -> dict[str, Plan]:
        return {p.id: p for p in reversed(self.plans)}  # the first of a duplicated identifier, as a scan finds

    def plan(self, plan_id: str) -> Plan | None:
        return self._plan_index.get(plan_id)

    def depth(self, plan: Plan) -> int:
        """How many parent plans stand above this one: 0 for a province's, 1 for a city's, 2 for a county's."""
        depth, seen = 0, {plan.id}
        while plan.parent is not None and (parent := self.plan(plan.parent)) is not None and parent.id not in seen:
            plan = parent
            seen.add(plan.id)
            depth += 1
        return depth

    def row(self, identifier: str) -> Row | None:
        """The table row an identifier names (plan/boxN/KEY), if any."""
        plan_id, _, rest = identifier.partition("/")
        box, _, key = rest.partition("/")
        plan = self.plan(plan_id)
        table = plan.table(box) if plan else None
        return table.row(key) if table and key else None
