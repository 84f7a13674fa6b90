"""Search as a reader uses it, in headless Chromium: both languages, Chinese without recall lost to word
segmentation, English by whole words, names across languages, zone codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from build_tools.pages.base import _HAN_RUN
from build_tools.serving import static_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with static_server(site) as url:
        yield url


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    pg = browser.new_page()
    yield pg
    pg.close()


def search(page: Page, base: str, lang: str, query: str, limit: int = 500) -> list[str]:
    """The ranked addresses of a query, from the search script's own entry point (window.plansSearch), as
    site-relative page addresses (the anchor and the terms to highlight left off)."""
    start = base + ("en/" if lang == "en" else "") + "liaoning-2021-2025/"
    if not page.url.startswith(start):
        page.goto(start)
    found = page.evaluate("([q, n]) => window.plansSearch(q, {}, n)", [query, limit])
    prefix = base + ("en/" if lang == "en" else "")
    return [urlsplit(u.replace(prefix, ""))._replace(query="", fragment="").geturl() for u in found["results"]]


@pytest.mark.parametrize(("lang", "query", "expected"), [
    ("zh", "膨润土", "minerals/bentonite/"),
    ("zh", "祁杖子", "zones/beipiao-qizhangzi-erdaogou/"),
    ("zh", "北票祁杖子－二道沟", "zones/beipiao-qizhangzi-erdaogou/"),
    ("zh", "最低开采规模", "chaoyang-2021-2025/ch5/s3/ss2/i1/"),
    ("zh", "集中开采区", "zones/concentrated-mining-area/"),
    ("zh", "重点开采区", "zones/key-mining-area/"),
    ("zh", "ZC4", "chaoyang-2021-2025/box3/ZC4/"),
    ("zh", "GK10000000002", "chaoyang-2021-2025/box4/GK10000000002/"),
    ("zh", "bentonite", "minerals/bentonite/"),
    ("zh", "fluorite", "minerals/fluorite/"),
    ("zh", "菱镁矿", "minerals/magnesite/"),
    ("zh", "净矿出让", "liaoning-2021-2025/ch8/s2/"),
    ("zh", "沙海", "zones/jianping-shahai/"),
    ("en", "bentonite", "minerals/bentonite/"),
    ("en", "fluorite", "minerals/fluorite/"),
    ("en", "膨润土", "minerals/bentonite/"),
    ("en", "祁杖子", "zones/beipiao-qizhangzi-erdaogou/"),
    ("en", "ZC4", "chaoyang-2021-2025/box3/ZC4/"),
    ("en", "Qizhangzi", "zones/beipiao-qizhangzi-erdaogou/"),
    ("en", "magnesite", "minerals/magnesite/"),
    ("en", "clean-ore granting", "liaoning-2021-2025/ch8/s2/"),
    ("en", "key mining area", "zones/key-mining-area/"),
])
def test_query_finds_the_expected_page(page: Page, served: str, lang: str, query: str, expected: str) -> None:
    results = search(page, served, lang, query)
    assert expected in results[:10], results[:10]


def visible_text(html: str) -> str:
    body = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    body = re.sub(r"<!-- search-exclude -->.*?<!-- /search-exclude -->", " ", body, flags=re.S)
    return "".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("query", ["膨润土", "祁杖子", "最低开采规模", "集中开采区", "北票二道沟", "砂石土"])
def test_chinese_query_finds_every_page_containing_it(page: Page, served: str, site: Path, query: str) -> None:
    """No recall lost to word segmentation: every Chinese page whose text contains the string is found."""
    pages = {(p.parent.relative_to(site).as_posix() + "/").removeprefix("./") for p in site.rglob("index.html")
             if not p.relative_to(site).as_posix().startswith("en/") and not {"full", "zh-en"} & set(p.parts)
             and query in visible_text(p.read_text(encoding="utf-8"))}
    found = set(search(page, served, "zh", query))
    assert pages and pages <= found, sorted(pages - found)


def test_english_matches_by_stem_not_inside_words(page: Page, served: str) -> None:
    """'iron' finds the iron pages; 'ironing' is no word of the plans: it is not found inside 'iron', and the
    reader is offered the nearest name instead."""
    results = search(page, served, "en", "iron")
    assert results and "minerals/iron/" in results[:5]
    assert set(search(page, served, "en", "scales")) == set(search(page, served, "en", "scale"))
    found = page.evaluate("window.plansSearch('ironing')")
    assert found["corrected"] not in (None, "iron")


def test_results_are_in_the_readers_language(page: Page, served: str) -> None:
    assert all(not r.startswith("en/") for r in search(page, served, "zh", "膨润土"))
    page.goto(served + "en/liaoning-2021-2025/")
    english = search(page, served, "en", "bentonite")
    assert english and all(not r.startswith(("http", "../")) for r in english)


@pytest.mark.parametrize("query", [
    " ".join(["a"] * 10),  # repeated letters: each used to re-mark the <mark> tags of the last (3^n HTML)
    " ".join(["coal"] * 2000),  # a 2,000-term query
    " ".join(f"w{i}" for i in range(2000)) + " 膨润土",  # 2,000 different terms
    "mark mar ma m a r k",  # terms found inside the highlighting's own markup
])
def test_hostile_queries_answer_at_once(page: Page, served: str, query: str) -> None:
    """Bounded work: the query is cut, its terms deduplicated and limited, highlighting marks ranges of the
    plain excerpt. The answer is asserted as output size, and as arriving within a second (a hang bound,
    not a benchmark)."""
    search(page, served, "en", "coal")  # the index loaded: what is timed is the query alone
    page.evaluate("q => { document.querySelector('[data-plans-results] .md-search-result__meta').textContent = '';"
                  " const f = document.querySelector('input[data-plans-query]'); f.value = q;"
                  " f.dispatchEvent(new Event('input')); }", query)
    page.wait_for_function("document.querySelector('[data-plans-results] .md-search-result__meta').textContent"
                           ".match(/\\d|No matching/)", timeout=1000)
    size = page.evaluate("document.querySelector('[data-plans-results]').innerHTML.length")
    assert size < 400_000
    nested = page.evaluate("document.querySelectorAll('[data-plans-results] mark mark').length")
    assert nested == 0
    assert page.evaluate("1 + 1") == 2  # the page still answers


# Typing into the box, as a reader does -------------------------------------------------------------------------

def _type(page: Page, base: str, lang: str, query: str) -> list[str]:
    """Open the search with the keyboard, type the query, wait for the results; their page addresses."""
    page.goto(base + ("en/" if lang == "en" else "") + "liaoning-2021-2025/")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    page.keyboard.press("End")
    return _results(page, base + ("en/" if lang == "en" else ""))


def _results(page: Page, prefix: str) -> list[str]:
    """The page addresses of the results shown, once there are any."""
    page.wait_for_function("document.querySelector('[data-plans-results] .md-search-result__list a')")
    hrefs = page.eval_on_selector_all("[data-plans-results] .md-search-result__list a", "els => els.map(e => e.href)")
    return [urlsplit(h.replace(prefix, ""))._replace(query="", fragment="").geturl() for h in hrefs]


@pytest.mark.parametrize(("lang", "query", "first"), [
    ("zh", "砂石土 最低规模", "chaoyang-2021-2025/ch5/s2/ss1/i3/"),  # several Chinese words, one of them loose
    ("en", "minimum mining scales", "chaoyang-2021-2025/ch5/s3/ss2/"),  # several English words, a plural
    ("zh", "ZC4", "zones/beipiao-qizhangzi-erdaogou/"),  # a zone code
    ("en", "绿色矿山", "chaoyang-2021-2025/ch6/s2/"),  # a policy term typed in the other language
    ("zh", "green mine", "chaoyang-2021-2025/ch6/s2/"),
])
def test_typed_query_puts_the_wanted_page_first(page: Page, served: str, lang: str, query: str, first: str) -> None:
    assert _type(page, served, lang, query)[0] == first


@pytest.mark.parametrize(("lang", "typo", "meant"), [("zh", "膨闰土", "膨润土"), ("en", "benonite", "bentonite")])
def test_a_typo_is_corrected_and_said(page: Page, served: str, lang: str, typo: str, meant: str) -> None:
    results = _type(page, served, lang, typo)
    assert results[0] == "minerals/bentonite/"
    said = page.inner_text("[data-plans-results] .md-search-result__meta")
    assert meant in said and typo in said  # "showing results for …; search for … instead"


# Each part of the results that shows text from the index or the query (a result's title, its breadcrumb, its
# snippet, the correction notice and its button), as the reader's browser has it: (part, [(text, language of the
# nearest element that states one) for each text node in order]).
_PARTS = """() => {
  const parts = {title: 'h1', where: '.plan-search-where', snippet: 'article > p:not(.plan-search-where)',
                 notice: '.plan-search-corrected, .plan-search-original'};
  const out = [];
  for (const [part, selector] of Object.entries(parts)) {
    for (const element of document.querySelectorAll('[data-plans-results] ' + selector.split(', ').join(
        ', [data-plans-results] '))) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n.textContent, n.parentElement.closest('[lang]').getAttribute('lang')]);
      }
      out.push([part, nodes]);
    }
  }
  return out;
}"""
# English on a Chinese page, as the search script marks it: a run of Latin words with three small letters in a
# row somewhere (codes and units such as ZC4, GB/T, km are not English words). Chinese on an English page: the
# pages' own rule (han() of build_tools/pages/base.py).
_WORD = r"[A-Za-z0-9\u00c0-\u024f'\u2019-]*"
_ENGLISH_RUN = re.compile(rf"[A-Za-z\u00c0-\u024f]{_WORD}(?:[ ,.;:()/&\u2013\u2014-]+[A-Za-z0-9\u00c0-\u024f]{_WORD})*")


def _expected_languages(text: str, lang: str) -> list[str]:
    """The language each character of a part's text must be in."""
    own, other = ("en", "zh-Hans") if lang == "en" else ("zh-Hans", "en")
    out = [own] * len(text)
    for run in (_HAN_RUN if lang == "en" else _ENGLISH_RUN).finditer(text):
        if lang == "en" or re.search("[a-z]{3}", run.group()):
            out[run.start():run.end()] = [other] * (run.end() - run.start())
    return out


