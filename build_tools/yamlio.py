"""Reading YAML with line numbers: every value keeps the line it was written on.

Input: a YAML file. Output: plain Python data plus a map from key path to line, or diagnostics that name
the line: syntax errors, duplicate keys, characters a reader cannot see, tags other than plain YAML's, and
aliases beyond a small budget (a few hundred bytes of nested aliases would otherwise expand without end).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics, Loc, shown, unseen

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


# The tags a plain YAML file of this project resolves to by itself. Any other tag (`!foo`, `!!binary`,
# `!!python/…`) is refused; a date-like scalar (2022-10) stays text.
_SCALARS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"}
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
ALIAS_BUDGET = 20  # repeated nodes (*alias) a file may use: enough for hand-written YAML, too few for a bomb
# Candidates for `unseen` (anything but printable ASCII, CJK and full-width forms), checked one by one.
_CANDIDATE = re.compile(r"[^\t\n\x20-\x7e\u3000-\u9fff\uff00-\uffef]")


class _Budget(Exception):
    """Raised inside `_convert` when a file repeats nodes beyond the budget or contains itself."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem


@dataclass
class _Walk:
    doc: Doc
    ctor: _Constructor
    diags: Diagnostics
    seen: set[int] = field(default_factory=set)  # nodes already converted: a second visit is an alias
    open: set[int] = field(default_factory=set)  # nodes being converted: a visit is a recursive alias
    aliases: int = 0


def _scalar(node: yaml.ScalarNode, path: KeyPath, walk: _Walk) -> Any:
    line = node.start_mark.line + 1
    if node.tag not in _SCALARS:
        walk.diags.error(Loc(walk.doc.file, line, path_str(path)), "yaml-tag",
                         f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not used in this project",
                         "remove the tag and write the value as plain text or a number")
        return None
    if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return node.value
    try:
        return walk.ctor.construct_object(node)
    except (ValueError, ArithmeticError, yaml.YAMLError):
        kind = node.tag.removeprefix("tag:yaml.org,2002:")
        walk.diags.error(Loc(walk.doc.file, line, path_str(path)), "wrong-type",
                         f"'{node.value}' is marked !!{kind} but is not one", f"remove the !!{kind} tag")
        return None


def _convert(node: yaml.Node, path: KeyPath, walk: _Walk) -> Any:
    doc = walk.doc
    key = id(node)
    # An alias is the node it names, with that node's line: the nearest line of the path is where it stands.
    if key in walk.open:
        raise _Budget(doc.line(path), "an alias (*name) refers to the node that contains it, so the value never ends")
    alias = key in walk.seen
    if alias and not isinstance(node, yaml.ScalarNode):
        walk.aliases += 1
        if walk.aliases > ALIAS_BUDGET:
            raise _Budget(doc.line(path), f"the file repeats nodes through aliases (*name) more than {ALIAS_BUDGET} "
                          "times")
    doc.lines.setdefault(path, doc.line(path) if alias else node.start_mark.line + 1)
    walk.seen.add(key)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, walk)
    walk.open.add(key)
    try:
        if isinstance(node, yaml.MappingNode):
            return _mapping(node, path, walk)
        if node.tag != _SEQ:
            _refuse_tag(node, path, walk)
            return None
        return [_convert(item, (*path, i), walk) for i, item in enumerate(node.value)]
    finally:
        walk.open.discard(key)


def _refuse_tag(node: yaml.Node, path: KeyPath, walk: _Walk) -> None:
    walk.diags.error(Loc(walk.doc.file, node.start_mark.line + 1, path_str(path)), "yaml-tag",
                     f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not used in this project",
                     "remove the tag")


def _mapping(node: yaml.MappingNode, path: KeyPath, walk: _Walk) -> dict[str, Any] | None:
    doc, diags = walk.doc, walk.diags
    if node.tag != _MAP:
        _refuse_tag(node, path, walk)
        return None
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            diags.error(Loc(doc.file, line, path_str(path)), "wrong-type", "a key must be a plain word, not a "
                        "list, a mapping or a merge (<<)", "write `key: value` with a plain key")
            continue
        raw = _scalar(key_node, path, walk)
        key = key_node.value if raw is None else str(raw) if not isinstance(raw, bool) else key_node.value
        if key in result:
            first = doc.lines.get((*path, key), 0)
            diags.error(
                Loc(doc.file, line, path_str((*path, key))),
                "duplicate-key",
                f"key '{key}' appears twice in the same mapping (first at line {first})",
                "keep one of them",
            )
            continue
        doc.lines[(*path, key)] = line
        result[key] = _convert(value_node, (*path, key), walk)
        doc.lines[(*path, key)] = line
    return result


