"""A third plan joins with content and configuration only: no change to build_tools, templates or theme.

The fixture under tests/fixtures/third-plan is a fictional county plan (level county, parent Liaoning) laid out
as README's "Adding a plan" says: a content folder, a tables folder, concordance links and zone rows. The test
copies the real project, adds the county exactly that way, registers its identifiers with the command editors
use, builds the real site and reads it as a reader would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools.pipeline import check_project

from .conftest import copy_project
from .site_build import ROOT, mkdocs, project_config, search_pages

pytestmark = pytest.mark.site
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "third-plan"
COUNTY = "example-county-2021-2025"


def add_county(project: Path) -> None:
    """What an editor does: copy the plan's folders in, append its links and zone rows, register identifiers."""
    for folder in ("content", "tables"):
        shutil.copytree(FIXTURE / folder / COUNTY, project / folder / COUNTY)
    additions = yaml.safe_load((FIXTURE / "configuration.yaml").read_text(encoding="utf-8"))

    concordance_file = project / "tables" / "concordance.yaml"
    concordance = yaml.safe_load(concordance_file.read_text(encoding="utf-8"))
    concordance["links"] += additions["concordance_links"]
    concordance_file.write_text(yaml.safe_dump(concordance, allow_unicode=True, sort_keys=False), encoding="utf-8")

    zones_file = project / "tables" / "zones.yaml"
    zones = yaml.safe_load(zones_file.read_text(encoding="utf-8"))
    for zone_type in zones["types"]:
        if zone_type["id"] in additions["zone_rows"]:
            zone_type["rows"].append(additions["zone_rows"][zone_type["id"]])
    zones_file.write_text(yaml.safe_dump(zones, allow_unicode=True, sort_keys=False), encoding="utf-8")

    subprocess.run([sys.executable, "-m", "build_tools", "--root", str(project), "register", "--update"],
                   check=True, capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def county_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(ROOT, tmp_path_factory.mktemp("third-plan"))
    add_county(project)
    result = mkdocs(project_config(project), project / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project


def test_the_generator_is_untouched_by_the_fixture() -> None:
    """The fixture names no code: only content, tables and configuration data."""
    files = {p.suffix for p in FIXTURE.rglob("*") if p.is_file()}
    assert files <= {".yaml", ".txt"}


def test_county_content_checks_clean(county_site: Path) -> None:
    checked = check_project(county_site)
    assert [str(d) for d in checked.diagnostics.errors] == []
    assert [plan.id for plan in checked.corpus.plans][-1] == COUNTY
    county_checks = checked.results[COUNTY]
    assert county_checks and all(r.holds for r in county_checks)
    register = yaml.safe_load((county_site / "content" / "identifiers.yaml").read_text(encoding="utf-8"))
    assert f"{COUNTY}/box1/KC1" in json.dumps(register, ensure_ascii=False)


def test_county_pages_in_both_languages_and_in_navigation(county_site: Path) -> None:
    site = county_site / "site"
    for prefix in ("", "en/"):
        for page in ("", "ch1/", "ch2/s1/", "box1/", "box1/KC1/", "consistency/", "ch2/zh-en/"):
            assert (site / prefix / COUNTY / page / "index.html").is_file(), f"{prefix}{COUNTY}/{page}"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{COUNTY}/"' in home and "示范县矿产资源总体规划" in home
    english_home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Example County Mineral Resources Master Plan" in english_home
    article = (site / "liaoning-2021-2025" / "index.html").read_text(encoding="utf-8")
    assert "示范县规划" in article  # the navigation of other plans' pages lists the county


def test_county_is_searchable(county_site: Path) -> None:
    for prefix, word in (("", "东山膨润土区"), ("en/", "Dongshan")):
        pages = search_pages(county_site / "site", prefix)
        hits = [doc for doc in pages if word in json.dumps(doc, ensure_ascii=False)]
        assert any(str(doc[0]).startswith(COUNTY) for doc in hits), (prefix, word)


def test_county_zones_minerals_and_implementation(county_site: Path) -> None:
    site = county_site / "site"
    zone = site / "zones" / "example-county-dongshan-bentonite-area" / "index.html"
    assert zone.is_file()
    assert "县级" in zone.read_text(encoding="utf-8")
    bentonite = (site / "minerals" / "bentonite" / "index.html").read_text(encoding="utf-8")
    assert "示范县规划专栏一KC1" in bentonite.replace(" ", "")
    matrix = (site / "implementation" / "index.html").read_text(encoding="utf-8")
    assert f"{COUNTY}/ch2/s1/" in matrix
    liaoning_article = (site / "liaoning-2021-2025" / "ch6" / "s1" / "index.html").read_text(encoding="utf-8")
    assert f"{COUNTY}/ch2/s1/" in liaoning_article  # the provincial article shows who implements it


def test_county_open_data(county_site: Path) -> None:
    package = json.loads((county_site / "site" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    names = {resource["name"] for resource in package["resources"]}
    assert f"{COUNTY}-box1" in names
    text = json.loads((county_site / "site" / "data" / "plans-text.json").read_text(encoding="utf-8"))
    assert COUNTY in json.dumps(text, ensure_ascii=False)
