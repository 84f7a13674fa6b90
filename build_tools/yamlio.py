"""Reading YAML with line numbers: every value keeps the line it was written on.

Input: a YAML file. Output: plain Python data plus a map from key path to line, or a diagnostic
(`yaml-syntax`, `duplicate-key`) that names the line PyYAML complained about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics, Loc

KeyPath = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it (PyPI's wheels are): the same nodes and line marks, ~5x faster.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def path_str(path: KeyPath) -> str:
    """`("rows", 4, "code")` -> `rows[4].code`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass
class Doc:
    """A parsed YAML file: its data and the line of every node, by key path."""

    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """The line of the node at `path`, or of its nearest existing ancestor."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def loc(self, path: KeyPath) -> Loc:
        return Loc(self.file, self.line(path), path_str(path))


class _Constructor(yaml.SafeLoader):
    def __init__(self) -> None:
        super().__init__("")


def _convert(node: yaml.Node, path: KeyPath, doc: Doc, ctor: _Constructor, diags: Diagnostics) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = ctor.construct_object(key_node)
            key = str(key)
            if key in result:
                first = doc.lines.get((*path, key), 0)
                diags.error(
                    Loc(doc.file, key_node.start_mark.line + 1, path_str((*path, key))),
                    "duplicate-key",
                    f"key '{key}' appears twice in the same mapping (first at line {first})",
                    "keep one of them",
                )
                continue
            result[key] = _convert(value_node, (*path, key), doc, ctor, diags)
            doc.lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, ctor, diags) for i, item in enumerate(node.value)]
    return ctor.construct_object(node)


def load_yaml(path: Path, root: Path, diags: Diagnostics) -> Doc | None:
    """Parse `path`; on a syntax error record a `yaml-syntax` diagnostic at its line and return None."""
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        diags.error(Loc(rel, 1), "encoding", f"file is not UTF-8 ({exc.reason})", "save the file as UTF-8")
        return None
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        diags.error(
            Loc(rel, line),
            "yaml-syntax",
            f"YAML syntax error: {problem}",
            "fix the YAML at this line (check indentation, quotes and colons)",
        )
        return None
    doc = Doc(rel, None)
    if node is None:
        doc.data = None
        return doc
    doc.data = _convert(node, (), doc, _Constructor(), diags)
    return doc
