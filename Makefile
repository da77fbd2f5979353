# Two commands do everything on a fresh Debian machine with Python 3.11:
#   make book   install what is missing, check the data, execute the notebooks, build HTML and PDF
#   make test   install what is missing (as for make book) and run the test suite
# Options: DATA_MIRROR=/path/to/raw (folder of raw inputs), FORCE=1 (re-execute every notebook).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Build folder; lib/paths.py reads the same variable.
export ITUBOOK_BUILD_DIR ?= $(CURDIR)/_build
BUILD_DIR := $(ITUBOOK_BUILD_DIR)
MATHJAX_VERSION := 3.2.2
TEX_PACKAGES := latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
                texlive-xetex fonts-freefont-otf
BUILD_OPTIONS := $(if $(DATA_MIRROR),--data-mirror $(DATA_MIRROR)) 
BOOK_OPTIONS := $(if $(FORCE),--force)

# Single-threaded BLAS, so estimates and tests give the same bits on every run.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYTHONHASHSEED := 0

.PHONY: book html test archive setup python-env tex mathjax data clean freeze notebook benchmark

book: setup
	$(PY) -m lib.build $(BUILD_OPTIONS) book $(BOOK_OPTIONS)

html: python-env mathjax
	$(PY) -m lib.build $(BUILD_OPTIONS) book --skip-pdf $(BOOK_OPTIONS)

# The tests include two clean builds of the whole book (the archive repeatability test),
# so they need the same set-up as `make book`.
test: setup
	$(PY) -m pytest

archive: setup
	$(PY) -m lib.build $(BUILD_OPTIONS) book $(BOOK_OPTIONS)
	$(PY) -m lib.archive

data: python-env
	$(PY) -m lib.build $(BUILD_OPTIONS) data

# Re-execute one run with other parameters, for example:
#   make notebook RUN=data PARAMS="-p include_inferred_candidacies true"
notebook: python-env
	$(PY) -m lib.build $(BUILD_OPTIONS) notebook $(RUN) $(PARAMS)

benchmark: python-env
	$(PY) benchmarks/run_all.py

setup: python-env tex mathjax

python-env: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

tex:
	@if command -v latexmk >/dev/null && command -v xelatex >/dev/null \
	    && kpsewhich fncychap.sty >/dev/null && fc-list | grep -q FreeSerif; then \
	  echo "TeX Live: present"; \
	else \
	  echo "TeX Live: installing $(TEX_PACKAGES)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEX_PACKAGES) \
	    || { echo "Installing TeX Live failed. Run as root, or install: $(TEX_PACKAGES)"; exit 1; }; \
	fi

mathjax: .tools/node/node_modules/mathjax/es5/tex-chtml.js

.tools/node/node_modules/mathjax/es5/tex-chtml.js:
	mkdir -p .tools/node
	npm install --silent --no-audit --no-fund --prefix .tools/node mathjax@$(MATHJAX_VERSION)

# Regenerate the full pin list after editing requirements.in.
freeze:
	rm -rf /tmp/itubook-freeze && $(PYTHON) -m venv /tmp/itubook-freeze
	/tmp/itubook-freeze/bin/pip install --quiet -r requirements.in
	{ echo "# Full pinned environment, generated from requirements.in by \`make freeze\`. Do not edit by hand."; \
	  /tmp/itubook-freeze/bin/pip freeze; } > requirements.txt

clean:
	rm -rf $(BUILD_DIR)
