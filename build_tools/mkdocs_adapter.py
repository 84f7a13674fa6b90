"""MkDocs adapter: the only module that knows MkDocs. It runs the pipeline and hands MkDocs the pages.

Input: MkDocs events (config, files). Output: generated pages added to MkDocs' files in memory, the
navigation of the language being built, a failed build that lists every content problem at once, and
after the Chinese build, one more MkDocs build per other language into <site>/<lang>/ (its own theme
language, navigation and search index).

Why not mkdocs-static-i18n: it re-creates every File from the disk (suffix.create_i18n_file), which
drops MkDocs 1.6 in-memory generated pages; and it merges all languages into one search index.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext
from watchdog.observers.polling import PollingObserver

from .addresses import DEFAULT_LANGUAGE, LANGUAGES, SEARCH_FOLDER, prefix, relative
from .beside import can_fork, prepare, start_forked, stop
from .browser import find_chromium
from .compiled import COMPILED
from .labels import LABELS, SEARCH_WORDS
from .pages.base import StaticFile, headings, text_in
from .pdf import NEEDS_CHROMIUM, PlanPrint, print_plans
from .pipeline import check_site
from .publish import discard, publish, staging_folder
from .render import TITLE_ANCHOR, Site, render_site
from .render import Page as RenderedPage

PLUGIN = "mineral-plans"
DIRTY_WARNING = "A 'dirty' build is being performed"
# `make serve ONLY=en`: the language a preview renders and serves (unset: every language); builds render all
SERVE_LANGUAGE = "PLANS_SERVE_LANGUAGE"
POLL = 0.1  # seconds between two looks at the watched folders under `mkdocs serve`


class _Generated(File):
    """A generated file that knows whether it differs from what the previous build of the same `mkdocs serve`
    wrote: under `serve --dirty` MkDocs renders and writes only files whose is_modified() is true."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class _DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale; the plugin rebuilds every page when the
    navigation or configuration changes, so the warning does not apply (and would fail the strict serve)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


class _SearchIndex:
    """A build's search index (a third of the generator's time), computed in a second process while MkDocs
    renders the pages, and moved into the site after both languages are built (the English build empties its
    folder first). Where fork is not safe (not Linux, or threads running), it is computed in this process."""

    def __init__(self, index: Callable[[], tuple[StaticFile, ...]]) -> None:
        self.index = index
        self.folder = Path(tempfile.mkdtemp(prefix="plans-search-"))
        self.process: multiprocessing.process.BaseProcess | None = None
        if can_fork():
            self.process = multiprocessing.get_context("fork").Process(target=self._write, name="search index")
            start_forked(self.process)

    def _write(self) -> None:
        _write_files(self.folder, self.index())

    def finish(self, site_dir: Path) -> None:
        try:
            if self.process is None:
                try:
                    self._write()
                except Exception as error:
                    raise PluginError(f"the search index could not be built: {error}") from error
            else:
                self.process.join()
                if self.process.exitcode != 0:
                    raise PluginError(f"the search index could not be built (exit code {self.process.exitcode}; "
                                      "its traceback is printed above)")
            for folder in sorted(self.folder.rglob(SEARCH_FOLDER.strip("/"))):
                target = site_dir / folder.relative_to(self.folder)
                shutil.rmtree(target, ignore_errors=True)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(folder), str(target))
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        shutil.rmtree(self.folder, ignore_errors=True)


def _write_files(site_dir: Path, files: tuple[StaticFile, ...], going_on: Callable[[], bool] = lambda: True) -> bool:
    """Each file into its language's folder of the site, whole (written beside, then renamed: a server reading
    the folder meanwhile sees the old file or the new one); stops when `going_on` turns false. Whether all were
    written."""
    for file in files:
        if not going_on():
            return False
        target = site_dir / prefix(file.lang) / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(file.text, encoding="utf-8")
        partial.replace(target)
    return True


_THEME_FILES: dict[tuple[object, ...], list[str]] = {}  # theme folders and static templates -> the files listed
_THEME_FILTER = "Files.add_files_from_theme.<locals>.filter"


def _theme_listed_once(config: MkDocsConfig) -> None:
    """MkDocs lists the theme's files at every build (Material ships 14,500, most of them icons) and tests each
    name against a dozen patterns: a seventh of a rebuild under `mkdocs serve`. The theme's environment here
    answers that listing from the first build of the process with the same folders and static templates. MkDocs
    does not watch the theme either (unless `--watch-theme`): a file added to the theme needs a new serve."""
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        list_templates = env.list_templates

        def listed(extensions: Any = None, filter_func: Callable[[str], bool] | None = None) -> list[str]:
            if filter_func is None or getattr(filter_func, "__qualname__", "") != _THEME_FILTER:
                return list_templates(extensions, filter_func)
            key = (tuple(theme.dirs), tuple(sorted(theme.static_templates)))
            if key not in _THEME_FILES:
                _THEME_FILES[key] = list_templates(extensions, filter_func)
            return list(_THEME_FILES[key])

        env.list_templates = listed  # type: ignore[method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def _digest(content: str, *about: object) -> str:
    return hashlib.sha1(f"{content}\0{about!r}".encode()).hexdigest()


