"""Render stage: the checked corpus as site pages (HTML), in memory, per language.

Input: a `Checked` corpus, the site's address and titles. Output: a `Site`: every page of every language
(built by the page-kind modules of build_tools/pages/ from the Jinja templates in templates/), the navigation
per language, and the files beside the pages: redirect pages at retired addresses, the open data and the
search index. Nothing here touches MkDocs or the disk; the MkDocs adapter hands the pages over.
"""

from __future__ import annotations

import logging

from .addresses import (
    DATA_URL,
    DEFAULT_LANGUAGE,
    GLOSSARY_URL,
    LANGUAGES,
    MATRIX_URL,
    MINERALS_URL,
    REPORT_URL,
    SEARCH_FOLDER,
    ZONES_URL,
    consistency_url,
    division_url,
    plan_url,
    src_of,
    table_url,
)
from .beside import Beside
from .citations import chain
from .labels import LABELS
from .model import Division, Plan
from .pages import boxes, data, downloads, facets, glossary, matrix, minerals, reading, report, text, zones
from .pages.base import TITLE_ANCHOR, NavItem, Page, Renderer, Site, StaticFile, heading_text, text_in
from .pipeline import Checked
from .redirects import redirect_target
from .search_index import Entry, build_index, facets_of_page

__all__ = ["TITLE_ANCHOR", "Page", "Site", "render_site"]

# each: pages(renderer, lang) -> list[Page]
KINDS = (text, reading, boxes, report, matrix, minerals, zones, glossary, data)


def render_site(checked: Checked, site_url: str = "", titles: dict[str, str] | None = None, *,
                search_later: bool = False, languages: tuple[str, ...] = LANGUAGES, beside: bool = False) -> Site:
    """`titles`: the site's name in each language (mkdocs.yml: site_name, and the plugin's `titles`).
    `search_later`: leave the search index (half of the generator's time) to `Site.later`, for `mkdocs serve`,
    which shows an edited page first and writes the index after. `languages`: the languages rendered (all but
    for a preview of one language; the open data, which the Chinese build holds, is always there). `beside`:
    the languages after the first rendered in a second process meanwhile (build_tools.beside); the site is the
    same."""
    away = Beside(_rendered, checked, site_url, titles, languages[1:]) if beside and len(languages) > 1 else None
    r = Renderer(checked, site_url, titles)
    pages, nav, files = _rendered_by(r, languages[:1] if away is not None else languages)
    files += [StaticFile(f.path, DEFAULT_LANGUAGE, f.text) for f in r.data]
    if away is not None:
        more_pages, more_nav, more_files = away.result()
        if away.failure:
            logging.getLogger(__name__).debug("rendered here: %s", away.failure)
        pages += more_pages
        nav.update(more_nav)
        files += more_files

    def search() -> tuple[StaticFile, ...]:
        index: list[StaticFile] = []
        for lang in languages:
            entries = [Entry(p.url, p.title, p.html, *_describe(r, p.url, lang),
                             facets_of_page(list(p.shows), checked.tags) | facets.facet_of_url(r, p.url),
                             _names(r, p.url))
                       for p in sorted(pages, key=lambda p: p.src) if p.lang == lang and p.searchable]
            entries += glossary.search_entries(r, lang)
            for name, content in build_index(entries, checked.registry, checked.glossary, lang).items():
                index.append(StaticFile(SEARCH_FOLDER + name, lang, content))
        return tuple(index)

    ordered = tuple(sorted(pages, key=lambda p: (p.lang, p.src)))
    files.sort(key=lambda f: (f.lang, f.path))  # the same order whichever process rendered them
    if search_later:
        return Site(ordered, nav, tuple(files), later=search)
    return Site(ordered, nav, (*files, *search()))


Rendered = tuple[list[Page], dict[str, tuple[NavItem, ...]], list[StaticFile]]


def _rendered_by(r: Renderer, languages: tuple[str, ...]) -> Rendered:
    """The pages, navigation and files (redirect pages, downloads) of these languages; the open data apart."""
    r.env.globals.update(table_grid=boxes.table_grid, cell_view=facets.cell_view)  # module functions
    pages: list[Page] = []
    nav: dict[str, tuple[NavItem, ...]] = {}
    for lang in languages:
        nav[lang] = tuple(_nav(r, lang))
        pages.append(r.page(lang, "", "home.html.j2", None, LABELS[lang]["home"],
                            site_title=r.titles.get(lang, LABELS[lang]["home"])))
        for kind in KINDS:
            pages.extend(kind.pages(r, lang))
    redirect = r.env.get_template("redirect.html.j2")
    files = [StaticFile(f"{old.old_url}index.html", lang, redirect.render(
                html_lang="zh-Hans" if lang == DEFAULT_LANGUAGE else lang, message=LABELS[lang]["redirect"],
                target=redirect_target(old, lang), absolute_target=r.absolute(old.target, lang)))
             for lang in languages for old in r.redirect_pages]
    files += [f for lang in languages for f in downloads.files(r, lang)]
    return pages, nav, files


