"""`python -m build_tools check` and the MkDocs build agree: for every bad input of tests/bad_inputs.py both
fail with the same report, neither with a traceback, and the build writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from build_tools.__main__ import main

from .bad_inputs import CASES, BadInput
from .conftest import project_with_config


def _report_lines(text: str) -> set[str]:
    return {line for line in text.splitlines() if ": [" in line}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_check_and_build_agree(case: BadInput, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = project_with_config(case.project, tmp_path / "project")
    case.mutate(root)

    status = main(["--root", str(root), "check"])  # an exception here would fail the test: no traceback
    checked = _report_lines(capsys.readouterr().err)
    assert status == 1 and checked

    config = load_config(str(root / "mkdocs.yml"))
    with pytest.raises(Abort) as aborted:
        build(config)
    error = aborted.value.__context__
    assert isinstance(error, PluginError), error
    assert _report_lines(str(error)) == checked
    assert not (root / "site").exists()  # refused before anything was written


def test_the_command_lines_agree(tmp_path: Path) -> None:
    """The same through the real command lines, as `make check` and `make build` run them."""
    import subprocess
    import sys

    from .site_build import mkdocs

    root = project_with_config("mini", tmp_path / "project")
    next(c for c in CASES if c.name == "site-url-http").mutate(root)
    check = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "check"],
                           capture_output=True, text=True, check=False)
    built = mkdocs(root / "mkdocs.yml", root / "site")
    assert check.returncode == 1 and built.returncode == 1
    assert "Traceback" not in check.stderr + built.stderr
    assert _report_lines(check.stderr) == _report_lines(built.stderr) != set()
    assert not (root / "site").exists()
