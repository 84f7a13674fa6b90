"""Translation coverage: every Chinese text unit and whether its English slot is filled.

Input: the corpus. Output: `Slot`s — one per bilingual text (titles, headings, paragraphs, cells,
notes) — so nothing untranslated is hidden: `python -m build_tools untranslated` lists the empty ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Corpus, Plan, Text

if TYPE_CHECKING:
    from .comparisons import Comparison
    from .concordance import Concordance


@dataclass(frozen=True)
class Slot:
    plan: str
    where: str  # identifier-like path of the unit
    text: Text

    def __str__(self) -> str:
        zh = "".join(self.text.zh.split())
        return f"{self.text.loc}: {self.where}: {zh[:30]}{'…' if len(zh) > 30 else ''}"


def plan_slots(plan: Plan) -> Iterator[Slot]:
    for name in ("title", "short_title", "issuer", "status"):
        yield Slot(plan.id, name, getattr(plan, name))
    if plan.issuer_note:
        yield Slot(plan.id, "issuer_note", plan.issuer_note)
    if plan.date:
        yield Slot(plan.id, "date", plan.date.text)
    for i, text in enumerate(plan.cover):
        yield Slot(plan.id, f"cover[{i}]", text)
    for group in plan.annexes:
        yield Slot(plan.id, group.id, group.heading)
        for annex in group.items:
            yield Slot(plan.id, annex.id, annex.title)
    for division in plan.divisions():
        yield Slot(plan.id, division.path, division.heading)
        for note in division.notes:
            yield Slot(plan.id, f"{division.path}:note", note.text)
        for p in division.paragraphs:
            yield Slot(plan.id, f"{division.path}/{p.id}", p.text)
            for note in p.notes:
                yield Slot(plan.id, f"{division.path}/{p.id}:note", note.text)
    for table in plan.tables:
        yield Slot(plan.id, table.id, table.heading)
        for column in table.columns:
            if column.heading:
                yield Slot(plan.id, f"{table.id}:{column.key}", column.heading)
        for row in table.rows:
            for key, cell in row.cells.items():
                if cell.text.zh.strip():
                    yield Slot(plan.id, f"{table.id}/{row.key}:{key}", cell.text)
            for note in row.notes:
                yield Slot(plan.id, f"{table.id}/{row.key}:note", note.text)
            if row.discrepancy:
                yield Slot(plan.id, f"{table.id}/{row.key}:discrepancy", row.discrepancy.text)
        for f in table.footnotes:
            yield Slot(plan.id, f"{table.id}:footnote", f)
        for note in table.notes:
            yield Slot(plan.id, f"{table.id}:note", note.text)
    for check in plan.checks:
        yield Slot(plan.id, f"check:{check.id}", check.title)
        if check.discrepancy:
            yield Slot(plan.id, f"check:{check.id}:discrepancy", check.discrepancy.text)


def data_slots(concordance: Concordance, comparisons: Iterable[Comparison]) -> Iterator[Slot]:
    """The bilingual texts of the data files that reach the pages: concordance notes, reasons and
    discrepancies, comparison titles, notes and discrepancies. They pass the same checks as the plans' English."""
    for link in concordance.links:
        where = f"{link.source} -> {link.target}"
        yield Slot("concordance", f"{where}:link", link.note)
        if link.discrepancy:
            yield Slot("concordance", f"{where}:discrepancy", link.discrepancy.text)
    for exemption in concordance.exemptions:
        yield Slot("concordance", f"{exemption.provision}:no_counterpart", exemption.reason)
    for comparison in comparisons:
        yield Slot("comparisons", f"{comparison.id}:title", comparison.title)
        yield Slot("comparisons", f"{comparison.id}:comparison", comparison.note)
        if comparison.discrepancy:
            yield Slot("comparisons", f"{comparison.id}:discrepancy", comparison.discrepancy.text)


def untranslated(corpus: Corpus, plan_id: str | None = None) -> list[Slot]:
    return [s for plan in corpus.plans if plan_id in (None, plan.id)
            for s in plan_slots(plan) if not s.text.translated]
