"""What every page kind shares: the page and site types, text helpers, and the `Renderer` that turns a
checked corpus into pages through the Jinja templates (autoescaped) with the reader's language.

Input: a `Checked` corpus, the site's address and titles. Output: `Page`s, built by the page-kind modules
of this package (text, boxes, facets, matrix, report, glossary, data) with `Renderer.page`.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .. import addresses, citations
from ..addresses import (
    DEFAULT_LANGUAGE,
    consistency_url,
    division_url,
    identifier_url,
    plan_url,
    row_anchor,
    row_url,
    side_by_side_url,
    src_of,
    table_url,
)
from ..checks import CheckResult
from ..compiled import COMPILED
from ..concordance import Link, exemption_for, link_quote
from ..export import data_files, resources
from ..labels import LABELS, LEVELS, NOTE_KINDS, plural
from ..model import BoxRef, Division, Note, Paragraph, Plan, Table, Text
from ..pdf import pdf_name
from ..pipeline import Checked
from ..redirects import Alias, plan_redirects
from ..register import corpus_identifiers
from ..yamlio import SAFE_DUMPER
from ..zonepairs import ZonePair

T = TypeVar("T")

TITLE_ANCHOR = "plan-title"  # the id of every page's <h1> (templates/*.html.j2)
_HEADING = re.compile(r'<h([23])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_PIECE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)")
_LANG = re.compile(r'\blang="([^"]*)"')
_VOID = frozenset(("br", "wbr", "img", "hr"))


def heading_html(inner: str) -> str:
    """A heading's content as the contents list shows it: its text re-escaped, the language of each part that
    states one kept (<span lang="zh-Hans">: Chinese in an English heading, read by a Chinese voice there too),
    every other tag (links, classes) dropped."""
    out: list[str] = []
    kept: list[bool] = []  # for each open element: whether its <span lang> was written
    for end, tag, attributes, text in _PIECE.findall(inner):
        if text:
            out.append(html.escape(html.unescape(text)))
        elif end:
            if kept and kept.pop():
                out.append("</span>")
        elif tag.lower() not in _VOID:
            lang = _LANG.search(attributes)
            kept.append(lang is not None)
            if lang is not None:
                out.append(f'<span lang="{html.escape(html.unescape(lang.group(1)))}">')
    out += ["</span>" for written in kept if written]  # left open: never in the site's own pages
    return "".join(out).strip()


_TITLE = re.compile(rf'<h1 id="{TITLE_ANCHOR}"[^>]*>(.*?)</h1>', re.S)


def title_html(title: str, body: str, lang: str) -> str:
    """The page's title as the header shows it: its <h1> with the language of each part (heading_html) when that
    reads as the title, else the title escaped, Chinese on an English page marked."""
    h1 = _TITLE.search(body)
    if h1 is not None:
        marked = heading_html(h1.group(1))
        if html.unescape(_TAG.sub("", marked)) == title:
            return marked
    return str(escape(title) if lang == DEFAULT_LANGUAGE else han_marked(title))


def headings(page_html: str) -> list[dict[str, Any]]:
    """The h2 and h3 headings of a page that carry an id, nested, as table-of-contents tokens in the shape of
    Python-Markdown's md.toc_tokens, which MkDocs and Zensical read (names as HTML: heading_html). The page's
    "on this page" contents under both engines."""
    out: list[dict[str, Any]] = []
    for level, anchor, inner in _HEADING.findall(page_html):
        name = heading_html(inner)
        token: dict[str, Any] = {"level": int(level), "id": anchor, "name": name, "html": name,
                                 "data-toc-label": "", "children": []}
        if level == "3" and out:
            out[-1]["children"].append(token)
        else:
            out.append(token)
    return out


@dataclass(frozen=True)
class Page:
    """A page as HTML (its <h1> included), with its metadata. Every string from content reaches the HTML
    through the templates' autoescaping; nothing is Markdown, so no Markdown syntax or attribute list in a
    title or text can become a link or an attribute."""

    src: str  # source path MkDocs sees: liaoning-2021-2025/ch6/s5/index.md (index.en.md in English)
    url: str  # site-relative URL without language prefix: liaoning-2021-2025/ch6/s5/
    lang: str
    title: str
    html: str
    meta: dict[str, Any] = field(default_factory=dict)  # title, description (and search: exclude)
    shows: tuple[str, ...] = ()  # identifiers whose text the page shows (for search keywords)
    searchable: bool = True

    @property
    def text(self) -> str:
        """The page as a file: YAML front matter, then the HTML (for builds from pages written to disk)."""
        return "---\n" + yaml.dump(self.meta, Dumper=SAFE_DUMPER, allow_unicode=True, width=10**6,
                                   sort_keys=True) + "---\n" + self.html


@dataclass
class NavItem:
    title: str
    src: str | None = None
    children: list[NavItem] = field(default_factory=list)

    def to_mkdocs(self) -> dict[str, object] | str:
        if not self.children:
            return {self.title: self.src} if self.src else self.title
        items: list[object] = [self.src] if self.src else []
        items.extend(child.to_mkdocs() for child in self.children)
        return {self.title: items}


@dataclass(frozen=True)
class StaticFile:
    path: str  # site-relative, within one language build: liaoning-2021-2025/ch9/index.html
    lang: str
    text: str


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    nav: dict[str, tuple[NavItem, ...]]  # per language
    files: tuple[StaticFile, ...] = ()  # redirect pages at retired addresses, open data, search index
    # the search index, when render_site was asked to leave it for later (under `mkdocs serve`): computed on call
    later: Callable[[], tuple[StaticFile, ...]] | None = None

    def page(self, url: str, lang: str = DEFAULT_LANGUAGE) -> Page | None:
        return next((p for p in self.pages if p.url == url and p.lang == lang), None)


@dataclass(frozen=True)
class Citation:
    """One provision's citation forms, each ready to paste (with the permanent URL)."""

    url: str
    zh: str  # the form of Chinese official correspondence
    gbt: str  # GB/T 7714-2015
    en: str  # English
    zh_short: str  # without the URL, for titles
    en_short: str
    page: str = ""  # site-relative address of the page whose reference-manager files hold it


