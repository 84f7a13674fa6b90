"""Engine-independent build: the generated site written to disk as a plain project, and built with Zensical.

Material for MkDocs ends in 2027; its successor Zensical runs no MkDocs plugin, so the pages that
`mkdocs_adapter` hands MkDocs in memory never reach it. This module runs the same pipeline (`check_site`,
`render_site`) and writes what the plugin gives MkDocs to disk instead, one project per language:

    <out>/<lang>/mkdocs.yml   site name, address, copyright and theme language of the language, its navigation,
                              the extra settings the theme reads; no plugin
    <out>/<lang>/docs/        the pages (`index.md` files that are the site's HTML; title, description and the
                              page's language switch, `alternate`, as front matter), the files beside them
                              (search index, open data, redirect pages) and build_tools/docs/assets
    <out>/<lang>/theme/       the theme overrides (build_tools/theme), which work under both engines

Either engine builds such a project (`zensical build`, or `mkdocs build` as benchmark.plain_configs does).
`build_site` runs `zensical build --strict` per language and publishes one site laid out as the MkDocs build's
(Chinese at the root, English under en/), atomically, with the plans' PDFs when mkdocs.yml asks for them:
`python -m build_tools zensical [--out DIR] [--site DIR]`.

What the plugin does inside MkDocs is done here on the files:
- no Markdown: the project's Markdown extension (this module, `PassThrough`) hands every page on unchanged,
  so nothing in content is read as Markdown or an attribute list (README, "What is escaped"), and gives the
  engine the page's contents (its <h1 id="plan-title"> holding the h2/h3 headings with an id);
- no autoescaping: the plugin turns it on in MkDocs' theme; Zensical (MiniJinja) prints values as they are,
  and so does MkDocs without the plugin, so every text the theme prints (titles, description, navigation,
  site name, copyright, the search script's words) is written here as HTML, escaped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markupsafe import escape as autoescape

from .addresses import DEFAULT_LANGUAGE, LANGUAGES, prefix, relative
from .diagnostics import Diagnostics
from .labels import LABELS, SEARCH_WORDS
from .pages.base import TITLE_ANCHOR, NavItem, Page, Site, heading_html, headings, text_in
from .pipeline import Checked, check_site
from .publish import discard, publish, staging_folder
from .render import render_site
from .site_config import CONFIG, PLUGIN, SiteConfig, load_site_config

ZENSICAL = "zensical==0.0.73"  # the version the theme overrides are tested with (pyproject: extra `engine`)
MARKER = ".plans-export"  # in <out>: the folder is this module's to rewrite


class EngineError(Exception):
    """The content has problems, or the engine is missing or failed; the message says what to do."""


def html_lang(lang: str) -> str:
    return "zh-Hans" if lang == DEFAULT_LANGUAGE else lang


def escaped(text: str) -> str:
    """Text as HTML, escaped as the theme's autoescaping escapes it under MkDocs with the plugin."""
    return str(autoescape(text))


# ------------------------------------------------------------------------------------------ the project

class Settings:
    """mkdocs.yml as written (theme, assets, extra settings) and as checked (address, titles, the plugin's
    options)."""

    def __init__(self, root: Path) -> None:
        self.raw: dict[str, Any] = yaml.safe_load((root / CONFIG).read_text(encoding="utf-8"))
        self.checked: SiteConfig = load_site_config(root, Diagnostics())
        self.options: dict[str, Any] = next((p[PLUGIN] or {} for p in self.raw.get("plugins", [])
                                             if isinstance(p, dict) and PLUGIN in p), {})

    def title(self, lang: str) -> str:
        return self.checked.titles.get(lang, str(self.raw["site_name"]))


def render(root: Path, checked: Checked | None = None) -> Site:
    """Every language's pages, rendered by the pipeline as the MkDocs plugin renders them."""
    checked = checked or check_site(root / CONFIG, root)
    if checked.diagnostics.errors:
        raise EngineError(f"{len(checked.diagnostics.errors)} problem(s) in content:\n"
                          + checked.diagnostics.report())
    settings = Settings(root)
    return render_site(checked, settings.checked.site_url,
                       {DEFAULT_LANGUAGE: str(settings.raw["site_name"]), **settings.checked.titles})


