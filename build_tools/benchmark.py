"""Benchmarks, run on demand (never as timed tests): `python -m build_tools.benchmark [--only build,scale,bytes]`.

Input: the project. Output: Markdown tables for BENCHMARKS.md, medians of several runs:

- build: the full `mkdocs build --strict` of the real site (both languages), the generator alone in-process,
  and a plain mkdocs-material build of the very pages the generator wrote (same theme, navigation, assets;
  no plugin), so that the generator's overhead is the difference of two real builds;
- scale: the same full build with the content replicated N times (synthetic copies of every plan with their
  own identifiers, concordance links and register entries): wall time, peak memory, and where the time of a
  build goes, by phase, to name the bottleneck;
- bytes: what a browser downloads on the first load of an article page (every response, gzipped as a server
  sends it) and the size of the search indexes, which load only when the search box is first used;
- search: at 1x and the replicated scales, what a reader's first query fetches from the sharded index and how
  long it takes, cold and warm, in Chromium.

`--replicate K --to DIR` only writes the replicated project and its mkdocs.yml, for a profiler:
`python -m cProfile -s tottime -m mkdocs build -f DIR/mkdocs.yml`.

Machines are shared and noisy: read the medians and the ratios, not single runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .addresses import LANGUAGES, prefix
from .labels import SEARCH_WORDS
from .mkdocs_adapter import PLUGIN, _hreflang, project_config
from .pipeline import check_project
from .render import Site, render_site
from .serving import static_server

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ARTICLE = "liaoning-2021-2025/ch6/s5/"  # a long article with a box, the kind of page readers cite


# ------------------------------------------------------------------------------------------ running

def run_python(code: str, *args: str) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of a child Python process; fails loudly on an error."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code, *args], env=ENV, stdout=subprocess.DEVNULL,
                                 stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise RuntimeError(errors.read().decode("utf-8", "replace")[-4000:])
    return elapsed, usage.ru_maxrss / 1024


BUILD = ("import sys; from mkdocs.config import load_config; from mkdocs.commands.build import build\n"
         "for config in sys.argv[1:]: build(load_config(config, strict=True))")


def time_builds(configs: list[Path], runs: int) -> tuple[list[float], list[float]]:
    """`runs` builds of the given configurations, all in one child process per run (one start-up each)."""
    seconds, memory = [], []
    for _ in range(runs):
        elapsed, peak = run_python(BUILD, *map(str, configs))
        seconds.append(elapsed)
        memory.append(peak)
    return seconds, memory


def time_generator(root: Path, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        render_site(check_project(root), "https://example.org/")
        samples.append(time.perf_counter() - start)
    return samples


# ------------------------------------------------------------------------------------------ projects

def plain_configs(root: Path, site: Site, work: Path) -> list[Path]:
    """The generated pages written out as Markdown files, with one mkdocs.yml per language that builds them
    with mkdocs-material alone: same theme overrides, features, assets and navigation, no plugin."""
    raw = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next((p[PLUGIN] or {} for p in raw["plugins"] if isinstance(p, dict) and PLUGIN in p), {})
    configs = []
    for lang in LANGUAGES:
        docs = work / f"docs-{lang}"
        shutil.copytree(root / raw["docs_dir"], docs)
        for page in site.pages:
            if page.lang == lang:
                target = docs / page.url / "index.md"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page.text, encoding="utf-8")
        for static in site.files:
            if static.lang == lang:
                target = docs / static.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(static.text, encoding="utf-8")
        config = {**raw, "docs_dir": str(docs), "site_dir": str(work / "site" / prefix(lang)), "plugins": [],
                  "nav": [item.to_mkdocs() for item in site.nav[lang]],
                  "theme": {**raw["theme"], "custom_dir": str(root / raw["theme"]["custom_dir"]), "language": lang},
                  "site_url": raw["site_url"] + prefix(lang),
                  "extra": {**raw.get("extra", {}), "plans_language_roots": {
                      _hreflang(other): raw["site_url"] + prefix(other) for other in LANGUAGES},
                      "plans_search_words": json.dumps(SEARCH_WORDS[lang], ensure_ascii=False)},
                  "site_name": options.get("titles", {}).get(lang, raw["site_name"]),
                  "copyright": options.get("copyrights", {}).get(lang, raw["copyright"])}
        path = work / f"mkdocs-{lang}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        configs.append(path)
    return configs


def replicate(root: Path, target: Path, factor: int) -> Path:
    """A project with every plan copied `factor` times (copy k of plan P is P-xk), the concordance and
    comparisons copied with them, and the copies' identifiers registered. Zones stay those of the real
    plans: the copies' zone rows would only repeat names."""
    for folder in ("content", "tables"):
        shutil.copytree(root / folder, target / folder)
    plans = sorted(p.parent.name for p in (root / "content").glob("*/plan.yaml"))

    def rename(text: str, k: int) -> str:
        for plan in plans:
            text = text.replace(plan, f"{plan}-x{k}")
        return text

    for k in range(2, factor + 1):
        for plan in plans:
            for folder in ("content", "tables"):
                if (root / folder / plan).is_dir():
                    copy = shutil.copytree(root / folder / plan, target / folder / f"{plan}-x{k}")
                    for path in copy.glob("*.yaml"):
                        path.write_text(rename(path.read_text(encoding="utf-8"), k), encoding="utf-8")
    for name, keep_ids in (("concordance.yaml", False), ("comparisons.yaml", True)):
        path = target / "tables" / name
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, entries in doc.items():
            if not isinstance(entries, list) or not any(p in yaml.safe_dump(entries) for p in plans):
                continue
            originals = list(entries)
            for k in range(2, factor + 1):
                for entry in originals:
                    copy = yaml.safe_load(rename(yaml.safe_dump(entry, allow_unicode=True), k))
                    if keep_ids and "id" in copy:
                        copy["id"] = f"{copy['id']}-x{k}"
                    entries.append(copy)
            doc[key] = entries
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "build_tools", "--root", str(target), "register", "--update"],
                   check=True, capture_output=True, env=ENV, cwd=root)
    return target


