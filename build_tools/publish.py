"""Atomic publication: a build writes to a staging folder beside the site, which replaces the site only when
the whole build (every language, strict mode included) has succeeded.

Input: the site folder a build is asked to write. Output: the staging folder to write instead, and the swap
that publishes it. A build that fails leaves the previous site byte for byte; a build that is killed leaves
it too, and its staging folder is removed by the next build.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

_STAGING = ".building-"
_RETIRED = ".retired-"


def staging_folder(site: Path) -> Path:
    """Where this process builds `site`; stale staging folders of builds no longer running are removed."""
    for stale in site.parent.glob(f".{site.name}{_STAGING}*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or not _running(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    for retired in site.parent.glob(f".{site.name}{_RETIRED}*"):
        shutil.rmtree(retired, ignore_errors=True)
    staging = site.parent / f".{site.name}{_STAGING}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    return staging


def publish(staging: Path, site: Path) -> None:
    """Put the finished build in place of the site (two renames on one file system; the old site is
    removed only once the new one stands)."""
    retired = site.parent / f".{site.name}{_RETIRED}{os.getpid()}"
    if site.exists():
        site.rename(retired)
    staging.rename(site)
    shutil.rmtree(retired, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
