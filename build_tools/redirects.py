"""Redirects: retired identifiers keep working (DESIGN decision 2).

Input: the redirects of the identifier register (old identifier -> new). Output: for a retired page, a small
HTML page at its old address that sends the reader on (meta refresh, canonical link, a visible link); for a
retired paragraph, an alias anchor on its old page that plans.js follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .addresses import identifier_url, prefix, relative


@dataclass(frozen=True)
class Redirect:
    old_url: str  # page address, without fragment
    target: str  # site-relative address of the new identifier (may carry a fragment)


@dataclass(frozen=True)
class Alias:
    page_url: str  # the page that holds the retired anchor
    anchor: str  # the retired paragraph anchor (p3)
    target: str  # site-relative address of the new identifier


def plan_redirects(redirects: dict[str, str]) -> tuple[list[Redirect], list[Alias]]:
    pages: list[Redirect] = []
    aliases: list[Alias] = []
    for old, new in sorted(redirects.items()):
        old_url, new_url = identifier_url(old), identifier_url(new)
        if "#" in old_url:
            page_url, anchor = old_url.split("#", 1)
            aliases.append(Alias(page_url, anchor, new_url))
        else:
            pages.append(Redirect(old_url, new_url))
    return pages, aliases


def redirect_page(redirect: Redirect, lang: str, absolute_target: str, message: str) -> str:
    """The HTML left at a retired address (in the language build `lang`)."""
    here = prefix(lang) + redirect.old_url
    target = relative(here, prefix(lang) + redirect.target)
    html_lang = "zh-Hans" if not prefix(lang) else lang
    return (
        f'<!doctype html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{escape(message)}</title>\n<link rel="canonical" href="{escape(absolute_target)}">\n'
        f'<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={escape(target)}">\n'
        f'</head>\n<body>\n<p>{escape(message)} <a href="{escape(target)}">{escape(absolute_target)}</a></p>\n'
        "</body>\n</html>\n"
    )
