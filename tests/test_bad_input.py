"""Broken content fails with every problem listed at once, each as (code, file, line).

Each test breaks a copy of the fixture plan the way an editor might, and asserts the diagnostic's
stable code and location, never its wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.diagnostics import Diagnostics
from build_tools.pipeline import check_project, check_site

from .bad_inputs import BOMB, CASES, BadInput
from .conftest import edit, line_of, project_with_config

PLAN = "content/mini-2021-2025"
TABLES = "tables/mini-2021-2025"


def keys(root: Path) -> list[tuple[str, str, int]]:
    return check_project(root).diagnostics.keys


def test_fixture_is_clean(mini: Path) -> None:
    checked = check_project(mini)
    assert checked.diagnostics.report() == ""
    assert [r.holds for r in checked.results["mini-2021-2025"]] == [True, True]


def test_yaml_syntax_error(mini: Path) -> None:
    """An unclosed brace is reported where it was opened, not where the parser gave up."""
    path = mini / PLAN / "ch2.yaml"
    edit(path, "    heading: {zh: 管控, en: Control}", "    heading: {zh: 管控, en: Control")
    assert ("yaml-syntax", f"{PLAN}/ch2.yaml", line_of(path, "heading: {zh: 管控")) in keys(mini)


def test_duplicate_key_in_yaml(mini: Path) -> None:
    path = mini / PLAN / "ch1.yaml"
    edit(path, "heading: {zh: 总则, en: General provisions}\n",
         "heading: {zh: 总则, en: General provisions}\nheading: {zh: 总则, en: General provisions}\n")
    assert ("duplicate-key", f"{PLAN}/ch1.yaml", 4) in keys(mini)


def test_duplicate_paragraph_id(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "      - box: box1\n", "      - id: p1\n        zh: 另一段。\n        en: Another.\n      - box: box1\n")
    assert ("duplicate-id", f"{PLAN}/ch2.yaml", line_of(path, "zh: 另一段") - 1) in keys(mini)


def test_duplicate_row_key(mini: Path) -> None:
    path = mini / TABLES / "box1.yaml"
    edit(path, "      seq: '2'", "      seq: '1'")
    assert ("duplicate-row-key", f"{TABLES}/box1.yaml", line_of(path, "name: {zh: 乙区") - 2) in keys(mini)


def test_unknown_table_reference(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "- box: box1", "- box: box9")
    found = keys(mini)
    assert ("unknown-reference", f"{PLAN}/ch2.yaml", line_of(path, "box: box9")) in found
    assert ("unplaced-table", f"{TABLES}/box1.yaml", 1) in found


def test_unknown_article_reference(mini: Path) -> None:
    path = mini / TABLES / "checks.yaml"
    edit(path, "at: ch1/p1", "at: ch1/p9")
    assert ("unknown-reference", f"{TABLES}/checks.yaml", line_of(path, "quote: 全市关闭矿山12个")) in keys(mini)


def test_unknown_row_reference(mini: Path) -> None:
    path = mini / TABLES / "checks.yaml"
    check = ("  - id: area-a\n    kind: equal\n    title: {zh: 甲区面积, en: Area A}\n"
             "    stated: {at: ch2/s1/p1, quote: 15.5平方千米}\n    cell: {table: box1, row: '7', column: area}\n")
    edit(path, "    table: box1\n", "    table: box1\n" + check)
    assert ("unknown-reference", f"{TABLES}/checks.yaml", line_of(path, "row: '7'")) in keys(mini)


def test_missing_chinese_text(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "        zh: 重点勘查区内优先投放探矿权。", "        zh: ''")
    assert ("missing-text", f"{PLAN}/ch2.yaml", line_of(path, "zh: ''")) in keys(mini)


def test_missing_english_slot(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "        en: Exploration rights are granted first within key exploration areas.\n", "")
    assert ("missing-en-slot", f"{PLAN}/ch2.yaml", line_of(path, "zh: 重点勘查区内优先") - 1) in keys(mini)


def test_numeric_column_without_unit(mini: Path) -> None:
    path = mini / TABLES / "box1.yaml"
    edit(path, "    unit: 平方千米\n", "")
    assert ("missing-unit", f"{TABLES}/box1.yaml", line_of(path, "key: area")) in keys(mini)


def test_value_that_is_not_a_number(mini: Path) -> None:
    path = mini / TABLES / "box1.yaml"
    edit(path, "area: '12.5'", "area: 十二点五")
    assert ("not-a-number", f"{TABLES}/box1.yaml", line_of(path, "area: 十二点五")) in keys(mini)


def test_stated_total_no_longer_matches(mini: Path) -> None:
    """An editor "corrects" a figure: the text no longer matches the source, and the total no longer adds up."""
    edit(mini / PLAN / "ch1.yaml", "全市关闭矿山12个", "全市关闭矿山13个")
    path = mini / TABLES / "checks.yaml"
    edit(path, "stated: {quote: 全市关闭矿山12个}", "stated: {quote: 全市关闭矿山13个}")
    found = keys(mini)
    assert ("total-mismatch", f"{TABLES}/checks.yaml", line_of(path, "id: closed-mines")) in found
    assert ("fidelity-changed", f"{PLAN}/ch1.yaml", line_of(mini / PLAN / "ch1.yaml", "13个")) in found


def test_row_count_no_longer_matches(mini: Path) -> None:
    path = mini / TABLES / "box1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - cells:\n      seq: '2'")], encoding="utf-8")
    checks = mini / TABLES / "checks.yaml"
    assert ("total-mismatch", f"{TABLES}/checks.yaml", line_of(checks, "id: key-exploration-areas-rows")) in keys(mini)


def test_quote_no_longer_in_text(mini: Path) -> None:
    path = mini / TABLES / "checks.yaml"
    edit(path, "{quote: 煤矿5个}", "{quote: 煤矿6个}")
    assert ("quote-not-found", f"{TABLES}/checks.yaml", line_of(path, "煤矿6个")) in keys(mini)


def test_stale_discrepancy(mini: Path) -> None:
    path = mini / TABLES / "checks.yaml"
    note = "    discrepancy: {zh: 不符。, en: Does not add up.}\n"
    edit(path, "      - {quote: 砂石土矿7个}\n", "      - {quote: 砂石土矿7个}\n" + note)
    assert ("stale-discrepancy", f"{TABLES}/checks.yaml", line_of(path, "discrepancy:")) in keys(mini)


def test_identifier_removed_from_register(mini: Path) -> None:
    register = mini / "content" / "identifiers.yaml"
    edit(register, "  mini-2021-2025/ch2/s2/p1: 重点勘查区内优先投放探矿权。\n", "")
    path = mini / PLAN / "ch2.yaml"
    assert ("identifier-unregistered", f"{PLAN}/ch2.yaml", line_of(path, "zh: 重点勘查区内优先") - 1) in keys(mini)


def test_published_identifier_disappears(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "      - id: p1\n        zh: 重点勘查区内优先", "      - id: p2\n        zh: 重点勘查区内优先")
    register = mini / "content" / "identifiers.yaml"
    found = keys(mini)
    assert ("identifier-removed", "content/identifiers.yaml", line_of(register, "ch2/s2/p1:")) in found
    assert ("identifier-unregistered", f"{PLAN}/ch2.yaml", line_of(path, "id: p2")) in found


def test_redirect_keeps_a_renamed_identifier(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "      - id: p1\n        zh: 重点勘查区内优先", "      - id: p2\n        zh: 重点勘查区内优先")
    register = mini / "content" / "identifiers.yaml"
    edit(register, "redirects: {}\n", "redirects:\n  mini-2021-2025/ch2/s2/p1: mini-2021-2025/ch2/s2/p2\n")
    entry = "  mini-2021-2025/ch2/s2/p2: 重点勘查区内优先投放探矿权。\n"
    edit(register, "  mini-2021-2025/box1:", entry + "  mini-2021-2025/box1:")
    assert keys(mini) == []


def test_identifier_reused(mini: Path) -> None:
    path = mini / TABLES / "box1.yaml"
    edit(path, "name: {zh: 乙区, en: Area B}", "name: {zh: 丙区, en: Area C}")
    assert ("identifier-reused", f"{TABLES}/box1.yaml", line_of(path, "丙区") - 2) in keys(mini)


def test_misspelt_key(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "    heading: {zh: 管控, en: Control}", "    heading: {zh: 管控, en: Control}\n    blokcs: []")
    assert ("unknown-key", f"{PLAN}/ch2.yaml", line_of(path, "blokcs")) in keys(mini)


def test_unquoted_comma_in_english(mini: Path) -> None:
    """In a { } mapping an unquoted comma starts a new key: caught, not silently dropped."""
    path = mini / PLAN / "ch2.yaml"
    edit(path, "heading: {zh: 管控, en: Control}", "heading: {zh: 管控, en: Control, monitoring}")
    assert ("unknown-key", f"{PLAN}/ch2.yaml", line_of(path, "Control, monitoring")) in keys(mini)


def test_id_must_follow_printed_number(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "  - id: s2\n", "  - id: s3\n")
    assert ("id-mismatch", f"{PLAN}/ch2.yaml", line_of(path, "id: s3")) in keys(mini)


def test_fidelity_changed(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "zh: 重点勘查区内优先投放探矿权。", "zh: 重点勘查区内优先投放采矿权。")
    assert ("fidelity-changed", f"{PLAN}/ch2.yaml", line_of(path, "采矿权")) in keys(mini)


def test_fidelity_missing(mini: Path) -> None:
    path = mini / PLAN / "ch2.yaml"
    edit(path, "      - id: p1\n        zh: 重点勘查区内优先投放探矿权。\n"
         "        en: Exploration rights are granted first within key exploration areas.\n", "")
    found = keys(mini)
    assert "fidelity-missing" in {code for code, _, _ in found}
    assert ("identifier-removed", "content/identifiers.yaml",
            line_of(mini / "content" / "identifiers.yaml", "ch2/s2/p1:")) in found


def test_fidelity_extra(mini: Path) -> None:
    path = mini / PLAN / "ch1.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: p2\n    zh: 编者补充的一句。\n    en: ''\n",
                    encoding="utf-8")
    assert ("fidelity-extra", f"{PLAN}/ch1.yaml", line_of(path, "编者补充")) in keys(mini)


def test_all_problems_at_once(mini: Path) -> None:
    """Three unrelated mistakes in three files: all three reported, sorted, in one run."""
    edit(mini / TABLES / "box1.yaml", "area: '12.5'", "area: 十二点五")
    edit(mini / TABLES / "box1.yaml", "    unit: 平方千米\n", "")
    edit(mini / PLAN / "ch2.yaml", "- box: box1", "- box: box1\n      - box: box2")
    found = keys(mini)
    codes = {code for code, _, _ in found}
    assert {"not-a-number", "missing-unit", "unknown-reference"} <= codes
    assert found == sorted(found, key=lambda k: (k[1], k[2], k[0])) or len(found) >= 3
    report = check_project(mini).diagnostics.report()
    for line in report.splitlines():
        file_and_line, rest = line.split(" ", 1)
        assert ":" in file_and_line and " — " in rest, line  # file:line key.path: what — how to fix


# ------------------------------------------------------------------------------------------------ the case table

@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_a_diagnostic(case: BadInput, tmp_path: Path) -> None:
    """Every case of tests/bad_inputs.py ends in its diagnostic at its file and line, never a traceback."""
    root = project_with_config(case.project, tmp_path / "project")
    case.mutate(root)
    found = check_site(root / "mkdocs.yml", root).diagnostics
    assert case.expect(root) in found.keys, found.report()


def test_invisible_characters_are_shown_escaped(tmp_path: Path) -> None:
    """A message shows what a reader cannot see: "printed" and "print\u200bed" must not look alike."""
    root = project_with_config("mini", tmp_path / "project")
    edit(root / PLAN / "ch2.yaml", "en: Exploration rights", "en: Explo\u200bration \u202erights")
    report = check_site(root / "mkdocs.yml", root).diagnostics.report()
    assert "\\u200b" in report and "\\u202e" in report
    assert "\u200b" not in report and "\u202e" not in report


def test_long_values_are_abbreviated(tmp_path: Path) -> None:
    root = project_with_config("mini", tmp_path / "project")
    edit(root / TABLES / "box1.yaml", "area: '12.5'", "area: '" + "十" * 1_000_000 + "'")
    diagnostics = list(check_site(root / "mkdocs.yml", root).diagnostics)
    assert diagnostics and max(len(str(d)) for d in diagnostics) < 1000
    assert any("characters left out" in str(d) for d in diagnostics)


def test_a_parent_cycle_is_one_message(tmp_path: Path) -> None:
    """Not hundreds of missing links: the cycle is named, once per plan in it."""
    root = project_with_config("real", tmp_path / "project")
    edit(root / "content/liaoning-2021-2025/plan.yaml", "parent: null", "parent: chaoyang-2021-2025")
    errors = check_site(root / "mkdocs.yml", root).diagnostics.errors
    assert {d.code for d in errors} == {"parent-cycle"} and len(errors) == 2
    assert all("liaoning-2021-2025 → chaoyang-2021-2025" in d.message or
               "chaoyang-2021-2025 → liaoning-2021-2025" in d.message for d in errors)


def test_a_load_error_hides_no_other_file(tmp_path: Path) -> None:
    """A syntax error in the glossary and a changed figure in a plan: both are reported in one run."""
    root = project_with_config("mini", tmp_path / "project")
    edit(root / "tables/glossary.yaml", "  - id: exploration\n", "  - id: [exploration\n")
    edit(root / PLAN / "ch1.yaml", "全市关闭矿山12个", "全市关闭矿山13个")
    codes = {d.code for d in check_site(root / "mkdocs.yml", root).diagnostics.errors}
    assert {"yaml-syntax", "fidelity-changed", "quote-not-found"} <= codes


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """Nine levels of nine aliases would expand to 387 million strings: the reader stops at the budget,
    after visiting a few dozen nodes (asserted as work done, not as time)."""
    from build_tools.yamlio import ALIAS_BUDGET, load_yaml

    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    found = Diagnostics()
    assert load_yaml(path, tmp_path, found) is None
    assert found.keys == [("yaml-alias", "bomb.yaml", 3)]
    assert ALIAS_BUDGET <= 20
