"""A static server for the built site on a free port of localhost: for the PDFs, the benchmarks and the tests.

Input: a folder. Output: its base address while the context lasts. Any static file server would do; this is
Python's own, quiet.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that cancels a request (a redirect, a closed page) is not an error here


@contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """Any static file server will do: Python's own, on a free port of localhost."""
    server = _QuietServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