@dataclass(frozen=True)
class LinkView:
    """One concordance link as a page shows it: which part of this page, which provision of the other
    plan (cited, linked and quoted in the reader's language), how they relate."""

    here: str  # 第2段 / para. 2, or '' for the whole page
    cite: str
    url: str  # site-relative address of the other provision
    quote: str
    relation: str
    relation_id: str
    note: str
    discrepancy: str


@dataclass(frozen=True)
class StatusView:
    """A zone row against the provincial plan, in words."""

    status: str  # matches | differs | no-parent-row | own-level
    words: str
    counterpart: str  # short citation of the provincial row, or ""
    counterpart_url: str
    note: str  # the registered discrepancy, if any



# ----------------------------------------------------------------------------------------- text

def text_in(text: Text, lang: str) -> str:
    """A text in the given language; an untranslated English slot shows the Chinese."""
    if lang == DEFAULT_LANGUAGE:
        return text.zh
    return text.en or text.zh


def heading_text(division: Division, lang: str = DEFAULT_LANGUAGE) -> str:
    """第六章 强化矿产资源开发利用与保护 / Chapter 6 Strengthening …; unnumbered headings (总 则) closed up."""
    if lang != DEFAULT_LANGUAGE:
        number = citations.number_en(division)
        words = division.heading.en or "".join(division.heading.zh.split())
        return f"{number} {words}".strip()
    if not division.number:
        return "".join(division.heading.zh.split())
    return f"{division.number} {division.heading.zh}"


def marked_text(text: str, notes: Iterable[Note], lang: str = DEFAULT_LANGUAGE) -> Markup:
    """Paragraph text, escaped, with note references; in Chinese, the words a note concerns are marked
    (never changed)."""
    html = str(escape(text))  # a plain string: the replacements below insert markup
    for index, note in enumerate(notes, start=1):
        ref = f'<sup class="plan-note-ref">[{index}]</sup>'
        if lang == DEFAULT_LANGUAGE and note.quote and str(escape(note.quote)) in html:
            quoted = str(escape(note.quote))
            html = html.replace(quoted, f'<mark class="plan-sic">{quoted}</mark>{ref}', 1)
        elif lang != DEFAULT_LANGUAGE:
            html += ref
    return Markup(html)


def with_link(label: str, href: str, text: str) -> Markup:
    """A sentence of the interface with a link in place of its {link}, every part escaped
    ("实施{link}" -> 实施<a href="…">《辽宁省…》</a>)."""
    before, _, after = label.partition("{link}")
    return escape(before) + Markup('<a href="{}">{}</a>').format(href, text) + escape(after)


