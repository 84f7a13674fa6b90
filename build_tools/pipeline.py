"""The whole pipeline up to rendering: load -> validate (register, fidelity, consistency).

Input: the project root (and the site's permanent address). Output: a `Checked` corpus with every
diagnostic and check result; the MkDocs adapter and the command line both start here, so the build and
`python -m build_tools check` agree.

A file that fails to load does not hide the checks of the others: the plans whose own files could all be read
are still checked against their sources and totals, and every other file is still read and validated. Only
checks across files that the failure could have caused (unknown references, removed identifiers, missing
links) wait until it is fixed; the report says how many.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import CheckResult, run_checks
from .comparisons import ComparisonResult, load_comparisons, run_comparisons
from .concordance import EMPTY, Concordance, load_concordance
from .consistency import check_consistency
from .diagnostics import Diagnostics, Loc
from .fidelity import check_fidelity
from .load import _PlanFiles, discover, load_corpus
from .model import Corpus
from .register import REGISTER, check_register, load_register
from .registry import EMPTY_REGISTRY, Registry, Tags, check_tag_counts, load_registry, tag_corpus
from .site_config import check_site_url, load_site_config
from .terminology import Glossary, load_glossary
from .zonepairs import ZonePairs, pair_zones

# Problems another file's failure to load can cause: withheld while any file fails to load.
ECHOES = frozenset({
    "unknown-reference", "ambiguous-reference", "wrong-plan", "identifier-removed", "identifier-unregistered",
    "identifier-reused", "no-counterpart", "unlinked-zone", "zone-name-mismatch", "value-mismatch",
    "total-mismatch", "stale-discrepancy", "stale-override", "quote-not-found", "unplaced-table",
    "tag-count-changed", "fidelity-missing", "fidelity-extra", "fidelity-changed", "duplicate-id",
})
# A file that cannot be read at all.
UNREADABLE = frozenset({"yaml-syntax", "yaml-alias", "encoding", "unreadable-file", "missing-file",
                        "empty-register", "empty-registry"})


@dataclass
class Checked:
    corpus: Corpus
    diagnostics: Diagnostics
    results: dict[str, list[CheckResult]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # retired identifier -> its successor
    concordance: Concordance = EMPTY
    comparisons: list[ComparisonResult] = field(default_factory=list)
    registry: Registry = EMPTY_REGISTRY
    tags: Tags = field(default_factory=Tags)
    glossary: Glossary | None = None
    zones: ZonePairs = field(default_factory=lambda: ZonePairs({}, {}))


def check_project(root: Path, plans: list[_PlanFiles] | None = None, register: str = REGISTER,
                  site_url: str | None = None) -> Checked:
    """`site_url`: the permanent address from mkdocs.yml, checked (required, https) when given."""
    plans = plans if plans is not None else discover(root)
    corpus, diags = load_corpus(root, plans)
    broken = _plans_with_errors(root, plans, diags)
    own = Diagnostics()  # each clean plan against its own source and totals
    results: dict[str, list[CheckResult]] = {}
    for plan in corpus.plans:
        if Path(plan.loc.file).parent.name not in broken:
            check_fidelity(plan, root, own)
            results[plan.id] = run_checks(plan, own)
    cross = Diagnostics()  # every other file, and the checks across files
    if site_url is not None:
        check_site_url(site_url, Loc("mkdocs.yml", 0, "site_url"), cross)
    glossary = load_glossary(root, cross)
    reg = load_register(root, cross, register)
    redirects = {old: new for old, (new, _) in reg.redirects.items()} if reg is not None else {}
    concordance = load_concordance(corpus, root, cross)
    comparisons = run_comparisons(load_comparisons(corpus, root, cross), cross)
    check_consistency(corpus, concordance, comparisons, cross)
    registry = load_registry(corpus, concordance, root, cross)
    tags = tag_corpus(corpus, registry, root, cross)
    check_tag_counts(registry, tags, root, cross)
    if reg is not None:
        check_register(corpus, reg, cross, registry.identifiers())
    incomplete = bool(diags.errors) or any(d.code in UNREADABLE for d in cross.errors)
    diags.extend(own.items)
    if incomplete:
        withheld = [d for d in cross.errors if d.code in ECHOES]
        diags.extend(d for d in cross.items if d.code not in ECHOES or d.severity != "error")
        if withheld:
            diags.warning(Loc("(project)"), "checks-withheld", f"{len(withheld)} problem(s) across files are not "
                          "shown: the other errors listed may cause them", "fix those "
                          "and check again")
    else:
        diags.extend(cross.items)
    return Checked(corpus, diags, results, redirects, concordance, comparisons, registry, tags, glossary,
                   pair_zones(corpus, concordance, registry.minerals))


def check_site(config_file: Path, root: Path | None = None) -> Checked:
    """The checks of `python -m build_tools check` and of the build alike: mkdocs.yml (the permanent address,
    the plugin's options) and the project it names (`root`, else the plugin's `root` option, else the folder
    of mkdocs.yml)."""
    settings = Diagnostics()
    config = load_site_config(config_file.parent, settings, config_file.name)
    root = root or (config_file.parent / config.root).resolve()
    checked = check_project(root, plan_files(root, config.content, config.tables), config.register,
                            site_url=config.site_url if not settings.errors else None)
    checked.diagnostics.extend(settings.items)
    return checked


def _plans_with_errors(root: Path, plans: list[_PlanFiles], diags: Diagnostics) -> set[str]:
    """The plans (by folder name) with a file that could not be read at all: checking them against their
    sources would only list what the unread file holds."""
    broken = set()
    for files in plans:
        folders = [f"{d.relative_to(root).as_posix()}/" if d.is_relative_to(root) else f"{d.as_posix()}/"
                   for d in (files.plan_dir, files.tables_dir)]
        if any(d.code in UNREADABLE and d.loc.file.startswith(tuple(folders)) for d in diags.errors):
            broken.add(files.plan_dir.name)
    return broken


def plan_files(root: Path, content: str = "content", tables: str = "tables") -> list[_PlanFiles]:
    return discover(root, content, tables)
