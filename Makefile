# Leeway: `make run` for a demo desk, `make test` for the whole check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo terminal lives inside the checkout so `make run` never touches a real desk.
export LEEWAY_DATA_DIR ?= $(CURDIR)/.data/demo
export LEEWAY_INSECURE_FILE_KEYRING ?= 1

.PHONY: run test lint typecheck pytest bench bench-quick screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	@if [ ! -f "$(LEEWAY_DATA_DIR)/leeway.sqlite3" ]; then \
		$(BIN)/leeway init --demo --terminal-id demo-desk --store "Leeway Demo Hotel"; fi
	$(BIN)/leeway

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

bench-quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks --quick

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pos_app.ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) .data build dist *.egg-info