def bilingual(main: str, other: str, lang: str) -> Markup:
    """'Bentonite (膨润土)' with the other language's words marked as such (lang="zh-Hans" or "en"), so that
    Chinese on an English page is drawn with simplified-Chinese glyphs."""
    if not other or other == main:
        return escape(main)
    other_lang = "en" if lang == DEFAULT_LANGUAGE else "zh-Hans"
    return escape(main) + Markup(' (<span lang="{}">{}</span>)').format(other_lang, other)


def status_view(r: Renderer, pair: ZonePair | None, lang: str, page_url: str) -> StatusView | None:
    if pair is None:
        return None
    words = LABELS[lang]
    text = words[f"status_{pair.status}"]
    if pair.status == "differs":
        text = words["status_differs_in"].format(
            what=words["aspects_sep"].join(words[f"aspect_{a}"] for a in pair.differs))
    return StatusView(pair.status, text, r.short_cite(pair.parent, lang) if pair.parent else "",
                      addresses.relative(page_url, identifier_url(pair.parent)) if pair.parent else "",
                      text_in(pair.note, lang) if pair.note else "")



_HAN_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*[\u3400-\u9fff\uf900-\ufaff]"
                      r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*")


def han_marked(text: str) -> Markup:
    """Text of an English page with every run of Chinese in a <span lang="zh-Hans"> (glossary notes, quoted
    items), so that it is drawn with simplified glyphs and read by a Chinese voice."""
    out = Markup("")
    last = 0
    for match in _HAN_RUN.finditer(text):
        out += escape(text[last:match.start()]) + Markup('<span lang="zh-Hans">{}</span>').format(match.group())
        last = match.end()
    return out + escape(text[last:])


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary(division: Division, lang: str) -> str:
    first = division.paragraphs[0] if division.paragraphs else None
    if first is None:
        return ""
    return " ".join(text_in(first.text, lang).split())


def page_meta(lang: str, title: str, plan: Plan | None, words: str, searchable: bool, marked: str) -> dict[str, Any]:
    """Page metadata for MkDocs and Material: the title, a description for search engines and link previews,
    and exclusion from the search index for views that repeat other pages. Plain text, which the theme escapes,
    but for `title_html` (`marked`): the title as the header shows it, the language of its parts marked."""
    description = f"{title} — {text_in(plan.title, lang)}" if plan is not None else title
    if words:
        description += f": {words}"
    limit = 120 if lang == DEFAULT_LANGUAGE else 240
    meta: dict[str, Any] = {"title": title, "description": description if len(description) <= limit
                            else description[: limit - 1] + "…",
                            "title_html": marked}
    if not searchable:
        meta["search"] = {"exclude": True}
    return meta


# ----------------------------------------------------------------------------------------- renderer

