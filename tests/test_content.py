"""The real content: complete, faithful to the sources, consistent, and every identifier registered."""

from __future__ import annotations

from decimal import Decimal

from build_tools.diagnostics import Diagnostics
from build_tools.fidelity import printed_units
from build_tools.model import Plan
from build_tools.pipeline import Checked
from build_tools.sources import load_artifacts, normalize, source_units

from .site_build import ROOT

LIAONING = "liaoning-2021-2025"
CHAOYANG = "chaoyang-2021-2025"


def plan(checked: Checked, plan_id: str) -> Plan:
    found = checked.corpus.plan(plan_id)
    assert found is not None
    return found


def test_no_problems(checked: Checked) -> None:
    """Loading, the register, fidelity and the consistency checks report nothing."""
    assert checked.diagnostics.report() == ""


def test_fidelity_every_unit_once(checked: Checked) -> None:
    """Every heading, paragraph and cell of each source stands in the content exactly once, in order."""
    for p in checked.corpus.plans:
        d = Diagnostics()
        artifacts = load_artifacts(ROOT / p.source.replace("source.zh.txt", "artifacts.yaml"), ROOT, d)
        assert artifacts is not None and not d.errors
        source = [normalize(u.text) for u in source_units((ROOT / p.source).read_text(encoding="utf-8"), artifacts)]
        content = [normalize(u.text) for u in printed_units(p)]
        assert [s for s in source if s] == [c for c in content if c]
        # and so the whole text, character for character
        assert "".join(source) == "".join(content)


def test_source_files_are_the_authoritative_texts() -> None:
    for plan_id, size in ((LIAONING, 58279), (CHAOYANG, 64379)):
        assert (ROOT / "content" / plan_id / "source.zh.txt").stat().st_size == size


def test_liaoning_structure(checked: Checked) -> None:
    p = plan(checked, LIAONING)
    assert [d.id for d in p.parts] == ["general", *(f"ch{i}" for i in range(1, 10)), "supplementary"]
    sections = {d.id: len(d.children) for d in p.parts}
    assert sections == {"general": 0, "ch1": 3, "ch2": 2, "ch3": 2, "ch4": 2, "ch5": 2, "ch6": 5, "ch7": 3,
                        "ch8": 4, "ch9": 5, "supplementary": 0}
    assert [t.id for t in p.tables] == [f"box{i}" for i in range(1, 10)]
    assert [c.zh for c in p.cover] == ["辽宁省矿产资源总体规划", "(2021-2025 年)", "辽宁省人民政府", "二〇二二年十月"]
    assert [a.id for g in p.annexes for a in g.items] == [*(f"schedule-{i}" for i in range(1, 8)),
                                                         *(f"map-{i}" for i in range(1, 6))]
    assert (p.issuer.zh, p.date and p.date.iso, p.period, p.base_year, p.outlook_year, p.parent) == (
        "辽宁省人民政府", "2022-10", (2021, 2025), 2020, 2035, None)


def test_chaoyang_structure(checked: Checked) -> None:
    p = plan(checked, CHAOYANG)
    assert [d.id for d in p.parts] == [f"ch{i}" for i in range(1, 9)]
    assert [t.id for t in p.tables] == [f"box{i}" for i in range(1, 6)]
    assert p.parent == LIAONING and p.date is None
    assert p.division("ch5/s2/ss1/i1") is not None and p.division("ch5/s2/ss1/i1").is_article  # type: ignore[union-attr]
    # 专栏一 sums up 三、（一） as a whole, not its item 5
    assert [b.box for b in p.division("ch3/s3/ss1").boxes] == ["box1"]  # type: ignore[union-attr]
    assert p.division("ch3/s3/ss2").number == "（二)"  # type: ignore[union-attr]  # as printed


def test_metadata_matches_the_text(checked: Checked) -> None:
    """Base year, period and outlook in plan.yaml are what the plans say of themselves."""
    ln = plan(checked, LIAONING).paragraph("general/p3")
    assert ln is not None and "基期为2020年，规划期限为5年，规划目标年为2025年，展望到2035年" in ln.text.zh
    cy = plan(checked, CHAOYANG).paragraph("ch1/p4")
    assert cy is not None and "以2020年为基准年，规划期为2021－2025年，展望到2035年" in cy.text.zh
    for p in checked.corpus.plans:
        assert (p.base_year, p.period, p.outlook_year) == (2020, (2021, 2025), 2035)


