"""Cross-plan comparisons: a city figure against the provincial figure it answers, in common units.

Input: tables/comparisons.yaml and the corpus. Output: a `ComparisonResult` per comparison — the city's
share of the provincial figure, or whether two figures that should agree do, or a plain note where the two
do not measure the same thing — and diagnostics for a comparison that fails without a registered
discrepancy (`value-mismatch`) or carries one and holds (`stale-discrepancy`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .checks import matching_rows
from .diagnostics import Diagnostics, Loc
from .load import _discrepancy, _Reader, _statement
from .model import Corpus, Discrepancy, RowFilter, Text
from .units import Unit, convertible, to_base
from .yamlio import KeyPath, load_yaml

COMPARISONS = "tables/comparisons.yaml"
MEASURES = ("share", "same", "different-measure", "no-counterpart")


@dataclass(frozen=True)
class Figure:
    """One side of a comparison: a value (or range) with its unit, and where it stands."""

    low: Decimal
    high: Decimal  # == low unless a range (5-10) or an approximate bound
    unit: Unit | None
    printed: str  # as printed, for the report
    source: str  # identifier of the provision (paragraph, cell's row, or box)
    loc: Loc


@dataclass(frozen=True)
class Comparison:
    id: str
    title: Text
    measure: str
    city: Figure | None
    province: Figure | None
    note: Text
    discrepancy: Discrepancy | None
    loc: Loc


@dataclass(frozen=True)
class ComparisonResult:
    comparison: Comparison
    holds: bool | None  # None: informational (different measure, no counterpart)
    computed: str
    city_value: str = ""  # the city's figure in the provincial figure's unit (2 vs 30 t, not 2 万吨 vs 30 t)
    province_value: str = ""
    unit: Unit | None = None  # the unit both are shown in

    @property
    def share(self) -> Decimal | None:
        """The city's figure as a share of the provincial one (upper bounds), for a chart."""
        c, p = self.comparison.city, self.comparison.province
        if c is None or p is None or self.comparison.measure != "share":
            return None
        top = _base(p.high, p.unit)
        return _base(c.high, c.unit) / top * 100 if top else None


def load_comparisons(corpus: Corpus, root: Path, diags: Diagnostics, path: str = COMPARISONS) -> list[Comparison]:
    file = root / path
    if not file.exists():
        return []
    doc = load_yaml(file, root, diags)
    if doc is None:
        return []
    r = _Reader(doc, diags)
    data = r.mapping(doc.data, (), "the comparisons") or {}
    r.known(data, (), ("comparisons",))
    out = []
    for cpath, entry in r.entries(data, (), "comparisons", "a comparison",
                                  ("id", "title", "measure", "city", "province", "note", "discrepancy")):
        measure = r.string(entry, cpath, "measure")
        if measure not in MEASURES:
            diags.error(r.loc((*cpath, "measure")), "unknown-measure", f"unknown measure '{measure}'",
                        f"use one of: {', '.join(MEASURES)}")
        city = _figure(r, corpus, entry.get("city"), (*cpath, "city"))
        province = _figure(r, corpus, entry.get("province"), (*cpath, "province"))
        if measure in ("share", "same") and (city is None or province is None):
            diags.error(r.loc(cpath), "incomplete-check", f"a '{measure}' comparison needs both figures",
                        "give city: and province:")
            continue
        out.append(Comparison(r.string(entry, cpath, "id"), r.text(entry.get("title"), (*cpath, "title")),
                              measure, city, province, r.text(entry.get("note"), (*cpath, "note")),
                              _discrepancy(r, entry, cpath), r.loc(cpath)))
    return out


