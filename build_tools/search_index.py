"""Search index: every page of one language, cut into sections (paragraphs, rows, headed parts), as a sharded
positional index for the site's own search (assets/plans-search.js).

Input: the rendered pages of one language with what each is (kind, plan, breadcrumb) and the minerals and zones
it concerns; the registries and the glossary. Output: files under search/ of that language's build:

- `meta.json`: page count, average field lengths, the number of shards, the plans and kinds for the filters;
- `p<NNN>.json`: postings, sharded by a hash of the token: token -> [[page, section, field, page length,
  position, difference to the next position …] …]. Tokens are words (Latin letters and digits, English
  stemmed) and every Chinese character with its following one (bigrams, with positions) and alone (unigrams,
  with a count), so a Chinese query matches as a substring — the positions of its bigrams chain — and no recall
  is lost to word segmentation;
- `d<N>.json`: one page: address, title, plan, breadcrumb, kind, and each section's anchor and text, fetched
  only for the results shown (snippets, links to the matching paragraph);
- `suggest.json`: the names of the registries and the glossary's terms in both scripts, for "did you mean"
  and for queries typed in the other language (绿色矿山 on the English site finds "green mine").

A reader's first query fetches meta.json and the few shards its tokens hash to, whatever the number of plans.
Why not Pagefind or lunr: BENCHMARKS.md (Chinese recall lost to segmentation, false hits).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape

import orjson

from .registry import Registry, Tags
from .terminology import Glossary

# title, names (of the mineral, zone or term a page is about), keys (codes, names in the other language),
# breadcrumb, body, quotes (of other provisions, on dossiers and indexes: found, but ranked low)
FIELDS = ("t", "n", "k", "h", "b", "q")
NAME_FIELD = FIELDS.index("n")
TARGET_SHARD_BYTES = 48_000  # postings per shard, before compression: the shard count grows with content
KINDS = ("plan", "provision", "row", "box", "mineral", "zone", "glossary", "page")  # what a result is, for the filter
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*|[\u3400-\u9fff\uf900-\ufaff]")
SECTION_TAGS = {"h2", "h3", "tr", "figure"}  # with an id, each begins a section; so does a paragraph's div


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """English plural and possessive endings removed (scales -> scale, mines -> mine, activities -> activity);
    the search script applies the same rule to the query."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def positions(text: str, lang: str) -> tuple[int, dict[str, list[int]]]:
    """The text's length in words and characters, and the positions of each token in it: words (stemmed in
    English) and Chinese characters; a Chinese character also yields the bigram with the next one, at the same
    position. Positions count words and characters."""
    items = _TOKEN.findall(text.lower())
    chinese = [item >= "\u3400" for item in items]  # an item is a word of ASCII letters and digits or one character
    chinese.append(False)
    english = lang == "en"
    found: dict[str, list[int]] = {}
    at = found.setdefault
    for position, item in enumerate(items):
        if chinese[position]:
            at(item, []).append(position)
            if chinese[position + 1]:
                at(item + items[position + 1], []).append(position)
        else:
            at(stem(item) if english else item, []).append(position)
    return len(items), found


@dataclass
class Section:
    anchor: str
    text: list[str] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)


# One pass over the page's markup. The pages are the site's own templates' output (well-formed, attributes
# double-quoted, text escaped), so a scanner of tags, comments and text does what html.parser did at a fifth of
# the cost (it was half the generator's time); scripts and styles are skipped whole.
_MARKUP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--(.*?)-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)",
                     re.S)
_ATTRIBUTE = re.compile(r'\b(id|class)="([^"]*)"')
_BREAKS = frozenset(("br", "p", "li", "td", "th", "dd", "dt", "div"))
# Tags that change nothing the scanner records (inline start tags, every end tag but a quote's) are removed first,
# in one pass of the regular expression engine, so that the scanner's loop meets a third as many pieces (and a
# word that an inline tag splits inside a quote is indexed as the one word a reader sees).
_KEPT = ("q", "script", "style")  # the tags whose end the scanner reads
_INERT = re.compile(rf"<(?!(?:{'|'.join((*_KEPT, *sorted(_BREAKS | SECTION_TAGS)))})\b)[a-zA-Z][^>]*>"
                    rf"|</(?!(?:{'|'.join(_KEPT)})\b)[a-zA-Z][^>]*>", re.I)