def _unseen_characters(text: str, rel: str, diags: Diagnostics) -> bool:
    """Report every character a reader cannot see (shown escaped); True if one would mislead the YAML
    parser itself (control characters, line separators), so the file cannot be read."""
    fatal = False
    reported = 0
    for match in _CANDIDATE.finditer(text):
        char = match.group()
        position = match.start()
        if position == 0 and char == "\ufeff":
            continue  # a byte-order mark at the start: how some editors save UTF-8
        if char == "\r" and text[position + 1:position + 2] == "\n":
            continue  # Windows line ends
        if not unseen(char):
            continue
        fatal = fatal or unicodedata.category(char) in ("Cc", "Zl", "Zp")
        reported += 1
        if reported <= 10:
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
            name = unicodedata.name(char, "a control character")
            diags.error(Loc(rel, line), "invisible-character",
                        f"column {column} holds {shown(char)} ({name}), which a reader cannot see",
                        "delete it (retype the words around it if unsure); the source prints no such character")
    if reported > 10:
        diags.error(Loc(rel, 1), "invisible-character", f"{reported - 10} more such characters in this file",
                    "delete them")
    return fatal


def load_yaml(path: Path, root: Path, diags: Diagnostics) -> Doc | None:
    """Parse `path`; on any problem record a diagnostic at its line (`encoding`, `invisible-character`,
    `yaml-syntax`, `yaml-tag`, `yaml-alias`, `duplicate-key`, `wrong-type`). Returns None when the file cannot
    be read at all; otherwise the data, with refused values read as nothing."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        data = path.read_bytes()
        line = data.count(b"\n", 0, exc.start) + 1
        diags.error(Loc(rel, line), "encoding", f"file is not UTF-8 ({exc.reason} at byte {exc.start})",
                    "save the file as UTF-8")
        return None
    except OSError as exc:
        diags.error(Loc(rel), "unreadable-file", f"cannot read the file ({exc.strerror})",
                    "check that it is a readable file")
        return None
    if _unseen_characters(text, rel, diags):
        return None
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        diags.error(Loc(rel, _error_line(exc)), "yaml-syntax", f"YAML syntax error: {_error_text(exc)}",
                    "fix the YAML at this line (check indentation, quotes, brackets and colons)")
        return None
    except yaml.YAMLError as exc:  # a reader error without a mark (the characters were checked above)
        diags.error(Loc(rel, 1), "yaml-syntax", f"YAML cannot read the file: {shown(str(exc))}",
                    "fix the file")
        return None
    doc = Doc(rel, None)
    if node is None:
        return doc
    walk = _Walk(doc, _Constructor(), diags)
    try:
        doc.data = _convert(node, (), walk)
    except _Budget as exc:
        diags.error(Loc(rel, exc.line), "yaml-alias", exc.problem,
                    "write the values out instead of using anchors (&name) and aliases (*name)")
        return None
    return doc


def _error_line(exc: yaml.MarkedYAMLError) -> int:
    """Where the reader should look: for an unclosed quote or bracket, the line it was opened on (the
    parser notices only where the file or the construct ends), else where the parser stopped."""
    context = exc.context or ""
    if exc.context_mark is not None and context.startswith(("while scanning a quoted", "while parsing a flow",
                                                             "while scanning a simple key")):
        return int(exc.context_mark.line) + 1
    mark = exc.problem_mark or exc.context_mark
    return int(mark.line) + 1 if mark is not None else 1


def _error_text(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    if exc.context_mark is None or exc.problem_mark is None or not context:
        return problem
    text = f"{context} (line {exc.context_mark.line + 1}): {problem} (line {exc.problem_mark.line + 1})"
    if context.startswith(("while scanning a quoted", "while parsing a flow")):
        text += "; a quote, bracket or brace is not closed"
    return text
