# Vokasi — the two commands a fresh machine needs:
#   make run    set up, migrate, seed demo data, serve on http://127.0.0.1:8000 (PORT=8001 for
#               another) with a worker for background jobs beside it
#   make test   install, then every check and every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?= -n 2
PORT ?= 8000

.PHONY: run test install check lint format messages bench seed clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --if-empty --port $(PORT)
	@# A worker beside the server runs the background jobs (big uploads); both stop together.
	DEBUG=1 $(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

seed: install
	DEBUG=1 $(BIN)/python manage.py seed_demo --reset

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install lint
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=deploy-check-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
		ALLOWED_HOSTS=vokasi.example.go.id \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

test: check
	scripts/ensure-chromium
	scripts/ensure-axe
	$(BIN)/pytest $(PYTEST_ARGS)

# Every translation on file is gathered first, so a message that moved between apps
# keeps its translation (vokasi/management/commands/makemessages.py).
COMPENDIUM = /tmp/vokasi-compendium.po
messages: install
	msgcat --use-first */locale/id/LC_MESSAGES/django.po | msgattrib --translated --no-fuzzy -o $(COMPENDIUM)
	cd vokasi && DEBUG=1 ../$(BIN)/python ../manage.py makemessages -l id --no-obsolete --compendium $(COMPENDIUM) -i "reference.py"
	for app in trainees placements reports; do \
		(cd $$app && mkdir -p locale && DEBUG=1 ../$(BIN)/python ../manage.py makemessages -l id --no-obsolete --compendium $(COMPENDIUM)); \
	done
	DEBUG=1 $(BIN)/python manage.py compilemessages -l id

# Benchmarks (not part of make test): every scenario on SQLite and PostgreSQL
# (BENCH_POSTGRES_URL, default postgres://vokasi:vokasi@127.0.0.1:5432/vokasi_bench) with
# the baselines measured in the same run; prints the table and writes
# bench/results/latest.md. BENCH_ARGS="--quick" tries it out in a few minutes.
BENCH_ARGS ?=
$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3* staticfiles .pytest_cache .ruff_cache