@pytest.mark.parametrize(("lang", "query", "quoting"), [
    ("en", "flotation", {"title", "snippet"}),  # flotation (浮选); a glossary entry's snippet: 浮选 flotation
    ("en", "膨闰土", {"notice"}),  # a Chinese typo on the English site: the correction notice quotes Chinese
    ("zh", "浮选", {"title"}),  # 浮选 flotation
    ("zh", "deposit", {"snippet"}),  # the highlight cuts "deposits": the s stays English
    ("zh", "ZC4", set()),  # a zone code: not English
])
def test_results_mark_the_other_languages_text(page: Page, served: str, lang: str, query: str,
                                               quoting: set[str]) -> None:
    _type(page, served, lang, query)
    other = "zh-Hans" if lang == "en" else "en"
    found = set()
    for part, nodes in page.evaluate(_PARTS):
        text = "".join(t for t, _ in nodes)
        shown = [at for t, at in nodes for _ in t]  # the language of each character as the browser has it
        assert shown == _expected_languages(text, lang), (part, nodes)
        if other in shown:
            found.add(part)
    assert quoting <= found, f"no {quoting - found} quoting the other language: the query tests less than it claims"


def test_results_name_their_plan_and_link_to_the_paragraph(page: Page, served: str) -> None:
    _type(page, served, "zh", "净矿出让")
    first = page.locator("[data-plans-results] .md-search-result__item").first
    assert "辽宁省规划" in first.locator(".plan-search-where").inner_text() or \
        "朝阳市规划" in first.locator(".plan-search-where").inner_text()
    assert first.locator("mark").first.inner_text() == "净矿出让"
    href = first.locator("a").get_attribute("href") or ""
    assert "#p" in href and "?h=" in href
    first.locator("a").click()
    page.wait_for_load_state("load")
    anchor = urlsplit(page.url).fragment
    marks = page.locator(f"[id='{anchor}'] mark.plan-hit")
    assert marks.count() >= 1 and marks.first.inner_text() == "净矿出让"


