# Leeway: `make run` for a demo desk, `make test` for the whole check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo terminal lives inside the checkout so `make run` never touches a real desk.
export LEEWAY_DATA_DIR ?= $(CURDIR)/.data/demo
export LEEWAY_INSECURE_FILE_KEYRING ?= 1

.PHONY: run test lint typecheck pytest bench bench-quick screenshots clean translations

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
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest --durations=15

test: lint typecheck pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

bench-quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks --quick

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pos_app.ui.screenshots docs/screenshots

# Extract every translatable sentence, merge it into the Spanish and German catalogs and
# compile them. Run after changing visible text; tests fail while a catalog is stale.
LOCALES := pos_app/locale
QT_LANGS := de es
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location \
		--omit-header --sort-output -o $(LOCALES)/leeway.pot pos_app
	for lang in $(QT_LANGS); do \
		if [ -f $(LOCALES)/$$lang/LC_MESSAGES/leeway.po ]; then \
			$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete \
				-i $(LOCALES)/leeway.pot -d $(LOCALES) -D leeway -l $$lang; \
		else $(BIN)/pybabel init -i $(LOCALES)/leeway.pot -d $(LOCALES) -D leeway -l $$lang; fi; \
	done
	$(BIN)/pybabel compile -d $(LOCALES) -D leeway
	$(BIN)/pyside6-lupdate -silent -no-obsolete -locations none pos_app/ui/*.py \
		-ts $(foreach l,$(QT_LANGS),$(LOCALES)/qt/leeway_$(l).ts)
	$(BIN)/pyside6-lrelease -silent $(LOCALES)/qt/*.ts

# The desk as one folder (dist/leeway/, PyInstaller; a few minutes, ~290 MB), then the
# smoke test that runs it outside the checkout. PyInstaller is the `bundle` extra, kept
# out of the default install. `bundle-test` re-runs only the smoke test (~45 s).
BUNDLE_STAMP := $(VENV)/.bundle-installed
BUNDLE_DIR ?= dist/leeway
PREFIX ?= $(HOME)/.local
.PHONY: bundle bundle-test install-desktop uninstall-desktop

$(BUNDLE_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN packaging/leeway.spec
	$(BIN)/python packaging/smoke_test.py --bundle dist/leeway

bundle-test: $(STAMP)
	$(BIN)/python packaging/smoke_test.py --bundle "$(BUNDLE_DIR)"

# For this user: PREFIX/lib/leeway, PREFIX/bin/leeway, the icon and the menu entry.
install-desktop:
	packaging/install-desktop.sh install "$(PREFIX)" "$(BUNDLE_DIR)"

uninstall-desktop:
	packaging/install-desktop.sh uninstall "$(PREFIX)"

clean:
	rm -rf $(VENV) .data build dist *.egg-info
