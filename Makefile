# Parley: the two quick-start commands are `make demo` and `make test`.
# Installs come from the lock files (see "Dependencies" in README.md): requirements-dev.lock
# (runtime + dev extras: make, CI) and requirements.lock (runtime: the Dockerfile), both
# compiled by `make lock` from pyproject.toml with uv, hashed, for Python 3.11 on any platform.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
LOCK   := requirements-dev.lock
RUNTIME_LOCK := requirements.lock
UV_VERSION ?= 0.13.9
# the stamp names the exact pyproject.toml and lock it was installed from
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) 2>/dev/null | cksum | cut -d' ' -f1)

.PHONY: demo test test-unit test-integration test-cluster check-test-tools bench bench-cluster services-start services-stop services-status cluster-start cluster-stop cluster-status lock lock-upgrade clean help

help:
	@echo "make demo              set up and replay the demo corpus through the tagger (no services needed)"
	@echo "make test              set up and run every test tier (starts Kafka and Elasticsearch itself)"
	@echo "make test-unit         the pure core and adapters with fakes, in seconds"
	@echo "make test-integration  real Kafka, Elasticsearch, SMTP and HTTP receivers"
	@echo "make test-cluster      3 Kafka brokers + 3 Elasticsearch nodes + workers, each killed once (~10 min)"
	@echo "make bench             the benchmarks under bench/"
	@echo "make services-start    start Kafka and Elasticsearch (no Docker needed); services-stop to stop"
	@echo "make cluster-start     start 3 Kafka brokers and 3 Elasticsearch nodes; cluster-stop to stop"
	@echo "make lock              re-compile the lock files after editing pyproject.toml (keeps other pins)"
	@echo "make lock-upgrade      re-compile the lock files with the newest versions pyproject.toml allows"

$(STAMP): pyproject.toml $(LOCK)
	@command -v $(PYTHON) >/dev/null || { echo "Parley needs Python 3.11: install it and re-run"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
	  echo "Parley needs Python 3.11 ($(PYTHON) is $$($(PYTHON) -V 2>&1)): install it or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --no-deps --require-hashes -r $(LOCK)
	$(PIP) install --quiet --no-deps -e .
	@$(PIP) check || { echo "$(LOCK) does not satisfy pyproject.toml: run make lock"; exit 1; }
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

# uv (pinned) compiles; pip installs, so a fresh machine needs nothing but Python 3.11.
# The dev lock is compiled first and constrains the runtime lock: the two never disagree.
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet

lock:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet "uv==$(UV_VERSION)"
	$(UV_COMPILE) $(UV_FLAGS) --extra dev -o $(LOCK)
	$(UV_COMPILE) $(UV_FLAGS) -c $(LOCK) -o $(RUNTIME_LOCK)

lock-upgrade:
	$(MAKE) lock UV_FLAGS=--upgrade

demo: $(STAMP)
	$(VENV)/bin/parley demo

# the cluster tier runs in a session of its own, after the single-node services have stopped:
# six JVMs and four workers are all the two cores of a small CI machine can hold
test: $(STAMP) check-test-tools
	$(PY) -m pytest tests/unit tests/integration -q -ra
	$(PY) -m pytest tests/cluster -q -ra

# The integration tier runs Kafka and Elasticsearch from Maven Central (Java 17 JDK and
# Maven) and checks alert rules with promtool (Debian's prometheus package).
check-test-tools:
	@missing=""; \
	command -v javac >/dev/null 2>&1 || missing="$$missing openjdk-17-jdk-headless"; \
	command -v mvn >/dev/null 2>&1 || missing="$$missing maven"; \
	command -v promtool >/dev/null 2>&1 || missing="$$missing prometheus"; \
	if [ -n "$$missing" ]; then \
	  echo "The tests need:$$missing"; \
	  echo "Install them with: sudo apt-get install -y$$missing   (or run .ci/run as root, which does)"; \
	  exit 1; \
	fi

test-unit: $(STAMP)
	$(PY) -m pytest tests/unit -q -ra

test-integration: $(STAMP) check-test-tools
	$(PY) -m pytest tests/integration -q -ra

test-cluster: $(STAMP) check-test-tools
	$(PY) -m pytest tests/cluster -q -ra -s

bench: $(STAMP)
	$(PY) bench/bench_tag.py
	$(PY) bench/bench_alerts.py
	$(PY) bench/bench_pipeline.py

services-start: $(STAMP)
	$(PY) scripts/services.py start

services-stop:
	$(PY) scripts/services.py stop

services-status:
	$(PY) scripts/services.py status

cluster-start: $(STAMP)
	$(PY) scripts/services.py --cluster start

cluster-stop:
	$(PY) scripts/services.py --cluster stop

cluster-status:
	$(PY) scripts/services.py --cluster status

bench-cluster: $(STAMP)
	$(PY) bench/bench_cluster.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
