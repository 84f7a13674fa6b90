"""Compiled templates kept between builds and between processes, for the site's own templates and the theme's.

Compiling the 50-odd templates a build uses took 0.4 s of the generator's path and as much of MkDocs' in every
process (a build, `mkdocs serve`, the worker that renders the other language), and MkDocs gives every build a new
Jinja environment, which compiled the theme again for each language and each rebuild. This is Jinja's own
file-system bytecode cache (in Jinja's private per-user temporary folder, checked as Jinja checks it; a
template's code is compiled again when its source changes, or Python's or Jinja's version), with the compiled
code also kept in memory, and a key that also holds the settings that change the compiled code (Jinja's key is
the template's name and file only, but MkDocs' environment escapes only after the plugin's on_env turns it on).
"""

from __future__ import annotations

import hashlib
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache

PATTERN = "__mineral_plans_%s.cache"  # file names in the folder, apart from other programs' templates
_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
             "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async")


class Compiled(FileSystemBytecodeCache):
    """`directory`: where the compiled code is written (default: Jinja's private folder); without a usable
    folder the code is kept in memory only."""

    def __init__(self, directory: str | None = None) -> None:
        self.code: dict[tuple[str, str], Any] = {}  # (key, source checksum) -> code
        try:
            super().__init__(directory, PATTERN)
            self.on_disk = True
        except (RuntimeError, OSError):  # no safe private folder
            self.directory, self.pattern, self.on_disk = "", PATTERN, False

    @staticmethod
    def key(environment: Environment, name: str, filename: str | None) -> str:
        escapes = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
        settings = [getattr(environment, setting) for setting in _SETTINGS]
        described = repr((name, filename, bool(escapes), settings, sorted(environment.extensions)))
        return hashlib.sha1(described.encode("utf-8")).hexdigest()

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        bucket = Bucket(environment, self.key(environment, name, filename), self.get_source_checksum(source))
        bucket.code = self.code.get((bucket.key, bucket.checksum))
        if bucket.code is None and self.on_disk:
            try:
                self.load_bytecode(bucket)  # Jinja ignores a file of another version or source
            except Exception:  # an unreadable file: compiled again, and written anew
                bucket.reset()
            if bucket.code is not None:
                self.code[bucket.key, bucket.checksum] = bucket.code
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        self.code[bucket.key, bucket.checksum] = bucket.code
        if self.on_disk:
            try:
                self.dump_bytecode(bucket)
            except OSError:  # a full or read-only disk: kept in memory
                pass


COMPILED = Compiled()  # one per process, for every environment
