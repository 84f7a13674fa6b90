"""The implementation map: Chaoyang provisions linked to the Liaoning provisions they implement."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from build_tools.concordance import upper_level_rows
from build_tools.pipeline import Checked, check_project
from build_tools.units import UNITS, to_base

from .conftest import edit, line_of

CONCORDANCE = "tables/concordance.yaml"
CHAOYANG, LIAONING = "chaoyang-2021-2025", "liaoning-2021-2025"


def test_real_concordance_is_complete(checked: Checked) -> None:
    """Paragraph by paragraph: every Chaoyang paragraph has a link of its own or a stated reason (its own, or
    its division's) why the Liaoning plan has nothing for it."""
    from build_tools.concordance import exemption_for

    concordance = checked.concordance
    assert len(concordance.links) > 150
    assert {link.relation for link in concordance.links} == {r.id for r in concordance.relations}
    chaoyang = checked.corpus.plan(CHAOYANG)
    assert chaoyang is not None
    unexplained = [f"{CHAOYANG}/{d.path}/{p.id}" for d in chaoyang.divisions() for p in d.paragraphs
                   if not concordance.with_source(f"{CHAOYANG}/{d.path}/{p.id}")
                   and exemption_for(concordance, f"{CHAOYANG}/{d.path}/{p.id}") is None]
    assert unexplained == []
    assert all(e.reason.zh and e.reason.en for e in concordance.exemptions)
    for link in concordance.links:
        assert link.source.startswith(CHAOYANG + "/") and (link.target is None or link.target.startswith(LIAONING))
        assert link.note.zh and link.note.en


def test_every_upper_level_zone_row_is_linked_or_registered(checked: Checked) -> None:
    chaoyang = checked.corpus.plan(CHAOYANG)
    assert chaoyang is not None
    rows = upper_level_rows(chaoyang)
    assert len(rows) == 5 + 6 + 3  # 专栏二 国家级/省级, 专栏三 上级规划, 专栏四 上级规划
    links = {link.source: link for link in checked.concordance.links}
    for table, row in rows:
        link = links[f"{CHAOYANG}/{table.id}/{row.key}"]
        assert link.target is not None or link.discrepancy is not None
    registered = {link.source for link in checked.concordance.links if link.discrepancy}
    assert registered == {f"{CHAOYANG}/box2/ZK5", f"{CHAOYANG}/box3/ZC2"}  # no provincial row; another spelling


def test_every_liaoning_zone_in_chaoyang_is_implemented(checked: Checked) -> None:
    """The other direction: each row of the provincial zone boxes located in Chaoyang has a city row."""
    liaoning = checked.corpus.plan(LIAONING)
    assert liaoning is not None
    targets = {link.target for link in checked.concordance.links}
    for box in ("box3", "box5", "box7"):
        table = liaoning.table(box)
        assert table is not None
        for row in table.data_rows:
            if "朝阳" in row.cells["places"].value_text:
                assert f"{LIAONING}/{box}/{row.key}" in targets, (box, row.key)


def keys(root: Path) -> list[tuple[str, str, int]]:
    return check_project(root).diagnostics.keys


def test_unknown_target_lists_candidates(real_copy: Path) -> None:
    path = real_copy / CONCORDANCE
    edit(path, "    to: liaoning-2021-2025/box5/25\n", "    to: liaoning-2021-2025/box5/99\n")
    checked = check_project(real_copy)
    found = [d for d in checked.diagnostics.errors if d.code == "unknown-reference"]
    assert [(d.loc.file, d.loc.line) for d in found] == [(CONCORDANCE, line_of(path, "box5/99"))]
    assert "did you mean" in found[0].fix


def test_ambiguous_target_lists_candidates(real_copy: Path) -> None:
    path = real_copy / CONCORDANCE
    edit(path, "    to: liaoning-2021-2025/box5/25\n", "    to: ch2/s1\n")  # a 节 in one plan, a 一、 in the other
    checked = check_project(real_copy)
    found = [d for d in checked.diagnostics.errors if d.code == "ambiguous-reference"]
    assert [(d.loc.file, d.loc.line) for d in found] == [(CONCORDANCE, line_of(path, "to: ch2/s1"))]
    assert "chaoyang-2021-2025/ch2/s1" in found[0].fix and "liaoning-2021-2025/ch2/s1" in found[0].fix


def test_uncovered_paragraph_is_reported(real_copy: Path) -> None:
    """Removing the reason given for a division leaves each of its paragraphs unexplained, reported where
    the paragraph is written; a link from a neighbouring paragraph does not cover it."""
    path = real_copy / CONCORDANCE
    text = path.read_text(encoding="utf-8")
    start = text.index("  - provision: chaoyang-2021-2025/ch2/s1\n")
    end = text.index("  - provision:", start + 10)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    chapter = real_copy / "content/chaoyang-2021-2025/ch2.yaml"
    lines = chapter.read_text(encoding="utf-8").splitlines()
    first = line_of(chapter, "id: s1")
    paragraphs = [n for n in range(first, first + 20) if lines[n - 1].strip() in ("- id: p1", "- id: p2", "- id: p3")]
    found = [k for k in keys(real_copy) if k[0] == "no-counterpart"]
    assert found == [("no-counterpart", "content/chaoyang-2021-2025/ch2.yaml", n) for n in paragraphs[:3]]


def test_relation_must_agree_with_the_comparison_of_the_same_pair(real_copy: Path) -> None:
    """The sand-and-gravel minimum: the comparison finds the same value (50万吨/年 is the tonnage the province
    prints beside its 20万立方米/年), so the link may not say the city departs; and a comparison that finds a
    different measure requires 'departs'."""
    path = real_copy / CONCORDANCE
    link = "  - from: chaoyang-2021-2025/ch5/s2/ss1/i3/p1\n    to: liaoning-2021-2025/ch6/s5/p3\n    relation: "
    edit(path, link + "implements\n", link + "departs\n")
    edit(path, "  - from: chaoyang-2021-2025/box1/8\n    to: liaoning-2021-2025/box1/5\n    relation: departs\n",
         "  - from: chaoyang-2021-2025/box1/8\n    to: liaoning-2021-2025/box1/5\n    relation: quantifies\n")
    found = [k for k in keys(real_copy) if k[0] == "relation-contradicts-comparison"]
    lines = [line_of(path, link.splitlines()[0].strip()), line_of(path, "- from: chaoyang-2021-2025/box1/8")]
    assert found == [("relation-contradicts-comparison", CONCORDANCE, n) for n in sorted(lines)]


def test_a_compared_row_must_be_linked(real_copy: Path) -> None:
    path = real_copy / CONCORDANCE
    text = path.read_text(encoding="utf-8")
    start = text.index("  - from: chaoyang-2021-2025/box1/9\n")
    end = text.index("  - from:", start + 10)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = [k for k in keys(real_copy) if k[0] == "unlinked-comparison"]
    assert found == [("unlinked-comparison", "tables/comparisons.yaml",
                      line_of(real_copy / "tables/comparisons.yaml", "- id: number-of-mines"))]


def test_a_note_quotes_only_figures_its_provisions_print(real_copy: Path) -> None:
    """390 is printed in Chaoyang Box 1 row 9: a note quoting 391 is caught, and so is a figure moved back to
    a paragraph that does not print it. 2000千克 reads as 2 吨 (the same quantity in another unit)."""
    path = real_copy / CONCORDANCE
    edit(path, "市级矿山数量≤390个", "市级矿山数量≤391个")
    edit(path, "  - from: chaoyang-2021-2025/box1/8\n", "  - from: chaoyang-2021-2025/ch3/s3/ss1/i2/p1\n")
    found = [k for k in keys(real_copy) if k[0] == "note-figure-unprinted"]
    lines = [line_of(path, "市级矿山数量≤391个"), line_of(path, "市级铁矿开采总量≤4000万吨")]
    assert sorted(found) == sorted(("note-figure-unprinted", CONCORDANCE, n) for n in lines)
    text = path.read_text(encoding="utf-8").splitlines()
    assert not any("2000千克" in text[k[2] - 1] for k in found)



def test_unlinked_upper_level_zone_is_reported(real_copy: Path) -> None:
    path = real_copy / CONCORDANCE
    edit(path, "  - from: chaoyang-2021-2025/box3/ZC6\n    to: liaoning-2021-2025/box7/11\n",
         "  - from: chaoyang-2021-2025/box4/CZB1\n    to: liaoning-2021-2025/box7/11\n")
    found = keys(real_copy)
    assert "unlinked-zone" in {code for code, _, _ in found}


def test_zone_linked_under_another_name_needs_a_discrepancy(real_copy: Path) -> None:
    path = real_copy / CONCORDANCE
    edit(path, "    to: liaoning-2021-2025/box7/9\n", "    to: liaoning-2021-2025/box7/10\n")
    assert "zone-name-mismatch" in {code for code, _, _ in keys(real_copy)}


def test_link_to_the_wrong_plan(real_copy: Path) -> None:
    path = real_copy / CONCORDANCE
    edit(path, "    to: liaoning-2021-2025/box5/25\n", "    to: chaoyang-2021-2025/box2/ZK1\n")
    assert "wrong-plan" in {code for code, _, _ in keys(real_copy)}


def test_comparisons(checked: Checked) -> None:
    results = {r.comparison.id: r for r in checked.comparisons}
    assert results["new-iron-ore-resources"].computed == "20.0%"  # 20000 万吨 of 10 亿吨
    assert results["new-gold-resources"].computed == "6.7%"  # 2000 千克 of 30 吨
    assert results["number-of-mines"].computed == "19.5%"  # 390 of 2000
    assert results["iron-ore-output"].holds is None  # ore tonnage vs 62 %-grade equivalent: not comparable
    assert results["sand-gravel-minimum-scale"].holds is True  # 50万吨/年 both
    assert results["key-exploration-areas-from-province"].holds is False  # 5 stated, 4 provincial rows
    failing = {c for c, r in results.items() if r.holds is False}
    assert failing == {c for c, r in results.items() if r.comparison.discrepancy is not None}


@pytest.mark.parametrize(("value", "unit", "base"), [
    ("20000", "万吨", "200000000"), ("10", "亿吨", "1000000000"), ("2000", "千克", "2"), ("30", "吨", "30"),
    ("20", "万立方米", "200000"), ("50", "万吨／年", "500000"), ("14.87", "万平方千米", "148700"),
    ("15", "亩", "0.01"), ("10.2", "亿元", "1020000000"),
])
def test_unit_conversions(value: str, unit: str, base: str) -> None:
    assert to_base(Decimal(value), UNITS[unit]).quantize(Decimal("0.0001")) == Decimal(base).quantize(Decimal("0.0001"))
