"""The built site as a reader sees it, in headless Chromium (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .site_build import ROOT, mkdocs

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site, built by MkDocs and served under a path prefix by a plain static server."""
    root = tmp_path_factory.mktemp("www")
    result = mkdocs(ROOT / "mkdocs.yml", root / "plans")
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/plans/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


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
