"""Fixtures for the integration tier: a real Kafka broker and a real Elasticsearch node.

The services are started once per test session by ``scripts/services.py`` (Docker where an
engine runs, otherwise JVMs from Maven Central) and stopped at the end, unless
``PARLEY_KEEP_SERVICES=1`` or they were started outside pytest (``services.py start``).
Another pytest session that joins running services takes a lease, so the last session to
finish stops them.

Fixtures: ``kafka_bootstrap`` ("127.0.0.1:9092"), ``es_url`` ("http://127.0.0.1:9200"),
``es_client`` (elasticsearch 8 client), ``topic_factory`` and ``index_factory`` (unique names,
deleted after the test), ``es_control`` (stop()/start() Elasticsearch for outage tests).
Every test collected from this folder is marked ``integration``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

_HERE = Path(__file__).resolve().parent
_SCRIPT = _HERE.parents[1] / "scripts" / "services.py"


def _load_services():
    """scripts/ is not a package: load services.py by path, once."""
    if "parley_services" in sys.modules:
        return sys.modules["parley_services"]
    spec = importlib.util.spec_from_file_location("parley_services", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["parley_services"] = module
    spec.loader.exec_module(module)
    return module


services = _load_services()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected item, not only this folder's: filter by path.
    for item in items:
        if _HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.integration)


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session")
def parley_services() -> Iterator[dict]:
    """The running services' state (see scripts/services.py); started here if needed."""
    try:
        state = services.start(owner="pytest")
    except services.ServicesError as exc:
        pytest.fail(f"could not start Kafka/Elasticsearch: {exc}", pytrace=False)
    services.lease(os.getpid())
    yield state
    keep = os.environ.get("PARLEY_KEEP_SERVICES") == "1"
    left = services.release(os.getpid(), keep=keep)
    # Stop only what a test session started ("pytest"), once no other live session uses it.
    if not keep and left["owner"] == "pytest" and not left["others"]:
        services.stop()


@pytest.fixture(scope="session")
def kafka_bootstrap(parley_services: dict) -> str:
    return f"127.0.0.1:{parley_services['kafka']['port']}"


@pytest.fixture(scope="session")
def es_url(parley_services: dict) -> str:
    return parley_services["es"]["url"]


@pytest.fixture(scope="session")
def es_client(es_url: str):
    from elasticsearch import Elasticsearch

    client = Elasticsearch(es_url, request_timeout=30)
    yield client
    client.close()


@pytest.fixture(scope="session")
def kafka_admin(kafka_bootstrap: str):
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap, client_id="parley-tests")
    yield admin
    admin.close()


@pytest.fixture
def topic_factory(kafka_admin, kafka_bootstrap: str) -> Iterator[Callable[..., str]]:
    """Create uniquely named topics; all are deleted after the test.

    >>> name = topic_factory("articles.raw", partitions=3, config={"cleanup.policy": "compact"})
    """
    from kafka.admin import NewTopic

    created: list[str] = []

    def make(prefix: str = "test", *, partitions: int = 1, config: dict[str, str] | None = None) -> str:
        name = _unique(prefix)
        kafka_admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1,
                                            topic_configs=config or {})])
        created.append(name)
        _wait_for_topic(kafka_admin, name, partitions)
        return name

    yield make
    if created:
        try:
            kafka_admin.delete_topics(created)
        except Exception as exc:  # noqa: BLE001 - cleanup must not hide the test's own result
            print(f"topic cleanup failed: {exc!r}")


def _wait_for_topic(admin: Any, name: str, partitions: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        described = admin.describe_topics([name])
        if described and not described[0].get("error_code") and len(described[0].get("partitions", [])) == partitions:
            return
        time.sleep(0.1)
    raise TimeoutError(f"topic {name} not ready after {timeout}s")


@pytest.fixture
def index_factory(es_client) -> Iterator[Callable[..., str]]:
    """Unique index names (created unless create=False, with 0 replicas unless settings say
    otherwise); indices matching ``name*`` are deleted after the test.

    >>> name = index_factory("parley-articles", mappings={"properties": {"title": {"type": "text"}}})
    """
    names: list[str] = []

    def make(prefix: str = "parley-test", *, mappings: dict | None = None, settings: dict | None = None,
             create: bool = True) -> str:
        name = _unique(prefix).lower()
        names.append(name)
        if create:  # one node: no replicas, so the index turns green
            es_client.indices.create(index=name, mappings=mappings,
                                     settings={"number_of_replicas": 0, **(settings or {})})
        return name

    yield make
    for name in names:
        try:
            es_client.options(ignore_status=404).indices.delete(index=f"{name}*", expand_wildcards="all")
        except Exception as exc:  # noqa: BLE001 - ES may be down after an outage test
            print(f"index cleanup failed for {name}: {exc!r}")


class EsControl:
    """Stop and start the session's Elasticsearch (same data) for "Elasticsearch is down" tests."""

    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        services.stop_es()
        self.stopped = True

    def start(self) -> None:
        services.start_es()
        self.stopped = False


@pytest.fixture
def es_control(parley_services: dict) -> Iterator[EsControl]:
    control = EsControl()
    yield control
    if control.stopped:  # leave Elasticsearch up for the next test
        control.start()
