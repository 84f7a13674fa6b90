"""Pages that answer at a glance, as a reader meets them in Chromium: the mineral dossiers, the zone pages and
index, the inspector's map and the glossary, in both languages — labelled tables with every value under its
header, statuses in words, no pipe-joined rows or field names, no untranslated text on English pages, Chinese
marked as Chinese, and no serious accessibility violation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.pipeline import Checked
from build_tools.serving import static_server

pytestmark = pytest.mark.browser

DOSSIERS = ["minerals/bentonite/", "minerals/sand-gravel-earth/", "minerals/geothermal/"]
ZONES = ["zones/lingyuan-shanzuizi-town-kazuo-dachengzi-town/", "zones/beipiao-dongsijiazi-erdaozhangzi/"]
PAGES = [*DOSSIERS, *ZONES, "zones/", "zones/key-exploration-area/", "implementation/", "glossary/", "consistency/"]
BOTH = [prefix + path for path in PAGES for prefix in ("", "en/")]


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with static_server(site) as url:
        yield url


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


def _table(page: Page, caption: str) -> list[dict[str, str]]:
    """A table as a reader reads it: each body row as {column header: cell text}."""
    return page.evaluate("""caption => {
        const table = [...document.querySelectorAll('article table')].find(
            t => t.caption && t.caption.textContent.includes(caption));
        if (!table) return null;
        const heads = [...table.tHead.rows[0].cells].map(c => c.textContent.trim());
        return [...table.tBodies[0].rows].map(r => Object.fromEntries(
            [...r.cells].map((c, i) => [heads[i], c.textContent.trim()])));
    }""", caption)


# What a reader sees on every page of these kinds ---------------------------------------------------------------

@pytest.mark.parametrize("path", BOTH)
def test_tables_are_labelled(page: Page, served: str, path: str) -> None:
    """Every table has a caption and a header for every column, and each body row as many cells."""
    page.goto(served + path)
    problems = page.evaluate("""() => [...document.querySelectorAll('article table')].flatMap(t => {
        const out = [];
        if (!t.caption || !t.caption.textContent.trim()) out.push('no caption');
        const heads = t.tHead ? [...t.tHead.rows[0].cells] : [];
        if (!heads.length || heads.some(h => h.getAttribute('scope') !== 'col' || !h.textContent.trim()))
            out.push('headers: ' + (t.caption ? t.caption.textContent : ''));
        const width = heads.reduce((n, h) => n + h.colSpan, 0);
        for (const r of t.tBodies[0].rows) {
            const cells = [...r.cells].reduce((n, c) => n + c.colSpan, 0);
            if (cells !== width && !t.classList.contains('plan-table-grid')) out.push('row of ' + cells + ' cells');
        }
        return out;
    })""")
    assert problems == []


@pytest.mark.parametrize("path", BOTH)
def test_no_pipe_joined_rows_or_field_names(page: Page, served: str, path: str) -> None:
    """(The glossary's cells are words of the plans, some of which are English words; its headers are checked.)"""
    page.goto(served + path)
    text = page.inner_text("article")
    assert " | " not in text
    cells = page.evaluate("[...document.querySelectorAll('article thead th' + "
                          "(location.pathname.includes('glossary') ? '' : ', article th, article td'))]"
                          ".map(c => c.textContent.trim())")
    assert not {"seq", "name", "description", "sub_indicator", "minerals", "category"} & set(cells)


@pytest.mark.parametrize("path", ["en/" + p for p in PAGES])
def test_english_pages_mark_every_chinese_word(page: Page, served: str, path: str) -> None:
    """Chinese on an English page is a name or quote kept as printed, marked lang="zh-Hans" so it is drawn
    with simplified glyphs and read by a Chinese voice; nothing else is left untranslated."""
    page.goto(served + path)
    unmarked = page.evaluate("""() => {
        const han = /[\\u3400-\\u9fff\\uf900-\\ufaff]/;
        const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
        const out = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!han.test(n.textContent)) continue;
            const marked = n.parentElement.closest('[lang]');
            if (!marked || !marked.lang.startsWith('zh')) out.push(n.textContent.trim().slice(0, 40));
        }
        return out;
    }""")
    assert unmarked == []


@pytest.mark.parametrize("path", BOTH)
def test_no_serious_accessibility_violations(page: Page, served: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served + path)
    results = Axe().run(page)
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


# Answers ---------------------------------------------------------------------------------------------------

def test_bentonite_dossier_answers_can_a_mine_be_opened_where_and_at_what_scale(page: Page, served: str) -> None:
    page.goto(served + "en/minerals/bentonite/")
    status = {row["Status"]: row for row in _table(page, "What each plan says of bentonite")}
    assert status["key mineral for mining"]["Chaoyang Plan"].startswith("yes: Chaoyang Plan, ch. 5")
    assert status["prohibited mining"]["Chaoyang Plan"] == "not stated"
    scales = _table(page, "Box 5 Minimum Mining Scales of Mines")
    assert scales == [{"Row": "8", "No.": "8", "Mineral commodity mined": "bentonite", "Mining method": "open-pit",
                       "Unit": "10⁴ t/a", "Large mine": "10", "Medium-sized mine": "5", "Small mine": "（blank）",
                       "Existing mine": "–"}]  # an annual scale, its unit a rate
    assert "no minimum mining scale is required" in page.inner_text("#scales ~ p.plan-aid, .plan-aid")
    targets = _table(page, "Box 1 Main Indicators of the Plan")
    assert targets[0]["Target value"] == "500" and targets[0]["Unit"] == "10⁴ t"
    assert "newly added filed resources and reserves of bentonite" in page.inner_text("article")
    zones = {row["Code"]: row for row in _table(page, "Zones")}
    assert zones["ZC7"]["Against the provincial plan"] == "city-level addition"
    assert zones["ZK6"]["Type"] == "key exploration area" and zones["ZK6"]["Location"] == "Jianping County"
    assert page.locator("h4").first.inner_text().startswith("Chapter")  # provisions by chapter
    assert page.locator(".plan-beside").count() > 0  # Chaoyang clauses beside the Liaoning provisions


def test_bentonite_dossier_in_chinese(page: Page, served: str) -> None:
    page.goto(served + "minerals/bentonite/")
    scales = _table(page, "专栏五 矿山最低开采规模")
    assert scales[0]["大型"] == "10" and scales[0]["小型"] == "（空白）" and scales[0]["已有矿山"] == "－"
    status = {row["规定"]: row for row in _table(page, "膨润土在各规划中的定位")}
    assert status["重点开采矿种"]["朝阳市规划"].startswith("有此规定")


def test_sand_and_gravel_dossier_has_its_minimum_scale(page: Page, served: str) -> None:
    page.goto(served + "en/minerals/sand-gravel-earth/")
    compared = {row["Check"]: row for row in _table(page, "City and provincial figures compared")}
    scale = compared["Minimum mining scale of new, renovated or expanded, and renewed sand, gravel and earth mines"]
    assert "50万吨" in scale["City"] and scale["In common units"] == "50 / 50 10⁴ t/a"
    assert scale["Result"] == "consistent"


def test_geothermal_dossier_shows_the_zone_without_provincial_row(page: Page, served: str) -> None:
    page.goto(served + "en/minerals/geothermal/")
    zones = {row["Code"]: row for row in _table(page, "Zones")}
    assert zones["ZK5"]["Against the provincial plan"].startswith("no provincial row")


def test_zk5_says_it_has_no_provincial_row(page: Page, served: str) -> None:
    page.goto(served + "en/zones/lingyuan-shanzuizi-town-kazuo-dachengzi-town/")
    assert page.inner_text(".plan-facts").count("no provincial row") == 1
    row = _table(page, "Box 2 Key Exploration Areas")[0]
    assert row["Code"] == "ZK5" and row["Against the provincial plan"] == "no provincial row"


def test_zc2_shows_both_rows_and_what_differs(page: Page, served: str) -> None:
    page.goto(served + "en/zones/beipiao-dongsijiazi-erdaozhangzi/")
    assert "differs: name" in page.inner_text(".plan-facts")
    pair = {row["Column"]: row for row in _table(page, "Liaoning Beipiao Dongsijiazi–Erdaozhangzi")}
    assert "辽宁北票东四家子" in pair["Name"]["City plan"] and "辽宁北票东四家-" in pair["Name"]["Provincial plan"]
    assert pair["Name"]["Against the provincial plan"] == "differs"
    assert pair["Minerals"]["Against the provincial plan"] == "matches"
    page.goto(served + "zones/beipiao-dongsijiazi-erdaozhangzi/")
    assert "不一致：名称" in page.inner_text(".plan-facts")


def test_zone_index_states_each_status(page: Page, served: str) -> None:
    page.goto(served + "en/zones/")
    exploration = {row["Code"]: row for row in _table(page, "key exploration area") if row["Code"]}
    assert exploration["ZK4"]["Against the provincial plan"] == "matches"
    assert exploration["ZK5"]["Against the provincial plan"].startswith("no provincial row")
    assert exploration["ZK6"]["Against the provincial plan"] == "city-level addition"
    counties = {row["County"]: row for row in _table(page, "Zones by county")}
    assert "ZK5" in counties["Kazuo County"]["key exploration area"]
    page.goto(served + "en/chaoyang-2021-2025/box2/")
    box = {row["Code"]: row for row in _table(page, "Box 2 Key Exploration Areas")}
    assert box["ZK7"]["Against the provincial plan"] == "city-level addition"


def test_the_map_filters_and_its_counts_follow(page: Page, served: str, checked: Checked) -> None:
    departs = sum(1 for link in checked.concordance.links if link.relation == "departs")
    assert departs >= 5
    page.goto(served + "en/implementation/")
    counts = {row["Relation"]: int(row["Number"]) for row in _table(page, "Links by relation")}
    assert counts["departs"] == departs and page.locator("tr.plan-attention").count() >= departs
    total = page.locator("table[data-map] tbody tr").count()
    page.select_option("select[name=relation]", "departs")
    assert page.locator("table[data-map] tbody tr:visible").count() == departs
    assert f"Showing {departs} of {total} rows" in page.inner_text("[data-map-shown]")
    counts = {row["Relation"]: int(row["Number"]) for row in _table(page, "Links by relation")}
    assert counts["departs"] == departs and counts["implements"] == 0
    page.select_option("select[name=relation]", "")
    page.select_option("select[name=mineral]", "bentonite")
    shown = page.locator("table[data-map] tbody tr:visible").count()
    assert 0 < shown < total
    first = page.locator("table[data-map] tbody tr:visible").first.inner_text()
    assert "Chapter" in first or "General" in first  # every provision with its chapter
    page.click("form[data-map-filters] button[type=reset]")
    expect(page.locator("table[data-map] tbody tr:visible")).to_have_count(total)  # applied after the reset


def test_the_map_shows_every_row_without_javascript(browser: Browser, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(served + "implementation/")
    assert pg.locator("table[data-map] tbody tr:visible").count() == pg.locator("table[data-map] tbody tr").count()
    assert not pg.locator("form[data-map-filters]").is_visible()
    context.close()


def test_glossary_explains_coined_terms_and_links_provisions(page: Page, served: str) -> None:
    page.goto(served + "en/glossary/")
    row = page.locator("tr#clean-ore-granting")
    assert "净矿出让" in row.inner_text() and "clean-ore granting" in row.inner_text()
    assert "ecological protection red line" in row.inner_text()
    row.locator("summary").click()
    assert row.locator("details a").count() >= 1
    page.fill("input[name=text]", "五矿共治")
    assert page.locator("table[data-glossary] tbody tr:visible").count() == 1
    page.goto(served + "glossary/")
    assert "稀有金属、稀土金属和稀散金属" in page.inner_text("tr#three-rare")


def test_english_pages_count_in_the_plural(page: Page, served: str) -> None:
    page.goto(served + "en/minerals/")
    text = page.inner_text("article")
    assert not re.search(r"\b1 provisions", text) and re.search(r"\b1 provision\b", text)
    page.goto(served + "en/consistency/")
    text = page.inner_text("article")
    assert not re.search(r"\b1 inconsistencies", text) and "1 inconsistency of the source" in text
    page.goto(served + "consistency/")
    text = page.inner_text("article")
    assert "listed" not in text and " rows" not in text


@pytest.mark.parametrize("path", ["404.html", "en/404.html"])
def test_missing_page_is_bilingual(page: Page, served: str, path: str) -> None:
    """The page a server shows for a missing address (this test's server does not: it is opened directly)."""
    page.goto(served + path)
    text = page.inner_text("article")
    assert "Page not found" in text and "未找到该页面" in text


def test_a_paragraph_without_counterpart_says_why(page: Page, served: str) -> None:
    """Every Chaoyang paragraph is linked or explained: where the Liaoning plan has nothing, the article page
    says so, with the concordance's reason — for each paragraph, or once for a division explained as a whole."""
    page.goto(served + "en/chaoyang-2021-2025/ch2/s4/")
    section = page.inner_text("section.plan-no-counterpart")
    assert section.startswith("No counterpart in the Liaoning")
    assert "para. 1: An introductory account" in section and "para. 2: This paragraph states" in section
    assert "para. 3" not in section  # linked: it shows under "Implements"
    page.goto(served + "en/chaoyang-2021-2025/ch2/s1/")
    assert "all paragraphs: The provincial plan has no provision on city-level economic" in page.inner_text(
        "section.plan-no-counterpart")
    page.goto(served + "chaoyang-2021-2025/ch2/s4/")
    assert "第一段：" in page.inner_text("section.plan-no-counterpart")
    page.goto(served + "en/liaoning-2021-2025/ch1/s1/")
    assert page.locator("section.plan-no-counterpart").count() == 0  # the top plan answers to none
