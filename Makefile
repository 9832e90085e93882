# Vokasi — the two commands a fresh machine needs:
#   make run    set up, migrate, seed demo data, serve on http://127.0.0.1:8000
#   make test   install, then every check and every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?= -n 2

.PHONY: run test install check lint format messages bench seed clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

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
	$(BIN)/pytest $(PYTEST_ARGS)

messages: install
	cd vokasi && DEBUG=1 ../$(BIN)/python ../manage.py makemessages -l id --no-obsolete -i "reference.py"
	for app in trainees placements reports; do \
		(cd $$app && mkdir -p locale && DEBUG=1 ../$(BIN)/python ../manage.py makemessages -l id --no-obsolete); \
	done
	DEBUG=1 $(BIN)/python manage.py compilemessages -l id

# Benchmarks (not part of make test). They use DATABASE_URL; the import benchmark also
# takes BENCH_POSTGRES_URL to run on PostgreSQL beside SQLite.
bench: install
	DEBUG=1 $(BIN)/python -m bench.import_job_seekers
	DEBUG=1 $(BIN)/python -m bench.read_results
	DEBUG=1 $(BIN)/python -m bench.match
	DEBUG=1 $(BIN)/python -m bench.reports

clean:
	rm -rf $(VENV) db.sqlite3* staticfiles .pytest_cache .ruff_cache
