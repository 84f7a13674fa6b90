"""Building the real site with the real MkDocs command line, as CI and readers' servers do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def mkdocs(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1667260800"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, check=False,
    )


def project_config(project: Path) -> Path:
    """An mkdocs.yml for a copied project tree: theme and assets from the repository, content from the copy."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "build_tools" / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "build_tools" / "theme")
    config["plugins"] = [p if p != "mineral-plans" else {"mineral-plans": {"root": str(project)}}
                         for p in config["plugins"]]
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def copy_tree(target: Path) -> Path:
    for folder in ("content", "tables"):
        shutil.copytree(ROOT / folder, target / folder)
    return target
