"""Ranking and recall of the site's search, measured in Chromium on the real site: mean reciprocal rank and
recall at 10 over the ranking test set (tests/search_queries.py), and complete recall of Chinese terms against
the substring ground truth of the pages' text. Thresholds are set from measurement (BENCHMARKS.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from build_tools.serving import static_server

from .search_queries import QUERIES, RECALL_TERMS

pytestmark = pytest.mark.browser

MRR_AT_LEAST = 0.85
RECALL_AT_10_AT_LEAST = 0.95


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with static_server(site) as url:
        yield url


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    pg = browser.new_page()
    yield pg
    pg.close()


def ranked(page: Page, base: str, lang: str, query: str, limit: int = 10) -> list[str]:
    start = base + ("en/" if lang == "en" else "") + "liaoning-2021-2025/"
    if not page.url.startswith(start):
        page.goto(start)
    found = page.evaluate("([q, n]) => window.plansSearch(q, {}, n)", [query, limit])
    prefix = base + ("en/" if lang == "en" else "")
    return [urlsplit(u.replace(prefix, ""))._replace(query="", fragment="").geturl() for u in found["results"]]


def reciprocal_ranks(page: Page, served: str) -> list[tuple[str, str, float]]:
    out = []
    for lang, query, _, wanted in QUERIES:
        results = ranked(page, served, lang, query)
        rank = next((i for i, url in enumerate(results, start=1) if url in wanted), None)
        out.append((lang, query, 1 / rank if rank else 0.0))
    return out


def test_the_ranking_set_is_large_enough() -> None:
    assert len(QUERIES) >= 40 and {lang for lang, *_ in QUERIES} == {"zh", "en"}
    assert len(RECALL_TERMS) >= 20


def test_mean_reciprocal_rank_and_recall(page: Page, served: str) -> None:
    ranks = reciprocal_ranks(page, served)
    mrr = sum(r for *_, r in ranks) / len(ranks)
    recall = sum(1 for *_, r in ranks if r > 0) / len(ranks)
    misses = [(lang, q, round(r, 2)) for lang, q, r in ranks if r < 1]
    print(f"\nMRR {mrr:.3f}, recall@10 {recall:.3f} over {len(ranks)} queries; not first: {misses}")
    assert mrr >= MRR_AT_LEAST, misses
    assert recall >= RECALL_AT_10_AT_LEAST, misses


def indexed_text(html: str) -> str:
    """What the index holds of a page: the article, without the blocks marked search-exclude."""
    body = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    body = re.sub(r"<!-- search-exclude -->.*?<!-- /search-exclude -->", " ", body, flags=re.S)
    return "".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("term", RECALL_TERMS)
def test_chinese_recall_is_complete(page: Page, served: str, site: Path, term: str) -> None:
    pages = {(p.parent.relative_to(site).as_posix() + "/").removeprefix("./") for p in site.rglob("index.html")
             if not p.relative_to(site).as_posix().startswith(("en/", "glossary/", "search/"))
             and not {"full", "zh-en"} & set(p.parts) and term in indexed_text(p.read_text(encoding="utf-8"))}
    found = set(ranked(page, served, "zh", term, limit=2000))
    assert pages and pages <= found, sorted(pages - found)
