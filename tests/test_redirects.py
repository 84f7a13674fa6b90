"""Permanent addresses: a renamed or retired identifier keeps working through the register's redirects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from build_tools.addresses import identifier_url
from build_tools.serving import static_server

from .conftest import FIXTURE, copy_project, edit
from .site_build import mkdocs, project_config


@pytest.mark.parametrize(("identifier", "url"), [
    ("liaoning-2021-2025", "liaoning-2021-2025/"),
    ("liaoning-2021-2025/ch6/s5", "liaoning-2021-2025/ch6/s5/"),
    ("liaoning-2021-2025/ch6/s5/p2", "liaoning-2021-2025/ch6/s5/#p2"),
    ("chaoyang-2021-2025/ch5/s2/ss1/i1", "chaoyang-2021-2025/ch5/s2/ss1/i1/"),
    ("chaoyang-2021-2025/box2", "chaoyang-2021-2025/box2/"),
    ("chaoyang-2021-2025/box2/ZK4", "chaoyang-2021-2025/box2/ZK4/"),
    ("liaoning-2021-2025/schedule-3", "liaoning-2021-2025/#schedule-3"),
    ("liaoning-2021-2025/general/p1", "liaoning-2021-2025/general/#p1"),
])
def test_identifier_urls(identifier: str, url: str) -> None:
    assert identifier_url(identifier) == url


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture plan after two renames: a paragraph p1 -> p2, and a retired chapter ch3 -> ch2."""
    project = copy_project(FIXTURE, tmp_path_factory.mktemp("renamed") / "project")
    edit(project / "content/mini-2021-2025/ch2.yaml", "      - id: p1\n        zh: 重点勘查区内优先",
         "      - id: p2\n        zh: 重点勘查区内优先")
    register = project / "content/identifiers.yaml"
    edit(register, "redirects: {}\n", "redirects:\n  mini-2021-2025/ch2/s2/p1: mini-2021-2025/ch2/s2/p2\n"
         "  mini-2021-2025/ch3: mini-2021-2025/ch2\n")
    edit(register, "  mini-2021-2025/box1:", "  mini-2021-2025/ch2/s2/p2: 重点勘查区内优先投放探矿权。\n"
         "  mini-2021-2025/ch3: 第三章开采\n  mini-2021-2025/box1:")
    site = project / "site"
    result = mkdocs(project_config(project), site)
    assert result.returncode == 0, result.stderr
    return site


def test_retired_page_address_redirects(renamed_site: Path) -> None:
    for lang in ("", "en/"):
        html = (renamed_site / f"{lang}mini-2021-2025/ch3/index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../ch2/">' in html
        assert f'<link rel="canonical" href="https://mineral-plans.example.gov.cn/{lang}mini-2021-2025/ch2/">' in html


@pytest.fixture(scope="module")
def served_renamed(renamed_site: Path) -> Iterator[str]:
    with static_server(renamed_site) as url:
        yield url


@pytest.mark.browser
def test_old_addresses_land_on_the_new_identifiers(browser: Browser, served_renamed: str) -> None:
    page = browser.new_page()
    page.goto(served_renamed + "mini-2021-2025/ch3/")
    page.wait_for_url(served_renamed + "mini-2021-2025/ch2/")
    page.goto(served_renamed + "mini-2021-2025/ch2/s2/#p1")
    page.wait_for_url(served_renamed + "mini-2021-2025/ch2/s2/#p2")
    assert page.locator("#p2 > p").inner_text().strip().endswith("重点勘查区内优先投放探矿权。")
    page.close()
