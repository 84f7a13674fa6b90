"""The built site as a reader sees it, in headless Chromium (found by build_tools.browser, driven by Playwright)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page

from build_tools.serving import static_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site, built by MkDocs, zipped, unzipped under a path prefix elsewhere, and served there by a
    plain static server: what an intranet administrator does with it."""
    archive = shutil.make_archive(str(tmp_path_factory.mktemp("build") / "site"), "zip", site)
    root = tmp_path_factory.mktemp("www")
    shutil.unpack_archive(archive, root / "intranet" / "plans")
    with static_server(root) as url:
        yield url + "intranet/plans/"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


def visit(page: Page, url: str) -> tuple[list[str], list[str]]:
    """Open `url`; return every requested URL and every failed or 4xx/5xx one."""
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return requested, failed


@pytest.mark.parametrize("path", ["", "liaoning-2021-2025/ch6/s5/", "chaoyang-2021-2025/box5/",
                                  "chaoyang-2021-2025/ch5/s2/ss1/i1/", "liaoning-2021-2025/consistency/"])
def test_pages_load_offline_from_a_path_prefix(page: Page, served: str, path: str) -> None:
    requested, failed = visit(page, served + path)
    host = urlparse(served).netloc
    assert [u for u in requested if urlparse(u).netloc not in (host, "")] == []
    assert failed == []
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert page.locator("h1").first.inner_text().strip()


def test_paragraph_link_and_navigation(page: Page, served: str) -> None:
    visit(page, served + "liaoning-2021-2025/ch6/s5/")
    page.locator("#p2 .plan-para-num").click()
    assert page.url.endswith("/liaoning-2021-2025/ch6/s5/#p2")
    page.get_by_role("link", name="第六章 强化矿产资源开发利用与保护").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/liaoning-2021-2025/ch6/")
    assert page.locator("h1").inner_text().startswith("第六章")


def test_table_page_shows_typed_table(page: Page, served: str) -> None:
    visit(page, served + "chaoyang-2021-2025/box5/")
    row = page.locator("#row-1")
    assert "400／120" in row.inner_text()
    assert page.locator("table.plan-table caption").first.inner_text() == "专栏五 矿山最低开采规模"


def test_print_hides_navigation_and_keeps_citation(page: Page, served: str) -> None:
    visit(page, served + "liaoning-2021-2025/ch6/s5/")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".plan-cite").is_visible()
    assert "https://mineral-plans.example.gov.cn/liaoning-2021-2025/ch6/s5/" in page.locator(".plan-cite").inner_text()


def test_language_switch_keeps_the_page(page: Page, served: str) -> None:
    visit(page, served + "chaoyang-2021-2025/ch5/s2/ss1/i1/")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url == served + "en/chaoyang-2021-2025/ch5/s2/ss1/i1/"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text().startswith("1.")
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="中文").click()
    page.wait_for_load_state()
    assert page.url == served + "chaoyang-2021-2025/ch5/s2/ss1/i1/"


@pytest.mark.parametrize("path", ["en/", "en/liaoning-2021-2025/ch6/s5/", "en/chaoyang-2021-2025/box2/"])
def test_english_pages_load_offline(page: Page, served: str, path: str) -> None:
    requested, failed = visit(page, served + path)
    host = urlparse(served).netloc
    assert [u for u in requested if urlparse(u).netloc not in (host, "")] == []
    assert failed == []
    assert page.evaluate("document.documentElement.lang") == "en"


def test_copy_buttons_copy_the_citation(browser: Browser, served: str) -> None:
    import datetime

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served + "liaoning-2021-2025/ch6/s5/")
    page.locator(".plan-cite button.plan-copy").nth(2).click()  # GB/T 7714
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("辽宁省人民政府. 辽宁省矿产资源总体规划（2021-2025年）：第六章第五节[EB/OL]. (2022-10)[")
    assert f"[{datetime.date.today().isoformat()}]" in copied
    assert copied.endswith("https://mineral-plans.example.gov.cn/liaoning-2021-2025/ch6/s5/.")
    page.locator("#p3").hover()
    page.locator("#p3 .plan-para-cite button").first.click()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "《辽宁省矿产资源总体规划（2021-2025年）》第六章第五节第三段"
        "（https://mineral-plans.example.gov.cn/liaoning-2021-2025/ch6/s5/#p3）")
    context.close()


def _tab_until(page: Page, selector: str, limit: int = 200) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return True
    return False


def test_keyboard_reaches_language_switch_paragraph_links_and_copy_buttons(page: Page, served: str) -> None:
    visit(page, served + "liaoning-2021-2025/ch6/s5/")
    assert _tab_until(page, "a.md-select__link")
    assert _tab_until(page, "a.plan-para-num")
    assert page.locator("#p1 .plan-para-cite").is_visible()  # the citation shows on focus
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('#p1 .plan-para-cite button.plan-copy')")
    assert _tab_until(page, ".plan-cite button.plan-copy")


@pytest.mark.parametrize("path", ["liaoning-2021-2025/ch6/s5/", "en/liaoning-2021-2025/ch6/s5/",
                                  "chaoyang-2021-2025/box5/", "en/chaoyang-2021-2025/box2/",
                                  "liaoning-2021-2025/", "chaoyang-2021-2025/box2/ZK4/",
                                  "liaoning-2021-2025/ch3/s1/zh-en/", "liaoning-2021-2025/consistency/"])
def test_no_serious_accessibility_violations(page: Page, served: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    visit(page, served + path)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_search_page_is_accessible(page: Page, served: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    visit(page, served + "liaoning-2021-2025/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("膨润土")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def _platform_fonts(page: Page, selector: str) -> set[str]:
    """The fonts Chromium actually drew a node's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")
    node = cdp.send("DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": selector})
    return {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]}


def test_printed_article_uses_simplified_chinese_glyphs(page: Page, served: str) -> None:
    """lang="zh" would make Chromium pick Japanese glyph forms; zh-Hans picks the simplified ones."""
    visit(page, served + "liaoning-2021-2025/ch6/s5/")
    page.emulate_media(media="print")
    fonts = _platform_fonts(page, "#p1 > p")
    assert any("CJK SC" in f for f in fonts), fonts
    assert not any("CJK JP" in f or "CJK TC" in f for f in fonts), fonts
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    visit(page, served + "en/liaoning-2021-2025/ch6/s5/")
    fonts = _platform_fonts(page, ".plan-cite span[lang=zh-Hans]")
    assert any("CJK SC" in f for f in fonts), fonts
