"""Lighthouse benchmark, run on demand: `python -m build_tools.lighthouse [--runs 3]`.

Input: the project. Output: median Lighthouse scores (mobile preset) of article pages in both languages, for
BENCHMARKS.md. Needs Debian's nginx and chromium and Node's npm (it runs `npx --yes lighthouse@12`): the built
site is served by nginx with gzip, as a real host would serve it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PAGES = ("liaoning-2021-2025/ch6/s5/", "en/liaoning-2021-2025/ch6/s5/",
         "chaoyang-2021-2025/ch5/s2/ss1/i1/", "en/chaoyang-2021-2025/ch5/s2/ss1/i1/")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync")
PORT = 8767


def _nginx_config(site: Path, work: Path) -> Path:
    names = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = "".join(f"{name}_temp_path {work / name};\n" for name in names)
    config = work / "nginx.conf"
    config.write_text(
        f"worker_processes 1;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\n"
        "events { worker_connections 64; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  access_log off;\n" + temp +
        "  gzip on;\n  gzip_types text/css application/javascript application/json image/svg+xml text/xml;\n"
        f"  server {{ listen 127.0.0.1:{PORT}; root {site}; location / {{ try_files $uri $uri/ =404; }} }}\n}}\n",
        encoding="utf-8")
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.lighthouse")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    root = args.root.resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHROME_PATH": "/usr/bin/chromium"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx workers run as an unprivileged user and must read the site
        site = work / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                        "-d", str(site)], check=True, env=env)
        config = _nginx_config(site, work)
        subprocess.run(["nginx", "-c", str(config)], check=True)
        try:
            print(f"| page (mobile preset, median of {args.runs} runs) | performance | accessibility | best practices "
                  "| SEO |")
            print("|---|---|---|---|---|")
            for page in PAGES:
                scores: dict[str, list[int]] = {}
                for run in range(args.runs):
                    report = work / f"report-{run}.json"
                    subprocess.run(["npx", "--yes", "lighthouse@12", f"http://127.0.0.1:{PORT}/{page}", "--quiet",
                                    "--output=json", f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}"],
                                   check=True, env=env, capture_output=True)
                    for key, category in json.loads(report.read_text(encoding="utf-8"))["categories"].items():
                        scores.setdefault(key, []).append(round(category["score"] * 100))
                row = [statistics.median(scores[k]) for k in ("performance", "accessibility", "best-practices", "seo")]
                print(f"| `/{page}` | " + " | ".join(f"{v:g}" for v in row) + " |")
        finally:
            subprocess.run(["nginx", "-c", str(config), "-s", "stop"], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
