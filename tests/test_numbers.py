"""Reading printed numbers: numerals, division numbers, table values, units."""

from decimal import Decimal

import pytest

from build_tools.numbers import chinese_int, division_segment, figure_in_quote, parse_quantity, parse_values
from build_tools.units import parse_unit


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十五", 25), ("一百零五", 105),
    ("二〇二二", 2022), ("二O三五", 2035), ("两", 2), ("甲", None), ("", None),
])
def test_chinese_int(text: str, value: int | None) -> None:
    assert chinese_int(text) == value


@pytest.mark.parametrize(("number", "segment"), [
    ("第一章", "ch1"), ("第十一章", "ch11"), ("第五节", "s5"), ("二、", "s2"), ("十二、", "s12"),
    ("（一）", "ss1"), ("（三）", "ss3"), ("（二)", "ss2"), ("1、", "i1"), ("12、", "i12"), ("４、", "i4"),
    ("第１章", "ch1"), ("附则", None), ("1", None), ("（a）", None),
])
def test_division_segment(number: str, segment: str | None) -> None:
    assert division_segment(number) == segment


@pytest.mark.parametrize(("printed", "op", "value", "high"), [
    ("10", "eq", "10", None), ("0.7", "eq", "0.7", None), ("20000", "eq", "20000", None),
    ("≤3000", "le", "3000", None), ("≥2", "ge", "2", None), ("＜10", "lt", "10", None),
    ("5-10", "range", "5", "10"), ("2000左右", "approx", "2000", None), ("30左右", "approx", "30", None),
    ("－", "none", None, None), ("", "empty", None, None), ("１０", "eq", "10", None),
])
def test_parse_quantity(printed: str, op: str, value: str | None, high: str | None) -> None:
    q = parse_quantity(printed)
    assert q is not None
    assert (q.op, q.value, q.high) == (op, Decimal(value) if value else None, Decimal(high) if high else None)


@pytest.mark.parametrize("printed", ["十", "abc", "1O", "≤", "5-"])
def test_parse_quantity_rejects(printed: str) -> None:
    assert parse_quantity(printed) is None


def test_pairs() -> None:
    pair = parse_values("400／120")
    assert pair is not None and [q.value for q in pair] == [Decimal(400), Decimal(120)]
    half = parse_values("30／－")
    assert half is not None and [q.op for q in half] == ["eq", "none"]
    assert parse_values("30／x") is None


@pytest.mark.parametrize(("quote", "value", "unit"), [
    ("全市关闭矿山149个", "149", "个"), ("累计投入勘查资金 10.2 亿元", "10.2", "亿元"),
    ("减少了 32.8%", "32.8", "%"), ("构建四个区域", "4", "个"), ("组分量）10 万吨", "10", "万吨"),
    ("完成生态环境治理恢复面积32818亩", "32818", "亩"), ("不小于50万吨／年", "50", "万吨／年"),
])
def test_figure_in_quote(quote: str, value: str, unit: str) -> None:
    figure = figure_in_quote(quote)
    assert figure is not None and figure.value == Decimal(value)
    assert figure.unit is not None and figure.unit.symbol == unit


def test_figure_in_quote_needs_one_figure() -> None:
    assert figure_in_quote("由 2015 年底的 3266 家") is None
    figure = figure_in_quote("由 2015 年底的 3266 家", 2)
    assert figure is not None and figure.value == Decimal(3266)


@pytest.mark.parametrize(("printed", "unit", "basis"), [
    ("万吨", "万吨", ""), ("矿石，亿吨", "亿吨", "矿石"), ("金属，吨", "吨", "金属"),
    ("B ₂ O ₃ ，万吨", "万吨", "B₂O₃"), ("亿吨（62%）", "亿吨", "62%"), ("万立方米", "万立方米", ""),
])
def test_parse_unit(printed: str, unit: str, basis: str) -> None:
    cell = parse_unit(printed)
    assert cell is not None and (cell.unit.symbol, cell.basis) == (unit, basis)


def test_unknown_unit() -> None:
    assert parse_unit("斤") is None