def alternates(page: Page) -> list[dict[str, str]]:
    """The page's language switch: this same page in every language (as the plugin's on_page_context)."""
    here = prefix(page.lang) + page.url
    return [{"name": escaped(LABELS[lang]["language_name"]), "lang": html_lang(lang),
             "link": escaped(relative(here, prefix(lang) + page.url))} for lang in LANGUAGES]


def front_matter(page: Page) -> dict[str, Any]:
    """The page's metadata escaped for Zensical, which prints it as it is (`title_html` is HTML already)."""
    meta = {key: escaped(value) if isinstance(value, str) and key != "title_html" else value
            for key, value in page.meta.items()}
    return {**meta, "alternate": alternates(page)}


def nav_items(items: tuple[NavItem, ...]) -> list[Any]:
    """The navigation as mkdocs.yml writes it, titles as HTML."""
    def copy(item: NavItem) -> NavItem:
        return NavItem(escaped(item.title), item.src, [copy(child) for child in item.children])

    return [copy(item).to_mkdocs() for item in items]


def write_docs(root: Path, site: Site, lang: str, docs: Path) -> Path:
    """One language's docs folder: the assets, every page as a Markdown file that is HTML, the files beside
    the pages (search index, open data, redirect pages)."""
    shutil.copytree(root / Settings(root).raw["docs_dir"], docs)
    for page in site.pages:
        if page.lang == lang:
            target = docs / page.url / "index.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(replace(page, meta=front_matter(page)).text, encoding="utf-8")
    for static in site.files:
        if static.lang == lang:
            target = docs / static.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(static.text, encoding="utf-8")
    return docs


def language_config(root: Path, site: Site, lang: str) -> dict[str, Any]:
    """One language's mkdocs.yml: the settings MkDocs gets from mkdocs.yml and the plugin, for a project
    without the plugin (docs/, theme/ and site/ beside the file), every text the theme prints as HTML."""
    settings = Settings(root)
    raw, base = settings.raw, settings.checked.site_url
    theme = {**raw["theme"], "custom_dir": "theme",
             "language": raw["theme"].get("language", html_lang(lang)) if lang == DEFAULT_LANGUAGE else lang,
             "variant": "classic"}  # Zensical: Material's look, which plans.css styles (MkDocs ignores it)
    return {**{key: value for key, value in raw.items() if key not in ("plugins", "markdown_extensions")},
            "site_name": escaped(settings.title(lang)),
            "site_url": base + prefix(lang),
            "copyright": escaped(settings.checked.copyrights.get(lang, raw.get("copyright") or "")),
            "docs_dir": "docs", "site_dir": "site", "theme": theme,
            "nav": nav_items(site.nav[lang]),
            "extra": {**raw.get("extra", {}),
                      "plans_language_roots": {html_lang(other): base + prefix(other) for other in LANGUAGES},
                      "plans_search_words": escaped(json.dumps(SEARCH_WORDS[lang], ensure_ascii=False))},
            "plugins": [{"search": {"enabled": False}}],  # the site's own search (Zensical has one by default)
            "markdown_extensions": [__name__]}  # PassThrough, below


