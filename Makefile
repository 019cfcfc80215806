# Parley: the two quick-start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test test-unit test-integration check-test-tools bench services-start services-stop services-status clean help

help:
	@echo "make demo              set up and replay the demo corpus through the tagger (no services needed)"
	@echo "make test              set up and run every test tier (starts Kafka and Elasticsearch itself)"
	@echo "make test-unit         the pure core and adapters with fakes, in seconds"
	@echo "make test-integration  real Kafka, Elasticsearch, SMTP and HTTP receivers"
	@echo "make bench             the benchmarks under bench/"
	@echo "make services-start    start Kafka and Elasticsearch (no Docker needed); services-stop to stop"

$(STAMP):
	@command -v $(PYTHON) >/dev/null || { echo "Parley needs Python 3.11: install it and re-run"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/parley demo

test: $(STAMP) check-test-tools
	$(PY) -m pytest tests -q -ra

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

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
