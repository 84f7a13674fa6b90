"""`make serve` (`mkdocs serve --dirty`): an edit re-renders only the pages it changed, a change of navigation
re-renders everything, and the search index follows the edit a moment later. Builds run in-process as MkDocs'
serve runs them: one plugin instance across rebuilds, a fresh configuration each time."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

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
    with serving(config, served) as first:
        build(first, dirty=True, serve_url="http://127.0.0.1:8000/")
        yield mini, served


@contextmanager
def serving(config: Path, served: Path) -> Iterator[MkDocsConfig]:
    """The configuration of a first `mkdocs serve --dirty` build, its plugins started, and stopped after."""
    first = load_config(str(config), site_dir=str(served))
    first.plugins.on_startup(command="serve", dirty=True)
    try:
        yield first
    finally:
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


def indexed(served: Path, text: str) -> bool:
    """Whether the English search index is written and holds `text` (a thread writes it after the build; a
    newer build stops an older build's thread, so the files may not be there yet)."""
    folder = served / "en" / "search"
    try:
        count = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["pages"]
        return any(text in (folder / f"d{n}.json").read_text(encoding="utf-8") for n in range(count))
    except FileNotFoundError:
        return False


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
    assert wait_for(lambda: indexed(served, "Revised This plan")), "the search index did not follow the edit"


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


def test_a_preview_of_one_language_renders_only_that_language(mini: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """`make serve ONLY=en`: the English pages only, the root leading to them, and an edit shows there."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("PLANS_SERVE_LANGUAGE", "en")
    served = tmp_path / "served"
    with serving(project_config(mini), served) as first:
        build(first, dirty=True, serve_url="http://127.0.0.1:8000/")
        pages = sorted(written(served))
        assert "en/mini-2021-2025/ch1/index.html" in pages
        assert [page for page in pages if not page.startswith("en/")] == ["404.html", "index.html"], pages
        assert 'url=en/' in (served / "index.html").read_text(encoding="utf-8")
        edit(mini, PARAGRAPH, "Revised " + PARAGRAPH)
        rebuild(mini, served)
        assert "Revised This plan" in (served / PAGE).read_text(encoding="utf-8")
        assert wait_for(lambda: indexed(served, "Revised This plan")), "the search index did not follow"
        assert not (served / "search").exists()  # no Chinese index either


def test_a_preview_of_an_unknown_language_says_what_to_set(mini: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("PLANS_SERVE_LANGUAGE", "fr")
    with serving(project_config(mini), tmp_path / "served") as config, pytest.raises(Abort):
        build(config, dirty=True, serve_url="http://127.0.0.1:8000/")
    assert "PLANS_SERVE_LANGUAGE='fr' (make serve ONLY=…): expected one of zh, en" in caplog.text
    assert not (tmp_path / "served").exists()


def test_serve_polls_content_tables_and_its_own_watches_every_tenth_of_a_second(mini: Path, tmp_path: Path) -> None:
    """MkDocs polls every half second; the plugin moves MkDocs' watches to a faster observer and adds its own."""
    from mkdocs.livereload import LiveReloadServer

    from build_tools.mkdocs_adapter import POLL

    config = load_config(str(project_config(mini)), site_dir=str(tmp_path / "served"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    try:
        server = config.plugins.on_serve(server, config=config, builder=lambda: None)
        emitters = server.observer.emitters
        assert {Path(e.watch.path) for e in emitters} == {  # watchdog watches a file (mkdocs.yml) through its folder
            Path(config.docs_dir), Path(config.config_file_path).parent, mini / "content", mini / "tables"}
        assert {e.timeout for e in emitters} == {POLL} and POLL <= 0.1
    finally:
        server.server_close()


def _children(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the processes from /proc (Linux)")
def test_serve_renders_the_english_of_each_rebuild_in_its_worker(mini: Path, tmp_path: Path) -> None:
    """`mkdocs serve --dirty` as `make serve` runs it: a worker process started before serve's threads renders
    the English of each rebuild (build_tools.beside), and goes when serve goes."""
    import signal
    import subprocess
    import sys
    import urllib.request

    from build_tools.benchmark import free_port

    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLANS_SERVE_LANGUAGE": ""}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(project_config(mini)),
                               "-a", f"127.0.0.1:{port}"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)

    def shows(text: str) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{PAGE.removesuffix('index.html')}",
                                        timeout=10) as response:
                return text in response.read().decode("utf-8")
        except OSError:
            return False

    try:
        assert wait_for(lambda: shows(PARAGRAPH), 120), "serve did not start"
        workers = _children(server.pid)
        assert len(workers) == 1, workers
        before = _cpu_ticks(workers[0])
        edit(mini, PARAGRAPH, "Revised " + PARAGRAPH)
        assert wait_for(lambda: shows("Revised This plan"), 60), "the edit did not show"
        assert _cpu_ticks(workers[0]) > before, "the worker did not render the rebuild's English"
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs shuts the plugins down
        server.wait(30)
    assert wait_for(lambda: not Path(f"/proc/{workers[0]}").exists(), 10), "the worker outlived serve"
