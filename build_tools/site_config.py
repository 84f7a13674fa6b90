"""Site configuration: the settings of mkdocs.yml that the content checks depend on, read without MkDocs.

Input: mkdocs.yml. Output: a `SiteConfig` (the permanent address, the plugin's folders and titles) and
diagnostics: `site_url` is required and https (citations, permanent links and sitemap.xml are built from
it), and the plugin's options are checked as MkDocs would. `python -m build_tools check` and the build both
run these checks, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .diagnostics import Diagnostics, Loc
from .register import REGISTER

CONFIG = "mkdocs.yml"
PLUGIN = "mineral-plans"
PLUGIN_OPTIONS = ("root", "content", "tables", "register", "language", "titles", "copyrights", "pdf")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may carry tags of MkDocs and its extensions (!ENV, !!python/name:…); their values do not
    concern the checks here and are read as nothing."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    site_url: str
    root: str = "."  # the project, relative to mkdocs.yml (or absolute, as tests and benchmarks write it)
    content: str = "content"
    tables: str = "tables"
    register: str = REGISTER
    titles: dict[str, str] = field(default_factory=dict)
    copyrights: dict[str, str] = field(default_factory=dict)


def check_site_url(url: object, loc: Loc, diags: Diagnostics) -> str:
    """The permanent address every citation and permanent link is built from: required, https, a site root."""
    if not isinstance(url, str) or not url.strip():
        diags.error(loc, "site-url", "site_url is missing: permanent links would be relative and broken, "
                    "citations would have no URL and sitemap.xml would be empty",
                    "set `site_url: https://<the site's host>/` in mkdocs.yml")
        return ""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment or "@" in parts.netloc:
        diags.error(loc, "site-url", f"site_url '{url}' is not an https address of a site",
                    "write the address as https://host/ (a path is allowed; no query, fragment or user name)")
        return ""
    return url if url.endswith("/") else url + "/"


def load_site_config(root: Path, diags: Diagnostics, name: str = CONFIG) -> SiteConfig:
    path = root / name
    loc = Loc(name)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError) as exc:
        diags.error(loc, "missing-file", f"cannot read {name} ({exc})", "restore mkdocs.yml")
        return SiteConfig("")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        diags.error(Loc(name, mark.line + 1 if mark else 1), "yaml-syntax", f"YAML syntax error in {name}",
                    "fix the YAML at this line")
        return SiteConfig("")
    if not isinstance(raw, dict):
        diags.error(loc, "wrong-type", f"{name} must be a mapping of settings", "restore mkdocs.yml")
        return SiteConfig("")
    url = check_site_url(raw.get("site_url"), Loc(name, _line(path, "site_url"), "site_url"), diags)
    theme = raw.get("theme")
    if not isinstance(theme, dict) or theme.get("font") is not False:
        diags.error(Loc(name, _line(path, "theme"), "theme.font"), "offline", "the theme would load web fonts "
                    "from another host", "keep `font: false` under theme: no request leaves the site's host")
    options = _plugin_options(raw.get("plugins"))
    return plugin_config(url, options, Loc(name, _line(path, PLUGIN), f"plugins.{PLUGIN}"), diags)


def plugin_config(site_url: str, options: dict[str, Any], loc: Loc, diags: Diagnostics) -> SiteConfig:
    """The plugin's options, as MkDocs would check them (unknown options, wrong types)."""
    for key in options:
        if key not in PLUGIN_OPTIONS:
            diags.error(loc, "unknown-key", f"unknown option '{key}' of the {PLUGIN} plugin",
                        f"use only: {', '.join(PLUGIN_OPTIONS)}")
    folders = {}
    root = options.get("root") or "."
    if not isinstance(root, str):
        diags.error(loc, "wrong-type", "option 'root' must be the project's folder", "write e.g. `root: .`")
        root = "."
    for key, default in (("content", "content"), ("tables", "tables"), ("register", REGISTER)):
        value = options.get(key, default)
        if not isinstance(value, str) or not value or value.startswith("/") or ".." in value.split("/"):
            diags.error(loc, "wrong-type", f"option '{key}' must be a folder or file inside the project",
                        f"write e.g. `{key}: {default}`")
            value = default
        folders[key] = value
    if not isinstance(options.get("pdf", False), bool):
        diags.error(loc, "wrong-type", "option 'pdf' must be true or false", "write `pdf: true`")
    named: dict[str, dict[str, str]] = {}
    for key in ("titles", "copyrights"):
        value = options.get(key) or {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                  for k, v in value.items()):
            diags.error(loc, "wrong-type", f"option '{key}' must map a language to its text",
                        f"write e.g. `{key}: {{en: …}}`")
            value = {}
        named[key] = value
    return SiteConfig(site_url, root, folders["content"], folders["tables"], folders["register"], named["titles"],
                      named["copyrights"])


def _plugin_options(plugins: Any) -> dict[str, Any]:
    for plugin in plugins or []:
        if plugin == PLUGIN:
            return {}
        if isinstance(plugin, dict) and PLUGIN in plugin:
            options = plugin[PLUGIN]
            return options if isinstance(options, dict) else {}
    return {}


def _line(path: Path, key: str) -> int:
    """The line that sets `key` (for messages; 0 if the key is not written)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip(" -").startswith(f"{key}:"):
            return number
    return 0
