"""Citations: how a provision is cited in a Chinese official letter, in GB/T 7714-2015, and in English.

Input: a plan and a division, paragraph, table or row. Output: citation strings.

The Chinese form names every level in words, as official documents refer to provisions of plans and
normative documents numbered with outline numbers: 第N章 and 第N节 as printed, a 一、 heading as 第N部分,
a （一） heading as 第（N）项, a 1、 heading as 第N目, a paragraph as 第N段 — so that the levels never run
together (《朝阳市矿产资源总体规划（2021－2025年）》第五章第三部分第（一）项第1目第三段, not 第五章三、（一）1第三段).
The words 项 and 目 for the third and fourth levels follow the drafting convention of normative texts
(条、款、项、目); 部分 is how official letters cite a document's 一、 parts. The English form mirrors the
identifier (Liaoning Province Mineral Resources Master Plan (2021–2025), ch. 6, s. 5, para. 3).
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


def level_zh(division: Division) -> str:
    """One level of a citation, in words: 第六章, 第五节, 第三部分, 第（一）项, 第1目; 总则 and 附则 as printed."""
    number = division.number.strip()
    if not number:
        return "".join(division.heading.zh.split())
    if number.startswith("第"):
        return number  # 第六章, 第五节: already words
    segment = division_segment(number)
    level = segment.rstrip("0123456789") if segment else ""
    bare = number.rstrip("、.．")
    if level == "s":
        return f"第{bare}部分"
    if level == "ss":
        return f"第{bare}项"
    if level == "i":
        return f"第{bare}目"
    return bare


def _cited_numbers_zh(plan: Plan, division: Division) -> str:
    return "".join(level_zh(d) for d in chain(plan, division))


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


def provision(plan: Plan, rest: str) -> tuple[str, str] | None:
    """The official Chinese and the English citation of the provision of `plan` whose identifier below the plan
    is `rest` (ch6/s5, ch6/s5/p2, box2, box2/ZK4); None if the plan has no such provision."""
    segments = rest.split("/")
    table = plan.table(segments[0])
    if table is not None:
        row = table.row(segments[1]) if len(segments) > 1 else None
        return table_zh(plan, table, row), table_en(plan, table, row)
    paragraph = plan.paragraph(rest)
    division = plan.division("/".join(segments[:-1]) if paragraph else rest)
    if division is None:
        return None
    return division_zh(plan, division, paragraph), division_en(plan, division, paragraph)


ACCESS_DATE = "[引用日期]"  # replaced by the reader's date when the citation is copied (assets/plans.js)


def gbt7714(plan: Plan, url: str, part: str = "") -> str:
    """GB/T 7714-2015 reference of an online official document, type code [EB/OL] (electronic bulletin,
    online): 责任者. 题名：所引部分[EB/OL]. (发布日期)[引用日期]. 访问路径.

    Where the text does not state its issuer (the plan carries an `issuer_note`), the reference begins with the
    title: GB/T 7714-2015 8.1.1 allows the responsible party to be left out in the numeric system, where it
    would otherwise read 佚名; the place's name is not an issuer."""
    date = f"({plan.date.iso})" if plan.date else ""
    title = f"{plan.title.zh}：{part}" if part else plan.title.zh
    author = "" if plan.issuer_note is not None else f"{plan.issuer.zh}. "
    return f"{author}{title}[EB/OL]. {date}{ACCESS_DATE}. {url}."


def division_part_zh(plan: Plan, division: Division) -> str:
    """The cited part as printed, without the title: 第六章第五节."""
    return _cited_numbers_zh(plan, division)