def _rendered(checked: Checked, site_url: str, titles: dict[str, str] | None, languages: tuple[str, ...]) -> Rendered:
    """What `_rendered_by` gives, from a renderer of its own: the work of the second process."""
    return _rendered_by(Renderer(checked, site_url, titles), languages)


def _names(r: Renderer, url: str) -> tuple[str, ...]:
    """What a plan's, mineral's or zone's page is about, in both scripts (a zone's code too)."""
    kind, _, rest = url.partition("/")
    fid = rest.strip("/")
    registry = r.checked.registry
    plan = r.corpus.plan(kind)
    if plan is not None and not fid:
        return tuple(sorted({plan.title.zh, plan.title.en, plan.short_title.zh, plan.short_title.en} - {""}))
    if kind == "minerals" and (m := registry.mineral(fid)) is not None:
        return tuple(sorted({m.name.zh, m.name.en, *m.aliases, *m.en_aliases}))
    if kind == "zones" and (z := registry.zone(fid)) is not None:
        return tuple(sorted({z.name.zh, z.name.en, *z.aliases, *([z.code] if z.code else [])}))
    if kind == "zones" and (t := registry.zone_type(fid)) is not None:
        return tuple(sorted({t.name.zh, t.name.en, *t.aliases}))
    return ()


def _describe(r: Renderer, url: str, lang: str) -> tuple[str, str, tuple[str, ...]]:
    """What a page is, for the search results: (kind, plan short title, breadcrumb)."""
    first, _, rest = url.partition("/")
    rest = rest.strip("/")
    plan = r.corpus.plan(first)
    if plan is None:
        kind = {"minerals": "mineral", "zones": "zone", "glossary": "glossary"}.get(first, "page")
        return (kind if rest or first == "glossary" else "page"), "", ()
    short = text_in(plan.short_title, lang)
    if not rest:
        return "plan", short, ()
    if rest == "consistency":
        return "page", short, ()
    segments = rest.split("/")
    table = plan.table(segments[0])
    if table is not None:
        row = len(segments) > 1
        return ("row" if row else "box"), short, ((r.box_title(table, lang),) if row else ())
    division = plan.division(rest)
    if division is None:
        return "page", short, ()
    return "provision", short, tuple(heading_text(d, lang) for d in chain(plan, division)[:-1])


def _nav(r: Renderer, lang: str) -> list[NavItem]:
    """Each plan under the plan it implements (province, city, county), after that plan's own parts: a page
    renders the siblings of its own plans, not every plan, so the navigation's cost grows with depth, not with
    the number of plans."""
    items = [NavItem(LABELS[lang]["home"], src_of("", DEFAULT_LANGUAGE))]
    by_plan: dict[str, NavItem] = {}
    for plan in r.corpus.plans:  # parents first (the corpus lists a plan after the plan it implements)
        item = NavItem(text_in(plan.short_title, lang), src_of(plan_url(plan)))
        item.children = [_division_nav(plan, part, lang) for part in plan.parts]
        box_items = NavItem(LABELS[lang]["boxes"])
        for table in plan.tables:
            box_items.children.append(NavItem(r.box_title(table, lang), src_of(table_url(plan, table))))
        item.children.append(box_items)
        item.children.append(NavItem(LABELS[lang]["consistency"], src_of(consistency_url(plan))))
        by_plan[plan.id] = item
        parent = by_plan.get(plan.parent or "")
        (parent.children if parent is not None else items).append(item)
    items.append(NavItem(LABELS[lang]["data"], src_of(DATA_URL)))
    if r.checked.registry.minerals:
        items.append(NavItem(LABELS[lang]["minerals"], src_of(MINERALS_URL)))
        items.append(NavItem(LABELS[lang]["zones"], src_of(ZONES_URL)))
    if r.checked.glossary is not None:
        items.append(NavItem(LABELS[lang]["glossary"], src_of(GLOSSARY_URL)))
    items.append(NavItem(LABELS[lang]["matrix"], src_of(MATRIX_URL)))
    items.append(NavItem(LABELS[lang]["report"], src_of(REPORT_URL)))
    return items


def _division_nav(plan: Plan, division: Division, lang: str) -> NavItem:
    item = NavItem(heading_text(division, lang), src_of(division_url(plan, division)))
    item.children = [_division_nav(plan, child, lang) for child in division.children]
    return item
