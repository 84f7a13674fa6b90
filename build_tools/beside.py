"""Work done in a second process while this one goes on: a build renders its other language there (the machine's
second core renders the English pages while the first renders the Chinese), in `mkdocs build` and in every
rebuild under `mkdocs serve`.

The second process is forked from this one, which is safe only while this process runs a single thread. A build
forks it when it needs it. `mkdocs serve` runs threads (its server, its watcher), so `prepare()` forks a worker
when serve starts, before them; the worker stays, takes each rebuild's work and keeps what it compiled (the
templates) between rebuilds. Where no second process can be had (not Linux, threads running and no worker, the
worker gone), or the work fails there, the caller does the work itself: a second process makes a build faster,
never different. Why not the standard library's fork server or a process pool: each of their workers starts
afresh, and compiling the templates again (0.4 s) would take most of the time saved.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import multiprocessing.connection
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

_numbers = itertools.count(1)


def can_fork() -> bool:
    """Whether this process may fork: on Linux, while it runs a single thread (a child of a process with other
    threads could inherit a lock one of them held)."""
    return sys.platform == "linux" and threading.active_count() == 1


def start_forked(process: multiprocessing.process.BaseProcess) -> None:
    """Start a forked process with what exists now frozen (gc.freeze): the child's collections then copy none of
    the parent's memory pages (the English render took 1.1 s in a child against 0.8 s here without it)."""
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()


def _serve(connection: multiprocessing.connection.Connection, theirs: multiprocessing.connection.Connection) -> None:
    """The second process: each request (number, call, arguments) answered with (number, succeeded, result or
    traceback), until the first process closes its end (or ends)."""
    theirs.close()  # this process's copy of the first process's end: else the end of the first is never seen
    while True:
        try:
            number, call, args = pickle.loads(connection.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            answer = pickle.dumps((number, True, call(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # reported to the caller, which then does the work itself
            answer = pickle.dumps((number, False, traceback.format_exc()), protocol=pickle.HIGHEST_PROTOCOL)
        connection.send_bytes(answer)


class _Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, self.connection), name="beside", daemon=True)
        start_forked(self.process)
        theirs.close()

    def close(self) -> None:
        self.connection.close()
        self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()


_worker: _Worker | None = None  # the worker prepare() started


def prepare() -> None:
    """Start the worker that stays (for `mkdocs serve`), while this process runs a single thread."""
    global _worker
    if _worker is None and can_fork():
        _worker = _Worker()


def stop() -> None:
    """Stop the worker prepare() started (when serve ends)."""
    global _worker
    if _worker is not None:
        _worker.close()
        _worker = None


class Beside:
    """`call(*args)` begun in a second process (arguments and result pickled; `call` a module-level function);
    `result()` waits for it."""

    def __init__(self, call: Callable[..., Any], *args: Any) -> None:
        self.call, self.args = call, args
        self.number = next(_numbers)
        self.failure = ""  # why the second process gave no result, if it did not
        self.worker = _worker if _worker is not None and _worker.process.is_alive() else None
        self.own = False  # a worker started for this call alone
        if self.worker is None and can_fork():
            self.worker, self.own = _Worker(), True
        if self.worker is None:
            self.failure = "no second process (not Linux, or threads running and no worker prepared)"
            return
        try:
            self.worker.connection.send_bytes(pickle.dumps((self.number, call, args),
                                                           protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as error:  # a closed pipe, or arguments that do not pickle (which error varies)
            self.failure = f"the work could not be handed over: {error!r}"
            self._done()

    def _done(self) -> None:
        if self.own and self.worker is not None:
            self.worker.close()
        self.worker = None

    def result(self) -> Any:
        """The call's result, from the second process, or computed here if it gave none (see `failure`)."""
        if self.worker is not None:
            try:
                while True:  # an answer to an earlier call whose caller gave up (a failed build) is dropped
                    number, ok, value = pickle.loads(self.worker.connection.recv_bytes())
                    if number == self.number:
                        break
            except (EOFError, OSError) as error:
                ok, value = False, f"the second process ended without a result ({error})"
            finally:
                self._done()
            if ok:
                return value
            self.failure = value
        return self.call(*self.args)