# ------------------------------------------------------------------------------------------ phases

PHASES = {  # what a build spends its time on, by the function that does it
    "generator: load, check, render (build_tools)": ("build_tools.mkdocs_adapter", "PlansPlugin", "on_config"),
    "generator: hand pages to MkDocs": ("build_tools.mkdocs_adapter", "PlansPlugin", "on_files"),
    "MkDocs: navigation": ("mkdocs.commands.build", None, "get_navigation"),
    "MkDocs: Markdown to HTML": ("mkdocs.commands.build", None, "_populate_page"),
    "Material: page templates, write HTML": ("mkdocs.commands.build", None, "_build_page"),
}


def phase_profile(config: Path) -> dict[str, float]:
    """One build in this process with the build's main functions timed (self-contained, so not nested)."""
    import importlib

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spent: dict[str, float] = defaultdict(float)
    patched: list[tuple[Any, str, Callable[..., Any]]] = []
    for phase, (module_name, class_name, function) in PHASES.items():
        owner = importlib.import_module(module_name)
        if class_name:
            owner = getattr(owner, class_name)
        original = getattr(owner, function)

        def timed(*args: Any, _original: Callable[..., Any] = original, _phase: str = phase,
                  **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_phase] += time.perf_counter() - start

        setattr(owner, function, timed)
        patched.append((owner, function, original))
    try:
        start = time.perf_counter()
        build(load_config(str(config), strict=True))
        total = time.perf_counter() - start
    finally:
        for owner, function, original in patched:
            setattr(owner, function, original)
    spent["other: files, assets, sitemap, search data, start-up of the English build"] = total - sum(spent.values())
    spent["total (in-process)"] = total
    return dict(spent)


# ------------------------------------------------------------------------------------------ bytes



