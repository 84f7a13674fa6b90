"""Consistency stage: evaluate every stated total, count and repeated figure against its parts.

Input: a loaded plan with its checks. Output: a `CheckResult` per check (what was computed, whether it
holds) and diagnostics: a check that fails without a registered discrepancy (`total-mismatch`,
`value-mismatch`, `not-in-table`), or one that carries a discrepancy yet holds (`stale-discrepancy`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .diagnostics import Diagnostics
from .model import Check, Plan, Row, RowFilter, Statement, Table
from .numbers import Quantity
from .units import Unit, convertible, to_base


@dataclass(frozen=True)
class CheckResult:
    check: Check
    holds: bool
    expected: str  # what the plan states (English words where there are words)
    computed: str  # what its parts give
    expected_zh: str = ""  # the same in Chinese
    computed_zh: str = ""

    def shown(self, lang: str) -> tuple[str, str]:
        """(expected, computed) in the reader's language."""
        return (self.expected_zh, self.computed_zh) if lang == "zh" else (self.expected, self.computed)


# The words of the results, per language (figures and formulas are language-neutral).
WORDS = {
    "en": {"listed": "{n} listed", "rows": "{n} rows ({keys})", "row": "{n} row ({keys})",
           "no_value": "no value in the cell", "units_differ": " (units differ)", "base_zero": "base is zero",
           "none_of": "none of {items}", "none_in": "none in the table", "in_table": "in the table: {items}",
           "all_in": "all in the table", "not_in": "not in the table: {items}", "share_of": "{p}% of {n}",
           "no_fit": "no whole number fits (nearest {nearest})"},
    "zh": {"listed": "列举 {n} 项", "rows": "{n} 行（{keys}）", "row": "{n} 行（{keys}）",
           "no_value": "该单元格无数值", "units_differ": "（单位不同）", "base_zero": "基数为零",
           "none_of": "均不含 {items}", "none_in": "表中均无", "in_table": "表中有：{items}",
           "all_in": "均在表中", "not_in": "不在表中：{items}", "share_of": "{n} 的 {p}%",
           "no_fit": "无整数相符（最接近 {nearest}）"},
}


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _base(statement: Statement) -> tuple[Decimal, Unit | None]:
    if statement.unit is None:
        return statement.value, None
    return to_base(statement.value, statement.unit), statement.unit


def _same_units(statements: list[tuple[Decimal, Unit | None]]) -> bool:
    units = [u for _, u in statements]
    if all(u is None for u in units):
        return True
    first = units[0]
    return first is not None and all(u is not None and convertible(first, u) for u in units)


def _tolerance(printed: Decimal) -> Decimal:
    """Half a unit of the last printed digit: 32.8 -> 0.05, 21 -> 0.5."""
    exponent = printed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5) / (Decimal(10) ** (places + 1))


def matching_rows(table: Table, filters: tuple[RowFilter, ...]) -> list[Row]:
    rows = []
    for row in table.data_rows:
        ok = True
        for f in filters:
            cell = row.cells.get(f.column)
            if cell is None:
                ok = False
                break
            if f.equals and cell.value_text not in {"".join(v.split()) for v in f.equals}:
                ok = False
            if f.levels and cell.level not in f.levels:
                ok = False
            if f.contains and not any(c in cell.value_text for c in f.contains):
                ok = False
        if ok:
            rows.append(row)
    return rows


def evaluate(plan: Plan, check: Check) -> CheckResult:
    """The result with its words in English and in Chinese."""
    en, zh = _evaluate(plan, check, WORDS["en"]), _evaluate(plan, check, WORDS["zh"])
    return CheckResult(check, en.holds, en.expected, en.computed, zh.expected, zh.computed)


