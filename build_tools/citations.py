"""Citations: how a provision is cited in a Chinese official letter, in GB/T 7714-2015, and in English.

Input: a plan and a division, paragraph, table or row. Output: citation strings. The Chinese form names
divisions as printed (《辽宁省矿产资源总体规划（2021-2025年）》第六章第五节); the English form mirrors the
identifier (Liaoning Province Mineral Resources Master Plan (2021–2025), ch. 6, s. 5).
"""

from __future__ import annotations

from .model import Division, Paragraph, Plan, Row, Table
from .numbers import division_segment

_CN_DIGITS = "〇一二三四五六七八九"
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def cn_ordinal(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五 (for 第N段)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def chain(plan: Plan, division: Division) -> list[Division]:
    """The division and its ancestors, outermost first."""
    segments = division.path.split("/")
    found = (plan.division("/".join(segments[:i])) for i in range(1, len(segments) + 1))
    return [d for d in found if d is not None]


def number_en(division: Division) -> str:
    """The printed number in English: Chapter 6, Section 5, I., (1), 1. — '' for 总则 and 附则."""
    segment = division_segment(division.number) if division.number else None
    if segment is None:
        return ""
    prefix = segment.rstrip("0123456789")
    n = int(segment[len(prefix):])
    return {"ch": f"Chapter {n}", "s": f"Section {n}" if "节" in division.number else f"{roman(n)}.",
            "ss": f"({n})", "i": f"{n}."}[prefix]


def _cited_numbers_zh(plan: Plan, division: Division) -> str:
    parts = [d.number if d.number else "".join(d.heading.zh.split()) for d in chain(plan, division)]
    cited = "".join(parts)
    return cited[:-1] if cited.endswith("、") else cited


def _cited_numbers_en(plan: Plan, division: Division) -> str:
    parts = []
    for d in chain(plan, division):
        segment = division_segment(d.number) if d.number else None
        if segment is None:
            parts.append(d.heading.en or d.id)
            continue
        prefix = segment.rstrip("0123456789")
        label = {"ch": "ch.", "s": "s.", "ss": "subs.", "i": "item"}[prefix]
        parts.append(f"{label} {segment[len(prefix):]}")
    return ", ".join(parts)


def title_en(plan: Plan) -> str:
    return plan.title.en or plan.title.zh


def division_zh(plan: Plan, division: Division, paragraph: Paragraph | None = None) -> str:
    base = f"《{plan.title.zh}》{_cited_numbers_zh(plan, division)}"
    return base + (f"第{cn_ordinal(int(paragraph.id[1:]))}段" if paragraph else "")


def division_en(plan: Plan, division: Division, paragraph: Paragraph | None = None) -> str:
    base = f"{title_en(plan)}, {_cited_numbers_en(plan, division)}"
    return base + (f", para. {paragraph.id[1:]}" if paragraph else "")


def _row_words_zh(table: Table, row: Row) -> str:
    if row.kind != "data":
        return "合计行"
    return row.key if table.key_column not in (None, "seq") else f"第{row.key}行"


def table_zh(plan: Plan, table: Table, row: Row | None = None) -> str:
    base = f"《{plan.title.zh}》{table.number}"
    return base + (_row_words_zh(table, row) if row else "")


def table_en(plan: Plan, table: Table, row: Row | None = None) -> str:
    base = f"{title_en(plan)}, Box {table.id.removeprefix('box')}"
    if row is None:
        return base
    return base + (", total row" if row.kind != "data" else f", row {row.key}")


ACCESS_DATE = "[引用日期]"  # replaced by the reader's date when the citation is copied (assets/plans.js)


def gbt7714(plan: Plan, url: str, part: str = "") -> str:
    """GB/T 7714-2015 reference of an online official document, type code [EB/OL] (electronic bulletin,
    online): 责任者. 题名：所引部分[EB/OL]. (发布日期)[引用日期]. 访问路径."""
    date = f"({plan.date.iso})" if plan.date else ""
    title = f"{plan.title.zh}：{part}" if part else plan.title.zh
    return f"{plan.issuer.zh}. {title}[EB/OL]. {date}{ACCESS_DATE}. {url}."


def division_part_zh(plan: Plan, division: Division) -> str:
    """The cited part as printed, without the title: 第六章第五节."""
    return _cited_numbers_zh(plan, division)
