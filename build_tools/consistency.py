"""Consistency between the data files: the concordance against the comparisons and the plans' own words.

Input: the corpus, the concordance and the evaluated comparisons. Output: diagnostics at the concordance entry
(file:line) for
- a comparison that sets a city figure against a provincial one, with no concordance link between the two
  provisions (a table row with a provincial counterpart is linked, not only compared);
- a link whose relation contradicts the comparison of the same pair: `departs` where the comparison finds the
  same value or a share (and no registered discrepancy), or anything but `departs` where it finds a different
  measure or registers a discrepancy (the relation's own definition: "differs … measured differently or
  inconsistent");
- a figure in a note's Chinese that neither provision it links prints (a note speaks of what the linked
  paragraph or row holds, not of figures found elsewhere). A figure counts as printed when the same number
  stands in either provision, or the same quantity in another unit (2000 千克 = 2 吨).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .comparisons import ComparisonResult
from .concordance import Concordance, Link
from .diagnostics import Diagnostics
from .model import Corpus, Row
from .numbers import figures
from .units import to_base

DIFFERS = "departs"


def check_consistency(corpus: Corpus, concordance: Concordance, comparisons: list[ComparisonResult],
                      diags: Diagnostics) -> None:
    if not concordance.links:
        return  # no concordance was read (missing, unreadable, plans in a cycle): reported already
    _check_relations(concordance, comparisons, diags)
    printed = _Printed(corpus)
    for link in concordance.links:
        _check_note_figures(link, printed, diags)


def _related(a: str, b: str) -> bool:
    """The same provision, or one inside the other (a box and its row, a division and its paragraph)."""
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _check_relations(concordance: Concordance, comparisons: list[ComparisonResult], diags: Diagnostics) -> None:
    for result in comparisons:
        comparison = result.comparison
        city, province = comparison.city, comparison.province
        if city is None or province is None or comparison.measure == "no-counterpart":
            continue
        links = [link for link in concordance.with_source(city.source)
                 if link.target is not None and _related(link.target, province.source)]
        if not links:
            diags.error(comparison.loc, "unlinked-comparison", f"comparison '{comparison.id}' sets {city.source} "
                        f"against {province.source}, but the concordance links them nowhere",
                        f"add a link from {city.source} to {province.source} in tables/concordance.yaml")
            continue
        differs = comparison.measure == "different-measure" or comparison.discrepancy is not None
        for link in links:
            if differs and link.relation != DIFFERS:
                why = ("registers a discrepancy" if comparison.discrepancy is not None
                       else "finds that they measure different things")
                diags.error(link.loc, "relation-contradicts-comparison", f"{link.source} -> {link.target} is "
                            f"'{link.relation}', but comparison '{comparison.id}' {why}",
                            f"make the relation '{DIFFERS}' and say in the note how they differ, or correct "
                            f"the comparison (tables/comparisons.yaml:{comparison.loc.line})")
            elif not differs and link.relation == DIFFERS:
                diags.error(link.loc, "relation-contradicts-comparison", f"{link.source} -> {link.target} is "
                            f"'{DIFFERS}', but comparison '{comparison.id}' finds "
                            f"{'the same value' if comparison.measure == 'same' else 'a share of the same measure'}",
                            "choose the relation that says what the city text does (implements, quantifies …), "
                            f"or register the difference in the comparison (tables/comparisons.yaml:"
                            f"{comparison.loc.line})")


class _Printed:
    """The numbers each provision prints: plain values, and values in base units where a unit is known."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def numbers(self, identifier: str) -> tuple[set[Decimal], set[tuple[Decimal, str]]]:
        plain: set[Decimal] = set()
        based: set[tuple[Decimal, str]] = set()
        for text in self._texts(identifier):
            for figure in figures(text):
                plain.add(figure.value)
                if figure.unit is not None:
                    based.add((to_base(figure.value, figure.unit), figure.unit.base))
        for row in self._rows(identifier):
            for cell in row.cells.values():
                for q in cell.values or ():
                    for value in (q.value, q.high):
                        if value is None:
                            continue
                        plain.add(value)
                        if cell.unit is not None:
                            based.add((to_base(value, cell.unit.unit), cell.unit.unit.base))
        return plain, based

    def _texts(self, identifier: str) -> Iterator[str]:
        plan_id, _, rest = identifier.partition("/")
        plan = self.corpus.plan(plan_id)
        if plan is None:
            return
        box, _, key = rest.partition("/")
        table = plan.table(box)
        if table is not None:
            rows = [table.row(key)] if key else list(table.rows)
            if not key:
                yield from (c.heading.zh for c in table.columns if c.heading)
                yield from (f.zh for f in table.footnotes)
            for row in rows:
                if row is not None:
                    yield from (cell.text.zh for cell in row.cells.values())
            return
        division = plan.division(rest)
        if division is not None:
            for d in division.walk():
                yield d.heading.zh
                yield from (p.text.zh for p in d.paragraphs)
            return
        paragraph = plan.paragraph(rest)
        if paragraph is not None:
            yield paragraph.text.zh

    def _rows(self, identifier: str) -> Iterator[Row]:
        plan_id, _, rest = identifier.partition("/")
        plan = self.corpus.plan(plan_id)
        box, _, key = rest.partition("/")
        table = plan.table(box) if plan is not None else None
        if table is None:
            return
        for row in ([table.row(key)] if key else list(table.rows)):
            if row is not None:
                yield row


def _check_note_figures(link: Link, printed: _Printed, diags: Diagnostics) -> None:
    plain: set[Decimal] = set()
    based: set[tuple[Decimal, str]] = set()
    for identifier in (link.source, link.target):
        if identifier is not None:
            p, b = printed.numbers(identifier)
            plain |= p
            based |= b
    for figure in figures(link.note.zh):
        if figure.value in plain or (figure.unit is not None
                                     and (to_base(figure.value, figure.unit), figure.unit.base) in based):
            continue
        shown = link.note.zh[figure.start:figure.end + (len(figure.unit.symbol) if figure.unit else 0)]
        diags.error(link.note.loc, "note-figure-unprinted", f"the note of {link.source} -> {link.target} quotes "
                    f"{shown}, which neither provision prints",
                    "move the link to the paragraph or row that prints the figure, or correct the note")

