"""Atomic builds: the site folder changes only when a whole strict build (both languages) has succeeded.
A build that fails after writing pages, or is killed midway, leaves the previous site byte for byte."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from .conftest import edit, project_with_config
from .site_build import ROOT, mkdocs

pytestmark = pytest.mark.site


def _snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _staging(site: Path) -> list[Path]:
    return sorted(site.parent.glob(f".{site.name}.building-*"))


def test_a_failing_strict_build_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    """A Markdown page with a broken link fails the strict build only after every page was written."""
    project = project_with_config("mini", tmp_path / "project")
    site = project / "site"
    assert mkdocs(project / "mkdocs.yml", site).returncode == 0
    before = _snapshot(site)
    assert "index.html" in before and "en/index.html" in before

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "build_tools" / "docs", docs)
    (docs / "notes.md").write_text("# Notes\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    edit(project / "content/mini-2021-2025/ch2.yaml", "en: Exploration rights are granted first",
         "en: Exploration rights are now granted first")  # a change that would show if the site were replaced

    result = mkdocs(project / "mkdocs.yml", site)
    assert result.returncode != 0 and "strict mode" in result.stdout + result.stderr
    assert _snapshot(site) == before
    assert _staging(site) == []


def test_a_killed_build_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    project = project_with_config("real", tmp_path / "project")
    site = project / "site"
    assert mkdocs(project / "mkdocs.yml", site).returncode == 0
    before = _snapshot(site)

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                              str(project / "mkdocs.yml"), "-d", str(site)], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and build.poll() is None:  # until pages are being written
            staging = _staging(site)
            if staging and len(list(staging[0].rglob("index.html"))) > 50:
                break
            time.sleep(0.05)
        assert build.poll() is None, "the build ended before it could be killed midway"
        build.send_signal(signal.SIGKILL)
        build.wait()
    finally:
        if build.poll() is None:
            build.kill()
    assert _snapshot(site) == before
    assert len(_staging(site)) == 1  # what the killed build left beside the site

    assert mkdocs(project / "mkdocs.yml", site).returncode == 0
    assert _staging(site) == []  # the next build removed it
    assert _snapshot(site) == before  # and built the same site


def test_the_search_index_built_beside_the_pages_lands_in_both_languages(tmp_path: Path) -> None:
    from build_tools.mkdocs_adapter import _SearchIndex
    from build_tools.pages.base import StaticFile

    index = _SearchIndex(lambda: (StaticFile("search/meta.json", "zh", "{}"), StaticFile("search/d0.json", "en", "[]")))
    index.finish(tmp_path)
    assert (tmp_path / "search" / "meta.json").read_text(encoding="utf-8") == "{}"
    assert (tmp_path / "en" / "search" / "d0.json").read_text(encoding="utf-8") == "[]"
    assert not index.folder.exists()


def test_a_search_index_that_fails_fails_the_build(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from build_tools.mkdocs_adapter import _SearchIndex

    def broken() -> tuple[()]:
        raise RuntimeError("no index")

    index = _SearchIndex(broken)
    with pytest.raises(PluginError, match="search index could not be built"):
        index.finish(tmp_path)
    assert not (tmp_path / "search").exists() and not index.folder.exists()
