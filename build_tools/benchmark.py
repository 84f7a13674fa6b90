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
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .addresses import LANGUAGES, prefix
from .browser import ARGS, find_chromium
from .engine import export_project
from .mkdocs_adapter import project_config
from .pipeline import check_project
from .render import Site, render_site
from .serving import static_server

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ARTICLE = "liaoning-2021-2025/ch6/s5/"  # a long article with a box, the kind of page readers cite


# ------------------------------------------------------------------------------------------ running

@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, CPU seconds (user and system, of the child and of the processes it waited
    for: the English rendered beside the Chinese and the search index are work too) and peak resident memory."""

    seconds: float
    cpu: float
    memory: float  # MB


def run_python(code: str, *args: str) -> Run:
    """A child Python process, timed; fails loudly on an error. Its standard output is dropped."""
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
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


BUILD = ("import sys; from mkdocs.config import load_config; from mkdocs.commands.build import build\n"
         "for config in sys.argv[1:]: build(load_config(config, strict=True))")


def time_builds(configs: list[Path], runs: int) -> list[Run]:
    """`runs` builds of the given configurations, all in one child process per run (one start-up each)."""
    return [run_python(BUILD, *map(str, configs)) for _ in range(runs)]


# ------------------------------------------------------------------------------------------ projects

def plain_configs(root: Path, site: Site, work: Path) -> list[Path]:
    """The generated pages written to disk as one project per language (build_tools.engine.export_project:
    pages as Markdown files that are HTML, assets, theme overrides, navigation, a mkdocs.yml each), which
    mkdocs-material builds alone: same theme overrides, features, assets and navigation, no plugin, and
    Python-Markdown's pass over every page as mkdocs.yml configures it (not the export's pass-through): the
    cost of the same site from committed pages."""
    configs = list(export_project(root, site, work / "plain").values())
    markdown = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")).get("markdown_extensions", [])
    for path in configs:  # Python-Markdown as mkdocs.yml sets it, as committed pages would be built
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        config["markdown_extensions"] = markdown
        config["plugins"] = []
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return configs


PROVINCE, CITY, CITIES = "liaoning-2021-2025", "chaoyang-2021-2025", 14
COPY_REASON = {"zh": "基准测试用的复制规划。", "en": "A copy of a plan made for the benchmark."}


def replicate(root: Path, target: Path, factor: int) -> Path:
    """A province's plans at `factor` times the content, 2 × factor plans in all: the real provincial plan;
    14 city plans under it (the real Chaoyang plan and copies of it, `chaoyang-2021-2025-xk`); then county
    plans, copies of the Chaoyang plan each under one of the cities in turn (50×: 1 + 14 + 85). A city copy
    carries the Chaoyang plan's links and comparisons to the province; a county copy, whose text is not its
    city's, says so once per part (no_counterpart) and links its zone rows to its city's. The copies'
    identifiers are registered; zones stay those of the real plans (the copies' rows would only repeat names)."""
    for folder in ("content", "tables"):
        shutil.copytree(root / folder, target / folder)
    cities = [CITY]
    counties: list[tuple[str, str]] = []  # (county, its city)
    for k in range(2, 2 * factor):
        copy = f"{CITY}-x{k}"
        if len(cities) < CITIES:
            cities.append(copy)
        else:
            counties.append((copy, cities[len(counties) % CITIES]))
    parent_of = {**{city: PROVINCE for city in cities[1:]}, **dict(counties)}
    for copy, parent in parent_of.items():
        for folder in ("content", "tables"):
            if (root / folder / CITY).is_dir():
                folder_copy = shutil.copytree(root / folder / CITY, target / folder / copy)
                for path in folder_copy.glob("*.yaml"):
                    path.write_text(path.read_text(encoding="utf-8").replace(CITY, copy), encoding="utf-8")
        plan = target / "content" / copy / "plan.yaml"
        text = plan.read_text(encoding="utf-8").replace(f"parent: {PROVINCE}", f"parent: {parent}")
        if parent != PROVINCE:
            text = text.replace("level: city", "level: county")
        plan.write_text(text, encoding="utf-8")
    parts = yaml.safe_load((root / "content" / CITY / "plan.yaml").read_text(encoding="utf-8"))["parts"]

    def copied(entry: dict[str, Any], copy: str) -> dict[str, Any]:
        result: dict[str, Any] = yaml.safe_load(yaml.safe_dump(entry, allow_unicode=True).replace(CITY, copy))
        return result

    path = target / "tables" / "concordance.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    originals = {key: list(doc.get(key) or []) for key in ("rows", "links", "no_counterpart")}
    for copy, parent in parent_of.items():
        if parent == PROVINCE:
            for key, entries in originals.items():
                doc[key] += [copied(e, copy) for e in entries if CITY in yaml.safe_dump(e)]
        else:
            doc["no_counterpart"] += [{"provision": f"{copy}/{part}", "reason": {**COPY_REASON}} for part in parts]
            doc["rows"] += [{"from": e["from"].replace(CITY, copy), "to": e["from"].replace(CITY, parent),
                             "relation": "implements", "note": {**COPY_REASON}} for e in originals["rows"]]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = target / "tables" / "comparisons.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, entries in doc.items():
        if isinstance(entries, list) and CITY in yaml.safe_dump(entries):
            doc[key] = entries + [{**copied(e, city), "id": f"{e['id']}-{city.rsplit('-', 1)[1]}"}
                                  for city in cities[1:] for e in entries if "id" in e]
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
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=ARGS)
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


