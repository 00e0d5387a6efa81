# The two commands a user needs: `make run` and `make test`. Both build .venv from nothing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
N ?= 4

.PHONY: install run serve-class test test-fast check bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m streamlit run app.py --server.port $(PORT)

# A class on one machine: N servers on ports PORT+1..PORT+N behind HAProxy on PORT (README).
serve-class: install
	$(PY) deploy/serve_class.py --servers $(N) --port $(PORT)

test: install
	$(PY) -m pytest

# While working: the engine and the pages through AppTest, without the tests that start
# another process (exported scripts, notebook kernels) or a browser.
test-fast: install
	$(PY) -m pytest tests/engine tests/app -m "not subprocess"

# Lint and format (ruff) and types (mypy on the engine), as pyproject.toml configures them.
check: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# The forecast bench's statistical peers (statsforecast) are bench-only: the app never
# imports them. --no-deps: statsforecast declares pandas<3; its models run on the app's 3.1.1.
bench: install
	$(PY) -m pip install -q --no-deps -r bench/requirements-forecast.txt
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
