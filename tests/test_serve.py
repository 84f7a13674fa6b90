"""`make serve` (`mkdocs serve --dirty`): an edit re-renders only the pages it changed, a change of navigation
re-renders everything, and the search index follows the edit a moment later. Builds run in-process as MkDocs'
serve runs them: one plugin instance across rebuilds, a fresh configuration each time."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .site_build import project_config

pytestmark = pytest.mark.site
PARAGRAPH = "This plan is formulated in accordance with the relevant laws and regulations."
PAGE = "en/mini-2021-2025/ch1/index.html"


@pytest.fixture
def serve(mini: Path, tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A first serve build of the fixture project: (project, served folder)."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = project_config(mini)
    served = tmp_path / "served"
    first = load_config(str(config), site_dir=str(served))
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, dirty=True, serve_url="http://127.0.0.1:8000/")
    yield mini, served
    first.plugins.on_shutdown()
    for handler_filter in list(logging.getLogger("mkdocs.commands.build").filters):
        logging.getLogger("mkdocs.commands.build").removeFilter(handler_filter)


def rebuild(project: Path, served: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(served))
    build(config, dirty=True, serve_url="http://127.0.0.1:8000/")


def written(served: Path) -> dict[str, int]:
    return {str(p.relative_to(served)): p.stat().st_mtime_ns for p in served.rglob("*.html")}


def edit(project: Path, old: str, new: str) -> None:
    path = next(p for p in (project / "content").rglob("*.yaml") if old in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def search_text(served: Path) -> str:
    folder = served / "en" / "search"
    count = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["pages"]
    return "".join((folder / f"d{n}.json").read_text(encoding="utf-8") for n in range(count))


def wait_for(condition: object, seconds: float = 60) -> bool:
    assert callable(condition)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_an_edit_re_renders_only_the_pages_it_changes(serve: tuple[Path, Path]) -> None:
    project, served = serve
    assert wait_for(lambda: (served / "en" / "search" / "meta.json").exists()), "the search index was not written"
    before = written(served)
    assert len(before) > 20
    edit(project, PARAGRAPH, "Revised " + PARAGRAPH)
    rebuild(project, served)
    after = written(served)
    assert "Revised This plan" in (served / PAGE).read_text(encoding="utf-8")
    changed = sorted(page for page in before if after[page] != before[page])
    assert PAGE in changed
    # the article, its views side by side and as a whole plan, pages quoting the paragraph (and MkDocs' 404 page,
    # always rendered): not the other pages
    assert "index.html" not in changed and "en/index.html" not in changed, changed
    assert "mini-2021-2025/ch2/index.html" not in changed, changed
    assert len(changed) < len(before) // 4, changed
    assert wait_for(lambda: "Revised This plan" in search_text(served)), "the search index did not follow the edit"


def test_a_change_of_navigation_re_renders_every_page(serve: tuple[Path, Path]) -> None:
    project, served = serve
    before = written(served)
    edit(project, "en: General provisions", "en: General Provisions (edited)")
    rebuild(project, served)
    after = written(served)
    assert "General Provisions (edited)" in (served / "en" / "index.html").read_text(encoding="utf-8")
    # an English heading: the English navigation changed, the Chinese did not
    themed = [page for page in before if 'class="md-nav' in (served / page).read_text(encoding="utf-8")]
    english = [page for page in themed if page.startswith("en/")]
    assert len(english) > 20
    assert after["index.html"] == before["index.html"]
    kept = [page for page in english if after[page] == before[page]]
    assert not kept, f"pages kept the old navigation: {kept}"
