"""A copy of the real project with markup appended to every kind of field a reviewer writes.

Each field gets its own numbered payload: script, event handlers (also breaking out of an attribute),
`javascript:` links as HTML and as Markdown, an attribute list, and Jinja expressions. Chinese text that the
fidelity test compares with the source gets the same payload in the source text, so the build accepts it;
the register and the tag counts are rewritten as a contributor would. test_injection.py builds the copy and
looks for any payload that became live.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.pipeline import check_project
from build_tools.register import Register, updated_register
from build_tools.registry import TAG_COUNTS, updated_tag_counts

JINJA_PRODUCT = str(7 * 191919)  # what {{ 7*191919 }} would print if content were rendered as a template


def payload(n: int) -> str:
    return (f" \"'><script>xss({n})</script><img src=x onerror=xss({n})> \" onmouseover=xss({n}) x=\""
            f"<svg onload=xss({n})><a href=\"javascript:xss({n})\">a{n}</a> [m{n}](javascript:xss({n}))"
            f" {{{{ 7*191919 }}}} {{% if true %}}jinja{n}{{% endif %}} {{: onclick=xss({n}) autofocus }}")


@dataclass(frozen=True)
class Field:
    n: int
    kind: str  # what a reviewer edits: "paragraph zh", "mineral name en" …
    file: str


LN, CY = "liaoning-2021-2025", "chaoyang-2021-2025"

# (kind, file, key path, line of the source text that prints the same words, or None)
YAML_FIELDS: list[tuple[str, str, tuple[Any, ...], str | None]] = [
    ("plan title zh", f"content/{CY}/plan.yaml", ("title", "zh"), None),
    ("plan title en", f"content/{CY}/plan.yaml", ("title", "en"), None),
    ("plan short title zh", f"content/{CY}/plan.yaml", ("short_title", "zh"), None),
    ("plan short title en", f"content/{CY}/plan.yaml", ("short_title", "en"), None),
    ("plan issuer zh", f"content/{CY}/plan.yaml", ("issuer", "zh"), None),
    ("plan issuer en", f"content/{CY}/plan.yaml", ("issuer", "en"), None),
    ("plan issuer note zh", f"content/{CY}/plan.yaml", ("issuer_note", "zh"), None),
    ("plan issuer note en", f"content/{CY}/plan.yaml", ("issuer_note", "en"), None),
    ("plan status zh", f"content/{CY}/plan.yaml", ("status", "zh"), None),
    ("plan status en", f"content/{CY}/plan.yaml", ("status", "en"), None),
    ("plan place en", f"content/{CY}/plan.yaml", ("place", "en"), None),
    ("plan date zh", f"content/{LN}/plan.yaml", ("date", "zh"), None),
    ("plan date en", f"content/{LN}/plan.yaml", ("date", "en"), None),
    ("heading zh", f"content/{CY}/ch1.yaml", ("heading", "zh"), " 第一章  总则"),
    ("heading en", f"content/{CY}/ch1.yaml", ("heading", "en"), None),
    ("paragraph zh", f"content/{CY}/ch1.yaml", ("blocks", 2, "zh"), "《规划》适用范围为朝阳市行政辖区。"),
    ("paragraph en", f"content/{CY}/ch1.yaml", ("blocks", 2, "en"), None),
    ("note zh", f"content/{CY}/ch1.yaml", ("blocks", 0, "notes", 0, "zh"), None),
    ("note en", f"content/{CY}/ch1.yaml", ("blocks", 0, "notes", 0, "en"), None),
    ("box heading zh", f"tables/{CY}/box1.yaml", ("heading", "zh"), "\t专栏一  规划主要指标"),
    ("box heading en", f"tables/{CY}/box1.yaml", ("heading", "en"), None),
    ("column heading zh", f"tables/{CY}/box1.yaml", ("columns", 1, "heading", "zh"), "\t指标名称"),
    ("column heading en", f"tables/{CY}/box1.yaml", ("columns", 1, "heading", "en"), None),
    ("cell zh", f"tables/{CY}/box1.yaml", ("rows", 0, "cells", "indicator", "zh"), "\t重要矿产新发现大中型矿产地"),
    ("cell en", f"tables/{CY}/box1.yaml", ("rows", 0, "cells", "indicator", "en"), None),
    ("zone name en", f"tables/{CY}/box2.yaml", ("rows", 0, "cells", "name", "en"), None),
    ("check title zh", f"tables/{CY}/checks.yaml", ("checks", 0, "title", "zh"), None),
    ("check title en", f"tables/{CY}/checks.yaml", ("checks", 0, "title", "en"), None),
    ("relation name zh", "tables/concordance.yaml", ("relations", 0, "name", "zh"), None),
    ("relation name en", "tables/concordance.yaml", ("relations", 0, "name", "en"), None),
    ("relation definition en", "tables/concordance.yaml", ("relations", 0, "definition", "en"), None),
    ("link note zh", "tables/concordance.yaml", ("links", 0, "note", "zh"), None),
    ("link note en", "tables/concordance.yaml", ("links", 0, "note", "en"), None),
    ("no-counterpart reason en", "tables/concordance.yaml", ("no_counterpart", 0, "reason", "en"), None),
    ("comparison title en", "tables/comparisons.yaml", ("comparisons", 0, "title", "en"), None),
    ("comparison note zh", "tables/comparisons.yaml", ("comparisons", 0, "note", "zh"), None),
    ("mineral name zh", "tables/minerals.yaml", ("minerals", 0, "name", "zh"), None),
    ("mineral name en", "tables/minerals.yaml", ("minerals", 0, "name", "en"), None),
    ("mineral english alias", "tables/minerals.yaml", ("minerals", 0, "en_aliases", 0), None),
    ("flag name en", "tables/minerals.yaml", ("flag_names", "strategic", "en"), None),
    ("category name zh", "tables/minerals.yaml", ("categories", "energy", "zh"), None),
    ("zone type name en", "tables/zones.yaml", ("types", 0, "name", "en"), None),
    ("county name en", "tables/zones.yaml", ("counties", "北票", "en"), None),
    ("listed zone name en", "tables/zones.yaml", ("zones", 0, "name", "en"), None),
    ("listed zone places zh", "tables/zones.yaml", ("zones", 0, "places", "zh"), None),
    ("glossary rendering", "tables/glossary.yaml", ("terms", 0, "en"), None),
    ("glossary definition", "tables/glossary.yaml", ("terms", 0, "definition"), None),
    ("glossary note", "tables/glossary.yaml", ("terms", 0, "note"), None),
    ("tag override reason", "tables/tags.yaml", ("overrides", 0, "reason"), None),
]
CONFIG_FIELDS = [("site name", ("site_name",)), ("copyright", ("copyright",))]
FORMULA = '=HYPERLINK("https://elsewhere.example/","click")'


def inject(project: Path) -> list[Field]:
    """Append the payloads (the project's mkdocs.yml included); return the fields, numbered from 1."""
    fields: list[Field] = []
    by_file: dict[str, list[tuple[int, str, tuple[Any, ...], str | None]]] = {}
    for n, (kind, file, path, printed) in enumerate(YAML_FIELDS, start=1):
        by_file.setdefault(file, []).append((n, kind, path, printed))
        fields.append(Field(n, kind, file))
    for file, entries in by_file.items():
        data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
        for n, kind, path, printed in entries:
            _set(data, path, str(_get(data, path)) + payload(n))
            if printed is not None:
                _append_to_source(project, file, printed, payload(n))
            if kind == "link note zh":
                _print_in_target(project, payload(n))
        if file == "tables/glossary.yaml":
            data["terms"][0]["en_forms"].append(data["terms"][0]["en"])  # the rendering is one of its forms
            data["terms"][1]["definition"] = FORMULA
        (project / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    start = len(fields) + 1
    for n, (kind, path) in enumerate(CONFIG_FIELDS, start=start):
        _set(config, path, str(_get(config, path)) + payload(n))
        fields.append(Field(n, kind, "mkdocs.yml"))
    n = len(fields) + 1
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mineral-plans" in plugin:
            options = plugin["mineral-plans"]
            options["titles"]["en"] += payload(n)
            options["copyrights"]["en"] += payload(n + 1)
    fields += [Field(n, "English site title", "mkdocs.yml"), Field(n + 1, "English copyright", "mkdocs.yml")]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    _rewrite_register(project)
    return fields


def _rewrite_register(project: Path) -> None:
    """Register what the edits renamed (zone addresses follow their English names), retire two identifiers
    with redirects (a page and a paragraph), and record the tag counts."""
    checked = check_project(project)
    text = updated_register(checked.corpus, Register({}, {}, "content/identifiers.yaml"),
                            checked.registry.identifiers())
    text = text.replace("identifiers:\n", f"identifiers:\n  {CY}/ch9: retired\n  {CY}/ch1/p9: retired\n", 1)
    text = text.replace("redirects: {}\n", f"redirects:\n  {CY}/ch9: {CY}/ch1\n  {CY}/ch1/p9: {CY}/ch1/p3\n")
    (project / "content/identifiers.yaml").write_text(text, encoding="utf-8")
    (project / TAG_COUNTS).write_text(updated_tag_counts(checked.registry, checked.tags), encoding="utf-8")


def _print_in_target(project: Path, text: str) -> None:
    """A note may quote only figures its provisions print (consistency.py), and the payload holds numbers: the
    paragraph the first link targets (Liaoning general/p1) prints the same payload, as a contributor editing
    both would write it."""
    file = f"content/{LN}/general.yaml"
    data = yaml.safe_load((project / file).read_text(encoding="utf-8"))
    printed = data["blocks"][0]["zh"]
    data["blocks"][0]["zh"] = printed + text
    (project / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _append_to_source(project, file, printed, text)


def _append_to_source(project: Path, file: str, printed: str, text: str) -> None:
    plan = file.split("/")[1]
    source = project / "content" / plan / "source.zh.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.rstrip() == printed)
    lines[at] = lines[at].rstrip() + text
    source.write_text("\n".join(lines), encoding="utf-8")


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value
