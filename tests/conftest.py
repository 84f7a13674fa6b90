"""Shared fixtures: the real project, checked and built once; editable copies of it and of the fixture plan;
Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from build_tools.browser import ARGS, find_chromium
from build_tools.pipeline import Checked, check_project

from .site_build import ROOT, mkdocs

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"


@pytest.fixture(scope="session")
def checked() -> Checked:
    """The real content, loaded and checked once."""
    return check_project(ROOT)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once by the real MkDocs command line (strict, no warning); tests only read it."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


CHROMIUM_ARGS = ARGS


def chromium_path() -> str:
    """The Chromium the browser tests drive ($CHROMIUM or the usual names); a clear failure when there is none."""
    path = find_chromium()
    if path is None:
        pytest.fail("no Chromium found: run `.venv/bin/python -m build_tools.browser` for the command that "
                    "installs it, or set CHROMIUM to a Chromium or Chrome executable", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, driven by Playwright."""
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


def copy_project(source: Path, target: Path) -> Path:
    for folder in ("content", "tables"):
        shutil.copytree(source / folder, target / folder)
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the fixture plan's project tree."""
    return copy_project(FIXTURE, tmp_path / "project")


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A writable copy of the real content and tables."""
    return copy_project(ROOT, tmp_path / "project")


Edit = Callable[[Path, str, str], None]


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in a content file (tests fail loudly if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def project_with_config(kind: str, target: Path) -> Path:
    """A writable copy of the fixture plan ("mini") or of the real content ("real"), with an mkdocs.yml that
    builds it with the repository's theme and settings, so both `check` and the build can run on it."""
    from .site_build import project_config

    project = copy_project(FIXTURE if kind == "mini" else ROOT, target)
    project_config(project)
    return project
