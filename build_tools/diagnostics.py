"""Diagnostics: problems found in content, collected (never raised one at a time) and reported together.

Input: what any stage finds wrong. Output: sorted, printable `file:line key.path: what — how to fix` lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


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
        self.items.append(Diagnostic(loc, code, message, fix))

    def warning(self, loc: Loc, code: str, message: str, fix: str = "") -> None:
        self.items.append(Diagnostic(loc, code, message, fix, Severity.WARNING))

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
