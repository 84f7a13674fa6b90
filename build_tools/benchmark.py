"""Benchmarks, run on demand (never as timed tests): `python -m build_tools.benchmark [--runs N]`.

Input: the project. Output: a Markdown table of medians — the full `mkdocs build` of the real site, and
the generator's own share (load, checks, fidelity, rendering) — for BENCHMARKS.md. Machines are shared
and noisy: read the medians and the ratio, not single runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .pipeline import check_project
from .render import render_site


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def time_build(root: Path, runs: int) -> list[float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    samples = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                            "-d", out], check=True, env=env, capture_output=True)
            samples.append(time.perf_counter() - start)
    return samples


def time_generator(root: Path, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        render_site(check_project(root), "https://example.org/")
        samples.append(time.perf_counter() - start)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.benchmark")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    root = args.root.resolve()
    build = time_build(root, args.runs)
    generator = time_generator(root, args.runs)
    pages = len(render_site(check_project(root)).pages)
    print(f"| measure ({args.runs} runs, {pages} generated pages) | median | min | max |")
    print("|---|---|---|---|")
    for name, samples in (("`mkdocs build --strict` (whole site)", build),
                          ("generator in-process: load, checks, fidelity, render", generator)):
        print(f"| {name} | {_median(samples):.2f} s | {min(samples):.2f} s | {max(samples):.2f} s |")
    print(f"\nGenerator share of the build (ratio of medians; the generator runs once per build, for both "
          f"languages): {_median(generator) / _median(build):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
