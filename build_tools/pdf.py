"""PDFs of the whole plans: each plan's continuous reading view, printed by Chromium, per language.

Input: a built site folder (both languages) and the plans. Output: pdf/<plan>.<zh-Hans|en>.pdf in the site,
A4, with the plan's title as running header, page numbers and the permanent address in the footer, the print
stylesheet's layout (paragraph numbers kept, screen aids hidden) and simplified-Chinese glyphs (the pages
declare zh-Hans; Debian's fonts-noto-cjk supplies them).

Chromium is driven by Playwright, as the browser tests drive it (found by build_tools.browser: $CHROMIUM or
the usual names and paths); the site is served from a local static server on a free port for the time of the printing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .addresses import DEFAULT_LANGUAGE, LANGUAGES, prefix
from .browser import ARGS, find_chromium

NEEDS_CHROMIUM = ("the plans' PDFs need Chromium: install Debian's chromium and fonts-noto-cjk (`make system-deps`), "
                  "or set `pdf: false` under the mineral-plans plugin")


@dataclass(frozen=True)
class PlanPrint:
    plan: str  # the plan's id
    titles: dict[str, str]  # the running title per language
    urls: dict[str, str]  # the permanent address of the plan's page per language


def pdf_name(plan: str, lang: str) -> str:
    """Where a plan's PDF of a language lies in the site (the Chinese build's pdf/ folder)."""
    return f"pdf/{plan}.{'zh-Hans' if lang == DEFAULT_LANGUAGE else lang}.pdf"


def print_plans(site_dir: Path, plans: Iterable[PlanPrint]) -> list[Path]:
    """Print every plan's whole-plan view in every language into the site; the files written."""
    from playwright.sync_api import sync_playwright

    from .serving import static_server

    executable = find_chromium()
    if executable is None:
        raise FileNotFoundError(NEEDS_CHROMIUM)
    written = []
    with static_server(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        page = browser.new_page()
        for plan in plans:
            for lang in LANGUAGES:
                page.goto(f"{base}{prefix(lang)}{plan.plan}/full/", wait_until="load")
                page.emulate_media(media="print")
                header = (f'<div style="font-size:8px;width:100%;text-align:center;color:#444">'
                          f'{escape(plan.titles[lang])}</div>')
                footer = ('<div style="font-size:8px;width:100%;display:flex;justify-content:space-between;'
                          f'padding:0 12mm;color:#444"><span>{escape(plan.urls[lang])}</span><span>'
                          '<span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')
                target = site_dir / pdf_name(plan.plan, lang)
                target.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(target), format="A4", print_background=False, display_header_footer=True,
                         header_template=header, footer_template=footer,
                         margin={"top": "18mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
                written.append(target)
        browser.close()
    return written
