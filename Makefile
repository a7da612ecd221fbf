# The README's two set-up commands: `make demo` and `make test`. Both work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.genforge-installed
DEMO_MINUTES ?= 8

.PHONY: demo test data browser install benchmark clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

data:
	@bash scripts/ensure-fashion-mnist.sh
	@bash scripts/ensure-text-data.sh
	@bash scripts/ensure-fluidsynth.sh

browser:
	@bash scripts/ensure-browser.sh

demo: install data
	$(VENV)/bin/genforge train --preset dcgan-fmnist --minutes $(DEMO_MINUTES) --out runs/demo --overwrite
	$(VENV)/bin/genforge sample runs/demo --n 64 --out runs/demo/final-samples.png
	$(VENV)/bin/genforge report runs/demo
	@echo "open runs/demo/report.html in a browser"

test: install data browser
	$(VENV)/bin/lint-imports --no-cache  # the layers of docs/architecture.md (contracts in pyproject.toml)
	GENFORGE_REQUIRE_BROWSER=1 $(PY) -m pytest -n 2 --dist loadgroup  # a worker per core; browser and torchrun tests each in one

benchmark: install data
	$(PY) benchmarks/throughput.py

clean:
	rm -rf runs .pytest_cache
