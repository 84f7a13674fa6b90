"""Finding the system's Chromium: $CHROMIUM first, then the usual names and paths; what is missing is asked for
with the exact command that installs it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools import browser


def fake(folder: Path, name: str, output: str = "Chromium 156.0.0.0", status: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{output}'\nexit {status}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_chromium_named_by_the_environment_is_the_one_used(tmp_path: Path) -> None:
    mine = fake(tmp_path / "opt", "my-chrome", "Google Chrome 150.0")
    assert browser.find_chromium({"CHROMIUM": str(mine), "PATH": os.environ["PATH"]}) == str(mine)


def test_a_chromium_variable_naming_nothing_is_not_silently_replaced(tmp_path: Path) -> None:
    assert browser.find_chromium({"CHROMIUM": str(tmp_path / "absent"), "PATH": os.environ["PATH"]}) is None


def test_the_usual_names_are_looked_up_on_path(tmp_path: Path) -> None:
    on_path = fake(tmp_path / "bin", "chromium-browser")
    found = browser.find_chromium({"PATH": str(tmp_path / "bin"), "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path)})
    assert found == str(on_path)


def test_ubuntus_snap_stub_is_not_taken_for_a_browser(tmp_path: Path) -> None:
    fake(tmp_path / "bin", "chromium-browser", "Command '/usr/bin/chromium-browser' requires the chromium snap", 1)
    real = fake(tmp_path / "bin", "google-chrome", "Google Chrome 150.0")
    found = browser.find_chromium({"PATH": str(tmp_path / "bin"), "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path)})
    assert found == str(real)


def test_a_browser_playwright_downloaded_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "PATHS", ())
    downloaded = fake(tmp_path / "ms-playwright" / "chromium-1200" / "chrome-linux", "chrome")
    found = browser.find_chromium({"PATH": str(tmp_path / "empty"),
                                   "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "ms-playwright")})
    assert found == str(downloaded)


@pytest.mark.parametrize(("system", "expected"), [
    ("debian", "apt-get install -y chromium fonts-noto-cjk"),
    ("ubuntu", "apt-get install -y fonts-noto-cjk"),
])
def test_what_is_missing_is_asked_for_by_package(system: str, expected: str) -> None:
    lines = browser.install_lines(["chromium", "fonts"], system)
    assert lines[0].endswith(expected)
    if system == "ubuntu":  # no chromium .deb on Ubuntu: Playwright's own build or the snap
        assert "playwright install chromium" in lines[1]


def test_the_check_prints_the_install_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(browser, "find_chromium", lambda: None)
    monkeypatch.setattr(browser, "has_cjk_fonts", lambda: True)
    monkeypatch.setattr(browser, "system", lambda: "debian")
    assert browser.main() == 1
    err = capsys.readouterr().err
    assert "missing: Chromium" in err and "apt-get install -y chromium\n" in err