class PlansConfig(Config):
    root = config_options.Type(str, default="")  # project root; default: the folder of mkdocs.yml
    content = config_options.Type(str, default="content")
    tables = config_options.Type(str, default="tables")
    register = config_options.Type(str, default="content/identifiers.yaml")
    language = config_options.Choice(LANGUAGES, default=DEFAULT_LANGUAGE)  # set for the other builds
    titles = config_options.Type(dict, default={})  # site name in the other languages: {en: …}
    copyrights = config_options.Type(dict, default={})  # footer in the other languages: {en: …}
    pdf = config_options.Type(bool, default=False)  # print each whole plan to pdf/ with Chromium (not under serve)


def _hreflang(lang: str) -> str:
    return "zh-Hans" if lang == DEFAULT_LANGUAGE else lang


class PlansPlugin(BasePlugin[PlansConfig]):
    site: Site | None = None
    pages: dict[str, RenderedPage]  # by source path, this language's
    command: str | None = None  # build, serve or gh-deploy, when MkDocs' command line runs the build
    published: Path | None = None  # the site folder asked for, while the build writes to `staging`
    staging: Path | None = None
    warnings: CountHandler | None = None
    prints: list[PlanPrint]
    # `mkdocs serve --dirty` (make serve): what each language's previous build wrote, so that an edit re-renders
    # only the pages it changed. The plugin instance lives across serve's rebuilds (it has on_startup).
    dirty = False
    # language -> (digest of its navigation and configuration, {source path: digest of the page or file})
    written: dict[str, tuple[str, dict[str, str]]]
    setting = ""  # this build's digest of navigation and configuration
    writing: dict[str, str]  # this build's digests, kept once it succeeds
    everything = True  # this build renders every page: first build, or the navigation or configuration changed
    builds = 0  # builds started: the search index computed after a serve build is written only for the latest
    indexing: _SearchIndex | None = None  # a build's search index, computed beside MkDocs' rendering
    languages: tuple[str, ...] = LANGUAGES  # the languages built: all, but under serve those SERVE_LANGUAGE names

    def __init__(self) -> None:
        super().__init__()
        self.pages = {}
        self.prints = []
        self.written = {}
        self.writing = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty and command == "serve"
        if command == "serve":
            prepare()  # the worker that renders the other language, forked before serve's threads start
        if self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarning())

    def on_shutdown(self) -> None:
        stop()

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(self.config.root or Path(config.config_file_path).parent).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_url = (config.site_url or "").removesuffix(prefix(self.config.language))
        if self.config.language == DEFAULT_LANGUAGE or self.site is None:
            # The other languages' builds reuse the pages rendered here (see on_post_build).
            self.languages = self._languages()
            checked = check_site(Path(config.config_file_path), self._root(config))
            if checked.diagnostics.errors:
                raise PluginError(f"{len(checked.diagnostics.errors)} problem(s) in content:\n"
                                  + checked.diagnostics.report())
            titles = {DEFAULT_LANGUAGE: config.site_name, **self.config.titles}
            self.builds += 1  # a search index still being computed for an earlier build is dropped
            self.site = render_site(checked, base_url, titles, search_later=True, languages=self.languages,
                                    beside=True)
            if self.command != "serve" and self.site.later is not None:
                self.indexing = _SearchIndex(self.site.later)  # while MkDocs renders the pages
            self.prints = [PlanPrint(plan.id, {lang: text_in(plan.title, lang) for lang in LANGUAGES},
                                     {lang: f"{base_url}{prefix(lang)}{plan.id}/" for lang in LANGUAGES})
                           for plan in checked.corpus.plans]
            if self.config.pdf and self.command != "serve" and find_chromium() is None:
                raise PluginError(NEEDS_CHROMIUM)
            if self.command != "serve":
                # Atomic: build into a staging folder, published in on_post_build once everything succeeded.
                self.published = Path(config.site_dir).resolve()
                self.staging = staging_folder(self.published)
                config.site_dir = str(self.staging)
                self.warnings = CountHandler()
                self.warnings.setLevel(logging.WARNING)
                logging.getLogger("mkdocs").addHandler(self.warnings)
        _theme_listed_once(config)
        config.extra["plans_language_roots"] = {_hreflang(lang): base_url + prefix(lang) for lang in LANGUAGES}
        config.extra["plans_search_words"] = json.dumps(SEARCH_WORDS[self.config.language], ensure_ascii=False)
        config.nav = [item.to_mkdocs() for item in self.site.nav.get(self.config.language, ())]
        if self.command == "serve":  # a preview needs no sitemap (every page, rendered at each rebuild)
            config.theme.static_templates.discard("sitemap.xml")
        if self.dirty:
            self.setting = _digest(Path(config.config_file_path).read_text(encoding="utf-8"), config.nav,
                                   config.site_name, config.copyright, sorted(config.extra.items()))
            self.everything = self.written.get(self.config.language, ("", {}))[0] != self.setting
            self.writing = {}
        return config

    def _languages(self) -> tuple[str, ...]:
        """Under `mkdocs serve`, the language SERVE_LANGUAGE names, if set: an edit then re-renders half the pages."""
        only = os.environ.get(SERVE_LANGUAGE, "").strip()
        if self.command != "serve" or not only:
            return LANGUAGES
        if only not in LANGUAGES:
            raise PluginError(f"{SERVE_LANGUAGE}={only!r} (make serve ONLY=…): expected one of "
                              f"{', '.join(LANGUAGES)}, or nothing for every language")
        if not self.builds:
            logging.getLogger("mkdocs").info(f"serving only the {LABELS[only]['language_name']} pages "
                                             f"({SERVE_LANGUAGE}={only}); the other languages are not built")
        return (only,)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        self.pages = {}
        if self.config.language not in self.languages:  # a preview of another language: the root leads to it
            target = prefix(self.languages[0])
            files.append(self._file(config, "index.html", f'<!doctype html><meta charset="utf-8">'
                                    f'<meta http-equiv="refresh" content="0; url={target}">'
                                    f'<a href="{target}">{target}</a>'))
        for page in self.site.pages:
            if page.lang != self.config.language:
                continue
            src = page.url + "index.md"
            existing = files.get_file_from_path(src)
            if existing is not None:
                files.remove(existing)
            self.pages[src] = page
            files.append(self._file(config, src, page.html, page.title, page.meta))
        for static in self.site.files:
            if static.lang == self.config.language:
                files.append(self._file(config, static.path, static.text))
        return files

    def _file(self, config: MkDocsConfig, src: str, content: str, *about: object) -> File:
        file = _Generated.generated(config, src, content=content)
        assert isinstance(file, _Generated)
        if self.dirty:
            digest = _digest(content, *about)
            before = self.written.get(self.config.language, ("", {}))[1]
            file.unchanged = not self.everything and before.get(src) == digest
            self.writing[src] = digest
        return file

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every value the theme prints is escaped for HTML unless a template marks it safe (the page body,
        which the site's own templates escaped): a title, description or name from content cannot become
        markup. Material's templates print them raw, assuming trusted Markdown. The compiled templates are kept
        between builds and processes (build_tools.compiled)."""
        env.autoescape = True
        env.bytecode_cache = COMPILED
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The site's pages are HTML already: their metadata is set here and Python-Markdown gets nothing
        to convert (so nothing in them is read as Markdown, and the build skips the conversion)."""
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            return markdown
        page.meta = dict(ours.meta)
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            return html
        # The title is the page's first anchor (Material's "skip to content" link leads there); its headings
        # with an id are the page's "on this page" contents.
        title: Any = {"level": 1, "id": TITLE_ANCHOR, "name": escape(ours.title), "children": headings(ours.html)}
        page.toc = get_toc([title])
        return ours.html

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Any) -> TemplateContext:
        """The language switch and hreflang alternates lead to this same page in the other language."""
        here = prefix(self.config.language) + page.url
        config.extra["alternate"] = [
            {"name": LABELS[lang]["language_name"], "lang": _hreflang(lang),
             "link": relative(here, prefix(lang) + page.url)}
            for lang in LANGUAGES
        ]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.dirty:  # what this language's build wrote, for the next edit
            self.written[self.config.language] = (self.setting, self.writing)
            self.writing = {}
        if self.config.language != DEFAULT_LANGUAGE:
            return
        for lang in self.languages:
            if lang != DEFAULT_LANGUAGE:
                other = _language_config(config, lang, self.config.titles, self.config.copyrights)
                plugin = other.plugins[PLUGIN]
                assert isinstance(plugin, PlansPlugin)
                assert plugin is not self
                plugin.site = self.site  # every language's pages were rendered in this build's on_config
                plugin.command, plugin.dirty, plugin.written = self.command, self.dirty, self.written
                plugin.languages = self.languages
                build(other, dirty=self.dirty)
        if self.indexing is not None:
            indexing, self.indexing = self.indexing, None
            indexing.finish(Path(config.site_dir))
        elif self.site is not None and self.site.later is not None:
            self._search_later(Path(config.site_dir), self.site.later)
        if self.config.pdf and self.command != "serve":
            print_plans(Path(config.site_dir), self.prints)
        if self.published is not None and self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            if config.strict and self.warnings.get_counts():
                return  # MkDocs aborts the strict build after this event: the previous site stays (on_build_error)
            assert self.staging is not None
            publish(self.staging, self.published)
            config.site_dir = str(self.published)
            self.published = self.staging = None

    def _search_later(self, site_dir: Path, index: Callable[[], tuple[StaticFile, ...]]) -> None:
        """Under `mkdocs serve` the edited pages are served as soon as they are written; the search index (half
        of the generator's time) follows a moment later, from a thread, unless a newer build has begun."""
        build_number = self.builds

        def write() -> None:
            files = index()
            if _write_files(site_dir, files, lambda: build_number == self.builds):
                logging.getLogger("mkdocs").info(f"search index written ({len(files)} files)")

        threading.Thread(target=write, name="search index", daemon=True).start()

    def on_build_error(self, *, error: Exception) -> None:
        """The previous site stays as it was; the staging folder goes. Under `serve --dirty` the next build
        renders everything."""
        self.written.clear()
        if self.indexing is not None:
            self.indexing.cancel()
            self.indexing = None
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.staging is not None:
            discard(self.staging)
        self.published = self.staging = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """The content and tables are watched too, and every watched folder is polled every POLL seconds:
        MkDocs polls every half second, a quarter of a second on average between saving and rebuilding. Its
        watches (docs, mkdocs.yml, the theme under --watch-theme) move to the faster observer, which MkDocs
        starts after this event."""
        root = self._root(config)
        moved: list[str] = []
        for path in (config.docs_dir, config.config_file_path, *config.theme.dirs):
            try:
                server.unwatch(path)
            except KeyError:  # not watched: a theme folder without --watch-theme
                continue
            moved.append(path)
        server.observer = PollingObserver(timeout=POLL)
        for folder in (*moved, str(root / self.config.content), str(root / self.config.tables)):
            server.watch(folder)
        return server


