"""Redirects: retired identifiers keep working (DESIGN decision 2).

Input: the redirects of the identifier register (old identifier -> new, both checked as identifiers of this
site). Output: for a retired page, the address of the small HTML page left there (templates/redirect.html.j2:
meta refresh, canonical link, a visible link); for a retired paragraph, an alias anchor on its old page that
plans.js follows.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def redirect_target(redirect: Redirect, lang: str) -> str:
    """The relative address a retired page sends the reader on to (in the language build `lang`); the
    register only admits identifiers of this site as targets, so it never leaves the site."""
    return relative(prefix(lang) + redirect.old_url, prefix(lang) + redirect.target)
