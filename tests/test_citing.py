"""Citing and reading: the citation forms of both numbering schemes, reference-manager files, the reading
views, print and the whole-plan PDFs."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from build_tools import citations
from build_tools.pipeline import Checked
from build_tools.serving import static_server

LN, CY = "liaoning-2021-2025", "chaoyang-2021-2025"
HOST = "https://mineral-plans.example.gov.cn/"


# The three forms, exactly ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("plan_id", "path", "paragraph", "official", "english"), [
    (LN, "ch6/s5", None, "《辽宁省矿产资源总体规划（2021-2025年）》第六章第五节",
     "Liaoning Province Mineral Resources Master Plan (2021–2025), ch. 6, s. 5"),
    (LN, "ch6/s5", "p3", "《辽宁省矿产资源总体规划（2021-2025年）》第六章第五节第三段",
     "Liaoning Province Mineral Resources Master Plan (2021–2025), ch. 6, s. 5, para. 3"),
    (CY, "ch5/s3/ss1/i1", None, "《朝阳市矿产资源总体规划（2021－2025年）》第五章第三部分第（一）项第1目",
     "Chaoyang City Mineral Resources Master Plan (2021–2025), ch. 5, s. 3, subs. 1, item 1"),
    (CY, "ch5/s3/ss1/i1", "p3", "《朝阳市矿产资源总体规划（2021－2025年）》第五章第三部分第（一）项第1目第三段",
     "Chaoyang City Mineral Resources Master Plan (2021–2025), ch. 5, s. 3, subs. 1, item 1, para. 3"),
    (CY, "ch1", None, "《朝阳市矿产资源总体规划（2021－2025年）》第一章",
     "Chaoyang City Mineral Resources Master Plan (2021–2025), ch. 1"),
    (LN, "general", "p1", "《辽宁省矿产资源总体规划（2021-2025年）》总则第一段",
     "Liaoning Province Mineral Resources Master Plan (2021–2025), General Provisions, para. 1"),
])
def test_division_citations(checked: Checked, plan_id: str, path: str, paragraph: str | None, official: str,
                            english: str) -> None:
    plan = checked.corpus.plan(plan_id)
    assert plan is not None
    division = plan.division(path)
    assert division is not None
    para = next((p for p in division.paragraphs if p.id == paragraph), None)
    assert citations.division_zh(plan, division, para) == official
    assert citations.division_en(plan, division, para) == english


def test_box_and_row_citations(checked: Checked) -> None:
    plan = checked.corpus.plan(CY)
    assert plan is not None
    box = plan.table("box2")
    assert box is not None and box.row("ZK4") is not None
    assert citations.table_zh(plan, box) == "《朝阳市矿产资源总体规划（2021－2025年）》专栏二"
    assert citations.table_zh(plan, box, box.row("ZK4")) == "《朝阳市矿产资源总体规划（2021－2025年）》专栏二ZK4"
    assert citations.table_en(plan, box, box.row("ZK4")) == (
        "Chaoyang City Mineral Resources Master Plan (2021–2025), Box 2, row ZK4")
    liaoning = checked.corpus.plan(LN)
    assert liaoning is not None
    box5 = liaoning.table("box5")
    assert box5 is not None
    assert citations.table_zh(liaoning, box5, box5.row("3")) == "《辽宁省矿产资源总体规划（2021-2025年）》专栏五第3行"


def test_gbt7714_names_the_issuer_only_where_the_text_states_it(checked: Checked) -> None:
    liaoning, chaoyang = checked.corpus.plan(LN), checked.corpus.plan(CY)
    assert liaoning is not None and chaoyang is not None
    assert citations.gbt7714(liaoning, HOST + "liaoning-2021-2025/ch6/s5/#p3", "第六章第五节第三段") == (
        "辽宁省人民政府. 辽宁省矿产资源总体规划（2021-2025年）：第六章第五节第三段[EB/OL]. (2022-10)[引用日期]. "
        "https://mineral-plans.example.gov.cn/liaoning-2021-2025/ch6/s5/#p3.")
    assert citations.gbt7714(chaoyang, HOST + "chaoyang-2021-2025/box2/", "专栏二") == (
        "朝阳市矿产资源总体规划（2021－2025年）：专栏二[EB/OL]. [引用日期]. "
        "https://mineral-plans.example.gov.cn/chaoyang-2021-2025/box2/.")


# Reference managers ---------------------------------------------------------------------------------------------

@pytest.mark.site
def test_ris_files_parse(site: Path) -> None:
    import rispy

    entries = rispy.loads((site / CY / "ch5/s3/ss1/i1/cite.ris").read_text(encoding="utf-8"))
    division = next(e for e in entries if e["id"] == f"{CY}/ch5/s3/ss1/i1")
    assert division["type_of_reference"] == "GOVDOC"
    assert division["title"] == "朝阳市矿产资源总体规划（2021－2025年）：第五章第三部分第（一）项第1目"
    assert division["urls"] == [HOST + "chaoyang-2021-2025/ch5/s3/ss1/i1/"]
    assert "authors" not in division  # the text states no issuer
    paragraphs = [e for e in entries if e["id"].startswith(f"{CY}/ch5/s3/ss1/i1/p")]
    assert paragraphs and paragraphs[0]["urls"][0].endswith("#p1")
    liaoning = rispy.loads((site / "en" / LN / "cite.ris").read_text(encoding="utf-8"))[0]
    assert liaoning["authors"] == ["People's Government of Liaoning Province"] and liaoning["year"] == "2022"
    assert liaoning["language"] == "en"


@pytest.mark.site
def test_csl_json_renders_in_a_citation_style(site: Path) -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads((site / "en" / LN / "ch6/s5/cite.json").read_text(encoding="utf-8"))
    source = CiteProcJSON(items)
    import citeproc

    style = CitationStylesStyle(str(Path(citeproc.__file__).parent / "data/styles/harvard-cite-them-right.csl"),
                                validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(f"{LN}/ch6/s5/p3")]))
    rendered = str(bibliography.bibliography()[0])
    assert "People's Government of Liaoning Province" in rendered and "2022" in rendered
    assert "ch. 6, s. 5, para. 3" in rendered


@pytest.mark.site
def test_citation_boxes_link_the_reference_files(site: Path) -> None:
    html = (site / CY / "box2/ZK4/index.html").read_text(encoding="utf-8")
    assert 'href="cite.ris"' in html and 'href="cite.json"' in html
    assert (site / CY / "box2/ZK4/cite.ris").is_file() and (site / "en" / CY / "box2/ZK4/cite.json").is_file()


# Reading views, print, PDFs, the language switch ----------------------------------------------------------------

@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with static_server(site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    yield pg
    context.close()


def _flat(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _in_pdf(words: str, text: str) -> bool:
    """Text extracted from a PDF set in Noto CJK names some characters by their radical (U+2Exx, e.g. ⺠ for 民):
    the glyph drawn is right, its extracted code point is not. Such a code point stands for any ideograph."""
    pattern = "".join(f"(?:{re.escape(c)}|[\u2e80-\u2eff])" if "\u4e00" <= c <= "\u9fff" else re.escape(c)
                      for c in words)
    return re.search(pattern, text) is not None


@pytest.mark.browser
def test_paragraph_copy_buttons_give_every_form(page: Page, served: str) -> None:
    page.goto(served + "chaoyang-2021-2025/ch5/s3/ss1/i1/")
    page.locator("#p1 a.plan-para-num").focus()  # the keyboard reaches the paragraph's citation
    buttons = page.locator("#p1 .plan-para-cite button.plan-copy")
    expected = [
        "《朝阳市矿产资源总体规划（2021－2025年）》第五章第三部分第（一）项第1目第一段"
        "（https://mineral-plans.example.gov.cn/chaoyang-2021-2025/ch5/s3/ss1/i1/#p1）",
        "朝阳市矿产资源总体规划（2021－2025年）：第五章第三部分第（一）项第1目第一段[EB/OL]. [",
        "Chaoyang City Mineral Resources Master Plan (2021–2025), ch. 5, s. 3, subs. 1, item 1, para. 1, "
        "https://mineral-plans.example.gov.cn/en/chaoyang-2021-2025/ch5/s3/ss1/i1/#p1",
        "https://mineral-plans.example.gov.cn/chaoyang-2021-2025/ch5/s3/ss1/i1/#p1",
    ]
    for index, want in enumerate(expected):
        buttons.nth(index).focus()
        page.keyboard.press("Enter")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(want), (index, copied)


@pytest.mark.browser
def test_chapter_reading_view_holds_every_paragraph_in_order(page: Page, served: str, checked: Checked) -> None:
    plan = checked.corpus.plan(CY)
    assert plan is not None
    chapter = plan.division("ch5")
    assert chapter is not None
    page.goto(served + "chaoyang-2021-2025/ch5/full/")
    shown = page.eval_on_selector_all(".plan-full .plan-para > p", "ps => ps.map(p => p.textContent)")
    paragraphs = [p for d in chapter.walk() for p in d.paragraphs]
    assert len(shown) == len(paragraphs) > 20
    for text, paragraph in zip(shown, paragraphs, strict=True):
        assert _flat(paragraph.text.zh)[:30] in re.sub(r"\[\d+\]", "", _flat(text))  # note marks aside
    assert page.locator(".md-sidebar--secondary .md-nav__link").count() > 3  # an "on this page" contents
    page.goto(served + "en/chaoyang-2021-2025/ch5/full/zh-en/")
    assert page.locator(".plan-pair").count() >= len(paragraphs)


@pytest.mark.browser
def test_home_reaches_every_chapter_in_one_click(page: Page, served: str, checked: Checked) -> None:
    page.goto(served)
    hrefs = set(page.eval_on_selector_all(".plan-home-chapters a", "as => as.map(a => a.href)"))
    for plan in checked.corpus.plans:
        for part in plan.parts:
            assert served + f"{plan.id}/{part.path}/" in hrefs


@pytest.mark.browser
def test_print_shows_paragraph_numbers_and_the_address(page: Page, served: str) -> None:
    for path in ("liaoning-2021-2025/ch6/s5/", "en/minerals/bentonite/", "chaoyang-2021-2025/box5/"):
        page.goto(served + path)
        page.emulate_media(media="print")
        assert page.locator(".plan-print-url").is_visible()
        assert "https://mineral-plans.example.gov.cn/" in page.inner_text(".plan-print-url")
        if "ch6" in path:
            assert page.locator("#p1 .plan-para-num").is_visible()
        if "box5" in path:
            assert not page.locator(".plan-columns").is_visible()  # the data-structure panel is for screens
        page.emulate_media(media="screen")


@pytest.mark.browser
def test_language_switch_keeps_the_paragraph(page: Page, served: str) -> None:
    page.goto(served + "liaoning-2021-2025/ch6/s5/#p3")
    page.locator(".md-header__option .md-select button").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url("**/en/liaoning-2021-2025/ch6/s5/#p3")


@pytest.mark.site
@pytest.mark.parametrize(("plan_id", "lang"), [(LN, "zh-Hans"), (LN, "en"), (CY, "zh-Hans"), (CY, "en")])
def test_whole_plan_pdfs(site: Path, checked: Checked, plan_id: str, lang: str) -> None:
    from pypdf import PdfReader

    path = site / "pdf" / f"{plan_id}.{lang}.pdf"
    reader = PdfReader(path)
    plan = checked.corpus.plan(plan_id)
    assert plan is not None
    paragraphs = [p for d in plan.divisions() for p in d.paragraphs]
    words = len("".join(p.text.zh if lang == "zh-Hans" else p.text.en for p in paragraphs))
    per_page = 1200 if lang == "zh-Hans" else 4000  # characters an A4 page holds, about
    assert words / per_page / 2 < len(reader.pages) < words / per_page * 4
    text = _flat("".join(page.extract_text() for page in reader.pages))
    first, last = paragraphs[0], paragraphs[-1]
    pick = (lambda p: p.text.zh) if lang == "zh-Hans" else (lambda p: p.text.en)
    assert _in_pdf(_flat(pick(first))[:40], text) and _in_pdf(_flat(pick(last))[-40:], text)
    assert _flat(f"https://mineral-plans.example.gov.cn/{'' if lang == 'zh-Hans' else 'en/'}{plan_id}/") in text
    html = (site / ("" if lang == "zh-Hans" else "en") / plan_id / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'href="[./]*pdf/{plan_id}\.{lang}\.pdf"', html)  # linked from the plan's page