def export_project(root: Path, site: Site, out: Path) -> dict[str, Path]:
    """Every language's project written into `out` (created, or rewritten if this module wrote it): the
    configuration file of each language."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise EngineError(f"{out} is not empty and was not written by `python -m build_tools zensical`: "
                          "choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Written by `python -m build_tools zensical`; rewritten on every run.\n",
                              encoding="utf-8")
    configs = {}
    for lang in LANGUAGES:
        project = out / lang
        shutil.rmtree(project, ignore_errors=True)
        write_docs(root, site, lang, project / "docs")
        shutil.copytree(root / Settings(root).raw["theme"]["custom_dir"], project / "theme")
        configs[lang] = project / CONFIG
        configs[lang].write_text(yaml.safe_dump(language_config(root, site, lang), allow_unicode=True,
                                                sort_keys=False), encoding="utf-8")
    return configs


# ------------------------------------------------------------------------------------------ building

def zensical_version() -> str | None:
    try:
        return metadata.version("zensical")
    except metadata.PackageNotFoundError:
        return None


def build_site(root: Path, out: Path, site_dir: Path | None = None, *, checked: Checked | None = None) -> Path:
    """Export the project into `out`, build every language with Zensical, and publish the site to `site_dir`
    (default <out>/site): Chinese at the root, English under en/, the PDFs if mkdocs.yml asks for them. A
    failed build leaves the previous site as it was."""
    from .browser import find_chromium
    from .pdf import NEEDS_CHROMIUM, PlanPrint, print_plans

    installed = zensical_version()
    if installed is None:
        raise EngineError(f"Zensical is not installed: `.venv/bin/pip install -e '.[engine]'` ({ZENSICAL})")
    if installed != ZENSICAL.partition("==")[2]:
        print(f"warning: Zensical {installed} is installed; the theme overrides are tested with {ZENSICAL}",
              file=sys.stderr)
    checked = checked or check_site(root / CONFIG, root)
    site = render(root, checked)
    settings = Settings(root)
    pdf = settings.options.get("pdf") is True
    if pdf and find_chromium() is None:
        raise EngineError(NEEDS_CHROMIUM)
    configs = export_project(root, site, out)
    for config in configs.values():
        done = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", CONFIG],
                              cwd=config.parent, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise EngineError(f"`zensical build --strict` of {config} failed:\n{done.stdout}{done.stderr}")
    site_dir = (site_dir or out / "site").resolve()
    staging = staging_folder(site_dir)
    try:
        for lang in sorted(configs, key=lambda lang: lang != DEFAULT_LANGUAGE):  # the root first
            shutil.move(configs[lang].parent / "site", staging / prefix(lang))
        if pdf:
            base = settings.checked.site_url
            print_plans(staging, [PlanPrint(plan.id, {lang: text_in(plan.title, lang) for lang in LANGUAGES},
                                            {lang: f"{base}{prefix(lang)}{plan.id}/" for lang in LANGUAGES})
                                  for plan in checked.corpus.plans])
        publish(staging, site_dir)
    except BaseException:
        discard(staging)
        raise
    return site_dir


# ------------------------------------------------------------------------------------------ Markdown

_TITLE = re.compile(rf'<h1[^>]*\bid="{TITLE_ANCHOR}"[^>]*>(.*?)</h1>', re.S)


def toc_tokens(html: str) -> list[dict[str, Any]]:
    """The page's contents as Python-Markdown's toc extension gives them (md.toc_tokens, which MkDocs and
    Zensical read): the <h1 id="plan-title"> ("skip to content" leads there) holding the h2 and h3 headings
    that carry an id after it (pages.base.headings, as mkdocs_adapter gives MkDocs)."""
    title = _TITLE.search(html)
    if title is None:
        return headings(html)
    name = heading_html(title.group(1))
    return [{"level": 1, "id": TITLE_ANCHOR, "name": name, "html": name, "data-toc-label": "",
             "children": headings(html[title.end():])}, *headings(html[:title.start()])]


class _Keep(Preprocessor):
    """Takes the page before any other step (before tabs are expanded) and leaves Markdown nothing."""

    def __init__(self, md: Markdown, kept: list[str]) -> None:
        super().__init__(md)
        self.kept = kept

    def run(self, lines: list[str]) -> list[str]:
        self.kept[:] = ["\n".join(lines)]
        return []


class _Give(Postprocessor):
    """Gives the page back as it came, after every other step, with its contents."""

    def __init__(self, md: Markdown, kept: list[str]) -> None:
        super().__init__(md)
        self.kept = kept

    def run(self, text: str) -> str:
        html = self.kept[0] if self.kept else text
        self.md.toc_tokens = toc_tokens(html)  # type: ignore[attr-defined]
        return html


class PassThrough(Extension):
    """Python-Markdown extension for pages that are HTML: the page unchanged, its contents as md.toc_tokens."""

    def extendMarkdown(self, md: Markdown) -> None:
        kept: list[str] = []
        md.preprocessors.register(_Keep(md, kept), "plans_keep", 1000)
        md.postprocessors.register(_Give(md, kept), "plans_give", -1000)


def makeExtension(**kwargs: Any) -> PassThrough:  # the name Python-Markdown looks for in a module
    return PassThrough(**kwargs)
