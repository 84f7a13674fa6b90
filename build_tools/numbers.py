"""Reading printed numbers: Chinese numerals, division numbers, figures in running text, table values.

Input: strings as printed (第十一章, （三）, 1、, ≤3000, 5-10, 2000左右, 400／120, full-width digits).
Output: integers, identifier segments and typed `Quantity` values, or None where the text is not one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .units import UNITS, Unit

_DIGITS = {"〇": 0, "零": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CHINESE_NUMERAL = "〇零一二两三四五六七八九十百千万"

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－～＜＞", "0123456789.,-~<>")


def halfwidth(text: str) -> str:
    """Full-width digits and signs to ASCII, so `２０２５` and `2025` read the same."""
    return text.translate(_FULLWIDTH)


def chinese_int(text: str) -> int | None:
    """`十一` -> 11, `二十` -> 20, `一百零五` -> 105, `二〇二二` -> 2022 (digit by digit). None if not a numeral."""
    if not text or any(ch not in _DIGITS and ch not in _SCALES for ch in text):
        return None
    if not any(ch in _SCALES for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch == "万":
            total += (section + digit) * 10000
            section, digit = 0, 0
        else:
            section += (digit or 1) * _SCALES[ch]
            digit = 0
    return total + section + digit


def any_int(text: str) -> int | None:
    """An arabic (half- or full-width) or Chinese integer."""
    text = halfwidth(text.strip())
    if text.isdigit():
        return int(text)
    return chinese_int(text)


# Division numbers as printed, and the identifier prefix each level takes (DESIGN decision 2).
_DIVISION_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^第([〇零一二两三四五六七八九十百0-9０-９]+)章$"), "ch"),
    (re.compile(r"^第([〇零一二两三四五六七八九十百0-9０-９]+)节$"), "s"),
    (re.compile(r"^([〇零一二两三四五六七八九十百]+)、$"), "s"),
    (re.compile(r"^[（(]([〇零一二两三四五六七八九十百]+)[）)]$"), "ss"),
    (re.compile(r"^([0-9０-９]+)[、.．]$"), "i"),
)


@functools.lru_cache(maxsize=4096)  # called for every citation of a division: 22,000 calls, a few hundred numbers
def division_segment(number: str) -> str | None:
    """The identifier segment a printed division number yields: 第六章 -> ch6, 第五节 -> s5, 二、 -> s2,
    （一） -> ss1, 1、 -> i1. Lenient about mismatched brackets such as （二) (printed in the Chaoyang plan)."""
    number = number.strip()
    for pattern, prefix in _DIVISION_PATTERNS:
        match = pattern.match(number)
        if match:
            value = any_int(match.group(1))
            if value is not None:
                return f"{prefix}{value}"
    return None


_NUMBER = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?")
_CN_RUN = re.compile(f"[{CHINESE_NUMERAL}]+")


@dataclass(frozen=True)
class Figure:
    """A number found in running text, with the unit printed after it (if any is known)."""

    value: Decimal
    unit: Unit | None
    start: int
    end: int


def figures(text: str) -> list[Figure]:
    """Every arabic figure in `text` with the unit that follows it (spaces allowed between)."""
    plain = halfwidth(text)
    found: list[Figure] = []
    for match in _NUMBER.finditer(plain):
        rest = plain[match.end():].lstrip(" ")
        unit = next((UNITS[u] for u in sorted(UNITS, key=len, reverse=True) if rest.startswith(u)), None)
        found.append(Figure(Decimal(match.group()), unit, match.start(), match.end()))
    return found


def figure_in_quote(quote: str, index: int | None = None) -> Figure | None:
    """The one figure a fact quote states. With several, `index` (1-based) picks one; without arabic
    figures, a Chinese numeral run is read (构建四个区域 -> 4)."""
    found = figures(quote)
    if found:
        if index is not None:
            return found[index - 1] if 0 < index <= len(found) else None
        return found[0] if len(found) == 1 else None
    for match in _CN_RUN.finditer(quote):
        value = chinese_int(match.group())
        if value is not None:
            rest = quote[match.end():]
            unit = next((UNITS[u] for u in sorted(UNITS, key=len, reverse=True) if rest.startswith(u)), None)
            return Figure(Decimal(value), unit, match.start(), match.end())
    return None


@dataclass(frozen=True)
class Quantity:
    """One typed table value. `op` says how to read it: eq, le, ge, lt, gt, approx, range,
    none (printed －: no requirement) or empty (nothing printed)."""

    printed: str
    op: str
    value: Decimal | None = None
    high: Decimal | None = None

    @property
    def is_number(self) -> bool:
        return self.value is not None


_OPS = {"≤": "le", "≥": "ge", "<": "lt", ">": "gt", "＜": "lt", "＞": "gt", "<=": "le", ">=": "ge"}
PAIR_SEPARATORS = ("／", "/")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_quantity(printed: str) -> Quantity | None:
    """One value: `10`, `0.7`, `≤3000`, `＜10`, `5-10`, `2000左右`, `－`; None if it is not a value."""
    text = printed.strip()
    if text == "":
        return Quantity(printed, "empty")
    if text in ("－", "-", "—"):
        return Quantity(printed, "none")
    plain = halfwidth(text)
    for sign in sorted(_OPS, key=len, reverse=True):
        if plain.startswith(sign):
            value = _decimal(plain[len(sign):].strip())
            return Quantity(printed, _OPS[sign], value) if value is not None else None
    if plain.endswith("左右"):
        value = _decimal(plain[:-2].strip())
        return Quantity(printed, "approx", value) if value is not None else None
    range_match = re.fullmatch(r"([0-9.]+)\s*[-~－—]\s*([0-9.]+)", plain)
    if range_match:
        low, high = _decimal(range_match.group(1)), _decimal(range_match.group(2))
        if low is not None and high is not None:
            return Quantity(printed, "range", low, high)
        return None
    value = _decimal(plain)
    return Quantity(printed, "eq", value) if value is not None else None


def parse_values(printed: str) -> tuple[Quantity, ...] | None:
    """A cell's values: one, or two where the print packs a pair into one cell (`400／120`, `30／－`)."""
    for sep in PAIR_SEPARATORS:
        if sep in printed:
            parts = [parse_quantity(part) for part in printed.split(sep)]
            if any(p is None for p in parts):
                return None
            return tuple(p for p in parts if p is not None)
    single = parse_quantity(printed)
    return (single,) if single is not None else None


def quantity_en(values: tuple[Quantity, ...] | None, printed: str) -> str:
    """The English form of a value cell: numbers unchanged, 左右 as "about", ranges with an en dash."""
    if values is None:
        return printed
    forms = []
    for q in values:
        if q.op == "empty":
            forms.append("")
        elif q.op == "none":
            forms.append("–")
        elif q.op == "approx":
            forms.append(f"about {_plain(q.value)}")
        elif q.op == "range":
            forms.append(f"{_plain(q.value)}–{_plain(q.high)}")
        elif q.op == "eq":
            forms.append(_plain(q.value))
        else:
            sign = {"le": "≤", "ge": "≥", "lt": "<", "gt": ">"}[q.op]
            forms.append(f"{sign}{_plain(q.value)}")
    return " / ".join(forms)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")
