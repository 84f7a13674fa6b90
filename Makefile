# Set-up and everyday commands. A fresh machine needs python3 (3.11 or newer, able to make a virtual
# environment) and make; the tests and `make build` also need Chromium and CJK fonts (`make system-deps` says
# what to install, and installs it with apt on Debian when run as root).
#
# Everything Python comes from the lock files in requirements/ (exact versions with hashes, made by
# `make lock` from pyproject.toml): serve.txt for `make serve`, test.txt (serving, PDFs, tests) for the rest.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALL := $(PY) -m pip install --quiet --require-hashes --no-deps
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint system-deps lock lighthouse clean

# The virtual environment; when python3 cannot make one, say what to install (and install it as root on Debian
# or Ubuntu, where python3-venv is a separate package).
$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv && $(PYTHON) -m venv $(VENV); \
	  else \
	    echo "$(PYTHON) cannot make a virtual environment. Install it, then run make again:" >&2; \
	    echo "  sudo apt-get install python3-venv     # Debian, Ubuntu" >&2; \
	    echo "  sudo dnf install python3              # Fedora (venv included)" >&2; exit 1; fi; }

# The project itself is installed without build isolation: its build backend comes from the lock too.
$(VENV)/.serve: requirements/serve.txt pyproject.toml | $(PY)
	$(INSTALL) -r requirements/serve.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test: requirements/test.txt pyproject.toml | $(PY)
	$(INSTALL) -r requirements/test.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.serve

## serve: install what serving needs and serve the site at http://127.0.0.1:8000/ (an edit shows in seconds:
##        only the pages it changed are rendered again; the search index follows a moment later).
##        `make serve ONLY=en` (or zh) renders and serves one language: an edit shows in about half the time
ONLY ?=
serve: $(VENV)/.serve
	PLANS_SERVE_LANGUAGE=$(ONLY) $(VENV)/bin/mkdocs serve --dirty

## build: write the static site to site/ (the one full, strict build; Chromium prints the PDFs)
build: $(VENV)/.test system-deps
	$(VENV)/bin/mkdocs build --strict --clean -d site

## check: load and check all content, printing every problem with file:line
check: $(VENV)/.serve
	$(PY) -m build_tools check

## system-deps: Chromium and CJK fonts for the PDFs and the browser tests: found ($$CHROMIUM or the usual
##              names), or the exact install command printed (run with apt as root on Debian)
system-deps: $(VENV)/.test
	@$(PY) -m build_tools.browser || { \
	  if [ "$$(id -u)" = 0 ] && grep -qs '^ID=debian' /etc/os-release; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk \
	    && $(PY) -m build_tools.browser; \
	  else exit 1; fi; }

lint: $(VENV)/.test
	$(VENV)/bin/ruff check build_tools tests
	$(VENV)/bin/mypy

## test: install everything and run the whole test suite (lint, types, content, site, browser)
test: $(VENV)/.test system-deps lint
	$(PY) -m pytest

## lock: re-resolve requirements/*.txt from pyproject.toml (after changing a dependency), with hashes, for
##       every platform and Python from 3.11
lock: $(PY)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet pyproject.toml requirements/build-system.in --universal \
	  --python-version 3.11 --generate-hashes --no-header -o requirements/serve.txt
	$(VENV)/bin/uv pip compile --quiet pyproject.toml requirements/build-system.in --extra test --universal \
	  --python-version 3.11 --generate-hashes --no-header -o requirements/test.txt

## lighthouse: Lighthouse CI (@lhci/cli pinned in build_tools/lighthouse/) of a strict build, every page kind
##             in both languages; needs Node 20+ and npm; fails below the targets of lighthouserc.cjs
lighthouse: $(VENV)/.test system-deps
	$(PY) -m build_tools.lighthouse

clean:
	rm -rf site $(VENV)
