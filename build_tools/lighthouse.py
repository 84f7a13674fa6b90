"""Lighthouse CI of the built site, run on demand: `python -m build_tools.lighthouse`.

Input: the project. Output: a Markdown table of the median Lighthouse scores (mobile preset; the pages and runs
of `build_tools/lighthouse/lighthouserc.cjs`) for BENCHMARKS.md, and a non-zero exit if an assertion of that
file fails (every category 100, but for the exceptions it documents). The site is built strictly into a
temporary folder and served by Lighthouse CI's own static server (with gzip, as a real host serves it);
Chromium is the one build_tools.browser finds ($CHROMIUM or the usual names). `@lhci/cli` is pinned in
`build_tools/lighthouse/package-lock.json` and installed with `npm ci` on the first run. The reports (HTML and
JSON of every run, and lhci's `manifest.json`) are written to `build_tools/lighthouse/reports/`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .browser import find_chromium

HERE = Path(__file__).resolve().parent / "lighthouse"
REPORTS = HERE / "reports"  # upload.outputDir of lighthouserc.cjs
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _address(url: str) -> str:
    """The page's address without the static server's host and port, as a reader would type it."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return unquote(parts.path + query + fragment)


def scores_table(manifest: Path) -> str:
    """Median score of each category over the runs of each page (in the order collected), from lhci's manifest."""
    entries: list[dict[str, object]] = json.loads(manifest.read_text(encoding="utf-8"))
    pages: dict[str, dict[str, list[float]]] = {}
    for entry in entries:
        summary = entry["summary"]
        assert isinstance(summary, dict)
        runs = pages.setdefault(_address(str(entry["url"])), {key: [] for key in CATEGORIES})
        for key in CATEGORIES:
            if isinstance(summary.get(key), (int, float)):  # null when Lighthouse could not score the category
                runs[key].append(round(summary[key] * 100))
    count = max((len(runs[CATEGORIES[0]]) for runs in pages.values()), default=0)
    lines = [f"| page (mobile preset, median of {count} runs) | performance | accessibility | best practices | SEO |",
             "|---|---|---|---|---|"]
    for address, runs in pages.items():
        cells = (f"{statistics.median(runs[key]):g}" if runs[key] else "–" for key in CATEGORIES)
        lines.append(f"| `{address}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.lighthouse")
    parser.add_argument("--root", type=Path, default=HERE.parents[1], help="the project (where mkdocs.yml is)")
    parser.add_argument("--runs", type=int, help="runs per page (default: numberOfRuns of lighthouserc.cjs, 3)")
    parser.add_argument("--url", action="append", default=[], metavar="ADDRESS",
                        help="measure this address instead of lighthouserc.cjs's list (repeatable; site-relative, "
                             "as 'en/?q=bentonite')")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    chrome = find_chromium()
    if chrome is None:
        print("no Chromium: run `.venv/bin/python -m build_tools.browser` for the install command", file=sys.stderr)
        return 1
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHROME_PATH": chrome}
    npx = shutil.which("npx")
    if npx is None:
        print("lighthouse: needs Node's npm and npx (Node 20 or later)", file=sys.stderr)
        return 2
    if not (HERE / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, env=env, stdout=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                                str(root / "mkdocs.yml"), "-d", str(site)], env=env)
        if build.returncode != 0:
            print("lighthouse: the strict build failed", file=sys.stderr)
            return build.returncode
        shutil.rmtree(REPORTS, ignore_errors=True)
        # lhci's progress and assertion results go to stderr: stdout is the table alone.
        command = [npx, "--no-install", "lhci", "autorun", f"--collect.staticDistDir={site}"]
        if args.runs:
            command.append(f"--collect.numberOfRuns={args.runs}")
        command += [f"--collect.url=http://localhost/{address.lstrip('/')}" for address in args.url]
        status = subprocess.run(command, cwd=HERE, env=env, stdout=sys.stderr).returncode
    manifest = REPORTS / "manifest.json"
    if manifest.is_file():
        print(scores_table(manifest))
        print(f"\nReports: {REPORTS}", file=sys.stderr)
    if status != 0:
        print(f"lighthouse: lhci autorun failed (exit {status}): an assertion failed or a run did not complete",
              file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
