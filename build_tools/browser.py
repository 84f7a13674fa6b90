"""The system's Chromium and CJK fonts, which the PDFs and the browser tests need: found, or asked for.

`find_chromium()` honours $CHROMIUM, then the usual names on PATH (chromium, chromium-browser, google-chrome,
google-chrome-stable), then the usual paths, then a browser Playwright downloaded itself. `python -m
build_tools.browser` reports what is missing with the exact command that installs it on this system (Debian,
Ubuntu or other) and exits 1; `make test` and `make build` run it first, so a missing package stops them with
that line instead of a browser that fails to launch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium", "/usr/bin/google-chrome",
         "/opt/google/chrome/chrome")


def _works(path: str) -> bool:
    """Ubuntu's /usr/bin/chromium-browser is a stub that asks for the snap when no snap is installed."""
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and any(word in done.stdout for word in ("Chromium", "Chrome"))


def find_chromium(environ: dict[str, str] | None = None, *, check: bool = True) -> str | None:
    """The Chromium or Chrome executable to drive, or None. $CHROMIUM, when set, is the only one looked at."""
    environ = dict(os.environ) if environ is None else environ
    if environ.get("CHROMIUM"):
        path = environ["CHROMIUM"]
        return path if Path(path).is_file() and (not check or _works(path)) else None
    candidates = [found for name in NAMES if (found := shutil.which(name, path=environ.get("PATH")))]
    candidates += list(PATHS)
    cache = Path(environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    candidates += sorted((str(p) for p in cache.glob("chromium-*/chrome-linux*/chrome")), reverse=True)
    for path in dict.fromkeys(candidates):
        if Path(path).is_file() and (not check or _works(path)):
            return path
    return None


def has_cjk_fonts() -> bool:
    if shutil.which("fc-list") is None:
        return False
    done = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True)
    return bool(done.stdout.strip())


def system() -> str:
    """debian, ubuntu or the ID of /etc/os-release (empty when unknown)."""
    try:
        fields = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
    except OSError:
        return ""
    return fields.get("ID", "").strip('"')


def install_lines(missing: list[str], distribution: str) -> list[str]:
    """The commands that install what is missing, for this distribution."""
    sudo = "" if os.geteuid() == 0 else "sudo "
    packages = {"chromium": {"debian": "chromium", "ubuntu": ""}, "fonts": {"debian": "fonts-noto-cjk",
                                                                            "ubuntu": "fonts-noto-cjk"}}
    lines = []
    if distribution in ("debian", "ubuntu"):
        apt = [packages[what][distribution] for what in missing if packages[what][distribution]]
        if apt:
            lines.append(f"{sudo}apt-get install -y {' '.join(apt)}")
        if "chromium" in missing and distribution == "ubuntu":
            # Ubuntu has no chromium .deb (chromium-browser installs a snap): Playwright's own build instead.
            lines.append(".venv/bin/python -m playwright install chromium   # or: sudo snap install chromium")
    else:
        lines.append("install Chromium (or Chrome) and a CJK font such as Noto Sans CJK SC; set CHROMIUM to the "
                     "browser's executable if it is not on PATH")
    return lines


def main() -> int:
    missing = []
    if find_chromium() is None:
        missing.append("chromium")
    if not has_cjk_fonts():
        missing.append("fonts")
    if not missing:
        return 0
    what = {"chromium": "Chromium (for the PDFs and the browser tests; or set CHROMIUM=/path/to/chrome)",
            "fonts": "CJK fonts (Chinese glyphs in the PDFs and screenshots)"}
    if "chromium" in missing and os.environ.get("CHROMIUM"):
        what["chromium"] = f"Chromium: CHROMIUM={os.environ['CHROMIUM']} is not a browser that runs (fix or unset it)"
    print("missing: " + "; ".join(what[m] for m in missing), file=sys.stderr)
    for line in install_lines(missing, system()):
        print(f"  {line}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
