"""The real site, built by MkDocs in strict mode: every page there, Chinese declared, nothing external."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from build_tools.addresses import division_url, table_url
from build_tools.pipeline import Checked
from build_tools.render import render_site

from .conftest import copy_project, edit
from .site_build import ROOT, mkdocs, project_config, search_pages, search_postings

pytestmark = pytest.mark.site
SITE_HOST = "https://mineral-plans.example.gov.cn/"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_article_table_and_plan_has_a_page(site: Path, checked: Checked) -> None:
    expected = ["index.html"]
    for plan in checked.corpus.plans:
        expected.append(f"{plan.id}/index.html")
        expected.append(f"{plan.id}/consistency/index.html")
        expected += [f"{division_url(plan, d)}index.html" for d in plan.divisions()]
        expected += [f"{table_url(plan, t)}index.html" for t in plan.tables]
    missing = [e for e in expected if not (site / e).is_file()]
    assert missing == []
    assert len(expected) == 1 + 2 * 2 + 39 + 117 + 9 + 5


def test_pages_declare_their_language(site: Path) -> None:
    """Chinese pages say zh-Hans (simplified glyphs), English pages en."""
    for page in html_pages(site):
        head = page.read_text(encoding="utf-8")[:400]
        lang = "en" if page.relative_to(site).parts[0] == "en" else "zh-Hans"
        assert f'<html lang="{lang}"' in head, page


class _Spoken(HTMLParser):
    """Each text of a page's body with the language it is in: that of the nearest element declaring one."""

    VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                      "track", "wbr"))
    SILENT = frozenset(("script", "style", "template", "svg"))

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []  # (tag, lang)
        self.texts: list[tuple[str, str]] = []  # (text, lang)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.open]
        if data.strip() and "body" in tags and not self.SILENT & set(tags):
            self.texts.append((data.strip(), next((lang for _, lang in reversed(self.open) if lang), "")))


_CHINESE = re.compile(r"[\u3400-\u9fff]")
_ENGLISH = re.compile(r"[a-z]{3,} [a-z]{3,}")  # two English words (file names, codes and addresses are not)


def test_text_in_the_other_language_is_marked(site: Path) -> None:
    """Each text of a page's body is in an element of its language: on an English page every Chinese word (in
    the header, navigation, contents and switch of languages as in the article) is marked zh-Hans (simplified
    glyphs, a Chinese voice), and no English words are (the citation buttons of the Chinese column of a
    side-by-side view); on a Chinese page, the mirror; the switch names each language in that language."""
    wrong: dict[str, list[tuple[str, str]]] = {}
    for page in html_pages(site):
        english = page.relative_to(site).parts[0] == "en"
        spoken = _Spoken()
        spoken.feed(page.read_text(encoding="utf-8"))
        bad = []
        for text, lang in spoken.texts:
            chinese = bool(_CHINESE.search(text))
            words = bool(_ENGLISH.search(re.sub(r"https?://\S+", "", text)))
            if english:
                misplaced = (chinese and not lang.startswith("zh")) or (words and lang.startswith("zh"))
            else:  # a Chinese text may quote English words (a term and its rendering)
                misplaced = (chinese and lang == "en") or (words and not chinese and lang != "en")
            if misplaced or (text in ("中文", "English") and lang != ("zh-Hans" if text == "中文" else "en")):
                bad.append((text[:60], lang))
        if bad:
            wrong[str(page.relative_to(site))] = bad[:3]
    assert not wrong, f"{len(wrong)} pages, for example {dict(list(wrong.items())[:3])}"


def test_no_request_leaves_the_host(site: Path) -> None:
    """No web fonts, CDNs or analytics: every script, stylesheet, image and font is the site's own."""
    fetching = re.compile(r'<(?:script|img|iframe|source|audio|video)\b[^>]*?\bsrc="(?:https?:)?//', re.I)
    links = re.compile(r'<link\b[^>]*>', re.I)
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert not fetching.search(html), page
        for tag in links.findall(html):
            if re.search(r'rel="(canonical|alternate)"', tag):
                continue  # names an address, fetches nothing
            assert not re.search(r'href="(?:https?:)?//', tag), (page, tag)
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?https?://", css.read_text(encoding="utf-8")), css


