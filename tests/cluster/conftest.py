"""Fixtures for the cluster tier: a 3-broker Kafka (KRaft) and a 3-node Elasticsearch cluster.

Started once per session by ``scripts/cluster.py`` (ports: the single-node ones + 10, see
there) and stopped at the end unless it was running before or ``PARLEY_KEEP_SERVICES=1``.
Every test collected from this folder is marked ``cluster`` (and ``integration``: it needs
real services). The helpers of the integration tier (``pipeline_support``, ``alert_support``)
are shared.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE.parent / "integration"))


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


services = _load("parley_services", _HERE.parents[1] / "scripts" / "services.py")
cluster_script = _load("parley_cluster", _HERE.parents[1] / "scripts" / "cluster.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.cluster)
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def cluster() -> Iterator[dict]:
    """The running clusters' state (scripts/cluster.py); started here if needed."""
    try:
        state = cluster_script.start()
    except services.ServicesError as exc:
        pytest.fail(f"could not start the Kafka/Elasticsearch clusters: {exc}", pytrace=False)
    yield state
    if not state["already_running"] and os.environ.get("PARLEY_KEEP_SERVICES") != "1":
        cluster_script.stop()


@pytest.fixture(scope="session")
def cluster_env(cluster: dict) -> dict[str, str]:
    """PARLEY_KAFKA_BOOTSTRAP (every broker) and PARLEY_ES_URL (every node, comma-separated)."""
    return {"PARLEY_KAFKA_BOOTSTRAP": cluster_script.env_of(cluster)["PARLEY_KAFKA_BOOTSTRAP"],
            "PARLEY_ES_URL": ",".join(n["url"] for n in cluster["es"])}


@pytest.fixture(scope="session")
def cluster_es(cluster_env: dict[str, str]):
    from elasticsearch import Elasticsearch

    client = Elasticsearch(cluster_env["PARLEY_ES_URL"].split(","), request_timeout=30, max_retries=3,
                           retry_on_timeout=True)
    yield client
    client.close()


@pytest.fixture(scope="session")
def cluster_admin(cluster_env: dict[str, str]):
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=cluster_env["PARLEY_KAFKA_BOOTSTRAP"], client_id="parley-cluster-tests")
    yield admin
    admin.close()
