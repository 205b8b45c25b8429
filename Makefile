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

## demo: run the analyses on the bundled demo data into out/demo/
demo: $(OUT)/scales_pre/reliability.csv $(OUT)/scales_post/reliability.csv \
	$(OUT)/compare/compare_scales.csv $(OUT)/compare_paired/compare_scales.csv \
	$(OUT)/vignette/vignette_coefficients.csv

$(OUT)/scales_%/reliability.csv: $(DEMO)/%.sav $(CONFIG) $(VENV)/.installed
	$(CLI) scales $< --config $(CONFIG) --out $(OUT)/scales_$*

$(OUT)/compare/compare_scales.csv: $(DEMO)/pre.sav $(DEMO)/post.sav $(CONFIG) $(VENV)/.installed
	$(CLI) compare $(DEMO)/pre.sav $(DEMO)/post.sav --config $(CONFIG) --out $(OUT)/compare

$(OUT)/compare_paired/compare_scales.csv: $(DEMO)/gewogen_maatwerk.sav configs/gewogen_maatwerk.toml $(VENV)/.installed
	$(CLI) compare $(DEMO)/gewogen_maatwerk.sav --config configs/gewogen_maatwerk.toml --out $(OUT)/compare_paired

$(OUT)/vignette/vignette_coefficients.csv: $(DEMO)/vignetten.csv $(DEMO)/deck.csv $(CONFIG) \
	$(VENV)/.installed
	$(CLI) vignette $< --config $(CONFIG) --out $(OUT)/vignette

## test: lint and run the test suite
test: lint
	$(BIN)/python -m pytest -q

## lint: ruff (pyflakes, bugbear, isort, pyupgrade) on code and tests
lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks

## data: regenerate the synthetic demo data in data/demo/ (deterministic, seeded)
data: $(VENV)/.installed
	$(CLI) simulate --out $(DEMO)

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

.PHONY: help install demo test lint data references bench clean distclean