def test_the_keyboard_path(page: Page, served: str) -> None:
    _type(page, served, "en", "bentonite")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.md-search-result__list a')")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    assert second != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("Escape")  # from the results back to the box
    assert page.evaluate("document.activeElement.matches('input[data-plans-query]')")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")  # and out: the dialog closes, focus is on no hidden element
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("!document.activeElement || document.activeElement === document.body || "
                         "document.activeElement.offsetParent !== null")
    _type(page, served, "en", "bentonite")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/minerals/bentonite/**")
    _type(page, served, "en", "bentonite")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # Tab out of the dialog: it closes, nothing is left dimmed
    page.wait_for_function("!document.getElementById('__search').checked")


def test_one_search_per_keystroke(page: Page, served: str) -> None:
    """Typing eight characters runs at most eight searches (input and keyup no longer both search), and
    debouncing merges a fast burst."""
    page.goto(served + "en/liaoning-2021-2025/")
    page.keyboard.press("/")
    page.keyboard.type("fluorite", delay=150)
    page.wait_for_function("document.querySelector('[data-plans-results] .md-search-result__list a')")
    count = int(page.get_attribute("[data-plans-results]", "data-searches") or "0")
    assert 1 <= count <= 8
    page.keyboard.press("ArrowLeft")  # keys that do not change the query search nothing
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert int(page.get_attribute("[data-plans-results]", "data-searches") or "0") == count
    page.keyboard.press("Control+a")
    page.keyboard.type("magnesite", delay=0)  # a burst faster than the debounce: one search for it
    page.wait_for_timeout(400)
    assert int(page.get_attribute("[data-plans-results]", "data-searches") or "0") <= count + 2


def test_results_filter_by_plan_and_kind(page: Page, served: str) -> None:
    _type(page, served, "en", "bentonite")
    page.select_option("[data-plans-results] select[name=kind]", "row")
    page.wait_for_function("[...document.querySelectorAll('[data-plans-results] .plan-search-where')]"
                           ".every(e => e.textContent.startsWith('box row'))")
    page.select_option("[data-plans-results] select[name=kind]", "")
    page.select_option("[data-plans-results] select[name=plan]", "Liaoning Plan")
    page.wait_for_function("[...document.querySelectorAll('[data-plans-results] .plan-search-where')]"
                           ".every(e => e.textContent.includes('Liaoning Plan'))")


# The search's address ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "query"), [("zh", "膨润土"), ("en", "bentonite")])
def test_a_search_address_opens_the_dialog_on_its_results(page: Page, served: str, lang: str, query: str) -> None:
    prefix = served + ("en/" if lang == "en" else "")
    page.goto(prefix + "?q=" + quote(query))
    assert _results(page, prefix)[0] == "minerals/bentonite/"
    assert page.evaluate("document.getElementById('__search').checked")  # the dialog is open, the query in its box
    assert page.input_value("input[data-plans-query]") == query
    assert page.evaluate("document.activeElement.matches('input[data-plans-query]')")
    plan = "朝阳市规划" if lang == "zh" else "Chaoyang Plan"
    page.goto(prefix + "?q=" + quote(query) + "&kind=row&plan=" + quote(plan))
    page.wait_for_function("p => { const w = [...document.querySelectorAll('[data-plans-results] .plan-search-where')];"
                           " return w.length > 0 && w.every(e => e.textContent.includes(p)); }", arg=plan)
    assert page.input_value("[data-plans-results] select[name=kind]") == "row"  # the filters shown as set


def _address(page: Page) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("location.search.slice(1)"))


def test_the_address_follows_the_query_and_goes_when_the_dialog_closes(page: Page, served: str) -> None:
    page.goto(served + "en/liaoning-2021-2025/?h=coal")
    page.keyboard.press("/")
    page.keyboard.type("fluorite", delay=20)
    page.keyboard.press("End")
    _results(page, served + "en/")
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'fluorite'")
    assert _address(page) == {"h": ["coal"], "q": ["fluorite"]}  # other parameters stay
    page.select_option("[data-plans-results] select[name=kind]", "row")
    page.wait_for_function("location.search.includes('kind=row')")
    history = page.evaluate("history.length")
    page.keyboard.press("Control+a")
    page.keyboard.type("magnesite", delay=20)
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'magnesite'")
    assert page.evaluate("history.length") == history  # replaced, not a history entry per keystroke
    page.focus("input[data-plans-query]")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")
    assert _address(page) == {"h": ["coal"]}
    page.goto(served + "en/?q=coal")  # closed by the reset button
    _results(page, served + "en/")
    page.click("[data-plans-search] button[type=reset]")
    page.wait_for_function("!document.getElementById('__search').checked")
    assert _address(page) == {}


def test_the_address_is_changed_sparingly_and_a_refusal_stops_nothing(browser: Browser, served: str) -> None:
    """Browsers limit how often a page may change its address (Safari: 100 times in 30 s, then SecurityError).
    Here replaceState counts its calls and refuses after the second: typing a long query changes the address a
    few times, not once a keystroke, and the refusals stop neither the search nor closing the dialog."""
    context = browser.new_context()
    context.add_init_script("""(() => { const real = history.replaceState.bind(history); window.replaced = 0;
        history.replaceState = (...a) => { window.replaced += 1;
          if (window.replaced > 2) { throw new DOMException('limit', 'SecurityError'); } return real(...a); }; })()""")
    pg = context.new_page()
    try:
        pg.goto(served + "en/liaoning-2021-2025/")
        pg.keyboard.press("/")
        pg.keyboard.type("minimum mining scale of bentonite and fluorite", delay=15)
        pg.keyboard.press("End")
        pg.wait_for_function("document.querySelector('[data-plans-results] .md-search-result__meta').textContent"
                             ".match(/\\d|No matching/)")
        pg.wait_for_timeout(600)
        assert 1 <= pg.evaluate("window.replaced") <= 4  # 47 keystrokes
        pg.keyboard.press("Control+a")
        pg.keyboard.type("fluorite", delay=15)
        pg.keyboard.press("End")
        pg.wait_for_function("document.querySelector('[data-plans-results] .md-search-result__list a')"
                             ".href.includes('/minerals/fluorite/')")  # refused address changes: the search goes on
        pg.keyboard.press("Escape")
        pg.wait_for_function("!document.getElementById('__search').checked")
        assert pg.evaluate("!document.activeElement.matches('input[data-plans-query]')")
    finally:
        context.close()


def test_a_search_whose_index_cannot_load_says_so(browser: Browser, served: str) -> None:
    context = browser.new_context()
    pg = context.new_page()
    try:
        pg.route("**/search/meta.json", lambda route: route.abort())
        pg.goto(served + "en/?q=bentonite&kind=row")
        pg.wait_for_function("document.querySelector('[data-plans-results] .md-search-result__meta').textContent"
                             ".includes('could not be loaded')")
        pg.unroute("**/search/meta.json")
        pg.focus("input[data-plans-query]")
        pg.keyboard.press("End")
        pg.keyboard.type("s")  # tried again: the index loads now
        pg.keyboard.press("Backspace")
        assert _results(pg, served + "en/")[0] == "minerals/bentonite/"
    finally:
        context.close()


