"""MkDocs adapter: the only module that knows MkDocs. It runs the pipeline and hands MkDocs the pages.

Input: MkDocs events (config, files). Output: generated pages added to MkDocs' files in memory, the
navigation set in the config, and a failed build listing every content problem at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .pipeline import check_project, plan_files
from .render import Site, render_site


class PlansConfig(Config):
    root = config_options.Type(str, default="")  # project root; default: the folder of mkdocs.yml
    content = config_options.Type(str, default="content")
    tables = config_options.Type(str, default="tables")
    register = config_options.Type(str, default="content/identifiers.yaml")


class PlansPlugin(BasePlugin[PlansConfig]):
    site: Site | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        checked = check_project(root, plan_files(root, self.config.content, self.config.tables),
                                self.config.register)
        if checked.diagnostics.errors:
            raise PluginError(f"{len(checked.diagnostics.errors)} problem(s) in content:\n"
                              + checked.diagnostics.report())
        self.site = render_site(checked, config.site_url or "")
        config.nav = [item.to_mkdocs() for item in self.site.nav]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        for page in self.site.pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src, content=page.text))
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        for folder in (self.config.content, self.config.tables):
            server.watch(str(root / folder))
        return server
