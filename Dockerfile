# Parley: the `parley` command (workers, setup, ingest, feeds, search).
#   docker build -t parley .
#   docker run --rm parley --help
# Dependencies come from requirements.lock (see README "Dependencies"), hash-checked.
ARG PYTHON_VERSION=3.11

# build stage: pycld2 ships no Linux wheels, so its sdist needs a C++ compiler, which the
# runtime image does without
FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends g++ && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/parley
ENV PATH=/opt/parley/bin:$PATH
WORKDIR /src
# dependencies first, exactly as locked, so editing the code does not reinstall them
COPY requirements.lock ./
RUN pip install --no-deps --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY processors ./processors
COPY streams ./streams
RUN pip install --no-deps . && pip check

FROM python:${PYTHON_VERSION}-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/parley/bin:$PATH
COPY --from=build /opt/parley /opt/parley
WORKDIR /app
COPY dashboards ./dashboards
RUN useradd --create-home --uid 10001 parley
USER parley

# Faust web (POST /articles) and Prometheus /metrics
EXPOSE 6066 9464
ENV PARLEY_WORKER_WEB_BIND=0.0.0.0 PARLEY_METRICS_BIND=0.0.0.0 PARLEY_DATA_DIR=/tmp/parley-faust
ENTRYPOINT ["parley"]
CMD ["worker"]
