"""Link integrity of the built site: every internal link and anchor, in both languages, resolves (the checker
is tests/linkcheck.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .linkcheck import broken_links

pytestmark = pytest.mark.site


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken, checked = broken_links(site)
    assert broken == []
    assert checked > 40_000  # the check really ran over both languages