def test_known_source_errors_are_annotated_not_fixed(checked: Checked) -> None:
    """The errors of the original stay verbatim, each with an editorial note beside it."""
    expected = {
        LIAONING: ["调整 and 转型升级", "重大工程 and 政策措施", "生态修复修复义务", "B_2O_3", "楼一建", "湾子一大",
                   "义阜蒙县", "2021-2025年年年度数值"],
        CHAOYANG: ["刚要", "统筹材质", "自然资资源", "合作和和科技", "运营和和闭坑", "以探明", "既具有法律效力",
                   "储量动态检测", "（二)"],
    }
    for plan_id, quotes in expected.items():
        p = plan(checked, plan_id)
        notes = [n for d in p.divisions() for n in (*d.notes, *(n for q in d.paragraphs for n in q.notes))]
        notes += [n for t in p.tables for n in (*t.notes, *(n for r in t.rows for n in r.notes))]
        noted = " ".join(n.quote for n in notes)
        for quote in quotes:
            assert any(quote in n.quote or n.quote in quote for n in notes if n.quote), quote
            assert quote in noted or any(n.quote in quote for n in notes if n.quote)
        texts = [q.text.zh for d in p.divisions() for q in d.paragraphs]
        texts += [c.text.zh for t in p.tables for r in t.rows for c in r.cells.values()]
        texts += [f.zh for t in p.tables for f in t.footnotes] + [d.number for d in p.divisions()]
        for quote in quotes:
            assert any(quote in t for t in texts), f"{quote} must stay as printed"


def test_typed_table_values(checked: Checked) -> None:
    cy = plan(checked, CHAOYANG)
    box5 = cy.table("box5")
    assert box5 is not None
    coal = box5.row("1")
    assert coal is not None
    large = coal.cells["large"]
    assert large.values is not None and [q.value for q in large.values] == [Decimal(400), Decimal(120)]
    # printed 万吨 in a table of annual scales: typed as the rate 万吨/年, the printed unit kept
    assert large.unit is not None and (large.unit.printed, large.unit.unit.symbol) == ("万吨", "万吨/年")
    assert large.unit.unit.dimension == "mass-rate" and large.unit.unit.en == "10⁴ t/a"
    bentonite = box5.row("8")
    assert bentonite is not None and bentonite.cells["small"].values is not None
    assert bentonite.cells["small"].values[0].op == "empty"  # printed empty, stays empty
    stone = box5.row("22")
    assert stone is not None and "existing" not in stone.cells and stone.discrepancy is not None
    box2 = cy.table("box2")
    assert box2 is not None
    zk1 = box2.row("ZK1")
    assert zk1 is not None and (zk1.cells["name"].name, zk1.cells["name"].level) == ("北票二道沟", "国家级")
    assert zk1.cells["name"].text.zh == "北票二道沟（国家级）"  # the printed text is kept verbatim
    zk6 = box2.row("ZK6")
    assert zk6 is not None and zk6.cells["name"].level is None
    box4 = cy.table("box4")
    assert box4 is not None and box4.row("GK10000000002") is not None
    gk2 = box4.row("GK10000000002")
    assert gk2 is not None and gk2.cells["category"].value_text == "国家规划矿区"  # merged cell, filled down
    ln1 = plan(checked, LIAONING).table("box1")
    assert ln1 is not None
    magnesite = ln1.row("8")
    assert magnesite is not None and magnesite.cells["attribute"].text.zh == "约束性"
    assert magnesite.cells["value"].values is not None and magnesite.cells["value"].values[0].op == "le"
    iron = ln1.row("5")
    assert iron is not None and iron.cells["unit"].unit is not None
    assert (iron.cells["unit"].unit.unit.symbol, iron.cells["unit"].unit.basis) == ("亿吨", "62%")


def test_checks_hold_except_registered_discrepancies(checked: Checked) -> None:
    failing = {(p, r.check.id) for p, results in checked.results.items() for r in results if not r.holds}
    registered = {(p.id, c.id) for p in checked.corpus.plans for c in p.checks if c.discrepancy}
    assert failing == registered == {
        (CHAOYANG, "exploration-planning-blocks-by-level"),
        (CHAOYANG, "strategic-blocks-share"),
        (LIAONING, "key-exploration-areas-minerals"),
    }
    counts = {p: len(r) for p, r in checked.results.items()}
    assert counts[LIAONING] >= 20 and counts[CHAOYANG] >= 15


def test_every_stated_total_of_the_issue_is_checked(checked: Checked) -> None:
    """The totals the foundation issue names are among the checks (by their quoted words)."""
    quoted = {s.quote for p in checked.corpus.plans for c in p.checks for s in (c.stated, *c.parts) if s}
    for words in ["全市关闭矿山149个", "探矿权 1197 个", "累计投入勘查资金 10.2 亿元", "减少了 32.8%", "提高 21.5%",
                  "划定重点勘查区7处", "划分勘查规划区块43个", "划定 30 个重点勘查区", "划定 19 个重点开采区",
                  "布局12个国家规划矿区"]:
        assert words in quoted, words


def test_untranslated_slots_are_reported(checked: Checked) -> None:
    from build_tools.translation import plan_slots, untranslated

    slots = [s for p in checked.corpus.plans for s in plan_slots(p)]
    missing = untranslated(checked.corpus)
    assert {s.where for s in missing} <= {s.where for s in slots}
    assert all(not s.text.en.strip() for s in missing)
    assert all(s.text.en.strip() for s in slots if s not in missing)