def first_load(site_dir: Path, url: str) -> list[tuple[str, str, int, int]]:
    """Every response of a first visit in Chromium: (url, resource type, bytes, bytes gzipped at level 6)."""
    from playwright.sync_api import Response, sync_playwright

    responses: list[tuple[str, str, int, int]] = []
    with static_server(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page()
        seen: list[Response] = []
        page.on("response", lambda response: seen.append(response))
        page.goto(base + url, wait_until="networkidle")
        for response in seen:
            body = response.body()
            responses.append((response.url.removeprefix(base), response.request.resource_type, len(body),
                              len(gzip.compress(body, 6))))
        browser.close()
    return responses


# ------------------------------------------------------------------------------------------ report

def _row(name: str, samples: list[float], unit: str = "s", digits: int = 2) -> str:
    return (f"| {name} | {statistics.median(samples):.{digits}f} {unit} | {min(samples):.{digits}f} {unit} | "
            f"{max(samples):.{digits}f} {unit} |")


def report_build(root: Path, runs: int) -> None:
    site = render_site(check_project(root), "https://example.org/")
    with tempfile.TemporaryDirectory() as work:
        full, _ = time_builds([project_config(root, root, Path(work) / "full", Path(work) / "mkdocs.yml")], runs)
        plain, _ = time_builds(plain_configs(root, site, Path(work)), runs)
    generator = time_generator(root, runs)
    print(f"\n### Build ({runs} runs, {len(site.pages)} generated pages in {len(LANGUAGES)} languages)\n")
    print("| measure | median | min | max |\n|---|---|---|---|")
    print(_row("full build: `mkdocs build --strict`, both languages", full))
    print(_row("plain mkdocs-material build of the same pages, both languages", plain))
    print(_row("generator alone, in-process: load, checks, fidelity, render", generator))
    overhead = statistics.median(full) / statistics.median(plain) - 1
    print(f"\nGenerator overhead (full build over the plain build, ratio of medians): {overhead:+.0%}; "
          f"generator alone over the plain build: {statistics.median(generator) / statistics.median(plain):.0%}")


def report_scale(root: Path, scales: list[int], runs: int) -> None:
    print(f"\n### Content replicated ({runs} runs each)\n")
    print("| content | plans | generated pages | median build | min | max | × the 1× build | peak memory |")
    print("|---|---|---|---|---|---|---|---|")
    base: float | None = None
    profiles: dict[int, dict[str, float]] = {}
    for factor in [1, *scales]:
        with tempfile.TemporaryDirectory() as work:
            project = replicate(root, Path(work) / "project", factor)
            pages = len(render_site(check_project(project)).pages)
            config = project_config(root, project, Path(work) / "site", project / "mkdocs.yml")
            seconds, memory = time_builds([config], runs)
            profiles[factor] = phase_profile(config)
        median = statistics.median(seconds)
        base = base or median
        plans = factor * len(list((root / "content").glob("*/plan.yaml")))
        print(f"| {factor}× | {plans} | {pages} | {median:.1f} s | {min(seconds):.1f} s | {max(seconds):.1f} s | "
              f"{median / base:.1f} | {statistics.median(memory):.0f} MB |")
    print("\nWhere one build's time goes (in-process, one run per scale; seconds and share):\n")
    print("| phase | " + " | ".join(f"{f}×" for f in profiles) + " |")
    print("|---|" + "---|" * len(profiles))
    for phase in next(iter(profiles.values())):
        cells = []
        for profile in profiles.values():
            share = profile[phase] / profile["total (in-process)"]
            cells.append(f"{profile[phase]:.1f} s ({share:.0%})")
        print(f"| {phase} | " + " | ".join(cells) + " |")


def report_bytes(root: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        site_dir = Path(work) / "site"
        time_builds([project_config(root, root, site_dir, Path(work) / "mkdocs.yml")], 1)
        print("\n### First load of an article page\n")
        print("| page | requests | bytes | gzip (level 6) |\n|---|---|---|---|")
        for lang in LANGUAGES:
            url = prefix(lang) + ARTICLE
            responses = first_load(site_dir, url)
            outside = [r for r in responses if r[0].startswith("http")]
            assert not outside, outside
            print(f"| `/{url}` | {len(responses)} | {sum(r[2] for r in responses) / 1024:.0f} KB | "
                  f"{sum(r[3] for r in responses) / 1024:.0f} KB |")
            if lang == LANGUAGES[0]:
                detail = sorted(responses, key=lambda r: -r[3])
        print("\nBy response (Chinese page):\n\n| response | type | bytes | gzip |\n|---|---|---|---|")
        for name, kind, size, packed in detail:
            print(f"| `{name.split('?')[0]}` | {kind} | {size / 1024:.1f} KB | {packed / 1024:.1f} KB |")
        print("\n| search index (sharded: a query fetches meta.json and the shards of its tokens) | bytes | "
              "gzip (level 6) |\n|---|---|---|")
        for folder in sorted(site_dir.rglob("search")):
            data = b"".join(f.read_bytes() for f in sorted(folder.glob("*.json")))
            print(f"| `/{folder.relative_to(site_dir)}/` (all files) | {len(data) / 1024 / 1024:.2f} MB | "
                  f"{len(gzip.compress(data, 6)) / 1024:.0f} KB |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.benchmark")
    parser.add_argument("--only", default="build,scale,bytes,search",
                        help="comma-separated: build, scale, bytes, search")
    parser.add_argument("--runs", type=int, default=5, help="runs of the real build")
    parser.add_argument("--scales", default="10,50", help="replication factors")
    parser.add_argument("--scale-runs", type=int, default=3, help="runs of each replicated build")
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--replicate", type=int, metavar="K",
                        help="only write the content replicated K times into --to, with its mkdocs.yml, to profile")
    parser.add_argument("--to", type=Path, help="folder for --replicate (must not exist)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.replicate:
        if args.to is None:
            parser.error("--replicate needs --to")
        project = replicate(root, args.to.resolve(), args.replicate)
        print(project_config(root, project, project / "site", project / "mkdocs.yml"))
        return 0
    parts = set(args.only.split(","))
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if "build" in parts:
        report_build(root, args.runs)
    if "scale" in parts:
        report_scale(root, [int(s) for s in args.scales.split(",") if s], args.scale_runs)
    if "bytes" in parts:
        report_bytes(root)
    if "search" in parts:
        report_search(root, [int(s) for s in args.scales.split(",") if s])
    return 0



# ------------------------------------------------------------------------------------------ search

SEARCH_QUERIES = {"zh": ["膨润土", "最低开采规模", "绿色矿山 建设"],
                  "en": ["bentonite", "minimum mining scales", "green mines"]}
TIMED = "q => { const t = performance.now(); return window.plansSearch(q).then(() => performance.now() - t); }"


def search_timings(site_dir: Path) -> dict[str, list[tuple[int, float, float]]]:
    """Per language and query, in a fresh browser context each: bytes fetched from search/ by the first query
    (the reader's first use of the search on a page), its latency, and the latency of the same query again
    (warm: the shards cached)."""
    from playwright.sync_api import Response, sync_playwright

    out: dict[str, list[tuple[int, float, float]]] = {}
    fetched: list[Response] = []  # the responses of the query being timed
    with static_server(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        for lang, queries in SEARCH_QUERIES.items():
            out[lang] = []
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + prefix(lang) + ARTICLE, wait_until="networkidle")
                fetched.clear()
                page.on("response", lambda response: fetched.append(response))
                first = page.evaluate(TIMED, query)
                size = sum(len(r.body()) for r in fetched if "/search/" in r.url)
                warm = page.evaluate(TIMED, query)
                out[lang].append((size, first, warm))
                context.close()
        browser.close()
    return out


def report_search(root: Path, scales: list[int]) -> None:
    print("\n### Search at scale (first query in a fresh browser: bytes fetched and latency; then warm)\n")
    print("| content | language | pages indexed | index files | index bytes | first query: bytes fetched | "
          "first query latency | warm latency |")
    print("|---|---|---|---|---|---|---|---|")
    for factor in [1, *scales]:
        with tempfile.TemporaryDirectory() as work:
            project = replicate(root, Path(work) / "project", factor)
            site_dir = Path(work) / "site"
            config = project_config(root, project, site_dir, project / "mkdocs.yml")
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
                           check=True, env=ENV, capture_output=True)
            timings = search_timings(site_dir)
            for lang in LANGUAGES:
                folder = site_dir / prefix(lang) / "search"
                files = list(folder.glob("*.json"))
                meta = yaml.safe_load((folder / "meta.json").read_text(encoding="utf-8"))
                rows = timings[lang]
                print(f"| {factor}× | {lang} | {meta['pages']:,} | {len(files):,} | "
                      f"{sum(f.stat().st_size for f in files) / 1024 / 1024:.1f} MB | "
                      f"{statistics.median(r[0] for r in rows) / 1024:.0f} KB | "
                      f"{statistics.median(r[1] for r in rows):.0f} ms | "
                      f"{statistics.median(r[2] for r in rows):.0f} ms |")


if __name__ == "__main__":
    sys.exit(main())
