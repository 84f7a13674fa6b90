"""The glossary for readers: every term of the plans with its English rendering, kind, explanation, the source
of the rendering, and the provisions that use it; filterable in the browser, complete without JavaScript.

Input: the renderer (the checked glossary, the corpus) and a language. Output: one `Page` per language.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import addresses
from ..addresses import GLOSSARY_URL, identifier_url
from ..labels import LABELS, TERM_KINDS
from ..search_index import Entry
from ..terminology import Glossary, Term
from .base import Page, Renderer, text_in


@dataclass(frozen=True)
class TermView:
    term: Term
    explanation: str
    explanation_lang: str  # the language the explanation is written in
    used_in: list[tuple[str, str]]  # (short citation, url)
    words: str  # lower-case Chinese and English forms, for the filter


def usage(r: Renderer, glossary: Glossary) -> dict[str, list[str]]:
    """Every paragraph, heading and box row that uses each term (matched as the translation check matches);
    found once for both languages."""
    return r.once("glossary-usage", lambda: _usage(r, glossary))


def _usage(r: Renderer, glossary: Glossary) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for plan in r.corpus.plans:
        for division in plan.divisions():
            texts = [(f"{plan.id}/{division.path}", division.heading.zh)]
            texts += [(f"{plan.id}/{division.path}/{p.id}", p.text.zh) for p in division.paragraphs]
            for identifier, text in texts:
                for term_id in dict.fromkeys(t.id for _, t in glossary.find(text)):
                    found.setdefault(term_id, []).append(identifier)
        for table in plan.tables:
            for row in table.rows:
                text = " ".join(c.text.zh for c in row.cells.values())
                for term_id in dict.fromkeys(t.id for _, t in glossary.find(text)):
                    found.setdefault(term_id, []).append(f"{plan.id}/{table.id}/{row.key}")
    return found


def pages(r: Renderer, lang: str) -> list[Page]:
    glossary = r.checked.glossary
    if glossary is None:
        return []
    used = usage(r, glossary)
    views = []
    for term in glossary.terms:
        explanation = term.explanation.zh if lang == "zh" and term.explanation else (
            term.explanation.en if term.explanation else term.definition)
        explanation_lang = "zh-Hans" if lang == "zh" and term.explanation else "en"
        views.append(TermView(term, explanation, explanation_lang,
                              [(r.short_cite(i, lang), addresses.relative(GLOSSARY_URL, identifier_url(i)))
                               for i in used.get(term.id, [])],
                              " ".join([term.zh, *term.zh_forms, term.en, *term.en_forms]).lower()))
    kinds = [(k, TERM_KINDS[lang][k]) for k in TERM_KINDS[lang] if any(t.kind == k for t in glossary.terms)]
    return [r.page(lang, GLOSSARY_URL, "glossary.html.j2", None, LABELS[lang]["glossary"], terms=views, kinds=kinds,
                   kind_names=TERM_KINDS[lang], searchable=False)]


def search_entries(r: Renderer, lang: str) -> list[Entry]:
    """Each term as its own search result (the glossary page itself is not indexed): both scripts in its title,
    its explanation and note as its text."""
    glossary = r.checked.glossary
    if glossary is None:
        return []
    out = []
    for term in glossary.terms:
        zh = term.zh or (term.zh_forms[0] if term.zh_forms else "")
        explanation = text_in(term.explanation, lang) if term.explanation else term.definition
        body = Markup("<p>{}</p><p>{}</p><p>{}</p>").format(explanation, "、".join(term.zh_forms),
                                                              "; ".join(term.en_forms))
        title = f"{zh} {term.en}" if lang == "zh" else f"{term.en} ({zh})"
        out.append(Entry(f"{GLOSSARY_URL}#{term.id}", title, str(body), "glossary", "",
                         (LABELS[lang]["glossary"], TERM_KINDS[lang].get(term.kind, term.kind)), set(),
                         tuple(sorted({*term.zh_forms, *term.en_forms} - {""}))))
    return out
