"""Open data: CSV and JSON for every table, one Frictionless data package, the full text as JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import frictionless
import pytest

from build_tools.export import data_files, resources
from build_tools.pipeline import Checked

from .site_build import ROOT


@pytest.fixture(scope="module")
def exported(checked: Checked, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("data")
    for file in data_files(checked, resources(checked, ROOT)):
        path = root / file.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(file.text, encoding="utf-8")
    return root / "data"


def test_package_is_valid_with_keys(exported: Path) -> None:
    package = frictionless.Package(str(exported / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["taskName", "type", "note"])[:10]
    names = {r.name for r in package.resources}
    expected = {"provisions", "minerals", "mineral-flags", "zones", "zone-types", "zone-sources", "zone-minerals",
                "tags", "relations", "concordance", "checks", "comparisons", "glossary"}
    expected |= {f"liaoning-2021-2025-box{i}" for i in range(1, 10)}
    expected |= {f"chaoyang-2021-2025-box{i}" for i in range(1, 6)}
    assert expected <= names
    descriptor = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["zones"]["primaryKey"] == ["id"]
    zone_type_key = {"fields": "type", "reference": {"resource": "zone-types", "fields": "id"}}
    assert zone_type_key in schemas["zones"]["foreignKeys"]
    assert any(fk["reference"]["resource"] == "provisions" for fk in schemas["concordance"]["foreignKeys"])
    box5 = {f["name"]: f for f in schemas["chaoyang-2021-2025-box5"]["fields"]}
    assert box5["large_value"]["type"] == "number" and box5["large_value"]["unit"] == "given by column unit_symbol"
    assert "yearly rate" in box5["unit_symbol"]["description"]
    box1 = {f["name"]: f for f in schemas["liaoning-2021-2025-box1"]["fields"]}
    assert box1["value_value"]["type"] == "number"


def test_csv_is_utf8_with_bom_and_matches_json(exported: Path) -> None:
    for path in exported.glob("*.csv"):
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), path.name
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        records = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert len(rows) == len(records), path.name


def test_typed_values_in_the_box_exports(exported: Path) -> None:
    rows = {r["key"]: r for r in json.loads((exported / "chaoyang-2021-2025-box5.json").read_text(encoding="utf-8"))}
    # printed 万吨, typed as the annual rate it is (a table of minimum annual mining scales)
    assert (rows["1"]["large_value"], rows["1"]["large_value2"], rows["1"]["unit"], rows["1"]["unit_symbol"]) == (
        400, 120, "万吨", "万吨/年")
    assert rows["22"]["unit_symbol"] == "万立方米/年"
    assert rows["8"]["small_op"] == "empty" and rows["22"]["existing"] is None
    zones = {r["key"]: r for r in json.loads((exported / "chaoyang-2021-2025-box2.json").read_text(encoding="utf-8"))}
    assert (zones["ZK1"]["name"], zones["ZK1"]["name_name"], zones["ZK1"]["name_level"]) == (
        "北票二道沟（国家级）", "北票二道沟", "国家级")


def test_full_text_json(exported: Path, checked: Checked) -> None:
    data = json.loads((exported / "plans-text.json").read_text(encoding="utf-8"))
    records = {r["identifier"]: r for r in data["records"]}
    paragraphs = [f"{p.id}/{d.path}/{q.id}" for p in checked.corpus.plans for d in p.divisions() for q in d.paragraphs]
    assert set(paragraphs) <= set(records)
    record = records["chaoyang-2021-2025/ch5/s2/ss1/i3/p1"]
    assert record["zh"].startswith("以县级行政区为单元") and record["en"]
    assert {"target": "liaoning-2021-2025/ch6/s5/p3", "relation": "implements"} in record["implements"]
    assert "mineral:sand-gravel-earth" in record["tags"]
