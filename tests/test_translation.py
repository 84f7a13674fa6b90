"""Translation checks: glossary terms, figures under the unit convention, sentences, stray Chinese."""

from __future__ import annotations

import functools
import re
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
    plans and the notes of the concordance and the comparisons, with only the reviewed exceptions (and none
    that is stale)."""
    from build_tools.translation import data_slots

    from .site_build import ROOT

    found = Diagnostics()
    check_translations(checked.corpus, ROOT, found,
                       data=data_slots(checked.concordance, [r.comparison for r in checked.comparisons]))
    assert found.report() == ""


def test_same_printed_words_same_english_across_plans(checked: Checked) -> None:
    """One concept, one English name: a table cell or column heading printed identically anywhere in either
    plan has the same English everywhere (capitalization aside)."""
    from collections import defaultdict

    from build_tools.translation import plan_slots

    renderings: dict[str, set[str]] = defaultdict(set)
    for plan in checked.corpus.plans:
        typed = {f"{t.id}/{r.key}:{k}": c.unit.unit.symbol for t in plan.tables for r in t.rows
                 for k, c in r.cells.items() if c.unit is not None and t.column(k) and t.column(k).type == "unit"}
        for slot in plan_slots(plan):
            if slot.where.startswith("box") and ":" in slot.where and not slot.where.endswith((":note", ":footnote")):
                # a unit printed alike means the same unless the table types it otherwise (万吨 in a table of
                # annual scales is 万吨/年: "10⁴ t/a", not "10⁴ t")
                key = "".join(slot.text.zh.split()) + "|" + typed.get(slot.where, "")
                renderings[key].add(slot.text.en.casefold())
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


# ------------------------------------------------------- directive modality (glossary conventions.directives)
#
# One convention for the plans' directives, checked sentence by sentence (the translation check keeps one English
# sentence per 。, so sentence i of the English renders sentence i of the Chinese):
#   1. an obligation or prohibition marked by a modal (应, 应当, 要, 须, 必须, 不得, 不予, 严禁, 禁止) -> "shall";
#   2. "will" only for targets and forecasts: the objectives divisions, or a sentence dated 到20xx年/规划期末/规划期内,
#      or 预期/不会; never "must", "should" or "we";
#   3. a task stated with a bare verb and no modal -> the imperative: its first clause has neither "shall" nor "will";
#   4. a run-in head (强化勘查方向差别管理。) is an imperative, not a gerund ("Strengthening …").

_OBLIGATION = re.compile(r"应当|(?<![供相适对响反效顺])应(?![急用对价])|须"
                         r"|(?<![重主需纲必刚])要(?![求素件点])|不得|不予|严禁"
                         r"|(?<!明令)禁止(?=开采|建设|新建|既有|在|采用)")
_NEED = re.compile(r"(?<![急必供按确或])需(?![要求])")  # 需 as an obligation (需统筹考虑): may take "shall", need not
_TARGET = re.compile(r"到\s*20\d\d\s*年|规划期末|规划期内|预期|不会")
_TASK_VERB = re.compile(r"^(?:——)?(?:加强|强化|严格|推进|推动|促进|完善|建立|健全|落实|鼓励|支持|引导|"
                        r"开展|实施|加大|加快|提高|提升|优化|深化|构建|划定|明确|坚持|统筹|规范|创新|充分|"
                        r"积极|大力|进一步|全面|着力|探索|培育|做好|发挥|保障|限制|调整|压减|制定|改善|改进|"
                        r"夯实|稳妥|切实|认真|盘活|合理|重点|深入|贯彻|把好)")
# The planning objectives and the 2035 outlook state targets: "will" throughout.
_OBJECTIVES = {"liaoning-2021-2025": ("ch3/",), "chaoyang-2021-2025": ("ch3/s3/",)}
_ZH_END = re.compile(r"[。！？]")
_EN_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[A-Z“\"'(‘—]|\s*$)")


def _sentences(text: str, end: re.Pattern[str]) -> list[str]:
    out, last = [], 0
    for m in end.finditer(text.strip()):
        out.append(text.strip()[last:m.end()].strip())
        last = m.end()
    rest = text.strip()[last:].strip()
    return out + ([rest] if rest else [])


def directive_problems(plan: str, where: str, zh: str, en: str) -> list[str]:
    """What breaks the directive convention in one paragraph, as 'rule: Chinese sentence' strings."""
    zhs, ens = _sentences(zh, _ZH_END), _sentences(en, _EN_END)
    if len(zhs) != len(ens):
        return [f"sentences: {len(zhs)} Chinese, {len(ens)} English"]
    objectives = where.startswith(_OBJECTIVES.get(plan, ()))
    out = []
    for i, (z, e) in enumerate(zip(zhs, ens, strict=True)):
        if _OBLIGATION.search(z) and not re.search(r"\bshall\b", e):
            out.append(f"obligation without 'shall': {z}")
        if re.search(r"\b(must|should|we)\b", e, re.IGNORECASE):
            out.append(f"'must'/'should'/'we' in a directive: {z}")
        if re.search(r"\bwill\b", e) and not objectives and not _TARGET.search(z):
            out.append(f"'will' outside a target: {z}")
        first_zh = re.split(r"[，；：。]", z.lstrip("—"))[0]
        first_en = re.split(r"[,;:]", e)[0]
        if (_TASK_VERB.match(z) and not objectives and not _OBLIGATION.search(first_zh)
                and not _NEED.search(first_zh) and re.search(r"\b(shall|will)\b", first_en)):
            out.append(f"bare-verb task not rendered as an imperative: {z}")
        if (i < len(zhs) - 1 and len(z) <= 20 and "，" not in z and _TASK_VERB.match(z)
                and re.match(r"\W*[A-Z][a-z]+ing\b", e)):
            out.append(f"run-in head as a gerund: {z}")
    return out


def _paragraphs(checked: Checked) -> list[tuple[str, str, str, str]]:
    from build_tools.translation import plan_slots

    return [(plan.id, s.where, s.text.zh, s.text.en) for plan in checked.corpus.plans for s in plan_slots(plan)
            if re.search(r"(?:^|/)p\d+$", s.where) and s.text.loc.file.startswith("content/")]


def test_directives_follow_one_convention(checked: Checked) -> None:
    """Every paragraph of both plans: 'shall' for modal obligations, the imperative for bare-verb tasks, 'will' only
    for targets (tables/glossary.yaml conventions.directives)."""
    paragraphs = _paragraphs(checked)
    assert len(paragraphs) > 200
    found = {f"{plan} {where}": problems for plan, where, zh, en in paragraphs
             if (problems := directive_problems(plan, where, zh, en))}
    assert found == {}


def test_directive_convention_is_recorded_in_the_glossary() -> None:
    import yaml

    from .site_build import ROOT

    conventions = yaml.safe_load((ROOT / "tables" / "glossary.yaml").read_text(encoding="utf-8"))["conventions"]
    text = conventions["directives"]
    assert "shall" in text and "imperative" in text and "will" in text


@pytest.mark.parametrize(("plan", "where", "printed", "reverted", "rule"), [
    # an obligation (应) turned back into "will"
    ("liaoning-2021-2025", "ch6/s1/p5", "shall formulate annual release plans for mining rights",
     "will formulate annual release plans for mining rights", "obligation without 'shall'"),
    # a prohibition (不得) turned into "must not"
    ("liaoning-2021-2025", "ch5/s2/p4", "shall not overlap", "must not overlap", "'must'/'should'/'we'"),
    # a bare-verb task turned back into the passive "will be"
    ("chaoyang-2021-2025", "ch7/s3/ss1/p1", "carry out comprehensive rectification of closed open-pit mines",
     "comprehensive rectification of closed open-pit mines will be carried out", "'will' outside a target"),
    # a bare-verb task turned into "shall"
    ("liaoning-2021-2025", "ch6/s2/p1",
     "Establish a provincial-level database of mineral deposits of important mineral resources,",
     "A provincial-level database of mineral deposits of important mineral resources shall be established,",
     "bare-verb task not rendered as an imperative"),
    # a run-in head turned back into a gerund
    ("liaoning-2021-2025", "ch5/s2/p1", "Strengthen differentiated management of exploration directions.",
     "Strengthening differentiated management of exploration directions.", "run-in head as a gerund"),
    # the guiding thought turned back into "we will"
    ("chaoyang-2021-2025", "ch3/s1/p1", "fully implement the guiding principles",
     "we will fully implement the guiding principles", "'must'/'should'/'we'"),
])
def test_a_reverted_directive_is_caught(checked: Checked, plan: str, where: str, printed: str, reverted: str,
                                        rule: str) -> None:
    """Each form the convention excludes, put back into a real paragraph, is reported — so the test above can fail."""
    (zh, en), = [(z, e) for p, w, z, e in _paragraphs(checked) if (p, w) == (plan, where)]
    assert printed in en and directive_problems(plan, where, zh, en) == []
    problems = directive_problems(plan, where, zh, en.replace(printed, reverted, 1))
    assert any(p.startswith(rule) for p in problems), problems