@functools.cache
def environment() -> Environment:
    """The templates' environment, made once per process: its compiled templates are reused by every build that
    follows (each of `mkdocs serve`'s rebuilds; Jinja recompiles a template whose file changed), and kept for the
    next process (build_tools.compiled). Its globals are module functions and constants only, never a build's
    data."""
    env = Environment(
        loader=PackageLoader("build_tools", "templates"),
        bytecode_cache=COMPILED,
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests.update(paragraph=lambda b: isinstance(b, Paragraph), boxref=lambda b: isinstance(b, BoxRef))
    env.globals.update(
        row_anchor=row_anchor, division_url=division_url, table_url=table_url, row_url=row_url,
        side_by_side_url=side_by_side_url, marked=marked_text, txl=text_in, with_link=with_link,
        identifier_url=identifier_url, labels=LABELS, han=han_marked, all_note_kinds=NOTE_KINDS, plan_url=plan_url,
        consistency_url=consistency_url, citations=citations,
    )
    return env


class Renderer:
    """The services every page kind uses: templates, addresses, citations, short citations of any
    identifier, concordance links as a page shows them."""

    def __init__(self, checked: Checked, site_url: str = "", titles: dict[str, str] | None = None) -> None:
        self.checked = checked
        self.corpus = checked.corpus
        self._computed: dict[str, object] = {}
        self._short_cites: dict[tuple[str, str], str] = {}
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.titles = titles or {}
        self.env = environment()
        self.discrepancies = self._discrepancies_by_paragraph()
        self.facets = checked.tags.by_facet()
        tables = resources(checked, Path(checked.corpus.root))
        self.data = data_files(checked, tables, self.titles.get("en", ""))
        self.resources = tables  # the open data's resources, for the data page's list
        self.order = {p.id: i for i, p in enumerate(corpus_identifiers(checked.corpus))}  # printed order
        self.redirect_pages, aliases = plan_redirects(checked.redirects)
        self.aliases: dict[str, list[Alias]] = {}
        for alias in aliases:
            self.aliases.setdefault(alias.page_url, []).append(alias)

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """What several page kinds or both languages need, computed by the first that asks."""
        if key not in self._computed:
            self._computed[key] = compute()
        return cast(T, self._computed[key])

    def _discrepancies_by_paragraph(self) -> dict[tuple[str, str], list[CheckResult]]:
        found: dict[tuple[str, str], list[CheckResult]] = {}
        for plan_id, results in self.checked.results.items():
            for result in results:
                if result.check.discrepancy is None:
                    continue
                statements = [s for s in (result.check.stated, *result.check.parts, *result.check.items) if s]
                for at in sorted({s.at for s in statements}):
                    found.setdefault((plan_id, at), []).append(result)
        return found

    def absolute(self, url: str, lang: str = DEFAULT_LANGUAGE) -> str:
        full = addresses.prefix(lang) + url
        return f"{self.site_url}{full}" if self.site_url else full

    def page(self, lang: str, url: str, template: str, plan: Plan | None, title: str, *, words: str = "",
             searchable: bool = True, shows: Iterable[str] = (), **extra: object) -> Page:
        """One page from its template. `words`: what the meta description adds to the title."""
        def link(target: str) -> str:
            return addresses.relative(url, target)

        def tx(text: Text) -> str:
            return text_in(text, lang)

        context = {
            "lang": lang, "L": LABELS[lang], "note_kinds": NOTE_KINDS[lang], "plan": plan, "url": url,
            "link": link, "tx": tx, "permalink": self.absolute(url, lang),
            "absolute": self.absolute, "plans": self.corpus.plans, "title": title,
            "heading_text": lambda d: heading_text(d, lang),
            "marked_text": lambda text, notes: marked_text(text, notes, lang),
            "html_lang": "zh-Hans" if lang == DEFAULT_LANGUAGE else lang,
            "view": lambda here, link, outgoing: self.link_view(here, link, lang, outgoing, url),
            "related_names": lambda p, upward: self.related_names(p, upward, lang),
            "levels": LEVELS[lang],
            "view_cite": lambda identifier: self.short_cite(identifier, lang),
            "plural": lambda key, n: plural(lang, key, n),
            "heading_en": lambda d: heading_text(d, "en"),
            "pdf_link": lambda p: self.data_link(lang, url, pdf_name(p.id, lang)),
            "zone_status": lambda plan, table, row: status_view(
                self, self.checked.zones.of(f"{plan.id}/{table.id}/{row.key}"), lang, url),
            "bilingual": lambda text: bilingual(text_in(text, lang), text_in(text, other_language(lang)), lang),
            **extra,
        }
        body = self.env.get_template(template).render(**context)
        return Page(src_of(url, lang), url, lang, title, body,
                    page_meta(lang, title, plan, words, searchable, title_html(title, body, lang)),
                    shows=tuple(shows), searchable=searchable)

    def cites(self, plan: Plan, url: str, zh: str, en: str, part: str, lang: str) -> Citation:
        """Every citation form of one provision, each with a permanent URL: the Chinese forms with the
        Chinese page (the authentic text), the English form with the English page."""
        zh_url, en_url = self.absolute(url), self.absolute(url, "en")
        return Citation(self.absolute(url, lang), f"{zh}（{zh_url}）", citations.gbt7714(plan, zh_url, part),
                        f"{en}, {en_url}", zh, en, url.split("#", 1)[0])

    def box_title(self, table: Table, lang: str) -> str:
        if lang == DEFAULT_LANGUAGE:
            return f"{table.number} {table.heading.zh}"
        return f"Box {table.id.removeprefix('box')} {table.heading.en or table.heading.zh}"

    # ------------------------------------------------------------------------------ concordance

    def related_names(self, plan: Plan | None, upward: bool, lang: str) -> str:
        """The short titles of a plan's parent (upward) or of its children."""
        if plan is None:
            return ""
        related = ([p for p in self.corpus.plans if p.id == plan.parent] if upward
                   else [p for p in self.corpus.plans if p.parent == plan.id])
        return ("、" if lang == DEFAULT_LANGUAGE else ", ").join(text_in(p.short_title, lang) for p in related)

    def links_of_division(self, plan: Plan, division: Division, *, outgoing: bool) -> list[tuple[str, Link]]:
        """Links from (or to) this division, its own paragraphs and the boxes printed in it — not those
        of its sub-divisions, which show on their own pages."""
        base = f"{plan.id}/{division.path}"
        own = [base, *(f"{base}/{p.id}" for p in division.paragraphs), *(f"{plan.id}/{b.box}" for b in division.boxes)]
        concordance = self.checked.concordance
        links = concordance.with_source(*own) if outgoing else concordance.with_target(*own)
        return [((link.source if outgoing else link.target) or "", link) for link in links]

    def no_counterpart_of_division(self, plan: Plan, division: Division, lang: str) -> list[tuple[str, str]]:
        """The division's own paragraphs that link nowhere, with the reason the concordance gives (theirs, or
        their division's: then once, for all of them)."""
        if not plan.parent:
            return []
        concordance = self.checked.concordance
        base = f"{plan.id}/{division.path}"
        unlinked = [f"{base}/{p.id}" for p in division.paragraphs if not concordance.with_source(f"{base}/{p.id}")]
        found = [(pid, e) for pid in unlinked if (e := exemption_for(concordance, pid)) is not None]
        if len(found) > 1 and len(found) == len(division.paragraphs) and len({e.provision for _, e in found}) == 1:
            return [(LABELS[lang]["no_counterpart_all"], text_in(found[0][1].reason, lang))]
        return [(self.part_label(pid, lang), text_in(e.reason, lang)) for pid, e in found]

    def link_view(self, here: str, link: Link, lang: str, outgoing: bool, page_url: str) -> LinkView:
        other = (link.target if outgoing else link.source) or ""
        return LinkView(
            here=self.part_label(here, lang),
            cite=self.short_cite(other, lang) if other else "",
            url=addresses.relative(page_url, identifier_url(other)) if other else "",
            quote=link_quote(self.corpus, other, lang) if other else "",
            relation=self.relation_name(link.relation, lang),
            relation_id=link.relation,
            note=text_in(link.note, lang),
            discrepancy=text_in(link.discrepancy.text, lang) if link.discrepancy else "",
        )

    def relation_name(self, rid: str, lang: str) -> str:
        relation = self.checked.concordance.relation(rid)
        return text_in(relation.name, lang) if relation else rid

    def part_label(self, identifier: str, lang: str) -> str:
        last = identifier.rsplit("/", 1)[-1]
        if last.startswith("p") and last[1:].isdigit():
            n = int(last[1:])
            return f"第{citations.cn_ordinal(n)}段" if lang == DEFAULT_LANGUAGE else f"para. {n}"
        if last.startswith("box"):
            plan = self.corpus.plan(identifier.split("/", 1)[0])
            table = plan.table(last) if plan else None
            return self.box_title(table, lang) if table else last
        return ""

    def short_cite(self, identifier: str, lang: str) -> str:
        """《省规划》第六章第五节第二段 / Liaoning Plan, ch. 6, s. 5, para. 2 — short forms for link lists
        (remembered: link lists, dossiers and the glossary cite the same provisions many times)."""
        key = (identifier, lang)
        if key not in self._short_cites:
            self._short_cites[key] = self._short_cite(identifier, lang)
        return self._short_cites[key]

    def _short_cite(self, identifier: str, lang: str) -> str:
        plan_id, _, rest = identifier.partition("/")
        plan = self.corpus.plan(plan_id)
        forms = citations.provision(plan, rest) if plan is not None else None
        if plan is None or forms is None:
            return identifier
        name = text_in(plan.short_title, lang)
        full = forms[0] if lang == DEFAULT_LANGUAGE else forms[1]
        if lang == DEFAULT_LANGUAGE:
            return f"{name}{full.split('》', 1)[1]}"
        return f"{name}, {full.split(', ', 1)[1]}" if ", " in full else name

    def data_link(self, lang: str, page_url: str, path: str) -> str:
        """A link from a page of language `lang` to a file of the data folder (which the Chinese build holds)."""
        return addresses.relative(addresses.prefix(lang) + page_url, path)


def other_language(lang: str) -> str:
    return "en" if lang == DEFAULT_LANGUAGE else DEFAULT_LANGUAGE
