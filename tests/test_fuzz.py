"""No value crashes the check: every kind of node of every YAML file of the fixture project, replaced by values
of other types, gives diagnostics, never an exception (the probe found a dozen tracebacks this way)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.pipeline import check_project

from .conftest import FIXTURE, copy_project

REPLACEMENTS: list[Any] = [None, "x", 7, -1, True, [], {}, ["x"], {"k": "v"}, [{"k": 1}], ""]
FILES = sorted(p.relative_to(FIXTURE).as_posix() for folder in ("content", "tables")
               for p in (FIXTURE / folder).rglob("*.yaml"))


def _shapes(data: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """One path per kind of node: the first of each list's items stands for the others."""
    found = {tuple("*" if isinstance(p, int) else p for p in path): path}
    children = data.items() if isinstance(data, dict) else enumerate(data[:2]) if isinstance(data, list) else []
    for key, value in children:
        for shape, where in _shapes(value, (*path, key)).items():
            found.setdefault(shape, where)
    return found


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


@pytest.mark.parametrize("file", FILES)
def test_no_value_crashes_the_check(file: str, tmp_path: Path) -> None:
    root = copy_project(FIXTURE, tmp_path / "project")
    original = (FIXTURE / file).read_text(encoding="utf-8")
    runs = 0
    for path in _shapes(yaml.safe_load(original)).values():
        for value in REPLACEMENTS:
            data = _replaced(yaml.safe_load(original), path, value)
            (root / file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            check_project(root)  # raises on a crash: the test fails with the traceback
            runs += 1
    assert runs >= len(REPLACEMENTS)