def test_links_inside_pages_are_relative(site: Path) -> None:
    """Internal links are relative, so the zipped site works from any path prefix; absolute links go only
    to the permanent address (citations)."""
    for page in html_pages(site):
        if page.name == "404.html":
            continue  # served for any missing path, so MkDocs links it from the site root
        for href in re.findall(r'<a [^>]*href="([^"]+)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http://", "https://")):
                assert href.startswith(SITE_HOST), (page, href)
            else:
                assert not href.startswith("/"), (page, href)


def test_article_page_shows_text_anchors_notes_and_citation(site: Path) -> None:
    html = (site / "chaoyang-2021-2025/ch1/index.html").read_text(encoding="utf-8")
    assert 'id="p1"' in html and 'href="#p1"' in html
    assert "刚要" in html and "编者注" in html and "当为“纲要”" in html
    assert "《朝阳市矿产资源总体规划（2021－2025年）》第一章" in html
    assert f"{SITE_HOST}chaoyang-2021-2025/ch1/" in html


def test_discrepancies_are_shown_where_they_stand(site: Path) -> None:
    html = (site / "chaoyang-2021-2025/ch4/s2/ss4/index.html").read_text(encoding="utf-8")
    assert "数据不一致" in html and "14 + 30 = 44" in html
    report = (site / "chaoyang-2021-2025/consistency/index.html").read_text(encoding="utf-8")
    assert "不一致" in report and "相符" in report
    box5 = (site / "chaoyang-2021-2025/box5/index.html").read_text(encoding="utf-8")
    assert "已有矿山”一栏缺印" in box5


def test_tables_are_accessible_and_anchored(site: Path) -> None:
    html = (site / "chaoyang-2021-2025/box2/index.html").read_text(encoding="utf-8")
    assert "<caption>专栏二 重点勘查区</caption>" in html
    assert '<th scope="col">编号</th>' in html
    assert 'id="row-ZK4"' in html and '<th scope="row"><a href="ZK4/">ZK4</a></th>' in html


def test_banner_and_navigation_order(site: Path) -> None:
    html = (site / "liaoning-2021-2025/ch6/s5/index.html").read_text(encoding="utf-8")
    assert "发布机关" in html and "辽宁省人民政府" in html and "二〇二二年十月" in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.index("辽宁省规划") < home.index("朝阳市规划")  # the provincial plan first


def test_rendering_is_deterministic(checked: Checked) -> None:
    first = render_site(checked, SITE_HOST)
    second = render_site(checked, SITE_HOST)
    assert first == second


def test_broken_content_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")
    edit(project / "tables/chaoyang-2021-2025/box5.yaml", "large: 400／120", "large: 400／一百二")
    edit(project / "content/liaoning-2021-2025/ch6.yaml", "- box: box7", "- box: box17")
    result = mkdocs(project_config(project), tmp_path / "site")
    assert result.returncode != 0
    assert "tables/chaoyang-2021-2025/box5.yaml:" in result.stderr and "[not-a-number]" in result.stderr
    assert "content/liaoning-2021-2025/ch6.yaml:" in result.stderr and "[unknown-reference]" in result.stderr


def test_a_copied_project_builds(tmp_path: Path) -> None:
    """The plugin reads content from its configured root, not from the repository: the same code builds
    any project tree."""
    project = copy_project(ROOT, tmp_path / "project")
    result = mkdocs(project_config(project), tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_every_page_has_an_english_twin(site: Path) -> None:
    chinese = sorted(p.relative_to(site) for p in html_pages(site) if p.relative_to(site).parts[0] != "en")
    english = sorted(p.relative_to(site / "en") for p in html_pages(site / "en"))
    assert chinese == english


def test_language_switch_lands_on_the_same_page(site: Path) -> None:
    """On every page, the language selector links to this page in the other language (never the home page)."""
    import posixpath

    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        if page.name == "404.html":
            continue
        selector = r'<a href="([^"]*)" hreflang="([^"]+)"[^>]* class="md-select__link"'
        links = dict(re.findall(selector, page.read_text("utf-8")))
        assert set(links.values()) == {"zh-Hans", "en"}, rel
        here = posixpath.dirname(rel)
        targets = {lang: posixpath.normpath(posixpath.join(here, href)) for href, lang in links.items()}
        twin = rel.removeprefix("en/") if rel.startswith("en/") else "en/" + rel
        chinese, english = (rel, twin) if not rel.startswith("en/") else (twin, rel)
        assert targets["zh-Hans"] == posixpath.dirname(chinese) or (targets["zh-Hans"], chinese) == (".", "index.html")
        assert targets["en"] == posixpath.dirname(english), rel


def test_english_article_page(site: Path) -> None:
    html = (site / "en/liaoning-2021-2025/ch6/s5/index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Section 5" in html
    assert "The Chinese text is authentic; this English is a reference translation." in html
    assert "Liaoning Province Mineral Resources Master Plan (2021–2025), ch. 6, s. 5" in html
    assert "《辽宁省矿产资源总体规划（2021-2025年）》第六章第五节" in html  # the official form, in any language
    text = html.split('<div class="plan-text"')[1].split('<section class="plan-cite"')[0]
    # the English text holds no Chinese (the copy buttons carry the official Chinese form in an attribute)
    assert re.search(r"[\u4e00-\u9fff]", re.sub(r"<[^>]+>", " ", text)) is None
    nav = (site / "en/liaoning-2021-2025/index.html").read_text(encoding="utf-8")
    assert "Liaoning Plan" in nav and "Chaoyang Plan" in nav and "General Provisions" in nav


def test_rows_and_side_by_side_views_have_pages(site: Path, checked: Checked) -> None:
    from build_tools.addresses import row_url, side_by_side_url

    expected = [f"{row_url(p, t, r)}index.html" for p in checked.corpus.plans for t in p.tables for r in t.rows]
    expected += [f"{side_by_side_url(division_url(p, d))}index.html" for p in checked.corpus.plans
                 for d in p.divisions()]
    for lang in ("", "en/"):
        assert [e for e in expected if not (site / lang / e).is_file()] == []


def test_each_language_has_its_own_search_index(site: Path) -> None:
    from build_tools.search_index import FIELDS

    zh, en = search_pages(site), search_pages(site, "en")
    assert zh and en and len(zh) == len(en)
    assert not any(str(d[0]).startswith("en/") for d in zh)
    assert not any("/zh-en/" in str(d[0]) or "/full/" in str(d[0]) for d in zh + en)  # reading views: not indexed
    text = {lang: [" ".join(s[1] for s in d[5]) for d in pages] for lang, pages in (("zh", zh), ("en", en))}
    assert any("膨润土" in t for t in text["zh"]) and any("bentonite" in t for t in text["en"])
    assert not (site / "search/search_index.json").exists()  # Material's search plugin is not used
    # cross-language keywords: the Chinese bentonite pages answer "bentonite", the English ones 膨润土
    keys = FIELDS.index("k")
    assert any(e[2] == keys and "膨润土" in text["zh"][e[0]] for e in search_postings(site, "bentonite"))
    assert any(e[2] == keys and "bentonite" in text["en"][e[0]].lower() for e in search_postings(site, "膨润", "en"))


def test_side_by_side_page(site: Path) -> None:
    html = (site / "liaoning-2021-2025/ch6/s5/zh-en/index.html").read_text(encoding="utf-8")
    assert html.count('<div class="plan-pair">') == 4  # four paragraphs, each a Chinese–English pair
    assert '<div lang="zh-Hans"><div class="plan-para" id="p1">' in html
    assert '<div lang="en"><div class="plan-para" id="p1-en">' in html
    assert "中文文本为正式文本；英文为参考译文。" in html and "The Chinese text is authentic" in html


def _page_of(site: Path, url: str, lang: str = "") -> str:
    return (site / lang / url.split("#")[0] / "index.html").read_text(encoding="utf-8")


def test_links_shown_in_both_directions(site: Path, checked: Checked) -> None:
    """Every concordance link shows on the Chaoyang page (Implements) and on the Liaoning page (Implemented
    by), in both languages — both generated from the one concordance."""
    import posixpath

    from build_tools.addresses import identifier_url

    for link in checked.concordance.links:
        if link.target is None:
            continue
        source_url, target_url = identifier_url(link.source), identifier_url(link.target)
        for lang in ("", "en/"):
            here = source_url.split("#")[0]
            href = posixpath.relpath(target_url.split("#")[0], here) + "/" + (
                "#" + target_url.split("#")[1] if "#" in target_url else "")
            assert f'href="{href}"' in _page_of(site, source_url, lang), (link.source, link.target, lang)
            there = target_url.split("#")[0]
            back = posixpath.relpath(source_url.split("#")[0], there) + "/" + (
                "#" + source_url.split("#")[1] if "#" in source_url else "")
            assert f'href="{back}"' in _page_of(site, target_url, lang), (link.target, link.source, lang)


def test_implementation_map_lists_every_liaoning_article(site: Path, checked: Checked) -> None:
    liaoning = checked.corpus.plan("liaoning-2021-2025")
    assert liaoning is not None
    for lang in ("", "en/"):
        html = (site / lang / "implementation/index.html").read_text(encoding="utf-8")
        for division in liaoning.divisions():
            if division.is_article:
                address = f'href="../liaoning-2021-2025/{division.path}/(#p[0-9]+)?"'
                assert re.search(address, html), (lang, division.path)
        assert html.count('data-relation="not-taken-up"') >= 1  # articles the city plan does not take up, as such


def test_report_lists_every_registered_discrepancy(site: Path, checked: Checked) -> None:
    texts = [c.discrepancy.text for p in checked.corpus.plans for c in p.checks if c.discrepancy]
    texts += [r.discrepancy.text for p in checked.corpus.plans for t in p.tables for r in t.rows if r.discrepancy]
    texts += [r.comparison.discrepancy.text for r in checked.comparisons if r.comparison.discrepancy]
    texts += [link.discrepancy.text for link in checked.concordance.links if link.discrepancy]
    assert len(texts) >= 7

    texts += [n.text for p in checked.corpus.plans for t in p.tables for r in t.rows for n in r.notes]
    for lang, pick in (("", lambda t: t.zh), ("en/", lambda t: t.en)):
        html = (site / lang / "consistency/index.html").read_text(encoding="utf-8")
        for text in texts:
            assert str(escape(pick(text))) in html, pick(text)


def test_every_check_states_its_rule(site: Path, checked: Checked) -> None:
    """Each row of every check table names the rule it applies (=, ≤, rows counted …), in words."""
    from build_tools.labels import RULES

    for lang, code in (("", "zh"), ("en/", "en")):
        report = (site / lang / "consistency/index.html").read_text(encoding="utf-8")
        for plan in checked.corpus.plans:
            own = (site / lang / plan.id / "consistency/index.html").read_text(encoding="utf-8")
            for result in checked.results[plan.id]:
                for html, anchor in ((report, f'id="{plan.id}-{result.check.id}"'), (own, f'id="{result.check.id}"')):
                    row = html[html.index(anchor):html.index("</tr>", html.index(anchor))]
                    assert f"<td>{escape(RULES[code][result.check.kind])}</td>" in row, (lang, plan.id, result.check.id)


def test_mineral_and_zone_pages(site: Path, checked: Checked) -> None:
    registry = checked.registry
    for lang in ("", "en/"):
        for mineral in registry.minerals:
            assert (site / lang / f"minerals/{mineral.id}/index.html").is_file(), mineral.id
        for zone in registry.zones:
            assert (site / lang / f"zones/{zone.id}/index.html").is_file(), zone.id
        for zone_type in registry.zone_types:
            assert (site / lang / f"zones/{zone_type.id}/index.html").is_file(), zone_type.id
    index = (site / "minerals/index.html").read_text(encoding="utf-8")
    for category in ("能源矿产", "金属矿产", "非金属矿产", "水气矿产"):
        assert f">{category}</h2>" in index
    bentonite = (site / "en/minerals/bentonite/index.html").read_text(encoding="utf-8")
    assert "膨润土" in bentonite and "../../chaoyang-2021-2025/box1/5/" in bentonite
    assert "../../chaoyang-2021-2025/box5/8/" in bentonite
    assert "Provincial provisions" in bentonite  # Chaoyang provisions beside the Liaoning ones they implement
    zone = (site / "zones/beipiao-qizhangzi-erdaogou/index.html").read_text(encoding="utf-8")
    assert "ZC4" in zone and "专栏七第9行" in zone and "专栏三ZC4" in zone
    zones = (site / "zones/index.html").read_text(encoding="utf-8")
    assert zones.index("能源资源基地") < zones.index("国家规划矿区") < zones.index("重点勘查区")