def project_config(root: Path, project: Path, site_dir: Path, path: Path, *, pdf: bool = False) -> Path:
    """Write to `path` an mkdocs.yml that builds the project tree `project` (its content/ and tables/) into
    `site_dir`, with the theme, assets and settings of `root`'s mkdocs.yml: for tests and benchmarks (the PDFs
    printed only when asked)."""
    raw = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    raw["docs_dir"] = str(root / raw["docs_dir"])
    raw["theme"]["custom_dir"] = str(root / raw["theme"]["custom_dir"])
    raw["site_dir"] = str(site_dir)
    raw["plugins"] = [{PLUGIN: {**(p[PLUGIN] or {}), "root": str(project), "pdf": pdf}}
                      if isinstance(p, dict) and PLUGIN in p
                      else {PLUGIN: {"root": str(project), "pdf": pdf}} if p == PLUGIN else p for p in raw["plugins"]]
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def _language_config(config: MkDocsConfig, lang: str, titles: dict[str, str],
                     copyrights: dict[str, str]) -> MkDocsConfig:
    """The same mkdocs.yml, for another language: theme language, site name, address and output
    folder under the Chinese site, and this plugin told which language to render."""
    path = Path(config.config_file_path)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = path.parent
    raw["docs_dir"] = str((base / raw.get("docs_dir", "docs")).resolve())
    theme = raw.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((base / theme["custom_dir"]).resolve())
    theme["language"] = lang
    raw["site_name"] = titles.get(lang, raw.get("site_name"))
    raw["copyright"] = copyrights.get(lang, raw.get("copyright"))
    raw["site_url"] = (config.site_url or "") + prefix(lang) if config.site_url else None
    plugins = []
    for plugin in raw.get("plugins", []):
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        options = {} if isinstance(plugin, str) else dict(plugin[name] or {})
        if name == PLUGIN:
            options["language"] = lang
            options.setdefault("root", str(base.resolve()))
        plugins.append({name: options})
    raw["plugins"] = plugins
    text = yaml.safe_dump(raw, allow_unicode=True)
    # MkDocs keeps one instance of a plugin that has on_startup for every configuration the process loads (so
    # that `serve` keeps it across rebuilds); the other language gets an instance of its own, else loading its
    # configuration would turn the running build's plugin into the other language's.
    option = MkDocsConfig.plugins
    assert isinstance(option, config_options.Plugins)
    running = option.plugin_cache.pop(PLUGIN, None)
    try:
        return load_config(io.StringIO(text), config_file_path=str(path),
                           site_dir=os.path.join(config.site_dir, lang), strict=config.strict)
    finally:
        option.plugin_cache.pop(PLUGIN, None)
        if running is not None:
            option.plugin_cache[PLUGIN] = running
