"""Bad input as a hostile or careless contributor writes it: each case breaks a copy of a project one way and
names the diagnostic it must give, as (code, file, line). test_bad_input.py asserts each with `check`;
test_agreement.py asserts that `python -m build_tools check` and the MkDocs build report the same."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .conftest import edit, line_of

PLAN = "content/mini-2021-2025"
TABLES = "tables/mini-2021-2025"
LN = "content/liaoning-2021-2025"

Expect = tuple[str, str, int]


@dataclass(frozen=True)
class BadInput:
    name: str
    project: str  # "mini": the fixture plan; "real": the real content
    mutate: Callable[[Path], None]
    expect: Callable[[Path], Expect]  # computed on the broken copy

    def __str__(self) -> str:
        return self.name


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _at(file: str, needle: str, code: str, offset: int = 0) -> Callable[[Path], Expect]:
    return lambda root: (code, file, line_of(root / file, needle) + offset)


BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
               for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi", strict=True))

CASES = [
    # ----------------------------------------------------------------------------- what YAML refuses
    BadInput("control-character", "mini",
             lambda r: edit(r / PLAN / "ch2.yaml", "{zh: 管控, en: Control}", "{zh: 管\x07控, en: Control}"),
             _at(f"{PLAN}/ch2.yaml", "Control}", "invisible-character")),
    BadInput("zero-width-space", "mini",
             lambda r: edit(r / PLAN / "ch2.yaml", "en: Exploration rights", "en: Explo\u200bration rights"),
             _at(f"{PLAN}/ch2.yaml", "ration rights", "invisible-character")),
    BadInput("right-to-left-override", "mini",
             lambda r: edit(r / PLAN / "ch2.yaml", "en: Exploration rights", "en: \u202eExploration rights"),
             _at(f"{PLAN}/ch2.yaml", "Exploration rights", "invisible-character")),
    BadInput("byte-order-mark-inside", "mini",
             lambda r: edit(r / PLAN / "ch1.yaml", "zh: 本规划", "zh: \ufeff本规划"),
             _at(f"{PLAN}/ch1.yaml", "本规划", "invisible-character")),
    BadInput("unknown-tag", "mini",
             lambda r: edit(r / TABLES / "box1.yaml", "area: '12.5'", "area: !foo '12.5'"),
             _at(f"{TABLES}/box1.yaml", "!foo", "yaml-tag")),
    BadInput("int-tag-on-text", "mini",
             lambda r: edit(r / TABLES / "box1.yaml", "area: '12.5'", "area: !!int twelve"),
             _at(f"{TABLES}/box1.yaml", "!!int", "wrong-type")),
    BadInput("recursive-alias", "mini",
             lambda r: _append(r / TABLES / "box1.yaml", "footnotes: &f [*f]\n"),
             _at(f"{TABLES}/box1.yaml", "footnotes: &f", "yaml-alias")),
    BadInput("alias-bomb", "mini",
             lambda r: _append(r / TABLES / "box1.yaml", BOMB),
             _at(f"{TABLES}/box1.yaml", "c: &c", "yaml-alias")),
    BadInput("unclosed-quote", "mini",
             lambda r: edit(r / PLAN / "ch1.yaml", "    en: This plan", "    en: 'This plan"),
             _at(f"{PLAN}/ch1.yaml", "en: 'This plan", "yaml-syntax")),
    # ----------------------------------------------------------------------------- values of the wrong type
    BadInput("colspan-not-a-number", "mini",
             lambda r: edit(r / TABLES / "box1.yaml", "    type: seq\n", "    type: seq\n    colspan: wide\n"),
             _at(f"{TABLES}/box1.yaml", "colspan: wide", "not-a-number")),
    BadInput("zone-count-not-a-number", "mini",
             lambda r: _append(r / "tables/zones.yaml",
                               "zones:\n  - id: blocks\n    type: key-exploration-area\n"
                               "    name: {zh: 区块, en: blocks}\n    at: mini-2021-2025/ch2/s1/p1\n"
                               "    count: many\n"),
             _at("tables/zones.yaml", "count: many", "not-a-number")),
    BadInput("join-next-without-line", "mini",
             lambda r: _append(r / PLAN / "artifacts.yaml", "join_next:\n  - {reason: page break}\n"),
             _at(f"{PLAN}/artifacts.yaml", "{reason: page break}", "missing-field")),
    BadInput("register-as-list", "mini",
             lambda r: (r / "content/identifiers.yaml").write_text(
                 "identifiers: [mini-2021-2025, mini-2021-2025/ch1]\nredirects: {}\n", encoding="utf-8"),
             _at("content/identifiers.yaml", "identifiers:", "wrong-type")),
    BadInput("glossary-term-without-id", "mini",
             lambda r: edit(r / "tables/glossary.yaml", "  - id: exploration-right\n    kind: term",
                            "  - kind: term"),
             _at("tables/glossary.yaml", "  - kind: term", "missing-id")),
    BadInput("unknown-row-kind", "mini",
             lambda r: edit(r / TABLES / "box1.yaml", "  - cells:\n      seq: '2'",
                            "  - kind: subtotal\n    cells:\n      seq: '2'"),
             _at(f"{TABLES}/box1.yaml", "kind: subtotal", "unknown-row-kind")),
    BadInput("long-value", "mini",
             lambda r: edit(r / TABLES / "box1.yaml", "area: '12.5'", "area: '" + "十" * 1_000_000 + "'"),
             _at(f"{TABLES}/box1.yaml", "area: '十", "not-a-number")),
    # ----------------------------------------------------------------------------- guards that stay on
    BadInput("empty-register", "mini",
             lambda r: (r / "content/identifiers.yaml").write_text("", encoding="utf-8"),
             lambda r: ("empty-register", "content/identifiers.yaml", 1)),
    BadInput("missing-register", "mini",
             lambda r: (r / "content/identifiers.yaml").unlink(),
             lambda r: ("missing-file", "content/identifiers.yaml", 0)),
    BadInput("missing-registry", "mini",
             lambda r: (r / "tables/minerals.yaml").unlink(),
             lambda r: ("missing-file", "tables/minerals.yaml", 0)),
    BadInput("missing-glossary", "mini",
             lambda r: (r / "tables/glossary.yaml").unlink(),
             lambda r: ("missing-file", "tables/glossary.yaml", 0)),
    BadInput("missing-concordance", "real",
             lambda r: (r / "tables/concordance.yaml").unlink(),
             lambda r: ("missing-file", "tables/concordance.yaml", 0)),
    BadInput("blank-override-reason", "mini",
             lambda r: (r / "tables/tags.yaml").write_text(
                 "overrides:\n  - at: mini-2021-2025/ch1/p1\n    remove: [mineral:coal]\n    reason: ' '\n",
                 encoding="utf-8"),
             _at("tables/tags.yaml", "reason: ' '", "missing-reason")),
    BadInput("alias-that-tags-everything", "real",
             lambda r: edit(r / "tables/minerals.yaml", "    aliases: [煤炭, 煤矿, 煤]", "    aliases: [煤炭, 煤矿, 煤, 发展]"),
             _at("tables/minerals.yaml", "  - id: coal", "tag-count-changed")),
    BadInput("unknown-key-glossary", "mini",
             lambda r: edit(r / "tables/glossary.yaml", "    en: exploration right\n",
                            "    en: exploration right\n    colour: red\n"),
             _at("tables/glossary.yaml", "colour: red", "unknown-key")),
    BadInput("unknown-key-register", "mini",
             lambda r: _append(r / "content/identifiers.yaml", "retired: {}\n"),
             _at("content/identifiers.yaml", "retired:", "unknown-key")),
    BadInput("unknown-key-artifacts", "mini",
             lambda r: _append(r / PLAN / "artifacts.yaml", "joins: []\n"),
             _at(f"{PLAN}/artifacts.yaml", "joins:", "unknown-key")),
    BadInput("unknown-key-tags", "real",
             lambda r: edit(r / "tables/tags.yaml", "    remove: [zone:liaoyang-gongchangling]\n",
                            "    remove: [zone:liaoyang-gongchangling]\n    because: district\n"),
             _at("tables/tags.yaml", "because: district", "unknown-key")),
    # ----------------------------------------------------------------------------- the site's address
    BadInput("site-url-missing", "mini",
             lambda r: _set_site_url(r, None),
             lambda r: ("site-url", "mkdocs.yml", 0)),
    BadInput("site-url-http", "mini",
             lambda r: _set_site_url(r, "http://mineral-plans.example.gov.cn/"),
             _at("mkdocs.yml", "site_url:", "site-url")),
    # ----------------------------------------------------------------------------- clear messages
    BadInput("parent-cycle", "real",
             lambda r: edit(r / LN / "plan.yaml", "parent: null", "parent: chaoyang-2021-2025"),
             _at(f"{LN}/plan.yaml", "parent:", "parent-cycle")),
    BadInput("self-parent", "mini",
             lambda r: edit(r / PLAN / "plan.yaml", "parent: null", "parent: mini-2021-2025"),
             _at(f"{PLAN}/plan.yaml", "parent:", "parent-cycle")),
    BadInput("duplicated-part", "mini",
             lambda r: edit(r / PLAN / "plan.yaml", "parts: [ch1, ch2]", "parts: [ch1, ch2, ch1]"),
             _at(f"{PLAN}/plan.yaml", "parts:", "duplicate-part")),
    BadInput("load-error-hides-nothing", "mini",
             lambda r: (_append(r / "tables/glossary.yaml", "  - id: [\n"),
                        edit(r / PLAN / "ch1.yaml", "全市关闭矿山12个", "全市关闭矿山13个")),
             _at(f"{PLAN}/ch1.yaml", "13个", "fidelity-changed")),
    # ----------------------------------------------------------------------------- redirects
    BadInput("redirect-off-site", "mini",
             lambda r: _redirect(r, "mini-2021-2025/ch2/s2/p1", "https://elsewhere.example/"),
             _at("content/identifiers.yaml", "https://elsewhere", "bad-redirect")),
    BadInput("redirect-to-script", "mini",
             lambda r: _redirect(r, "mini-2021-2025/ch2/s2/p1", "javascript:alert(1)"),
             _at("content/identifiers.yaml", "javascript:", "bad-redirect")),
    BadInput("redirect-never-published", "mini",
             lambda r: _redirect(r, "mini-2021-2025/ch9", "mini-2021-2025/ch2", renumber=False),
             _at("content/identifiers.yaml", "mini-2021-2025/ch9:", "unknown-reference")),
    BadInput("redirect-dangling", "mini",
             lambda r: _redirect(r, "mini-2021-2025/ch2/s2/p1", "mini-2021-2025/ch2/s2/p7"),
             _at("content/identifiers.yaml", "/p7", "unknown-reference")),
    BadInput("redirect-chain", "mini",
             lambda r: _redirect(r, "mini-2021-2025/ch2/s2/p1", "mini-2021-2025/ch2/s9/p1",
                                 extra="  mini-2021-2025/ch2/s9/p1: mini-2021-2025/ch2/s2/p2\n"),
             _at("content/identifiers.yaml", "s2/p1: 'mini", "unknown-reference")),
]


def _set_site_url(root: Path, url: str | None) -> None:
    path = root / "mkdocs.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("site_url:")]
    if url is not None:
        lines.append(f"site_url: {url}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _redirect(root: Path, old: str, new: str, *, renumber: bool = True, extra: str = "") -> None:
    """Retire ch2/s2/p1 of the fixture (renumbered p2, registered) and redirect `old` to `new`."""
    register = root / "content/identifiers.yaml"
    if renumber:
        edit(root / PLAN / "ch2.yaml", "      - id: p1\n        zh: 重点勘查区内优先", "      - id: p2\n        zh: 重点勘查区内优先")
        edit(register, "  mini-2021-2025/box1:", "  mini-2021-2025/ch2/s2/p2: 重点勘查区内优先投放探矿权。\n  mini-2021-2025/box1:")
    edit(register, "redirects: {}\n", f"redirects:\n  {old}: '{new}'\n{extra}")
