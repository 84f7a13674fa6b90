"""Building the real site with the real MkDocs command line, as CI and readers' servers do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from build_tools.mkdocs_adapter import project_config as adapter_project_config

ROOT = Path(__file__).resolve().parent.parent


def mkdocs(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1667260800"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(site_dir)],
        capture_output=True, text=True, env=env, check=False,
    )


def project_config(project: Path) -> Path:
    """An mkdocs.yml for a copied project tree: theme and assets from the repository, content from the copy."""
    return adapter_project_config(ROOT, project, project / "site", project / "mkdocs.yml")


def search_pages(site: Path, prefix: str = "") -> list[list[object]]:
    """The pages of one language's search index: [address, title, plan, breadcrumb, kind, sections]."""
    import json

    folder = site / prefix / "search"
    count = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["pages"]
    return [json.loads((folder / f"d{n}.json").read_text(encoding="utf-8")) for n in range(count)]


def search_postings(site: Path, token: str, prefix: str = "") -> list[list[int]]:
    """Where the index of one language has a token: [[page, section, field, length, …]]."""
    import json

    from build_tools.search_index import shard_of

    folder = site / prefix / "search"
    shards = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["shards"]
    shard = json.loads((folder / f"p{shard_of(token, shards):03d}.json").read_text(encoding="utf-8"))
    return list(shard.get(token, []))
