"""Translation checks: glossary terms, figures under the unit convention, sentences, stray Chinese."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from build_tools.diagnostics import Diagnostics
from build_tools.pipeline import Checked, check_project
from build_tools.terminology import check_translations, figure_forms, load_glossary

from .conftest import edit, line_of

PLAN = "content/mini-2021-2025"


def problems(root: Path) -> list[tuple[str, str, int]]:
    checked = check_project(root)
    assert checked.diagnostics.errors == []
    found = Diagnostics()
    check_translations(checked.corpus, root, found)
    return found.keys


def test_fixture_translation_is_clean(mini: Path) -> None:
    assert problems(mini) == []


def test_longest_match_first(mini: Path) -> None:
    glossary = load_glossary(mini, Diagnostics())
    assert glossary is not None
    assert [t.id for _, t in glossary.find("划定重点勘查区，开展勘查")] == ["key-exploration-area", "exploration"]
    assert [t.id for _, t in glossary.find("新增万吨")] == []  # units are checked as figures, not as terms


def test_glossary_term_missing(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "Exploration rights are granted first", "Prospecting licences are granted first")
    assert ("glossary-term-missing", f"{PLAN}/ch2.yaml", line_of(path, "重点勘查区内优先")) in problems(mini)


def test_figure_missing(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "a total area of 15.5 km²", "a total area of 15 km²")
    assert ("figure-missing", f"{PLAN}/ch2.yaml", line_of(path, "15.5平方千米")) in problems(mini)


def test_sentence_count(mini: Path) -> None:
    path = mini / PLAN / "ch1.yaml"
    edit(path, "regulations. A total of 12", "regulations, and 12")
    assert ("sentence-count", f"{PLAN}/ch1.yaml", line_of(path, "zh: 本规划依据")) in problems(mini)


def test_chinese_in_english(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "en: Exploration rights are granted first within key exploration areas.",
         "en: Exploration rights are granted first within key exploration areas（重点勘查区）.")
    assert ("chinese-in-english", f"{PLAN}/ch2.yaml", line_of(path, "重点勘查区内优先")) in problems(mini)


def test_exception_with_reason_silences_one_check(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "Exploration rights are granted first", "Prospecting licences are granted first")
    folder = mini / "tables" / "translation-exceptions"
    folder.mkdir()
    (folder / "mini.yaml").write_text(
        "exceptions:\n  - where: mini-2021-2025 ch2/s2/p1\n    code: glossary-term-missing\n"
        "    term: exploration-right\n    reason: a test of the mechanism\n", encoding="utf-8")
    assert problems(mini) == []
    (folder / "mini.yaml").write_text(
        "exceptions:\n  - where: mini-2021-2025 ch2/s2/p1\n    code: glossary-term-missing\n"
        "    term: exploration-right\n    reason: ''\n", encoding="utf-8")
    assert "exception-without-reason" in {code for code, _, _ in problems(mini)}


@pytest.mark.parametrize(("zh", "forms"), [
    ("新增铁资源量 7.4 亿吨", [["740000000", "740 million"]]),
    ("铜金属量 3.9 万吨", [["39000"]]),
    ("石墨矿物量 151.9 万吨", [["1519000", "1.519 million"]]),
    ("投入勘查资金 10.2 亿元", [["1020000000", "1020 million", "1.02 billion"]]),
    ("1:5 万区域地质", [["1"], ["50000"]]),
    ("（ B_2O_3 组分量）10 万吨", [["100000"]]),
    ("建设5G网络", []),
    ("面积32818亩", [["32818"]]),
])
def test_figure_forms(zh: str, forms: list[list[str]]) -> None:
    assert [f for _, f in figure_forms(zh)] == forms


# ----------------------------------------------------------------------------------------- the real plans

def test_both_plans_fully_translated(checked: Checked) -> None:
    from build_tools.translation import untranslated

    assert [str(s) for s in untranslated(checked.corpus)] == []


def test_real_translations_pass_every_check(checked: Checked) -> None:
    """Glossary terms, figures under the unit convention, sentence alignment, no stray Chinese — over both
    plans, with only the reviewed exceptions (and none that is stale)."""
    from .site_build import ROOT

    found = Diagnostics()
    check_translations(checked.corpus, ROOT, found)
    assert found.report() == ""


def test_same_printed_words_same_english_across_plans(checked: Checked) -> None:
    """One concept, one English name: a table cell or column heading printed identically anywhere in either
    plan has the same English everywhere (capitalization aside)."""
    from collections import defaultdict

    from build_tools.translation import plan_slots

    renderings: dict[str, set[str]] = defaultdict(set)
    for plan in checked.corpus.plans:
        for slot in plan_slots(plan):
            if slot.where.startswith("box") and ":" in slot.where and not slot.where.endswith((":note", ":footnote")):
                renderings["".join(slot.text.zh.split())].add(slot.text.en.casefold())
    assert {zh: en for zh, en in renderings.items() if len(en) > 1} == {}


@functools.cache
def _glossary_names() -> dict[str, str]:
    import yaml

    from .site_build import ROOT

    names: dict[str, str] = {}
    for entry in yaml.safe_load((ROOT / "tables" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]:
        short = entry.get("zh_short") or []
        for form in [entry["zh"], *(entry.get("zh_forms") or []), *([short] if isinstance(short, str) else short)]:
            names[form] = entry["kind"]
    return names


MINERALS_IN_TEXT = [
    # Liaoning
    "铁矿", "金矿", "硼矿", "菱镁矿", "滑石", "萤石", "晶质石墨", "金刚石", "铌", "钽", "稀土", "煤层气",
    "干热岩", "地热",
    "煤炭", "锰矿", "铜矿", "钼", "锌", "铅锌", "石墨", "矿泉水", "湿地泥炭", "砂金", "蓝石棉", "油页岩",
    # Chaoyang
    "膨润土", "珍珠岩", "石英岩", "沸石", "硅灰石", "水泥用灰岩", "熔剂用灰岩", "钒钛磁铁矿", "砂石土", "页岩气",
    "重晶石", "高岭土", "长石", "耐火粘土", "白云岩", "饰面用石材", "砖瓦用页岩", "玻璃用石英岩", "石灰岩", "磷",
]


@pytest.mark.parametrize("mineral", MINERALS_IN_TEXT)
def test_every_mineral_has_a_glossary_entry(mineral: str) -> None:
    assert _glossary_names().get(mineral) in ("mineral", "term"), mineral


def test_every_mineral_and_place_of_the_tables_is_in_the_glossary(checked: Checked) -> None:
    import re

    names = _glossary_names()
    missing = set()
    for plan in checked.corpus.plans:
        for table in plan.tables:
            for row in table.data_rows:
                for column in ("minerals", "mineral", "places"):
                    cell = row.cells.get(column)
                    for token in (cell.value_text.split("、") if cell else []):
                        token = re.sub(r"（.*?）$|类$", "", token)  # 地热（热水）, 建筑用石料类
                        if token and token not in names:
                            missing.add(token)
    assert missing == set()


@pytest.mark.parametrize(("zh", "en"), [
    ("北票市", "Beipiao City"), ("凌源市", "Lingyuan City"), ("朝阳县", "Chaoyang County"),
    ("建平县", "Jianping County"), ("喀左县", "Kazuo County"), ("双塔区", "Shuangta District"),
    ("龙城区", "Longcheng District"),
])
def test_county_level_units_of_chaoyang(zh: str, en: str) -> None:
    import yaml

    from .site_build import ROOT

    entries = yaml.safe_load((ROOT / "tables" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    assert any(e["zh"] == zh and e["en"] == en and e["kind"] == "place" for e in entries), zh