GENERATE = ("import os, sys, time\nfrom pathlib import Path\nfrom build_tools.pipeline import check_project\n"
            "from build_tools.render import render_site\n"
            "def cpu(): t = os.times(); return t.user + t.system + t.children_user + t.children_system\n"
            "start, work = time.perf_counter(), cpu()\n"
            "later = sys.argv[2] == '1'\n"
            "render_site(check_project(Path(sys.argv[1])), 'https://example.org/', search_later=later, beside=later)\n"
            "print(time.perf_counter() - start, cpu() - work)")


def time_generator_child(root: Path, *, search_later: bool = False) -> tuple[float, float]:
    """The generator's own work, wall and CPU seconds: in a fresh process (imports excluded; the templates'
    compiled code is loaded from the cache on disk that every build keeps, build_tools.compiled, after the first
    run); with `search_later`, what the build waits for before MkDocs renders pages, as the build does it:
    without the search index (built beside the pages), the English rendered in a second process meanwhile."""
    done = subprocess.run([sys.executable, "-c", GENERATE, str(root), "1" if search_later else "0"], check=True,
                          capture_output=True, text=True, env=ENV)
    wall, cpu = done.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def report_build(root: Path, runs: int) -> None:
    """The full build, the plain build of the same pages and the generator alone, interleaved run by run (a
    change in the machine's load touches all alike). Two shares of the generator: of the build's work (CPU
    seconds against CPU seconds, the build's second processes included) and of the build's wall time (what the
    build waits for before MkDocs renders pages)."""
    site = render_site(check_project(root), "https://example.org/")
    full: list[Run] = []
    plain: list[Run] = []
    generator: list[float] = []  # CPU seconds: the generator's work
    critical: list[float] = []  # wall seconds: what the build waits for
    with tempfile.TemporaryDirectory() as work:
        full_config = project_config(root, root, Path(work) / "full", Path(work) / "mkdocs.yml")
        plain_config = plain_configs(root, site, Path(work))
        for _ in range(runs):
            full += time_builds([full_config], 1)
            plain += time_builds(plain_config, 1)
            generator.append(time_generator_child(root)[1])
            critical.append(time_generator_child(root, search_later=True)[0])
    median = statistics.median
    print(f"\n### Build ({runs} runs each, interleaved; {len(site.pages)} generated pages in {len(LANGUAGES)} "
          "languages)\n")
    print("| measure | median | min | max |\n|---|---|---|---|")
    print(_row("full build: `mkdocs build --strict`, both languages, wall", [r.seconds for r in full]))
    print(_row("full build, CPU (its second processes included)", [r.cpu for r in full]))
    print(_row("plain mkdocs-material build of the same pages, both languages, wall", [r.seconds for r in plain]))
    print(_row("plain build, CPU", [r.cpu for r in plain]))
    print(_row("generator alone (fresh process, imports excluded): load, checks, render, search index, CPU",
               generator))
    print(_row("generator before MkDocs renders (the same without the search index, built beside the pages), "
               "wall", critical))
    full_wall, full_cpu = median([r.seconds for r in full]), median([r.cpu for r in full])
    print(f"\nFull build / plain build (ratio of medians): wall {full_wall / median([r.seconds for r in plain]):.2f}, "
          f"CPU {full_cpu / median([r.cpu for r in plain]):.2f}; generator / full build, work (CPU / CPU): "
          f"{median(generator) / full_cpu:.0%}; generator before MkDocs renders / full build, "
          f"wall: {median(critical) / full_wall:.0%}")


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
            plans = len(list((project / "content").glob("*/plan.yaml")))
            config = project_config(root, project, Path(work) / "site", project / "mkdocs.yml")
            built = time_builds([config], runs)
            seconds, memory = [b.seconds for b in built], [b.memory for b in built]
            profiles[factor] = phase_profile(config)
        median = statistics.median(seconds)
        base = base or median
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


