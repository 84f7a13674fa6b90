"""Command line: `python -m build_tools check | register [--update] | untranslated [--plan ID] | zensical`.

Input: the project in the current directory (its mkdocs.yml, content/ and tables/). Output: diagnostics on
stderr and an exit status (0 clean, 1 problems), the updated identifier register and reviewed tag counts, the
list of untranslated slots, or the site built with Zensical (build_tools/engine.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import Diagnostics
from .pipeline import check_site
from .register import Register, load_register, updated_register
from .registry import TAG_COUNTS, updated_tag_counts
from .site_config import CONFIG, load_site_config
from .translation import untranslated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="load and check all content; print every problem")
    reg = sub.add_parser("register", help="check the identifier register; --update adds new identifiers")
    reg.add_argument("--update", action="store_true")
    tr = sub.add_parser("untranslated", help="list every Chinese text whose English slot is empty")
    tr.add_argument("--plan", help="only this plan")
    tr.add_argument("--summary", action="store_true", help="counts only")
    tc = sub.add_parser("translation-check", help="check the English against the glossary, figures and sentences")
    tc.add_argument("--plan", help="only this plan")
    tc.add_argument("--file", help="only texts from this file (path relative to the root)")
    zs = sub.add_parser("zensical", help="build the site with Zensical instead of MkDocs (build_tools/engine.py)")
    zs.add_argument("--out", type=Path, help="the project written for Zensical (default: build/zensical)")
    zs.add_argument("--site", type=Path, help="the site built (default: <out>/site)")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    checked = check_site(root / CONFIG, root)
    config = load_site_config(root, Diagnostics())
    if args.command == "register" and args.update:
        # The register only grows: a missing one is created, an unreadable one must be fixed first.
        file = root / config.register
        register = load_register(root, Diagnostics(), config.register) if file.exists() else Register({}, {},
                                                                                                        config.register)
        if register is None:
            print(f"{config.register} cannot be read; fix it first", file=sys.stderr)
            return 1
        file.write_text(updated_register(checked.corpus, register, checked.registry.identifiers()), encoding="utf-8")
        print(f"updated {config.register}")
        if checked.registry.minerals:
            (root / TAG_COUNTS).write_text(updated_tag_counts(checked.registry, checked.tags), encoding="utf-8")
            print(f"updated {TAG_COUNTS}")
        return 0
    if args.command == "zensical":
        from .engine import EngineError, build_site

        try:
            built = build_site(root, (args.out or root / "build" / "zensical").resolve(),
                               args.site.resolve() if args.site else None, checked=checked)
        except EngineError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"built {built} with Zensical")
        return 0
    if args.command == "untranslated":
        rows = untranslated(checked.corpus, args.plan)
        if args.summary:
            counts: dict[str, int] = {}
            for item in rows:
                counts[item.plan] = counts.get(item.plan, 0) + 1
            for plan in sorted(counts):
                print(f"{plan}: {counts[plan]} untranslated")
        else:
            for item in rows:
                print(item)
        return 0
    if args.command == "translation-check":
        from .terminology import check_translations
        from .translation import data_slots

        found = Diagnostics()
        check_translations(checked.corpus, root, found, args.plan, args.file,
                           data_slots(checked.concordance, [r.comparison for r in checked.comparisons]))
        if found.items:
            print(found.report())
        print(f"{len(found.errors)} translation problem(s)", file=sys.stderr)
        return 1 if found.errors else 0
    errors = checked.diagnostics.errors
    if checked.diagnostics.items:
        print(checked.diagnostics.report(), file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s)", file=sys.stderr)
        return 1
    total = sum(len(r) for r in checked.results.values())
    held = sum(1 for r in checked.results.values() for x in r if x.holds)
    print(f"ok: {len(checked.corpus.plans)} plans, {total} checks ({held} hold, {total - held} registered "
          "discrepancies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
