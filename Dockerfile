# Parley: the `parley` command (workers, setup, ingest, feeds, search).
#   docker build -t parley .
#   docker run --rm parley --help
ARG PYTHON_VERSION=3.11
FROM python:${PYTHON_VERSION}-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# dependencies first, so editing the code does not reinstall them
COPY pyproject.toml README.md ./
RUN mkdir -p processors streams && touch processors/__init__.py streams/__init__.py \
    && pip install . && pip uninstall -y parley && rm -rf processors streams

COPY processors ./processors
COPY streams ./streams
COPY dashboards ./dashboards
RUN pip install --no-deps . && useradd --create-home --uid 10001 parley
USER parley

# Faust web (POST /articles) and Prometheus /metrics
EXPOSE 6066 9464
ENV PARLEY_WORKER_WEB_BIND=0.0.0.0 PARLEY_METRICS_BIND=0.0.0.0 PARLEY_DATA_DIR=/tmp/parley-faust
ENTRYPOINT ["parley"]
CMD ["worker"]
