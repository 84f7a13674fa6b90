"""Identifier register: every published identifier stays, keeps its meaning, or redirects.

Input: the loaded corpus and content/identifiers.yaml. Output: diagnostics for an identifier that
disappeared without a redirect (`identifier-removed`), changed meaning (`identifier-reused`) or is not
yet registered (`identifier-unregistered`); and the register text, for `python -m build_tools register`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostics, Loc
from .load import _Reader
from .model import Corpus, Plan, Row, Table
from .yamlio import load_yaml

REGISTER = "content/identifiers.yaml"
LABEL_CHARS = 24


@dataclass(frozen=True)
class Published:
    id: str
    label: str  # a short fingerprint of what the identifier names; a change of meaning changes it
    loc: Loc


def _short(text: str) -> str:
    flat = "".join(text.split())
    return flat[:LABEL_CHARS]


def row_label(table: Table, row: Row) -> str:
    """What a row names: its zone or mineral or indicator, else its first printed text."""
    for key in ("name", "mineral", "indicator", "sub_indicator", "seq"):
        cell = row.cells.get(key)
        if cell is not None and cell.value_text:
            return cell.value_text
    return row.key


def plan_identifiers(plan: Plan) -> list[Published]:
    out = [Published(plan.id, f"plan {_short(plan.title.zh)}", plan.loc)]
    for group in plan.annexes:
        for annex in group.items:
            out.append(Published(f"{plan.id}/{annex.id}", _short(annex.title.zh), annex.loc))
    for division in plan.divisions():
        base = f"{plan.id}/{division.path}"
        out.append(Published(base, _short(f"{division.number}{division.heading.zh}"), division.loc))
        out.extend(Published(f"{base}/{p.id}", _short(p.text.zh), p.loc) for p in division.paragraphs)
    for table in plan.tables:
        base = f"{plan.id}/{table.id}"
        out.append(Published(base, _short(f"{table.number}{table.heading.zh}"), table.loc))
        out.extend(Published(f"{base}/{row.key}", _short(row_label(table, row)), row.loc) for row in table.rows)
    return out


def corpus_identifiers(corpus: Corpus) -> list[Published]:
    return [p for plan in corpus.plans for p in plan_identifiers(plan)]


@dataclass(frozen=True)
class Register:
    identifiers: dict[str, tuple[str, int]]  # id -> (label, line)
    redirects: dict[str, tuple[str, int]]  # old id -> (new id, line)
    file: str


# An identifier's syntax: the plan (or minerals, zones), then path segments (ch6, s5, p2, box2, ZK4, 12).
IDENTIFIER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*$")


def load_register(root: Path, diags: Diagnostics, path: str = REGISTER) -> Register | None:
    """The register, or None when it cannot be used (then the problem is reported: a missing or empty
    register would otherwise switch the guarantee off without a word)."""
    file = root / path
    if not file.exists():
        diags.error(Loc(path), "missing-file", f"the identifier register {path} is missing",
                    "restore it from version control; a new project creates it with "
                    "`python -m build_tools register --update`")
        return None
    doc = load_yaml(file, root, diags)
    if doc is None:
        return None
    r = _Reader(doc, diags)
    data = {} if doc.data is None else r.mapping(doc.data, (), "the register") or {}
    r.known(data, (), ("identifiers", "redirects"))
    ids: dict[str, tuple[str, int]] = {}
    for key, value in (r.mapping(data.get("identifiers", {}), ("identifiers",), "'identifiers'") or {}).items():
        if isinstance(value, (dict, list)) or value is None:
            diags.error(doc.loc(("identifiers", key)), "wrong-type", f"the label of '{key}' must be text, found "
                        f"{'nothing' if value is None else 'a list or mapping'}", "write `identifier: label`")
            continue
        ids[key] = (str(value), doc.line(("identifiers", key)))
    if not ids:
        diags.error(doc.loc(("identifiers",)), "empty-register", "the register lists no identifiers",
                    "restore it from version control: every published identifier stays registered")
        return None
    redirects: dict[str, tuple[str, int]] = {}
    for key, value in (r.mapping(data.get("redirects") or {}, ("redirects",), "'redirects'") or {}).items():
        loc = doc.loc(("redirects", key))
        if not isinstance(value, str) or not IDENTIFIER.match(value) or not IDENTIFIER.match(key):
            bad = key if not IDENTIFIER.match(key) else value
            diags.error(loc, "bad-redirect", f"'{bad}' is not an identifier of this site",
                        "a redirect leads from a retired identifier to a current one, e.g. "
                        "`chaoyang-2021-2025/ch5/s2: chaoyang-2021-2025/ch5/s3`")
            continue
        redirects[key] = (value, loc.line)
    return Register(ids, redirects, path)


def check_register(corpus: Corpus, register: Register, diags: Diagnostics,
                   extra: list[tuple[str, str, Loc]] | None = None) -> None:
    """`extra`: identifiers published besides the plans' (the mineral and zone pages)."""
    current = {p.id: p for p in corpus_identifiers(corpus)}
    for identifier, label, loc in extra or []:
        current[identifier] = Published(identifier, _short(label), loc)
    for pid, (label, line) in register.identifiers.items():
        loc = Loc(register.file, line, f"identifiers.{pid}")
        if pid in current:
            if current[pid].label != label:
                diags.error(current[pid].loc, "identifier-reused",
                            f"'{pid}' was published for '{label}' but now names '{current[pid].label}'",
                            "an identifier never changes meaning: restore the content, or give the new thing a "
                            "new identifier and redirect the old one")
        elif pid in register.redirects:
            pass  # checked below, with every redirect
        else:
            diags.error(loc, "identifier-removed", f"published identifier '{pid}' no longer exists",
                        "restore it, or add `redirects: {" + pid + ": <new id>}` to the register")
    for old, (target, line) in register.redirects.items():
        where = Loc(register.file, line, f"redirects.{old}")
        if old not in register.identifiers:
            diags.error(where, "unknown-reference", f"'{old}' was never published (it is not under identifiers:)",
                        "redirect only identifiers of the register; remove this entry")
        if target not in current:
            onward = register.redirects.get(target)
            diags.error(where, "unknown-reference", f"'{old}' redirects to '{target}', which does not exist"
                        + (f" (it redirects on to '{onward[0]}')" if onward else ""),
                        "redirect to a current identifier" + (f": '{onward[0]}'" if onward else ""))
    for pid, published in current.items():
        if pid not in register.identifiers:
            diags.error(published.loc, "identifier-unregistered", f"'{pid}' is not in {register.file}",
                        "run `python -m build_tools register --update` and commit the register")
        if pid in register.redirects:
            diags.error(Loc(register.file, register.redirects[pid][1], f"redirects.{pid}"), "duplicate-id",
                        f"'{pid}' is both a current identifier and a redirect", "remove the redirect")


def updated_register(corpus: Corpus, register: Register, extra: list[tuple[str, str, Loc]] | None = None) -> str:
    """The register with every current identifier added (existing entries kept as they are)."""
    entries = dict((k, v[0]) for k, v in register.identifiers.items())
    published_now = corpus_identifiers(corpus) + [Published(i, _short(label), loc) for i, label, loc in extra or []]
    for published in published_now:
        entries.setdefault(published.id, published.label)
    order = {p.id: i for i, p in enumerate(published_now)}
    ordered = dict(sorted(entries.items(), key=lambda kv: (kv[0].split("/")[0], order.get(kv[0], 10**9), kv[0])))
    header = (
        "# Register of every published identifier (DESIGN decision 2). An identifier, once published, never\n"
        "# disappears or changes meaning: the build fails if one here no longer exists (add a redirect) or\n"
        "# names something else. Add new ones with `python -m build_tools register --update`.\n"
    )
    body = yaml.dump({"identifiers": ordered,
                      "redirects": {k: v[0] for k, v in sorted(register.redirects.items())}},
                     allow_unicode=True, sort_keys=False, width=200)
    return header + body