def _evaluate(plan: Plan, check: Check, w: dict[str, str]) -> CheckResult:
    kind = check.kind
    stated = check.stated
    if kind in ("sum", "at-most"):
        assert stated is not None
        values = [_base(stated), *(_base(p) for p in check.parts)]
        total = values[0][0]
        parts_sum = sum((v for v, _ in values[1:]), Decimal(0))
        units_ok = _same_units(values)
        holds = units_ok and (parts_sum == total if kind == "sum" else parts_sum <= total)
        shown = " + ".join(_fmt(p.value) for p in check.parts)
        relation = "=" if kind == "sum" else "≤"
        return CheckResult(check, holds, f"{relation} {_fmt(stated.value)}",
                           f"{shown} = {_fmt(_display(parts_sum, stated))}" + ("" if units_ok else w["units_differ"]))
    if kind == "row-count":
        assert stated is not None and check.table is not None
        table = plan.table(check.table)
        assert table is not None
        rows = matching_rows(table, check.where)
        holds = Decimal(len(rows)) == stated.value
        keys = ", ".join(r.key for r in rows)
        return CheckResult(check, holds, _fmt(stated.value),
                           w["row" if len(rows) == 1 else "rows"].format(n=len(rows), keys=keys))
    if kind == "count":
        assert stated is not None
        holds = Decimal(len(check.items)) == stated.value
        return CheckResult(check, holds, _fmt(stated.value), w["listed"].format(n=len(check.items)))
    if kind == "equal":
        assert stated is not None
        left = _base(stated)
        if check.cell is not None:
            right = _cell_value(plan, check)
        else:
            right = _base(check.parts[0])
        if right is None:
            return CheckResult(check, False, _fmt(stated.value), w["no_value"])
        units_ok = _same_units([left, right])
        holds = units_ok and left[0] == right[0]
        expected, computed = _fmt(stated.value), _fmt(_display(right[0], stated))
        if stated.high is not None or (check.cell is not None and _cell_high(plan, check) is not None):
            high = _cell_high(plan, check)
            holds = holds and high is not None and stated.high is not None and high == stated.high
            expected = f"{_fmt(stated.value)}-{_fmt(stated.high) if stated.high is not None else '?'}"
            computed = f"{computed}-{_fmt(high) if high is not None else '?'}"
        return CheckResult(check, holds, expected, computed + ("" if units_ok else w["units_differ"]))
    if kind in ("percent-change", "increase-percent"):
        assert stated is not None
        a, b = (p.value for p in check.parts)
        if kind == "percent-change":
            base, change = a, b - a
        else:
            base, change = a - b, b
        if base == 0:
            return CheckResult(check, False, f"{_fmt(stated.value)}%", w["base_zero"])
        percent = abs(change) / base * 100
        holds = abs(percent - stated.value) <= _tolerance(stated.value)
        return CheckResult(check, holds, f"{_fmt(stated.value)}%", f"{percent:.2f}%")
    if kind in ("listed-in-table", "not-in-table"):
        assert check.table is not None and check.column is not None
        table = plan.table(check.table)
        assert table is not None
        cells = [r.cells[check.column].value_text for r in table.data_rows if check.column in r.cells]
        present = [i.quote for i in check.items if any(i.quote in c for c in cells)]
        items = "、".join(i.quote for i in check.items)
        if kind == "not-in-table":
            return CheckResult(check, not present, w["none_of"].format(items=items),
                               w["none_in"] if not present else w["in_table"].format(items="、".join(present)))
        missing = [i.quote for i in check.items if i.quote not in present]
        return CheckResult(check, not missing, items,
                           w["all_in"] if not missing else w["not_in"].format(items="、".join(missing)))
    if kind == "share-of-count":
        # A percentage of a stated count must be k/count for some whole k, to the printed precision.
        assert stated is not None
        total = check.parts[0].value
        tolerance = _tolerance(stated.value)
        fits = [k for k in range(int(total) + 1) if abs(Decimal(k) / total * 100 - stated.value) <= tolerance]
        nearest = min(range(int(total) + 1), key=lambda k: abs(Decimal(k) / total * 100 - stated.value))
        shown = f"{nearest}/{_fmt(total)} = {Decimal(nearest) / total * 100:.1f}%"
        return CheckResult(check, bool(fits), w["share_of"].format(p=_fmt(stated.value), n=_fmt(total)),
                           f"{fits[0]}/{_fmt(total)}" if fits else w["no_fit"].format(nearest=shown))
    raise ValueError(f"unknown check kind {kind}")


def _display(base_value: Decimal, like: Statement) -> Decimal:
    """A base-unit value back in the unit of `like`, for messages."""
    if like.unit is None or like.unit.factor == 0:
        return base_value
    return base_value / like.unit.factor


def _cell_high(plan: Plan, check: Check) -> Decimal | None:
    """The upper end of a range cell (5-10), in the cell's unit; None for other cells."""
    ref = check.cell
    if ref is None:
        return None
    table = plan.table(ref.table)
    row = table.row(ref.row) if table else None
    cell = row.cells.get(ref.column) if row else None
    if cell is None or not cell.values or cell.values[ref.index].op != "range":
        return None
    return cell.values[ref.index].high


def _cell_value(plan: Plan, check: Check) -> tuple[Decimal, Unit | None] | None:
    ref = check.cell
    assert ref is not None
    table = plan.table(ref.table)
    row = table.row(ref.row) if table else None
    cell = row.cells.get(ref.column) if row else None
    if cell is None or not cell.values or ref.index >= len(cell.values):
        return None
    quantity: Quantity = cell.values[ref.index]
    if quantity.value is None:
        return None
    unit = cell.unit.unit if cell.unit else None
    return (to_base(quantity.value, unit) if unit else quantity.value), unit


_CODES = {"sum": "total-mismatch", "at-most": "total-mismatch", "row-count": "total-mismatch",
          "count": "total-mismatch", "equal": "value-mismatch", "percent-change": "value-mismatch",
          "increase-percent": "value-mismatch", "listed-in-table": "not-in-table",
          "not-in-table": "not-in-table", "share-of-count": "value-mismatch"}


def run_checks(plan: Plan, diags: Diagnostics) -> list[CheckResult]:
    results = []
    for check in plan.checks:
        result = evaluate(plan, check)
        results.append(result)
        if not result.holds and check.discrepancy is None:
            diags.error(check.loc, _CODES[check.kind],
                        f"check '{check.id}' fails: the plan states {result.expected}, its parts give "
                        f"{result.computed}",
                        "if the content changed, restore it as printed; if the source itself does not add up, "
                        "register a `discrepancy:` with a neutral bilingual note")
        elif result.holds and check.discrepancy is not None:
            diags.error(check.discrepancy.loc, "stale-discrepancy",
                        f"check '{check.id}' holds ({result.computed}) but carries a discrepancy",
                        "remove the discrepancy, or correct the check so it tests what the note describes")
    return results