def test_back_from_a_result_returns_to_the_search(page: Page, served: str) -> None:
    first = _type(page, served, "zh", "净矿出让")[0]
    page.keyboard.press("Enter")  # the first result
    page.wait_for_url(f"**/{first}**")
    page.go_back()
    assert _results(page, served)[0] == first
    assert page.input_value("input[data-plans-query]") == "净矿出让"


def test_a_hostile_search_address_runs_nothing(page: Page, served: str) -> None:
    payload = '"><img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    page.goto(served + "?q=" + quote(payload) + "&kind=" + quote("<b>x</b>") + "&plan=" + quote(payload))
    page.wait_for_function("document.querySelector('[data-plans-results] .md-search-result__meta')"
                           ".textContent.match(/\\d|没有|No matching/)")
    assert page.input_value("input[data-plans-query]") == payload  # the query as text, in the box
    assert page.evaluate("window.pwned === undefined")
    assert page.evaluate("document.querySelectorAll('[data-plans-results] img, [data-plans-results] b').length") == 0
    page.wait_for_timeout(500)
    assert "kind" not in _address(page)  # a filter the index does not have is dropped


# Scale ------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def resharded(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the site whose Chinese index has 4,096 postings shards (as at about 50× the content: shard
    names then run past three digits, p1824.json), and whose suggestion dictionary holds two forms, one typo
    apart, that no page contains."""
    import json
    import shutil

    from build_tools.search_index import shard_of

    copy = tmp_path_factory.mktemp("resharded") / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pdf", "en", "data"))
    folder = copy / "search"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    postings: dict[str, object] = {}
    for path in folder.glob("p*.json"):
        postings.update(json.loads(path.read_text(encoding="utf-8")))
        path.unlink()
    shards = 4096
    buckets: dict[int, dict[str, object]] = {n: {} for n in range(shards)}
    for token, entries in postings.items():
        buckets[shard_of(token, shards)][token] = entries
    for number, bucket in buckets.items():
        (folder / f"p{number:03d}.json").write_text(json.dumps(bucket, ensure_ascii=False), encoding="utf-8")
    meta["shards"] = shards
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    dictionary = json.loads((folder / "suggest.json").read_text(encoding="utf-8"))
    dictionary.append([["甲乙丙丁", "甲乙丙戊"], []])
    (folder / "suggest.json").write_text(json.dumps(dictionary, ensure_ascii=False), encoding="utf-8")
    with static_server(copy) as url:
        yield url


def test_an_index_of_thousands_of_shards_finds_the_same(page: Page, served: str, resharded: str) -> None:
    """The script names a shard as the index does at any shard count (it once cut p1824 to p824, so at 50×
    content every query found nothing)."""
    for query in ("膨润土", "最低开采规模", "绿色矿山 建设"):
        assert search(page, resharded, "zh", query) == search(page, served, "zh", query), query
    assert len(search(page, resharded, "zh", "膨润土")) > 10


ISOLATED = """
import json, sys
from playwright.sync_api import sync_playwright
from tests.conftest import CHROMIUM_ARGS, chromium_path
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    page = browser.new_page()
    page.goto(sys.argv[1])
    print(json.dumps(page.evaluate(sys.argv[2])))
    browser.close()
"""


def evaluate_or_give_up(url: str, expression: str, seconds: int = 60) -> object:
    """`expression` evaluated on `url` in a browser of its own, given up after `seconds`: a search that never
    ends freezes its tab, and no Playwright timeout reaches a frozen page."""
    import json
    import os
    import signal
    import subprocess
    import sys

    from .site_build import ROOT

    with subprocess.Popen([sys.executable, "-c", ISOLATED, url, expression], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, start_new_session=True) as process:
        try:
            out, err = process.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # Chromium with it
            process.communicate()
            pytest.fail(f"still searching after {seconds} s")
    assert process.returncode == 0, err
    return json.loads(out)


def test_a_correction_that_finds_nothing_is_not_corrected_again(resharded: str) -> None:
    """Two dictionary forms one typo apart and on no page: the query is corrected once and the search ends
    (it once bounced between the two until the tab ran out of memory)."""
    found = evaluate_or_give_up(resharded + "liaoning-2021-2025/", "window.plansSearch('甲乙丙丁')")
    assert isinstance(found, dict) and found["total"] == 0 and found["results"] == []
