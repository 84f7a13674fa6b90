"""The site built without MkDocs: written to disk and built with Zensical by `python -m build_tools zensical`
(build_tools/engine.py), both languages. Every internal link and anchor resolves; the article pages hold the
text in their language and declare it; every page-level guarantee of test_site.py holds; the site's own search
ships and answers; and no payload from content runs (Zensical does not autoescape: the export escapes)."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from markupsafe import escape
from playwright.sync_api import Browser

from build_tools.addresses import LANGUAGES, SEARCH_FOLDER, prefix
from build_tools.engine import render
from build_tools.labels import SEARCH_WORDS
from build_tools.model import Paragraph
from build_tools.pipeline import Checked
from build_tools.serving import static_server

from . import test_injection as injection_tests
from . import test_site as site_tests
from .conftest import project_with_config
from .injection import inject
from .linkcheck import broken_links
from .site_build import ROOT

pytestmark = [pytest.mark.site, pytest.mark.slow]

ARTICLE = "liaoning-2021-2025/ch6/s5/"


def zensical(root: Path, work: Path) -> Path:
    """The project at `root` built by the command line into work/site (its Zensical projects in work/project)."""
    result = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "zensical",
                             "--out", str(work / "project"), "--site", str(work / "site")],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built with Zensical once (the PDFs printed, as mkdocs.yml asks)."""
    return zensical(ROOT, tmp_path_factory.mktemp("zensical"))


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    broken, checked = broken_links(built)
    assert broken == []
    assert checked > 40_000  # the check really ran over both languages


def test_article_pages_hold_the_text_in_both_languages(built: Path, checked: Checked) -> None:
    plan = next(p for p in checked.corpus.plans if p.id == ARTICLE.split("/")[0])
    division = plan.division(ARTICLE.split("/", 1)[1].strip("/"))
    assert division is not None
    paragraph = next(b for b in division.blocks if isinstance(b, Paragraph) and not b.notes)
    chinese = (built / ARTICLE / "index.html").read_text(encoding="utf-8")
    english = (built / "en" / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in chinese and '<html lang="en"' in english
    assert str(escape(paragraph.text.zh)) in chinese and str(escape(paragraph.text.en)) in english
    assert str(escape(paragraph.text.en)) not in chinese


def _site_checks() -> list[Callable[..., None]]:
    """test_site.py's checks of a built site (those that take only the site and the checked content)."""
    return [fn for name, fn in inspect.getmembers(site_tests, inspect.isfunction)
            if name.startswith("test_") and "site" in inspect.signature(fn).parameters
            and set(inspect.signature(fn).parameters) <= {"site", "checked"}]


@pytest.mark.parametrize("check", _site_checks(), ids=lambda fn: fn.__name__)
def test_what_the_mkdocs_site_guarantees(built: Path, checked: Checked, check: Callable[..., None]) -> None:
    """Pages, languages and their switch, relative links, no request to another host, citations, reports,
    search index: the same checks as the MkDocs build's, on the Zensical build."""
    check(**{name: built if name == "site" else checked for name in inspect.signature(check).parameters})


def test_the_sites_own_search_ships(built: Path) -> None:
    """The search script, and the index the generator emits beside the pages, byte for byte, in each language;
    the words the script shows are given to it intact (an attribute Zensical would print unescaped)."""
    site = render(ROOT)
    script = (ROOT / "build_tools/docs/assets/plans-search.js").read_bytes()
    for lang in LANGUAGES:
        assert (built / prefix(lang) / "assets/plans-search.js").read_bytes() == script
        index = [f for f in site.files if f.lang == lang and f.path.startswith(SEARCH_FOLDER)]
        assert len(index) > 10 and any(f.path == f"{SEARCH_FOLDER}meta.json" for f in index)
        for file in index:
            assert (built / prefix(lang) / file.path).read_text(encoding="utf-8") == file.text, file.path
        page = (built / prefix(lang) / ARTICLE / "index.html").read_text(encoding="utf-8")
        words = re.search(r'data-words="([^"]*)"', page)
        assert words is not None and json.loads(unescape(words.group(1))) == SEARCH_WORDS[lang]


@pytest.mark.browser
def test_the_sites_own_search_answers(built: Path, browser: Browser) -> None:
    with static_server(built) as base:
        page = browser.new_page()
        for lang, query in (("zh", "膨润土"), ("en", "bentonite")):
            page.goto(base + prefix(lang) + ARTICLE)
            page.locator("label.md-search__icon, .md-search__input").first.click()
            page.locator("input.md-search__input").fill(query)
            page.keyboard.press("End")
            page.wait_for_selector(".md-search-result__item")
            first = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
            assert first.startswith(f"{base}{prefix(lang)}minerals/bentonite/"), (lang, first)  # the dossier first
        page.close()


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> injection_tests.Injected:
    """The real project with markup in every kind of field (tests/injection.py), built with Zensical."""
    work = tmp_path_factory.mktemp("zensical-injected")
    root = project_with_config("real", work / "root")
    fields = inject(root)
    site = zensical(root, work)
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}
    return injection_tests.Injected(root, site, fields, pages)


@pytest.mark.parametrize("check", [
    injection_tests.test_every_shown_field_reaches_the_pages_as_text,
    injection_tests.test_no_script_element_from_content,
    injection_tests.test_no_event_handler_from_content,
    injection_tests.test_no_script_address_from_content,
    injection_tests.test_no_attribute_list_from_content,
    injection_tests.test_no_jinja_from_content,
], ids=lambda fn: fn.__name__)
def test_nothing_from_content_runs(injected: injection_tests.Injected,
                                   check: Callable[[injection_tests.Injected], None]) -> None:
    """The injection checks of the MkDocs build, on the Zensical build of the same hostile content."""
    check(injected)


@pytest.mark.browser
def test_nothing_from_content_runs_in_chromium(injected: injection_tests.Injected, browser: Browser) -> None:
    injection_tests.test_no_payload_runs_in_chromium(injected, browser)
