# centreplan: `make run` (set up and start the app), `make test` (set up and run the tests).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

.PHONY: setup run test lint verify verify-tools bench bench-app fuzz clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

run: setup
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port 8501

test: setup
	$(PY) -m pytest -m "not verify"

# The static gates alone (make test runs them too, through tests/unit/test_static_gates.py): ruff and
# mypy on the gated packages, configured in pyproject.toml.
GATED := standards planner equipment exports layouts projects generate
lint: setup
	$(PY) -m ruff check $(GATED)
	$(PY) -m pytest -q tests/unit/test_static_gates.py

# Tests that read our outputs with programs we did not write (LibreCAD, GDAL, dxf-parser, poppler,
# LibreOffice, Chromium) and the project store on PostgreSQL. Installs them first (Debian packages + npm; needs root and the registries).
verify-tools: setup
	bash $(SHARED)/verify/install.sh
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)
	$(PY) -m pip install --quiet -e '.[verify]'

verify: verify-tools
	$(PY) -m pytest -m verify -rs

# The fuzzer of tests/unit/test_fuzz.py with 2,000 examples (CI runs 200) and the PDF exports too.
fuzz: setup
	CENTREPLAN_FUZZ_EXAMPLES=$${CENTREPLAN_FUZZ_EXAMPLES:-2000} $(PY) -m pytest -q tests/unit/test_fuzz.py

bench: setup
	$(PY) -m pytest bench --benchmark-enable --benchmark-only -q
	for f in bench/*_scaling.py bench/*_latency.py; do $(PY) $$f; done

# What a person waits for in the app, in headless Chromium (needs make verify-tools): first page, Plan
# page, an edit shown, a drag; then the plan editor's frames on 5,500 rooms. Not run by make test.
bench-app: setup
	$(PY) bench/app_browser.py
	$(PY) bench/editor_frames.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache
