"""References for reference managers (Zotero, EndNote, NoteExpress): RIS and CSL-JSON records of a plan and of
each of its provisions.

Input: a plan, the cited part (a division and its paragraphs, a box, a row), the permanent URLs, the language.
Output: the text of a `.ris` file (one record per provision: the page's, then each paragraph's) and of a
CSL-JSON file (the same records as a JSON array, which citeproc processors render in any citation style).
Written by hand: RIS and CSL-JSON are small line and JSON formats; the libraries that read them (rispy,
citeproc-py) check the output in the tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .model import Plan


@dataclass(frozen=True)
class Record:
    """One citable thing: the plan itself or a provision of it."""

    key: str  # the identifier: liaoning-2021-2025/ch6/s5/p3
    title: str  # the plan's title, in the record's language
    part: str  # the cited part in words (第六章第五节第三段 / ch. 6, s. 5, para. 3), or "" for the whole plan
    url: str
    language: str  # zh-Hans or en


def records_ris(plan: Plan, records: list[Record]) -> str:
    """RIS (one record per provision), type GOVDOC. The issuer is left out where the text does not state it."""
    lines: list[str] = []
    for record in records:
        lines += ["TY  - GOVDOC", f"TI  - {_title(record)}", f"T2  - {record.title}"]
        if plan.issuer_note is None:
            lines.append(f"AU  - {plan.issuer.zh if record.language.startswith('zh') else plan.issuer.en}")
        if plan.date is not None:
            year, _, month = plan.date.iso.partition("-")
            lines += [f"PY  - {year}", f"DA  - {year}/{month}//" if month else f"DA  - {year}///"]
        lines += [f"UR  - {record.url}", f"LA  - {record.language}", f"ID  - {record.key}"]
        if record.part:
            lines.append(f"SE  - {record.part}")
        lines += ["ER  - ", ""]
    return "\n".join(lines)


def records_csl(plan: Plan, records: list[Record]) -> str:
    """CSL-JSON: type "document", the plan as container of its provisions."""
    items = []
    for record in records:
        item: dict[str, object] = {"id": record.key, "type": "document", "title": _title(record),
                                   "URL": record.url, "language": record.language}
        if record.part:
            item["container-title"] = record.title
            item["section"] = record.part
        if plan.issuer_note is None:
            issuer = plan.issuer.zh if record.language.startswith("zh") else plan.issuer.en
            item["author"] = [{"literal": issuer}]
            item["publisher"] = issuer
        if plan.date is not None:
            item["issued"] = {"date-parts": [[int(x) for x in plan.date.iso.split("-")]]}
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _title(record: Record) -> str:
    if not record.part:
        return record.title
    return f"{record.title}：{record.part}" if record.language.startswith("zh") else f"{record.title}, {record.part}"