def _cut(body: str) -> list[Section]:
    """The visible text of a page, cut where a paragraph, table row, box or headed part begins (each an anchor a
    result can link to); citation boxes and other `search-exclude` blocks left out, and quotes of other
    provisions (a dossier or a link list quoting a paragraph must not outrank the paragraph)."""
    cut = [Section("")]
    quote = 0
    excluded = False
    for match in _MARKUP.finditer(_INERT.sub("", body)):
        text, tag = match.group(6), match.group(4)
        if text is not None:
            if not excluded:
                (cut[-1].quoted if quote else cut[-1].text).append(unescape(text))
                if quote:
                    cut[-1].quoted.append(" ")
        elif tag is not None:
            tag = tag.lower()
            if match.group(3):  # an end tag
                if tag == "q":
                    quote -= 1
                continue
            if tag == "q":  # a quote of another provision: indexed apart (field q), ranked low
                quote += 1
            attributes = match.group(5)
            if 'id="' in attributes:
                values = dict(_ATTRIBUTE.findall(attributes))
                anchor = unescape(values.get("id", ""))
                if anchor and anchor != "plan-title" and (
                        tag in SECTION_TAGS or (tag == "div" and "plan-para" in values.get("class", "").split())):
                    cut.append(Section(anchor))
            if tag in _BREAKS:
                cut[-1].text.append(" ")
        elif match.group(2) is not None:
            comment = match.group(2).strip()
            if comment == "search-exclude":
                excluded = True
            elif comment == "/search-exclude":
                excluded = False
    return cut


def sections(html: str) -> list[tuple[str, str, str]]:
    """(anchor, text, quoted text) of each section with text; the page's heading is left to the title field."""
    body = re.sub(r'<h1 id="plan-title">.*?</h1>', " ", html, count=1, flags=re.S)
    out = []
    for section in _cut(body):
        text = " ".join("".join(section.text).split())
        quoted = " ".join("".join(section.quoted).split())
        if text or quoted:
            out.append((section.anchor, text, quoted))
    return out


@dataclass(frozen=True)
class Entry:
    """One page as the index receives it."""

    url: str
    title: str
    html: str
    kind: str  # provision, box, row, mineral, zone, glossary, page
    plan: str  # the plan's short title in this language, or ""
    trail: tuple[str, ...]  # breadcrumb: the headings above the page
    facets: set[str]
    names: tuple[str, ...] = ()  # what the page is about, in both scripts: a query naming it exactly ranks it first


def facet_names(facets: set[str], registry: Registry, lang: str) -> list[str]:
    """The names of facets in the other language than `lang` (and codes, which both languages type)."""
    names: set[str] = set()
    for facet in facets:
        kind, _, fid = facet.partition(":")
        if kind == "mineral" and (m := registry.mineral(fid)) is not None:
            names.update(m.en_aliases if lang == "zh" else (m.name.zh, *m.aliases))
        elif kind == "zone" and (z := registry.zone(fid)) is not None:
            names.update({z.name.en} if lang == "zh" else {z.name.zh, *z.aliases})
            if z.code:
                names.add(z.code)
        elif kind == "zone-type" and (t := registry.zone_type(fid)) is not None:
            names.update({t.name.en} if lang == "zh" else {t.name.zh, *t.aliases})
    return sorted(n for n in names if n)


def shard_of(token: str, shards: int) -> int:
    """The postings shard of a token; the search script computes the same (CRC-32 of its UTF-8)."""
    return zlib.crc32(token.encode("utf-8")) % shards


