# Two commands for a newcomer: `make run` and `make test`. Everything else is setup.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

.PHONY: run test setup lint bench clean

# One virtualenv for running and testing: requirements-dev.txt includes requirements.txt (runtime,
# the emulator too), and a change to either file reinstalls. The Docker image installs the runtime only.
$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

run: setup
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py runconsole

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var