def _figure(r: _Reader, corpus: Corpus, data: Any, path: KeyPath) -> Figure | None:
    """`{cell: plan/box/row/column}`, `{at: plan/…/pN, quote: …}` or `{rows: plan/box, where: [...]}`."""
    if data is None:
        return None
    entry = r.mapping(data, path, "a figure")
    if entry is None:
        return None
    r.known(entry, path, ("cell", "at", "quote", "figure", "unit", "rows", "where"))
    kinds = [k for k in ("cell", "at", "rows") if k in entry]
    if len(kinds) != 1:
        r.diags.error(r.loc(path), "incomplete-check", "a figure names exactly one of cell, at or rows",
                      "write `{cell: plan/box/row/column}`, `{at: plan/…/pN, quote: …}` or `{rows: plan/box}`")
        return None
    ref = r.string(entry, path, kinds[0])
    plan_id, _, rest = ref.partition("/")
    plan = corpus.plan(plan_id)
    if plan is None:
        r.diags.error(r.loc(path), "unknown-reference", f"no plan '{plan_id}'",
                      f"start with one of: {', '.join(p.id for p in corpus.plans)}")
        return None
    loc = r.loc(path)
    if "cell" in entry:
        box, row_key, column = [*rest.split("/"), "", "", ""][:3]
        table = plan.table(box)
        row = table.row(row_key) if table else None
        cell = row.cells.get(column) if row else None
        if cell is None or not cell.values or cell.values[0].value is None:
            r.diags.error(loc, "unknown-reference", f"no value in cell '{ref}'", "name plan/box/row/column of a value")
            return None
        q = cell.values[0]
        assert q.value is not None
        return Figure(q.value, q.high if q.high is not None else q.value, cell.unit.unit if cell.unit else None,
                      f"{cell.text.zh}（{cell.unit.printed}）" if cell.unit else cell.text.zh,
                      f"{plan.id}/{box}/{row_key}", loc)
    if "rows" in entry:
        table = plan.table(rest)
        if table is None:
            r.diags.error(loc, "unknown-reference", f"no table '{ref}'", "name plan/box")
            return None
        filters = []
        for wpath, wmap in r.entries(entry, path, "where", "a row filter", ("column", "equals", "contains")):
            column = r.string(wmap, wpath, "column")
            if table.column(column) is None:
                r.diags.error(r.loc((*wpath, "column")), "unknown-column", f"no column '{column}' in {table.id}",
                              f"use one of: {', '.join(c.key for c in table.columns)}")
            filters.append(RowFilter(column, r.strings(wmap, wpath, "equals"), (), r.strings(wmap, wpath, "contains")))
        rows = matching_rows(table, tuple(filters))
        count = Decimal(len(rows))
        return Figure(count, count, None, f"{table.number}：{len(rows)} 行（{'、'.join(x.key for x in rows)}）",
                      f"{plan.id}/{table.id}", loc)
    statement = _statement(r, plan, {k: v for k, v in entry.items() if k != "at"} | {"at": rest}, path, rest)
    if statement is None:
        return None
    return Figure(statement.value, statement.high if statement.high is not None else statement.value,
                  statement.unit, statement.quote, f"{plan.id}/{statement.at}", loc)


def _base(value: Decimal, unit: Unit | None) -> Decimal:
    return to_base(value, unit) if unit is not None else value


def _span(low: Decimal, high: Decimal) -> str:
    return _fmt(low) if low == high else f"{_fmt(low)}–{_fmt(high)}"


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def evaluate(comparison: Comparison) -> ComparisonResult:
    city, province = comparison.city, comparison.province
    if comparison.measure in ("different-measure", "no-counterpart") or city is None or province is None:
        return ComparisonResult(comparison, None, "")
    if city.unit is not None and province.unit is not None and not convertible(city.unit, province.unit):
        return ComparisonResult(comparison, False, "units differ")
    lows = (_base(city.low, city.unit), _base(province.low, province.unit))
    highs = (_base(city.high, city.unit), _base(province.high, province.unit))
    factor = province.unit.factor if province.unit is not None and province.unit.factor else Decimal(1)
    city_value, province_value = _span(lows[0] / factor, highs[0] / factor), _span(lows[1] / factor, highs[1] / factor)
    if comparison.measure == "same":
        holds = lows[0] == lows[1] and highs[0] == highs[1]
        unit = f" {province.unit.symbol}" if province.unit else ""
        return ComparisonResult(comparison, holds, f"{_fmt(city.low)} / {_fmt(province.low)}{unit}",
                                city_value, province_value, province.unit)
    shares = sorted({lows[0] / highs[1] * 100, highs[0] / lows[1] * 100})
    text = "–".join(f"{s:.1f}%" for s in shares)
    return ComparisonResult(comparison, all(s <= 100 for s in shares), text, city_value, province_value,
                            province.unit)


def run_comparisons(comparisons: list[Comparison], diags: Diagnostics) -> list[ComparisonResult]:
    results = [evaluate(c) for c in comparisons]
    for result in results:
        c = result.comparison
        if result.holds is False and c.discrepancy is None:
            diags.error(c.loc, "value-mismatch", f"comparison '{c.id}' fails: {result.computed}",
                        "if the figures changed, restore them; if the plans differ, register a discrepancy")
        elif result.holds is True and c.discrepancy is not None:
            diags.error(c.discrepancy.loc, "stale-discrepancy", f"comparison '{c.id}' holds ({result.computed})",
                        "remove the discrepancy")
    return results
