# Set-up and everyday commands. A fresh machine needs only python3, make and apt (as root for apt).
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint system-deps clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV) || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv && python3 -m venv $(VENV))
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## serve: install what is needed and serve the site at http://127.0.0.1:8000/ (rebuilds on edits)
serve: $(VENV)/.installed
	$(VENV)/bin/mkdocs serve

## build: write the static site to site/ (strict: any problem fails the build; Chromium prints the PDFs)
build: $(VENV)/.installed system-deps
	$(VENV)/bin/mkdocs build --strict --clean -d site

## check: load and check all content, printing every problem with file:line
check: $(VENV)/.installed
	$(PY) -m build_tools check

## system-deps: Chromium and CJK fonts for the browser tests (Debian packages)
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=zh-cn 2>/dev/null | grep -q .; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk; fi

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check build_tools tests
	$(VENV)/bin/mypy

## test: install everything and run the whole test suite (lint, types, content, site, browser)
test: $(VENV)/.installed system-deps lint
	$(PY) -m pytest

clean:
	rm -rf site $(VENV)
