"""Translation checks: the English says the same as the Chinese, with the glossary's terms and the same figures.

Input: the corpus, the glossary (tables/glossary.yaml) and reviewed exceptions
(tables/translation-exceptions.yaml). Output: diagnostics per translated text —
`glossary-term-missing`, `figure-missing`, `sentence-count`, `chinese-in-english` — at the file and
line of the Chinese text, so a reviewer sees the pair at once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .diagnostics import Diagnostics, Loc
from .load import _Reader
from .model import Corpus, Text
from .numbers import halfwidth
from .translation import Slot, plan_slots
from .yamlio import load_yaml

GLOSSARY = "tables/glossary.yaml"
EXCEPTIONS = "tables/translation-exceptions"  # a folder: one reviewed YAML file per plan or part


TERM_KINDS = ("term", "place", "mineral", "policy", "organisation", "geology", "unit", "document")
CONFIDENCE = ("high", "medium", "low")
_TERM_KEYS = ("id", "kind", "zh", "zh_forms", "zh_short", "en", "en_forms", "note_forms", "definition", "explanation",
              "note", "category", "source", "confidence", "plans")
DATA_FILES = ("concordance", "comparisons")  # the `plan` of translation.data_slots
_TERM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    id: str
    kind: str
    zh_forms: tuple[str, ...]
    en: str
    en_forms: tuple[str, ...]
    loc: Loc
    zh: str = ""  # the headword
    zh_short: str = ""  # the bare form (铁, 金), which also occurs in unrelated words: not matched
    definition: str = ""
    note: str = ""  # why it is rendered so
    category: str = ""
    sources: tuple[str, ...] = ()
    confidence: str = ""
    plans: tuple[str, ...] = ()
    explanation: Text | None = None  # for readers: what a coined policy term means, in both languages
    note_forms: tuple[str, ...] = ()  # further forms accepted in the data files' notes (conventions.notes)


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]  # every entry, in the file's order (units included)
    by_form: dict[str, Term]  # the Chinese forms the translation check looks for (units excluded)

    @functools.cached_property
    def _lengths(self) -> dict[str, tuple[int, ...]]:
        """The lengths of the forms beginning with each character, longest first: the only lengths worth
        looking up at a position."""
        lengths: dict[str, set[int]] = {}
        for form in self.by_form:
            lengths.setdefault(form[0], set()).add(len(form))
        return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}

    def find(self, text: str) -> list[tuple[int, Term]]:
        """Terms in `text`, matched longest-first, left to right, without overlap."""
        found: list[tuple[int, Term]] = []
        starts = self._lengths
        i = 0
        while i < len(text):
            for length in starts.get(text[i], ()):
                term = self.by_form.get(text[i:i + length]) if i + length <= len(text) else None
                if term is not None:
                    found.append((i, term))
                    i += length
                    break
            else:
                i += 1
        return found


def load_glossary(root: Path, diags: Diagnostics, path: str = GLOSSARY) -> Glossary | None:
    """The glossary, every entry checked (keys, types, one entry per id and per Chinese form). A missing
    glossary is an error: the translation check and the open data depend on it."""
    file = root / path
    if not file.exists():
        diags.error(Loc(path), "missing-file", f"the glossary {path} is missing",
                    "restore it: the translation check and the open data are built from it")
        return None
    doc = load_yaml(file, root, diags)
    if doc is None:
        return None
    r = _Reader(doc, diags)
    data = r.mapping(doc.data, (), "the glossary") or {}
    r.known(data, (), ("conventions", "terms"))
    terms: list[Term] = []
    by_form: dict[str, Term] = {}
    ids: dict[str, int] = {}
    entries = r.entries(data, (), "terms", "a glossary entry", _TERM_KEYS)
    if not entries:
        diags.error(doc.loc(()), "empty-registry", "the glossary lists no terms", "restore the terms")
    for tpath, entry in entries:
        loc = r.loc(tpath)
        tid = r.string(entry, tpath, "id", code="missing-id")
        if tid and not _TERM_ID.match(tid):
            diags.error(r.loc((*tpath, "id")), "bad-id", f"glossary id '{tid}' is not of the form key-mining-area",
                        "use lower-case letters, digits and single hyphens")
        if tid in ids:
            diags.error(r.loc((*tpath, "id")), "duplicate-id", f"glossary id '{tid}' is used twice (first at line "
                        f"{ids[tid]})", "give each concept its own id")
        ids.setdefault(tid, loc.line)
        kind = r.string(entry, tpath, "kind")
        if kind and kind not in TERM_KINDS:
            diags.error(r.loc((*tpath, "kind")), "wrong-type", f"unknown kind '{kind}'",
                        f"use one of: {', '.join(TERM_KINDS)}")
        confidence = r.string(entry, tpath, "confidence", required=False)
        if confidence and confidence not in CONFIDENCE:
            diags.error(r.loc((*tpath, "confidence")), "wrong-type", f"unknown confidence '{confidence}'",
                        f"use one of: {', '.join(CONFIDENCE)}")
        en = r.string(entry, tpath, "en")
        en_forms = r.strings(entry, tpath, "en_forms") or (en,)
        source = entry.get("source")
        sources = r.strings(entry, tpath, "source") if isinstance(source, list) else (
            (r.string(entry, tpath, "source"),) if source is not None else ())
        optional = {key: r.string(entry, tpath, key, required=False)
                    for key in ("zh", "zh_short", "definition", "note", "category")}
        explanation = r.text(entry["explanation"], (*tpath, "explanation")) if "explanation" in entry else None
        term = Term(tid, kind, r.strings(entry, tpath, "zh_forms"), en, en_forms, loc, sources=sources,
                    note_forms=r.strings(entry, tpath, "note_forms"),
                    confidence=confidence, plans=r.strings(entry, tpath, "plans"), explanation=explanation, **optional)
        terms.append(term)
        if en and en not in en_forms:
            diags.error(loc, "glossary-form", f"'{en}' is not among its own en_forms", "add it to en_forms")
        if kind == "unit":
            continue  # units in running text follow the unit convention, checked with the figures
        for form in term.zh_forms:
            if form in by_form:
                diags.error(loc, "duplicate-id", f"Chinese form '{form}' is in two entries ({by_form[form].id}, "
                            f"{term.id})", "one Chinese form belongs to one concept")
            by_form[form] = term
    return Glossary(tuple(terms), by_form)


@dataclass(frozen=True)
class Exception_:
    where: str  # slot path, e.g. liaoning-2021-2025 ch1/s1/p2
    code: str
    term: str  # glossary id or figure, as the diagnostic names it
    reason: str
    loc: Loc


def load_exceptions(root: Path, diags: Diagnostics, folder: str = EXCEPTIONS) -> list[Exception_]:
    out = []
    for file in sorted((root / folder).glob("*.yaml")):
        doc = load_yaml(file, root, diags)
        if doc is None:
            continue
        r = _Reader(doc, diags)
        data = r.mapping(doc.data, (), "the exceptions") or {}
        r.known(data, (), ("exceptions",))
        for epath, entry in r.entries(data, (), "exceptions", "an exception", ("where", "code", "term", "reason")):
            reason = r.string(entry, epath, "reason")
            if "reason" in entry and not reason.strip():
                diags.error(r.loc(epath), "exception-without-reason", "every exception needs a reason",
                            "say why the glossary rendering or figure does not apply here")
            out.append(Exception_(r.string(entry, epath, "where"), r.string(entry, epath, "code"),
                                  r.string(entry, epath, "term"), reason, r.loc(epath)))
    return out


_CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_FIGURE = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?")
_MULTIPLIER = {"万": Decimal(10000), "亿": Decimal(100000000)}
_EN_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[A-Z“\"'(‘]|\s*$)")
_ZH_SENTENCE_END = re.compile(r"[。！？]")


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def figure_forms(zh: str) -> list[tuple[str, list[str]]]:
    """Every arabic figure of a Chinese text with the English forms that render it under the unit
    convention: 万/亿 multiplied out (10.2 亿元 -> 1020000000 or 1.02 billion), printed as is otherwise."""
    plain = halfwidth(zh)
    out = []
    for match in _FIGURE.finditer(plain):
        before = plain[match.start() - 1] if match.start() else ""
        after = plain[match.end()] if match.end() < len(plain) else ""
        if re.match(r"[A-Za-z_]", before) or re.match(r"[A-Za-z]", after):
            continue  # part of a formula or code (B_2O_3, 5G)
        value = Decimal(match.group())
        rest = plain[match.end():].lstrip(" ")
        factor = _MULTIPLIER.get(rest[:1], Decimal(1))
        full = value * factor
        forms = [_plain(full)]
        if full >= 1000000:
            forms.append(f"{_plain(full / 1000000)} million")
        if full >= 1000000000:
            forms.append(f"{_plain(full / 1000000000)} billion")
        out.append((match.group(), forms))
    return out


def _english_numbers(en: str) -> str:
    """English with thousands separators removed, so 1,197 and 1197 read the same."""
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", en)


def _has_form(en: str, form: str) -> bool:
    pattern = r"(?<![\d.])" + re.escape(form) + r"(?![\d])"
    if form.endswith(("million", "billion")):
        pattern = r"(?<![\d.])" + re.escape(form) + r"\b"
    return re.search(pattern, en) is not None


def check_slot(slot: Slot, glossary: Glossary | None, diags: Diagnostics, skip: set[tuple[str, str, str]],
               used: set[tuple[str, str, str]]) -> None:
    zh, en = slot.text.zh, slot.text.en
    if not en.strip() or not zh.strip():
        return
    where = f"{slot.plan} {slot.where}"
    loc = slot.text.loc
    if _CJK.search(en):
        diags.error(loc, "chinese-in-english", f"{where}: Chinese characters or full-width punctuation in the "
                    f"English: '{_CJK.findall(en)[:5]}'", "translate them; use ASCII punctuation in English")
    if glossary is not None and not slot.where.endswith(":note"):
        # Editorial notes quote misprints rather than translate terms: their wording is free. The notes of
        # the data files (concordance, comparisons) also accept a term's note_forms (conventions.notes).
        lowered = _comparable(en)
        data = slot.plan in DATA_FILES
        for _, term in glossary.find(zh):
            if any(_word_in(_comparable(form), lowered) for form in term.en_forms + (term.note_forms if data else ())):
                continue
            if (where, "glossary-term-missing", term.id) in skip:
                used.add((where, "glossary-term-missing", term.id))
            else:
                diags.error(loc, "glossary-term-missing", f"{where}: '{term.zh_forms[0]}' ({term.id}) is not "
                            f"rendered as '{term.en}'", f"use one of: {'; '.join(term.en_forms)} — or register an "
                            "exception with a reason")
    numbers = _english_numbers(en)
    for printed, forms in figure_forms(zh):
        if any(_has_form(numbers, f) for f in forms):
            continue
        if (where, "figure-missing", printed) in skip:
            used.add((where, "figure-missing", printed))
        else:
            diags.error(loc, "figure-missing", f"{where}: the figure {printed} is not in the English "
                        f"(expected {' or '.join(forms)})", "render every figure under the unit convention")
    zh_count = len(_ZH_SENTENCE_END.findall(zh))
    en_count = len(_EN_SENTENCE_END.findall(en.strip()))
    if zh_count and zh_count != en_count and (where, "sentence-count", "") in skip:
        used.add((where, "sentence-count", ""))
    elif zh_count and zh_count != en_count:
        diags.error(loc, "sentence-count", f"{where}: {zh_count} Chinese sentence(s), {en_count} English",
                    "one English sentence for each Chinese sentence ending in 。")


def _comparable(text: str) -> str:
    """Lower case, hyphens and dashes read as spaces, quotes dropped: 'Eco-environment' = eco environment."""
    text = re.sub(r"[-‐‑–—]", " ", text.lower())
    text = re.sub(r"[\"'‘’“”]", "", text)
    return re.sub(r"\s+", " ", text)


def _word_in(form: str, text: str) -> bool:
    """`form` as whole words in `text`, its last word also in the plural (zone -> zones)."""
    start = r"\b" if form[:1].isalnum() else ""
    end = r"(?:s|es)?\b" if form[-1:].isalnum() else ""
    return re.search(start + re.escape(form) + end, text) is not None


def check_translations(corpus: Corpus, root: Path, diags: Diagnostics, plan_id: str | None = None,
                       file: str | None = None, data: Iterable[Slot] = ()) -> None:
    """The plans' English, and `data` (translation.data_slots: the notes of the data files) unless one plan
    is asked for."""
    glossary = load_glossary(root, diags)
    exceptions = load_exceptions(root, diags)
    skip = {(e.where, e.code, e.term) for e in exceptions}
    used: set[tuple[str, str, str]] = set()
    for plan in corpus.plans:
        if plan_id not in (None, plan.id):
            continue
        for slot in plan_slots(plan):
            if file is not None and slot.text.loc.file != file:
                continue
            check_slot(slot, glossary, diags, skip, used)
    for slot in data if plan_id is None else ():
        if file is None or slot.text.loc.file == file:
            check_slot(slot, glossary, diags, skip, used)
    if plan_id is None and file is None:
        for e in exceptions:
            if (e.where, e.code, e.term) not in used:
                diags.error(e.loc, "stale-exception", f"the exception for {e.where} {e.code} {e.term} silences nothing",
                            "remove it (the translation or the glossary now agree)")
