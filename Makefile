# The handbook's commands. Each target sets up what it needs first: what the machine must have
# (scripts/prerequisites.sh), then a virtual environment with the pinned packages in
# requirements.txt.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: prerequisites setup serve build offline test bench clean

# Before any other work: what the machine lacks, found and, on Debian or Ubuntu as root (or with
# password-less sudo), installed with apt-get; anywhere else a line for each missing program and
# the command that installs it. Every command needs what serving needs (Graphviz, Pango, npm,
# python3-venv); `make test` also the browsers, Xvfb, nginx and pdftotext, `make bench` chromium.
NEEDS := $(if $(filter test,$(MAKECMDGOALS)),test,$(if $(filter bench,$(MAKECMDGOALS)),bench,serve))
prerequisites:
	@PYTHON="$(PYTHON)" scripts/prerequisites.sh $(NEEDS)

setup: prerequisites $(VENV)/.installed

$(VENV)/.installed: requirements.txt | prerequisites
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	# The handbook's package (macros/) importable by every tool of the venv: the engines load
	# its Markdown extension by name from mkdocs.yml, and lint-imports reads its layers.
	$(BIN)/python -c "import site; open(site.getsitepackages()[0] + '/handbook.pth', 'w').write('$(CURDIR)\\n')"
	touch $@

# Serve on 127.0.0.1 only; rebuilds when docs/, data/ or macros/ change, and makes the
# products (PDFs, remade only where a guide changed) after each rebuild (macros/engine.py).
serve: setup
	HANDBOOK_SERVE=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Build into a fresh folder, finish it (search records, PDFs, search library, minified scripts;
# macros/finish.py) and swap it in only
# when all succeeded, so a broken data file never damages the last good site/.
build: setup
	rm -rf site.new
	$(BIN)/mkdocs build --strict --quiet --site-dir site.new
	$(BIN)/python -m macros.finish site.new
	rm -rf site.old
	if [ -d site ]; then mv site site.old; fi
	mv site.new site
	rm -rf site.old

# The offline copy for intranet servers and shared drives (mkdocs-offline.yml):
# dist/handbook-offline-<version>.zip and the unpacked dist/handbook-offline-<version>/.
# Built aside and swapped in like `build`; npm installs the pinned worker shim it needs.
offline: setup
	$(BIN)/python -m macros.products.package dist

# The package's layers and no import cycles (.importlinter), then the layers that need no build
# and no browser: the data and the model, the templates, search's records and figures (Node),
# the diagrams (tests/model, tests/render). Under a minute: run it after every change.
.PHONY: check
check: setup
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto --dist loadgroup tests/model tests/render

# The package's layers, then the whole suite, on every core (pytest-xdist, one worker a core): a
# module, or an xdist_group, at a time, each build made once and shared (tests/conftest.py).
test: setup
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto --dist loadgroup

# Performance figures, tables rather than a test (README, "Performance"): Lighthouse on every
# page, build time by data size, serve rebuild. Options: make bench BENCH_ARGS="--only build --runs 1".
bench: setup
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# The handbook built by MkDocs, ProperDocs and Zensical, each page's article compared with
# MkDocs', and the PDFs made from each build compared with MkDocs' (README, "Engines";
# benchmarks/engines.py). Options, e.g.: make engines ENGINES_ARGS="--strict --no-products
# --engine zensical".
.PHONY: engines
engines: setup
	$(BIN)/python benchmarks/engines.py $(ENGINES_ARGS)

clean:
	rm -rf site site.new site.old .pytest_cache dist
