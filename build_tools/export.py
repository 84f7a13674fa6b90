"""Open data: every table of the site as CSV and JSON, described by one Frictionless data package.

Input: the checked corpus (plans, boxes, checks, comparisons, concordance, registries, tags) and the glossary.
Output: `DataFile`s under data/: one CSV (UTF-8 with a byte-order mark, so that spreadsheet programs in China
read it as UTF-8) and one JSON per resource, datapackage.json (table schemas with types, units, primary and
foreign keys), and plans-text.json, the full text of both plans, one record per division and paragraph.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import citations
from .addresses import DEFAULT_LANGUAGE, identifier_url
from .model import Plan, Table
from .pipeline import Checked
from .terminology import Glossary

DATA = "data/"


@dataclass(frozen=True)
class DataFile:
    path: str  # site-relative: data/minerals.csv
    text: str


@dataclass
class Resource:
    name: str
    title: str
    fields: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]]
    description: str = ""
    title_zh: str = ""  # a box's title on the Chinese data page; the others' are TITLES_ZH

    def title_in(self, lang: str) -> str:
        """The title on the data page of that language (the data package itself is described in English)."""
        return self.title if lang != DEFAULT_LANGUAGE else self.title_zh or TITLES_ZH.get(self.name, self.title)


TITLES_ZH = {
    "provisions": "各规划的章节、条文、段落、专栏及专栏各行",
    "minerals": "矿种名录",
    "mineral-flags": "各规划对各矿种的定位",
    "zone-types": "区块类型",
    "zones": "区块名录",
    "zone-sources": "各区块的列出位置",
    "zone-minerals": "各区块的矿种",
    "tags": "各条文涉及的矿种和区块",
    "relations": "规划条文之间的关系类型",
    "concordance": "下级规划条文落实上级规划条文的对应关系",
    "checks": "所述合计、计数、百分比及重复数值的一致性核查",
    "comparisons": "市级与省级数值按统一单位的比较",
    "glossary": "术语表（中英对照，附译法依据）",
}


def _field(name: str, type_: str = "string", description: str = "", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "type": type_}
    if description:
        out["description"] = description
    out.update(extra)
    return out


def _fk(field: str, resource: str, key: str = "identifier") -> dict[str, Any]:
    return {"fields": field, "reference": {"resource": resource, "fields": key}}


def _provision(plan_id: str, at: str) -> str:
    """The provision a statement stands in: a paragraph, or the row of a table cell (box6/3/description)."""
    segments = at.split("/")
    if segments[0].startswith("box") and len(segments) == 3:
        at = "/".join(segments[:2])
    return f"{plan_id}/{at}"


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# ------------------------------------------------------------------------------------------------ resources

def _provisions(checked: Checked) -> Resource:
    rows = []
    for plan in checked.corpus.plans:
        rows.append({"identifier": plan.id, "plan": plan.id, "kind": "plan", "parent": None, "number": "",
                     "heading_zh": plan.title.zh, "heading_en": plan.title.en, "text_zh": "", "text_en": "",
                     "url": identifier_url(plan.id)})
        for division in plan.divisions():
            identifier = f"{plan.id}/{division.path}"
            parent = identifier.rsplit("/", 1)[0] if "/" in division.path else plan.id
            rows.append({"identifier": identifier, "plan": plan.id,
                         "kind": "article" if division.is_article else "division", "parent": parent,
                         "number": division.number, "heading_zh": division.heading.zh,
                         "heading_en": division.heading.en, "text_zh": "", "text_en": "",
                         "url": identifier_url(identifier)})
            for p in division.paragraphs:
                rows.append({"identifier": f"{identifier}/{p.id}", "plan": plan.id, "kind": "paragraph",
                             "parent": identifier, "number": p.id, "heading_zh": "", "heading_en": "",
                             "text_zh": p.text.zh, "text_en": p.text.en, "url": identifier_url(f"{identifier}/{p.id}")})
        for table in plan.tables:
            identifier = f"{plan.id}/{table.id}"
            rows.append({"identifier": identifier, "plan": plan.id, "kind": "box", "parent": plan.id,
                         "number": table.number, "heading_zh": table.heading.zh, "heading_en": table.heading.en,
                         "text_zh": "", "text_en": "", "url": identifier_url(identifier)})
            for row in table.rows:
                rows.append({"identifier": f"{identifier}/{row.key}", "plan": plan.id, "kind": "row",
                             "parent": identifier, "number": row.key, "heading_zh": "", "heading_en": "",
                             "text_zh": " | ".join(c.text.zh for c in row.cells.values() if c.text.zh.strip()),
                             "text_en": " | ".join(c.text.en for c in row.cells.values() if c.text.zh.strip()),
                             "url": identifier_url(f"{identifier}/{row.key}")})
    for record in rows:
        record["cite_zh"], record["cite_en"] = _citation(checked, str(record["identifier"]))
    fields = [_field("identifier", description="permanent identifier"), _field("plan"),
              _field("kind", constraints={"enum": ["plan", "division", "article", "paragraph", "box", "row"]}),
              _field("parent"), _field("number", description="the number as printed"),
              _field("heading_zh"), _field("heading_en"), _field("text_zh", description="authentic text"),
              _field("text_en", description="reference translation"), _field("url", description="site-relative"),
              _field("cite_zh", description="the official Chinese citation form (README, Decisions)"),
              _field("cite_en", description="the English citation form")]
    return Resource("provisions", "Every plan, division, article, paragraph, box and row", fields, rows,
                    ["identifier"], [_fk("parent", "provisions")])


def _citation(checked: Checked, identifier: str) -> tuple[str, str]:
    """The official Chinese and the English citation of a provision, as pages and copy buttons give them."""
    plan_id, _, rest = identifier.partition("/")
    plan = checked.corpus.plan(plan_id)
    if plan is None:
        return "", ""
    if not rest:
        return f"《{plan.title.zh}》", citations.title_en(plan)
    return citations.provision(plan, rest) or ("", "")


def _box(plan: Plan, table: Table) -> Resource:
    fields = [_field("identifier", description="permanent identifier of the row"),
              _field("key", description="row key as printed (or the printed row number)"),
              _field("kind", constraints={"enum": ["data", "total"]}), _field("box")]
    for column in table.columns:
        label = column.heading.zh if column.heading else column.key
        fields.append(_field(column.key, description=f"{label}: as printed (Chinese, authentic)"))
        if column.type in ("text", "zone", "unit"):
            fields.append(_field(f"{column.key}_en", description=f"{label}: English"))
        if column.fill_down:
            fields.append(_field(f"{column.key}_filled", description=f"{label}: printed in a merged cell above"))
        if column.type == "zone":
            fields.append(_field(f"{column.key}_name", description="name without the level suffix"))
            fields.append(_field(f"{column.key}_level",
                                 description="level printed as a suffix (国家级, 省级, 上级规划 …)"))
        if column.type == "unit":
            fields.append(_field(f"{column.key}_symbol", description=(
                "unit, typed: a yearly rate where the table gives annual scales (万吨/年 where 万吨 is printed)"
                if column.per_year else "unit, typed")))
            fields.append(_field(f"{column.key}_basis", description="what the unit measures (矿石, 金属, B₂O₃ …)"))
        if column.type == "quantity":
            unit = column.unit.symbol if column.unit else f"given by column {column.unit_column}_symbol"
            for suffix, what in (("value", "value"), ("high", "upper end of a range"),
                                 ("value2", "second value of a pair"),
                                 ("op", "eq, le, ge, lt, gt, approx, range, none (－: no requirement), empty")):
                type_ = "number" if suffix in ("value", "high", "value2") else "string"
                fields.append(_field(f"{column.key}_{suffix}", type_, f"{label}: {what}", unit=unit))
    rows = []
    for row in table.rows:
        record: dict[str, Any] = {"identifier": f"{plan.id}/{table.id}/{row.key}", "key": row.key, "kind": row.kind,
                                  "box": f"{plan.id}/{table.id}"}
        for column in table.columns:
            cell = row.cells.get(column.key)
            record[column.key] = cell.text.zh if cell else None
            if column.type in ("text", "zone", "unit"):
                record[f"{column.key}_en"] = cell.text.en if cell else None
            if column.fill_down:
                record[f"{column.key}_filled"] = cell.filled.zh if cell and cell.filled else None
            if column.type == "zone":
                record[f"{column.key}_name"] = cell.name if cell else None
                record[f"{column.key}_level"] = cell.level if cell else None
            if column.type == "unit":
                record[f"{column.key}_symbol"] = cell.unit.unit.symbol if cell and cell.unit else None
                record[f"{column.key}_basis"] = cell.unit.basis if cell and cell.unit else None
            if column.type == "quantity":
                values = cell.values if cell and cell.values else ()
                first = values[0] if values else None
                record[f"{column.key}_value"] = _num(first.value) if first else None
                record[f"{column.key}_high"] = _num(first.high) if first else None
                record[f"{column.key}_value2"] = _num(values[1].value) if len(values) > 1 else None
                record[f"{column.key}_op"] = first.op if first else None
        rows.append(record)
    title = f"{plan.title.en or plan.title.zh}: Box {table.id.removeprefix('box')} {table.heading.en}"
    return Resource(f"{plan.id}-{table.id}", title, fields, rows, ["identifier"],
                    [_fk("identifier", "provisions"), _fk("box", "provisions")],
                    f"{table.number} {table.heading.zh}", f"《{plan.title.zh}》{table.number} {table.heading.zh}")


def _registries(checked: Checked) -> list[Resource]:
    registry = checked.registry
    minerals = Resource(
        "minerals", "Mineral registry",
        [_field("id"), _field("name_zh"), _field("name_en"),
         _field("aliases", description="Chinese names, 、-separated"),
         _field("en_aliases", description="English names, ;-separated"),
         _field("category", constraints={"enum": sorted(registry.categories)}), _field("group")],
        [{"id": m.id, "name_zh": m.name.zh, "name_en": m.name.en, "aliases": "、".join(m.aliases),
          "en_aliases": "; ".join(m.en_aliases), "category": m.category, "group": m.group} for m in registry.minerals],
        ["id"], [_fk("group", "minerals", "id")])
    flags = Resource(
        "mineral-flags", "What the plans say of each mineral",
        [_field("mineral"), _field("flag", constraints={"enum": sorted(registry.flag_names)}), _field("provision")],
        [{"mineral": m.id, "flag": f.flag, "provision": f.at} for m in registry.minerals for f in m.flags],
        ["mineral", "flag", "provision"], [_fk("mineral", "minerals", "id"), _fk("provision", "provisions")])
    types = Resource(
        "zone-types", "Kinds of zone", [_field("id"), _field("name_zh"), _field("name_en"), _field("level")],
        [{"id": t.id, "name_zh": t.name.zh, "name_en": t.name.en, "level": t.level} for t in registry.zone_types],
        ["id"], [])
    zones = Resource(
        "zones", "Zone registry",
        [_field("id"), _field("type"), _field("code"), _field("name_zh"), _field("name_en"), _field("level"),
         _field("places_zh"), _field("places_en"), _field("minerals", description="mineral ids, ;-separated"),
         _field("count", "integer", description="for zones the plans only count")],
        [{"id": z.id, "type": z.type, "code": z.code, "name_zh": z.name.zh, "name_en": z.name.en, "level": z.level,
          "places_zh": z.places.zh, "places_en": z.places.en, "minerals": ";".join(z.minerals), "count": z.count}
         for z in registry.zones],
        ["id"], [_fk("type", "zone-types", "id")])
    sources = Resource(
        "zone-sources", "Where each zone is listed", [_field("zone"), _field("provision")],
        [{"zone": z.id, "provision": s} for z in registry.zones for s in z.sources],
        ["zone", "provision"], [_fk("zone", "zones", "id"), _fk("provision", "provisions")])
    zone_minerals = Resource(
        "zone-minerals", "Minerals of each zone", [_field("zone"), _field("mineral")],
        [{"zone": z.id, "mineral": m} for z in registry.zones for m in z.minerals],
        ["zone", "mineral"], [_fk("zone", "zones", "id"), _fk("mineral", "minerals", "id")])
    tags = Resource(
        "tags", "Minerals and zones each provision names", [_field("provision"), _field("facet")],
        [{"provision": identifier, "facet": facet} for identifier in sorted(checked.tags.of)
         for facet in sorted(checked.tags.of[identifier])],
        ["provision", "facet"], [_fk("provision", "provisions")])
    return [minerals, flags, types, zones, sources, zone_minerals, tags]


def _links(checked: Checked) -> list[Resource]:
    concordance = checked.concordance
    relations = Resource(
        "relations", "Relations between provisions of the plans",
        [_field("id"), _field("name_zh"), _field("name_en"), _field("definition_zh"), _field("definition_en")],
        [{"id": r.id, "name_zh": r.name.zh, "name_en": r.name.en, "definition_zh": r.definition.zh,
          "definition_en": r.definition.en} for r in concordance.relations], ["id"], [])
    links = Resource(
        "concordance", "Which provision implements which provision of the parent plan",
        [_field("source"), _field("target"), _field("relation"), _field("note_zh"), _field("note_en"),
         _field("discrepancy_zh"), _field("discrepancy_en")],
        [{"source": link.source, "target": link.target, "relation": link.relation, "note_zh": link.note.zh,
          "note_en": link.note.en, "discrepancy_zh": link.discrepancy.text.zh if link.discrepancy else None,
          "discrepancy_en": link.discrepancy.text.en if link.discrepancy else None} for link in concordance.links],
        [], [_fk("source", "provisions"), _fk("target", "provisions"), _fk("relation", "relations", "id")])
    checks = Resource(
        "checks", "Consistency checks of stated totals, counts, percentages and repeated figures",
        [_field("plan"), _field("id"), _field("kind"), _field("title_zh"), _field("title_en"), _field("provision"),
         _field("quote", description="the printed words the figure is read from"),
         _field("value", "number"), _field("unit"), _field("expected"), _field("computed"),
         _field("holds", "boolean"), _field("discrepancy_zh"), _field("discrepancy_en")],
        [{"plan": plan_id, "id": r.check.id, "kind": r.check.kind, "title_zh": r.check.title.zh,
          "title_en": r.check.title.en,
          "provision": _provision(plan_id, r.check.stated.at) if r.check.stated else None,
          "quote": r.check.stated.quote if r.check.stated else None,
          "value": _num(r.check.stated.value) if r.check.stated else None,
          "unit": r.check.stated.unit.symbol if r.check.stated and r.check.stated.unit else None,
          "expected": r.expected, "computed": r.computed, "holds": r.holds,
          "discrepancy_zh": r.check.discrepancy.text.zh if r.check.discrepancy else None,
          "discrepancy_en": r.check.discrepancy.text.en if r.check.discrepancy else None}
         for plan_id, results in sorted(checked.results.items()) for r in results],
        ["plan", "id"], [_fk("provision", "provisions")])
    comparisons = Resource(
        "comparisons", "City figures compared with provincial ones in common units",
        [_field("id"), _field("title_zh"), _field("title_en"), _field("measure"), _field("city_provision"),
         _field("city_printed"), _field("province_provision"), _field("province_printed"), _field("result"),
         _field("holds", "boolean"), _field("note_zh"), _field("note_en")],
        [{"id": r.comparison.id, "title_zh": r.comparison.title.zh, "title_en": r.comparison.title.en,
          "measure": r.comparison.measure,
          "city_provision": r.comparison.city.source if r.comparison.city else None,
          "city_printed": r.comparison.city.printed if r.comparison.city else None,
          "province_provision": r.comparison.province.source if r.comparison.province else None,
          "province_printed": r.comparison.province.printed if r.comparison.province else None,
          "result": r.computed, "holds": r.holds, "note_zh": r.comparison.note.zh, "note_en": r.comparison.note.en}
         for r in checked.comparisons],
        ["id"], [_fk("city_provision", "provisions"), _fk("province_provision", "provisions")])
    return [relations, links, checks, comparisons]


def _glossary(glossary: Glossary | None) -> Resource | None:
    if glossary is None:
        return None
    rows = [{"id": t.id, "kind": t.kind, "zh": t.zh or None, "zh_forms": "、".join(t.zh_forms), "en": t.en,
             "en_forms": "; ".join(t.en_forms), "category": t.category or None, "definition": t.definition or None,
             "confidence": t.confidence or None, "source": "; ".join(t.sources) or None}
            for t in glossary.terms]
    fields = [_field(name) for name in ("id", "kind", "zh", "zh_forms", "en", "en_forms", "category", "definition",
                                        "confidence", "source")]
    return Resource("glossary", "Terminology glossary, Chinese to English, with sources", fields, rows, ["id"], [])


def resources(checked: Checked, root: Path) -> list[Resource]:
    out = [_provisions(checked)]
    out += [_box(plan, table) for plan in checked.corpus.plans for table in plan.tables]
    out += _registries(checked) + _links(checked)
    glossary = _glossary(checked.glossary)
    if glossary is not None:
        out.append(glossary)
    return [r for r in out if r.rows]


# ------------------------------------------------------------------------------------------------ writing

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheet programs read as the start of a formula


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell. Text that a spreadsheet program would run as a formula (=HYPERLINK(…), @SUM,
    even '= 149') gets a leading apostrophe, as OWASP's guidance on CSV injection advises; numbers and
    booleans are written as such, and the JSON twins keep every value unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(resource: Resource) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[f["name"] for f in resource.fields], lineterminator="\r\n")
    writer.writeheader()
    for row in resource.rows:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def full_text(checked: Checked) -> dict[str, Any]:
    """Both plans, one record per division and paragraph, with links and tags."""
    concordance = checked.concordance
    records = []
    for plan in checked.corpus.plans:
        for division in plan.divisions():
            base = f"{plan.id}/{division.path}"
            units = [(base, division.number, division.heading.zh, division.heading.en, "division")]
            units += [(f"{base}/{p.id}", p.id, p.text.zh, p.text.en, "paragraph") for p in division.paragraphs]
            for identifier, number, zh, en, kind in units:
                cite_zh, cite_en = _citation(checked, identifier)
                records.append({
                    "identifier": identifier, "plan": plan.id, "kind": kind, "number": number, "zh": zh, "en": en,
                    "cite_zh": cite_zh, "cite_en": cite_en,
                    "implements": [{"target": link.target, "relation": link.relation}
                                   for link in concordance.with_source(identifier) if link.target],
                    "implemented_by": [{"source": link.source, "relation": link.relation}
                                       for link in concordance.with_target(identifier)],
                    "tags": sorted(checked.tags.of.get(identifier, set())),
                })
    return {"plans": [{"id": p.id, "title_zh": p.title.zh, "title_en": p.title.en, "parent": p.parent}
                      for p in checked.corpus.plans], "records": records}


def data_files(checked: Checked, tables: list[Resource], title: str = "") -> list[DataFile]:
    """The files of the data folder: each resource as CSV and JSON, the package descriptor, the full text."""
    files: list[DataFile] = []
    descriptors = []
    for resource in tables:
        files.append(DataFile(f"{DATA}{resource.name}.csv", _csv(resource)))
        files.append(DataFile(f"{DATA}{resource.name}.json", _json(resource.rows)))
        schema: dict[str, Any] = {"fields": resource.fields}
        if resource.primary_key:
            schema["primaryKey"] = resource.primary_key
        if resource.foreign_keys:
            schema["foreignKeys"] = resource.foreign_keys
        descriptors.append({"name": resource.name, "title": resource.title, "path": f"{resource.name}.csv",
                            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                            "description": resource.description or resource.title, "schema": schema})
    package = {
        "name": "mineral-plans",
        "title": f"{title or ', '.join(p.title.en for p in checked.corpus.plans)}: text and tables",
        "description": "The plans as data: every provision, box, registry, link and check. CSV files are UTF-8 "
                       "with a byte-order mark (encoding utf-8-sig) so that spreadsheet programs read the Chinese "
                       "correctly; each has a JSON twin. The Chinese text is authentic; the English is a reference "
                       "translation.",
        "licenses": [{"name": "other-pd", "title": "Official documents of state organs, which may be reproduced"}],
        "resources": descriptors,
    }
    files.append(DataFile(f"{DATA}datapackage.json", _json(package)))
    files.append(DataFile(f"{DATA}plans-text.json", _json(full_text(checked))))
    return sorted(files, key=lambda f: f.path)

