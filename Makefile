# maatwerk-stats — reproducible pipeline. `make help` lists the targets.
#
# A fresh clone needs only Python 3.11: the first target that needs the package creates the
# virtual environment .venv and installs the package with the pinned versions of
# requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CLI    := $(BIN)/maatwerk-stats
CONFIG ?= configs/leeratelier.toml
OUT    ?= out/demo
DEMO   := data/demo

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

## help: list the targets
help:
	@echo "maatwerk-stats — make targets"
	@awk '/^## /{sub(/^## /, ""); i = index($$0, ":"); printf "  %-12s %s\n", substr($$0, 1, i - 1), substr($$0, i + 2)}' $(MAKEFILE_LIST)

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Error: Python 3.11 or newer is needed (PYTHON=$(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $@

## install: create .venv and install the package with its pinned dependencies
install: $(VENV)/.installed

SOURCES := $(shell find src -name '*.py' -o -name '*.j2') pyproject.toml
# Dates inside output files (DOCX, XLSX, SAV headers) come from the last commit, so the same
# commit gives byte-identical outputs (https://reproducible-builds.org/).
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1704067200)

## demo: factsheets of the bundled demo data into out/demo/ (Leeratelier), out/demo/paired/ and out/demo/teams/
demo: $(OUT)/factsheet.html $(OUT)/paired/factsheet.html $(OUT)/teams/factsheet.html
	@echo "Open $(OUT)/factsheet.html (or factsheet.docx); tables in $(OUT)/tables/, figures in $(OUT)/figures/"

$(OUT)/factsheet.html: $(CONFIG) $(DEMO)/pre.sav $(DEMO)/post.sav $(DEMO)/vignetten.csv \
		$(DEMO)/deck.csv $(DEMO)/voorbeeld_logo.png $(SOURCES) $(VENV)/.installed
	$(CLI) factsheet --config $(CONFIG) --out $(OUT)

$(OUT)/paired/factsheet.html: configs/gewogen_maatwerk.toml $(DEMO)/gewogen_maatwerk.sav \
		$(DEMO)/interviews/project.qdpx $(SOURCES) $(VENV)/.installed
	$(CLI) factsheet --config configs/gewogen_maatwerk.toml --out $(OUT)/paired

$(OUT)/teams/factsheet.html: configs/teams.toml $(DEMO)/teams.sav $(DEMO)/teamleiders.csv \
		$(SOURCES) $(VENV)/.installed
	$(CLI) factsheet --config configs/teams.toml --out $(OUT)/teams

## factsheet: a factsheet for your own study: make factsheet CONFIG=configs/mine.toml [OUT=out/mine]
factsheet: $(VENV)/.installed
	$(CLI) factsheet --config $(CONFIG) --out $(if $(filter command line,$(origin OUT)),$(OUT),out/$(basename $(notdir $(CONFIG))))

## analyses: each command on its own on the demo data, into out/demo/{scales,compare,vignette}_*, out/demo/survey/
analyses: $(OUT)/scales_pre/reliability.csv $(OUT)/scales_post/reliability.csv \
	$(OUT)/compare/compare_scales.csv $(OUT)/compare_paired/compare_scales.csv \
	$(OUT)/vignette/vignette_coefficients.csv $(OUT)/survey/regress/regression_coefficients.csv

$(OUT)/scales_%/reliability.csv: $(DEMO)/%.sav $(CONFIG) $(SOURCES) $(VENV)/.installed
	$(CLI) scales $< --config $(CONFIG) --out $(OUT)/scales_$*

$(OUT)/compare/compare_scales.csv: $(DEMO)/pre.sav $(DEMO)/post.sav $(CONFIG) $(SOURCES) \
		$(VENV)/.installed
	$(CLI) compare $(DEMO)/pre.sav $(DEMO)/post.sav --config $(CONFIG) --out $(OUT)/compare

$(OUT)/compare_paired/compare_scales.csv: $(DEMO)/gewogen_maatwerk.sav configs/gewogen_maatwerk.toml \
		$(SOURCES) $(VENV)/.installed
	$(CLI) compare $(DEMO)/gewogen_maatwerk.sav --config configs/gewogen_maatwerk.toml \
		--out $(OUT)/compare_paired

$(OUT)/vignette/vignette_coefficients.csv: $(DEMO)/vignetten.csv $(DEMO)/deck.csv $(CONFIG) \
		$(SOURCES) $(VENV)/.installed
	$(CLI) vignette $< --config $(CONFIG) --out $(OUT)/vignette

TEAMS_DEMO := $(DEMO)/teams.sav $(DEMO)/teamleiders.csv configs/teams.toml $(SOURCES) \
	$(VENV)/.installed
$(OUT)/survey/regress/regression_coefficients.csv: $(TEAMS_DEMO)
	$(CLI) correlate $(DEMO)/teams.sav --config configs/teams.toml --out $(OUT)/survey/correlate
	$(CLI) teams $(DEMO)/teams.sav --config configs/teams.toml --out $(OUT)/survey/teams
	$(CLI) regress $(DEMO)/teams.sav --config configs/teams.toml --out $(OUT)/survey/regress

# One BLAS thread per test worker: pytest-xdist already uses every core, and oversubscribed
# OpenBLAS threads make scipy's optimisers many times slower.
# One OpenBLAS kernel on every x86-64 machine: OpenBLAS picks its matrix kernels by CPU, and the
# AVX-512 kernels round the last bit differently from the AVX2 (Haswell) ones. That is harmless
# for any analysis, but the demo data (rng.multivariate_normal goes through LAPACK) must come out
# byte for byte as committed, so `make data` and the tests use the kernel the data were made with.
BLAS_ENV := $(if $(filter x86_64,$(shell uname -m)),OPENBLAS_CORETYPE=Haswell)
TEST_ENV := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BLAS_ENV)

## test: lint and run the test suite on every core (pytest-xdist), without the slow property tests
test: lint
	$(TEST_ENV) $(BIN)/python -m pytest -q -n auto --dist loadfile -m "not slow"

## test-slow: the slow property tests (CI runs them after make test)
test-slow: $(VENV)/.installed
	$(TEST_ENV) $(BIN)/python -m pytest -q -n auto --dist loadfile -m slow

## lint: ruff (pyflakes, bugbear, isort, pyupgrade) on code and tests
lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks

## data: regenerate the synthetic demo data in data/demo/ (deterministic, seeded)
data: $(VENV)/.installed
	$(BLAS_ENV) $(CLI) simulate --out $(DEMO)

## references: regenerate the golden reference values with R and PSPP (see tests/reference/)
references:
	cd tests/reference && for script in *.R; do Rscript "$$script" || exit 1; done
	cd tests/reference && for script in *.sps; do \
		pspp -O format=csv -o "$${script%.sps}_pspp.csv" "$$script" > /dev/null || exit 1; done

## bench: run the speed and memory benchmarks (ratios against a baseline)
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py

## clean: remove outputs and caches (keeps .venv)
clean:
	rm -rf out .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +

## distclean: clean and remove the virtual environment
distclean: clean
	rm -rf $(VENV)

.PHONY: help install demo factsheet analyses test test-slow lint data references bench clean distclean
