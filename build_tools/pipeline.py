"""The whole pipeline up to rendering: load -> validate (register, fidelity, consistency).

Input: the project root. Output: a `Checked` corpus with every diagnostic and check result; the MkDocs
adapter and the command line both start here, so the build and `python -m build_tools check` agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import CheckResult, run_checks
from .comparisons import ComparisonResult, load_comparisons, run_comparisons
from .concordance import EMPTY, Concordance, load_concordance
from .diagnostics import Diagnostics
from .fidelity import check_fidelity
from .load import _PlanFiles, discover, load_corpus
from .model import Corpus
from .register import REGISTER, check_register, load_register
from .registry import EMPTY_REGISTRY, Registry, Tags, load_registry, tag_corpus


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


def check_project(root: Path, plans: list[_PlanFiles] | None = None, register: str = REGISTER) -> Checked:
    corpus, diags = load_corpus(root, plans)
    results: dict[str, list[CheckResult]] = {}
    if diags.errors:
        # Later stages read what loading produced; with load errors they would only echo them.
        return Checked(corpus, diags, results)
    reg = load_register(root, diags, register)
    for plan in corpus.plans:
        check_fidelity(plan, root, diags)
        results[plan.id] = run_checks(plan, diags)
    redirects = {old: new for old, (new, _) in reg.redirects.items()} if reg is not None else {}
    concordance = load_concordance(corpus, root, diags)
    comparisons = run_comparisons(load_comparisons(corpus, root, diags), diags)
    registry = load_registry(corpus, concordance, root, diags)
    tags = tag_corpus(corpus, registry, root, diags)
    if reg is not None:
        check_register(corpus, reg, diags, registry.identifiers())
    return Checked(corpus, diags, results, redirects, concordance, comparisons, registry, tags)


def plan_files(root: Path, content: str = "content", tables: str = "tables") -> list[_PlanFiles]:
    return discover(root, content, tables)
