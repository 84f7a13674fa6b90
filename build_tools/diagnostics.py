"""Diagnostics: problems found in content, collected (never raised one at a time) and reported together.

Input: what any stage finds wrong. Output: sorted, printable `file:line key.path: what — how to fix` lines.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

MESSAGE_LIMIT = 320  # characters of a message or fix shown; a 1 MB paragraph must not make a 1 MB line
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


def unseen(char: str) -> bool:
    """A character a reader cannot see or tell apart (control, format such as zero-width space or a
    right-to-left override, line separators, private use, unassigned); tab and line feed excepted."""
    return char not in "\t\n" and unicodedata.category(char) in _UNSEEN_CATEGORIES


def shown(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Text as a message shows it: characters a reader cannot see written as \\uXXXX escapes, and a long
    text cut in the middle with the number of characters left out."""
    visible = "".join(f"\\u{ord(c):04x}" if unseen(c) else c for c in text)
    if len(visible) <= limit:
        return visible
    head, tail = limit * 2 // 3, limit // 4
    return f"{visible[:head]} … ({len(visible) - head - tail} characters left out) … {visible[-tail:]}"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Loc:
    """Where something came from: a file relative to the project root, a 1-based line, a key path."""

    file: str
    line: int = 0
    path: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.path}" if self.path else where

    def at(self, path: str, line: int | None = None) -> Loc:
        return Loc(self.file, self.line if line is None else line, path)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, with a stable code that tests and tools match on (never on wording)."""

    loc: Loc
    code: str
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        text = f"{self.loc}: [{self.code}] {self.message}"
        return f"{text} — {self.fix}" if self.fix else text

    @property
    def key(self) -> tuple[str, str, int]:
        """The (code, file, line) triple tests assert on."""
        return (self.code, self.loc.file, self.loc.line)


@dataclass
class Diagnostics:
    """A collector: stages append, the build prints everything sorted and fails on any error."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, loc: Loc, code: str, message: str, fix: str = "") -> None:
        self.items.append(Diagnostic(loc, code, shown(message), shown(fix)))

    def warning(self, loc: Loc, code: str, message: str, fix: str = "") -> None:
        self.items.append(Diagnostic(loc, code, shown(message), shown(fix), Severity.WARNING))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(set(self.items)))

    def __len__(self) -> int:
        return len(set(self.items))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def keys(self) -> list[tuple[str, str, int]]:
        return [d.key for d in self.errors]

    def report(self) -> str:
        return "\n".join(str(d) for d in self)


class ContentError(Exception):
    """Raised once, at the end of a stage boundary, carrying every error found."""

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        count = len(diagnostics.errors)
        super().__init__(f"{count} problem(s) in content:\n{diagnostics.report()}")
