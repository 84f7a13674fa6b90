"""Addresses: where each identifier lives on the site, in each language, and links between pages.

Input: identifiers (plan, division path, table, row, paragraph). Output: site-relative URLs in directory
style (liaoning-2021-2025/ch6/s5/), English under en/, anchors, and relative links that keep the built
site working from any path prefix or a zip.
"""

from __future__ import annotations

import functools

from .model import Division, Plan, Row, Table

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
MATRIX_URL = "implementation/"  # the implementation map of all plans
REPORT_URL = "consistency/"  # the consistency report of all plans
MINERALS_URL = "minerals/"  # one page per mineral: minerals/<id>/
ZONES_URL = "zones/"  # one page per zone and zone type: zones/<id>/
SEARCH_FOLDER = "search/"  # the search index of a language build: meta.json, postings and page shards
GLOSSARY_URL = "glossary/"  # the glossary for readers
DATA_URL = "data/"  # downloads (CSV, JSON, datapackage.json): language-neutral, in the Chinese build


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def plan_url(plan: Plan | str) -> str:
    return f"{plan if isinstance(plan, str) else plan.id}/"


def division_url(plan: Plan | str, division: Division | str) -> str:
    path = division if isinstance(division, str) else division.path
    return f"{plan_url(plan)}{path}/"


def table_url(plan: Plan | str, table: Table | str) -> str:
    return f"{plan_url(plan)}{table if isinstance(table, str) else table.id}/"


def row_url(plan: Plan | str, table: Table | str, row: Row | str) -> str:
    return f"{table_url(plan, table)}{row if isinstance(row, str) else row.key}/"


def side_by_side_url(division_page_url: str) -> str:
    """The Chinese–English view of a division: liaoning-2021-2025/ch6/s5/zh-en/."""
    return f"{division_page_url}zh-en/"


def consistency_url(plan: Plan | str) -> str:
    return f"{plan_url(plan)}consistency/"


def row_anchor(row: Row | str) -> str:
    return f"row-{row if isinstance(row, str) else row.key}"


def src_of(url: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The page source MkDocs sees (suffix structure: index.md for Chinese, index.en.md for English)."""
    name = "index.md" if lang == DEFAULT_LANGUAGE else f"index.{lang}.md"
    return f"{url}{name}"


@functools.lru_cache(maxsize=1 << 16)  # a page links the same few pages many times (27,000 calls, few distinct)
def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-relative, directory style)."""
    fragment = ""
    if "#" in to_url:
        to_url, fragment = to_url.split("#", 1)
        fragment = "#" + fragment
    start = [part for part in from_url.split("/") if part]
    target = [part for part in to_url.split("/") if part]
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    rel = "/".join([".."] * (len(start) - common) + target[common:])  # posixpath.relpath, without its cost
    if not to_url.endswith("/") and target and "." in target[-1]:
        return rel + fragment  # a file (data/minerals.csv, cite.ris): no trailing slash
    return (rel + "/" if rel else "./") + fragment


def identifier_url(identifier: str) -> str:
    """Where an identifier (current or retired) is published, read from its syntax alone:
    plan/ -> plan page; plan/boxN/ -> table; plan/boxN/KEY/ -> row; plan/schedule-N -> plan page anchor;
    plan/.../pN -> its division's page and anchor; anything else -> a division page."""
    plan, _, rest = identifier.partition("/")
    if plan in ("minerals", "zones"):
        return f"{plan}/{rest}/"
    if not rest:
        return plan_url(plan)
    segments = rest.split("/")
    if segments[0].startswith("box") and segments[0][3:].isdigit():
        return table_url(plan, segments[0]) + (f"{segments[1]}/" if len(segments) > 1 else "")
    if segments[0].startswith(("schedule-", "map-")):
        return f"{plan_url(plan)}#{segments[0]}"
    if segments[-1].startswith("p") and segments[-1][1:].isdigit():
        return f"{division_url(plan, '/'.join(segments[:-1]))}#{segments[-1]}"
    return division_url(plan, rest)