def build_index(entries: Iterable[Entry], registry: Registry, glossary: Glossary | None, lang: str
                ) -> dict[str, str]:
    """The index files of one language build: {path under search/: JSON text}."""
    pages: list[list[object]] = []
    postings: dict[str, list[list[int]]] = defaultdict(list)
    totals = dict.fromkeys(FIELDS, 0)
    # Pages numbered by kind and plan, so that the kind and plan of any page are ranges in meta.json.
    ordered = sorted(entries, key=lambda e: (KINDS.index(e.kind) if e.kind in KINDS else len(KINDS), e.plan, e.url))
    groups: list[list[object]] = []
    numbers = 0  # in all postings: the index's size, which sets the number of shards
    for page_id, entry in enumerate(ordered):
        if not groups or groups[-1][:2] != [entry.kind, entry.plan]:
            groups.append([entry.kind, entry.plan, page_id, page_id])
        groups[-1][3] = page_id
        keys = " ".join(facet_names(entry.facets, registry, lang))
        fields: list[tuple[str, int, str]] = [("t", 0, entry.title), ("k", 0, keys),
                                              ("h", 0, " ".join((entry.plan, *entry.trail)))]
        fields += [("n", i, name) for i, name in enumerate(entry.names)]
        cut = sections(entry.html)
        fields += [("b", i, text) for i, (_, text, _) in enumerate(cut)]
        fields += [("q", i, quoted) for i, (_, _, quoted) in enumerate(cut) if quoted]
        lengths = dict.fromkeys(FIELDS, 0)
        found: list[tuple[int, int, int, dict[str, list[int]]]] = []  # field, section, length, token -> positions
        for name, section, text in fields:
            count, at = positions(text, lang)
            lengths[name] += count
            found.append((FIELDS.index(name), section, count, at))
        body = lengths["b"]
        for number, section, count, by_token in found:
            size = count if number == NAME_FIELD else body  # a name's own length, or the page's body length
            for token, where in by_token.items():
                if token >= "\u3400" and len(token) == 1:
                    postings[token].append([page_id, section, number, size, len(where)])  # a unigram: its count
                    numbers += 5
                elif len(where) == 1:
                    postings[token].append([page_id, section, number, size, where[0]])
                    numbers += 5
                else:  # positions as differences from the previous one: fewer digits
                    deltas = [where[0], *(b - a for a, b in itertools.pairwise(where))]
                    postings[token].append([page_id, section, number, size, *deltas])
                    numbers += 4 + len(deltas)
        for name in FIELDS:
            totals[name] += lengths[name]
        pages.append([entry.url, entry.title, entry.plan, list(entry.trail), entry.kind,
                      [[anchor, text or quoted] for anchor, text, quoted in cut]])
    count = max(len(pages), 1)
    size = 4 * numbers + sum(len(t) for t in postings)  # about 4 bytes a number
    shards = 1 << max(0, math.ceil(math.log2(max(size / TARGET_SHARD_BYTES, 1))))
    files: dict[str, str] = {}
    by_shard: dict[int, dict[str, list[list[int]]]] = defaultdict(dict)
    for token in sorted(postings):
        by_shard[shard_of(token, shards)][token] = postings[token]
    for number in range(shards):
        files[f"p{number:03d}.json"] = _json(by_shard.get(number, {}))
    for number, page in enumerate(pages):
        files[f"d{number}.json"] = _json(page)
    plans = sorted({str(p[2]) for p in pages if p[2]})
    kinds = sorted({str(p[4]) for p in pages})
    files["meta.json"] = _json({"lang": lang, "pages": len(pages), "shards": shards, "groups": groups,
                                "average": {name: totals[name] / count for name in FIELDS}, "fields": list(FIELDS),
                                "plans": plans, "kinds": kinds})
    files["suggest.json"] = _json(dictionary(registry, glossary))
    return files


def dictionary(registry: Registry, glossary: Glossary | None) -> list[list[object]]:
    """[Chinese forms, English forms] of every mineral, zone type, zone and glossary term: what "did you mean"
    proposes and what a query in the other script is expanded to."""
    out: list[list[object]] = []
    for m in registry.minerals:
        out.append([sorted({m.name.zh, *m.aliases}), sorted({m.name.en, *m.en_aliases})])
    for t in registry.zone_types:
        out.append([sorted({t.name.zh, *t.aliases}), [t.name.en]])
    for z in registry.zones:
        out.append([sorted({z.name.zh, *z.aliases}), [z.name.en]])
    for term in glossary.terms if glossary else ():
        zh = sorted({f for f in (term.zh, *term.zh_forms) if f})
        if zh and term.en:
            out.append([zh, sorted({term.en, *term.en_forms})])
    return out


def facets_of_page(identifiers: list[str], tags: Tags) -> set[str]:
    found: set[str] = set()
    for identifier in identifiers:
        found |= tags.of.get(identifier, set())
    return found


def _json(value: object) -> str:
    """Compact JSON with sorted keys, characters as themselves: what json.dumps(value, ensure_ascii=False,
    sort_keys=True, separators=(",", ":")) writes, byte for byte (tested; floats below 1e-4 aside, which it writes
    without an exponent: the index's only floats are average field lengths), in a quarter of the time: the
    index's 2,800 files took 0.40 s with the standard library, 0.11 s with orjson."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")
