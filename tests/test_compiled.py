"""Compiled templates kept between builds and processes (build_tools.compiled): compiled once, loaded by the
next process, compiled again when the source changes, and never shared between settings that compile
differently (MkDocs' environment escapes only once the plugin turns escaping on)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from build_tools.compiled import COMPILED, Compiled
from build_tools.mkdocs_adapter import PlansPlugin
from build_tools.pages.base import environment


def render(cache: Compiled, folder: Path, *, autoescape: bool = True, trim_blocks: bool = False) -> str:
    """A new environment, as MkDocs makes one for every build, with the cache."""
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=autoescape, trim_blocks=trim_blocks,
                      bytecode_cache=cache)
    return env.get_template("page.html").render(title="<b>")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<h1>{{ title }}</h1>\n{% if 1 %}\nx{% endif %}",
                                                     encoding="utf-8")
    return tmp_path / "templates"


def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    original = Environment.compile

    def counted(self: Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        names.append(str(name))
        return original(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", counted)
    return names


def test_a_template_is_compiled_once_then_loaded_by_the_next_process(folder: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = compiles(monkeypatch)
    cache = Compiled(str(tmp_path))
    assert render(cache, folder) == "<h1>&lt;b&gt;</h1>\n\nx"
    assert render(cache, folder) == "<h1>&lt;b&gt;</h1>\n\nx"  # a second build of the process: from memory
    assert compiled == ["page.html"]
    assert len(list(tmp_path.glob("__mineral_plans_*.cache"))) == 1
    assert render(Compiled(str(tmp_path)), folder) == "<h1>&lt;b&gt;</h1>\n\nx"  # a new process: from disk
    assert compiled == ["page.html"]


def test_an_edited_template_is_compiled_again(folder: Path, tmp_path: Path) -> None:
    cache = Compiled(str(tmp_path))
    render(cache, folder)
    (folder / "page.html").write_text("<h2>{{ title }}</h2>", encoding="utf-8")
    assert render(cache, folder) == "<h2>&lt;b&gt;</h2>"
    assert render(Compiled(str(tmp_path)), folder) == "<h2>&lt;b&gt;</h2>"


def test_settings_that_compile_differently_do_not_share_code(folder: Path, tmp_path: Path) -> None:
    cache = Compiled(str(tmp_path))
    assert render(cache, folder) == "<h1>&lt;b&gt;</h1>\n\nx"
    assert render(cache, folder, autoescape=False) == "<h1><b></h1>\n\nx"
    assert render(cache, folder, trim_blocks=True) == "<h1>&lt;b&gt;</h1>\nx"
    assert render(Compiled(str(tmp_path)), folder, autoescape=False) == "<h1><b></h1>\n\nx"


def test_an_unreadable_cache_file_is_compiled_again(folder: Path, tmp_path: Path) -> None:
    render(Compiled(str(tmp_path)), folder)
    for file in tmp_path.glob("__mineral_plans_*.cache"):
        file.write_bytes(file.read_bytes()[:40])  # cut short: the code is gone
    assert render(Compiled(str(tmp_path)), folder) == "<h1>&lt;b&gt;</h1>\n\nx"


def test_without_a_usable_folder_the_code_stays_in_memory(folder: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def unsafe(self: Compiled) -> str:
        raise RuntimeError("Cannot determine safe temp directory.")

    monkeypatch.setattr(Compiled, "_get_default_cache_dir", unsafe)
    cache = Compiled()
    assert not cache.on_disk
    compiled = compiles(monkeypatch)
    assert render(cache, folder) == render(cache, folder) == "<h1>&lt;b&gt;</h1>\n\nx"
    assert compiled == ["page.html"]


def test_the_site_and_the_theme_use_the_cache() -> None:
    assert environment().bytecode_cache is COMPILED
    env = Environment()
    plugin = PlansPlugin()
    assert plugin.on_env(env, config=None, files=None).bytecode_cache is COMPILED  # type: ignore[arg-type]
    assert env.autoescape is True
