"""Work beside the build (build_tools.beside): the second process is used when it is safe, the caller does the
work itself when it is not or when the second process fails, and a site rendered with the English in a second
process is the site rendered in one. Each case runs in a fresh Python process: whether a fork is safe depends on
the threads running, which in the test session depends on the tests that ran before."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the second process is forked: Linux only")

HELPERS = """
import os, signal, sys, threading, time
from build_tools import beside

def pid():
    return os.getpid()

def fails():
    raise ValueError("only in the second process" if os.getpid() != MAIN else "here too")

def dies():
    if os.getpid() != MAIN:
        os._exit(3)
    return "done here"

MAIN = os.getpid()
"""


def run(script: str) -> str:
    """Run the script (after HELPERS, from the repository) in a fresh interpreter; its standard output."""
    code = HELPERS + textwrap.dedent(script)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_one_thread_forks_a_second_process_for_the_call() -> None:
    assert run("""
        b = beside.Beside(pid)
        print(b.result() != MAIN, repr(b.failure), beside._worker is None)
    """) == "True '' True"


def test_beside_threads_without_a_worker_the_work_is_done_here() -> None:
    assert run("""
        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
        b = beside.Beside(pid)
        print(b.result() == MAIN, "threads running" in b.failure)
    """) == "True True"


def test_a_prepared_worker_serves_every_call_beside_threads() -> None:
    """As under `mkdocs serve`: prepared before the threads start, one worker answers each rebuild's call."""
    out = run("""
        beside.prepare()
        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
        first, second = beside.Beside(pid), beside.Beside(pid)
        a, b = first.result(), second.result()
        print(a == b == beside._worker.process.pid != MAIN, repr(first.failure + second.failure))
    """)
    assert out == "True ''"


def test_an_answer_no_one_waited_for_is_dropped() -> None:
    """A build that failed after handing over its work never reads the answer; the next call gets its own."""
    assert run("""
        beside.prepare()
        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
        abandoned = beside.Beside(time.sleep, 0.2)
        print(beside.Beside(pid).result() == beside._worker.process.pid)
    """) == "True"


def test_a_failure_in_the_second_process_is_retried_here() -> None:
    out = run("""
        b = beside.Beside(fails)
        try:
            b.result()
        except ValueError as error:
            print(error, "|", "ValueError: only in the second process" in b.failure)
    """)
    assert out == "here too | True"


def test_a_worker_that_died_leaves_the_work_to_this_process() -> None:
    out = run("""
        beside.prepare()
        os.kill(beside._worker.process.pid, signal.SIGKILL)
        beside._worker.process.join()
        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
        b = beside.Beside(pid)
        print(b.result() == MAIN, "threads running" in b.failure)
    """)
    assert out == "True True"


def test_a_worker_that_dies_while_working_leaves_the_work_to_this_process() -> None:
    out = run("""
        beside.prepare()
        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
        b = beside.Beside(dies)
        print(b.result(), "|", "ended without a result" in b.failure)
    """)
    assert out == "done here | True"


def test_the_site_rendered_beside_is_the_site_rendered_here() -> None:
    """The English pages from the second process: the same pages, navigation and files (search index included)
    as one process renders, and the second process did render them."""
    out = run("""
        from pathlib import Path
        from build_tools import render
        from build_tools.pipeline import check_project
        used = []
        class Recorded(beside.Beside):
            def result(self):
                value = super().result()
                used.append(self.failure)
                return value
        render.Beside = Recorded
        checked = check_project(Path("."))
        here = render.render_site(checked, "https://example.org/")
        away = render.render_site(checked, "https://example.org/", beside=True)
        print(here == away, used, len(away.pages), sorted({p.lang for p in away.pages}))
    """)
    assert out == "True [''] 1344 ['en', 'zh']"


def test_arguments_that_do_not_pickle_are_worked_on_here() -> None:
    assert run("""
        b = beside.Beside(len, [lambda: None])
        print(b.result(), "could not be handed over" in b.failure)
    """) == "1 True"
