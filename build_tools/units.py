"""Units as printed in the plans, with their dimension and factor to a common base.

Input: a printed unit (万吨, 亿吨, 千克, 万立方米, 亩, 平方千米, %, 处 …). Output: a `Unit` that converts
values to base units (t, m³, km², yuan, count, percent, t/a, m³/a) so city and provincial figures compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Unit:
    symbol: str  # as printed
    dimension: str  # mass, volume, area, money, count, percent, mass-rate, volume-rate, length, year
    factor: Decimal  # multiply a value in this unit by factor to get the base unit
    base: str  # t, m3, km2, yuan, count, percent, t/a, m3/a, m, a
    en: str  # symbol used in English tables


def _u(symbol: str, dimension: str, factor: str, base: str, en: str) -> Unit:
    return Unit(symbol, dimension, Decimal(factor), base, en)


UNITS: dict[str, Unit] = {
    u.symbol: u
    for u in (
        _u("亿吨", "mass", "100000000", "t", "10⁸ t"),
        _u("万吨", "mass", "10000", "t", "10⁴ t"),
        _u("吨", "mass", "1", "t", "t"),
        _u("千克", "mass", "0.001", "t", "kg"),
        _u("万立方米", "volume", "10000", "m3", "10⁴ m³"),
        _u("立方米", "volume", "1", "m3", "m³"),
        _u("万平方千米", "area", "10000", "km2", "10⁴ km²"),
        _u("平方千米", "area", "1", "km2", "km²"),
        _u("亩", "area", "0.000666666666666666666666666667", "km2", "mu"),
        _u("亿元", "money", "100000000", "yuan", "10⁸ CNY"),
        _u("万元", "money", "10000", "yuan", "10⁴ CNY"),
        _u("万吨/年", "mass-rate", "10000", "t/a", "10⁴ t/a"),
        _u("万吨／年", "mass-rate", "10000", "t/a", "10⁴ t/a"),
        _u("万立方米/年", "volume-rate", "10000", "m3/a", "10⁴ m³/a"),
        _u("万立方米／年", "volume-rate", "10000", "m3/a", "10⁴ m³/a"),
        _u("%", "percent", "1", "percent", "%"),
        _u("％", "percent", "1", "percent", "%"),
        _u("处", "count", "1", "count", "sites"),
        _u("个", "count", "1", "count", "number"),
        _u("家", "count", "1", "count", "number"),
        _u("种", "count", "1", "count", "kinds"),
        _u("米", "length", "1", "m", "m"),
        _u("m", "length", "1", "m", "m"),
        _u("年", "year", "1", "a", "years"),
    )
}


@dataclass(frozen=True)
class UnitCell:
    """A printed unit cell such as `矿石，亿吨`, `B ₂ O ₃ ，万吨` or `亿吨（62%）`: a unit and what it measures."""

    printed: str
    unit: Unit
    basis: str  # 矿石 (ore), 金属 (metal), B₂O₃, 62% (grade) or ""


_BASIS_FIRST = re.compile(r"^(?P<basis>.+?)\s*，\s*(?P<unit>\S+)$")
_BASIS_AFTER = re.compile(r"^(?P<unit>[^（(]+)[（(](?P<basis>[^）)]+)[）)]$")


def parse_unit(printed: str) -> UnitCell | None:
    text = printed.strip()
    if text in UNITS:
        return UnitCell(printed, UNITS[text], "")
    for pattern in (_BASIS_FIRST, _BASIS_AFTER):
        match = pattern.match(text)
        if match and match.group("unit").strip() in UNITS:
            basis = re.sub(r"\s+", "", match.group("basis"))
            return UnitCell(printed, UNITS[match.group("unit").strip()], basis)
    return None


def per_year(unit: Unit) -> Unit | None:
    """The yearly rate of a mass or volume unit (万吨 -> 万吨/年); None for units without one."""
    return UNITS.get(unit.symbol + "/年")


def convertible(a: Unit, b: Unit) -> bool:
    return a.dimension == b.dimension and a.base == b.base


def to_base(value: Decimal, unit: Unit) -> Decimal:
    return value * unit.factor