# ------------------------------------------------------------------------------------------ edit loop

IDLE = 8  # seconds between edits
EDITED = ("content/liaoning-2021-2025/ch6.yaml", '        en: "The development and utilization of mining rights')


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, text: str, limit: float, *, shown: bool = True) -> float:
    """Seconds until the page at `url` contains `text` (or, not `shown`, no longer does), polled every 20 ms."""
    import urllib.request

    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                if (text in response.read().decode("utf-8")) == shown:
                    return time.perf_counter() - start
        except OSError:  # not serving yet, or refused while it builds
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not {'show' if shown else 'drop'} {text!r} within {limit:.0f} s")


def edit_loop(root: Path, runs: int, mode: str) -> list[float]:
    """`mkdocs serve` (mode: "dirty" as `make serve` runs it, "english" as `make serve ONLY=en` does, or "full",
    the full rebuild of plain `mkdocs serve`) of a copy of the project: seconds from saving an edit to a
    paragraph's English until the English page served shows it (with every language, the English is built
    last: the worst case), `runs` edits after the first build."""
    samples = []
    with tempfile.TemporaryDirectory() as work:
        project = Path(work) / "project"
        for folder in ("content", "tables"):
            shutil.copytree(root / folder, project / folder)
        config = project_config(root, project, Path(work) / "site", project / "mkdocs.yml")
        port = free_port()
        flags = [] if mode == "full" else ["--dirty"]
        env = {**ENV, "PLANS_SERVE_LANGUAGE": "en" if mode == "english" else ""}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *flags, "-f",
                                   str(config), "-a", f"127.0.0.1:{port}"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            page = f"http://127.0.0.1:{port}/en/{ARTICLE}"
            _wait_for(page, "</html>", 300)
            edited = project / EDITED[0]
            for run in range(runs):
                marker = f"Edited{run}x"
                text = edited.read_text(encoding="utf-8")
                assert EDITED[1] in text, "the edited paragraph moved: update EDITED"
                start = time.perf_counter()
                edited.write_text(text.replace(EDITED[1], EDITED[1].replace("The ", f"{marker} The ", 1), 1),
                                  encoding="utf-8")
                _wait_for(page, marker, 120)
                samples.append(time.perf_counter() - start)
                edited.write_text(text, encoding="utf-8")  # back as it was, and wait for that build too
                _wait_for(page, marker, 120, shown=False)
                time.sleep(IDLE)  # as between a writer's edits: the search index of the last build is written
        finally:
            server.terminate()
            server.wait(30)
    return samples


def report_edit(root: Path, runs: int) -> None:
    print(f"\n### Edit loop ({runs} edits each: from saving a paragraph to the English page showing it)\n")
    print("| `mkdocs serve` | median | min | max |\n|---|---|---|---|")
    for mode, name in (("dirty", "`--dirty` (`make serve`): only what the edit changed"),
                       ("english", "`--dirty`, English only (`make serve ONLY=en`)"),
                       ("full", "full rebuild of both languages (plain `mkdocs serve`)")):
        samples = edit_loop(root, runs, mode)
        print(f"| {name} | {statistics.median(samples):.1f} s | {min(samples):.1f} s | {max(samples):.1f} s |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.benchmark")
    parser.add_argument("--only", default="build,scale,bytes,search,edit",
                        help="comma-separated: build, scale, bytes, search, edit")
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
    if "edit" in parts:
        report_edit(root, args.runs)
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
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=ARGS)
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
