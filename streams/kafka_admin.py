"""Creating Parley's Kafka topics (kafka-python admin), idempotently.

    report = ensure_topics(Settings.from_env())
    # [("topic articles.raw", "created"), ("topic subscriptions", "already exists"), ...]

A topic that exists keeps its partitions (Kafka cannot shrink them; growing them
would move keys between partitions, so that is left to the operator) but gets its
retention / compaction / size configs updated when they differ.
"""

from __future__ import annotations

from typing import Any, Callable

from processors.errors import ParleyError

from .capacity import ClusterTooSmallError, kafka_problems
from .config import Settings
from .topics import TOPICS, TopicSpec, topic_configs

__all__ = ["KafkaUnavailableError", "ensure_topics", "admin_client", "broker_count"]


class KafkaUnavailableError(ParleyError):
    """Kafka cannot be reached; the message says which address and what to do."""

    reason = "kafka_unavailable"

    @classmethod
    def at(cls, settings: Settings, exc: BaseException) -> "KafkaUnavailableError":
        """The error for `exc` raised while connecting to the configured brokers."""
        return cls(
            f"cannot reach Kafka at {settings.kafka_bootstrap} ({exc.__class__.__name__}). "
            "Start it (`python scripts/services.py start` or `docker compose up kafka`) "
            "or set PARLEY_KAFKA_BOOTSTRAP."
        )


def admin_client(settings: Settings) -> Any:
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    try:
        return KafkaAdminClient(
            bootstrap_servers=settings.bootstrap_servers, client_id="parley-setup", request_timeout_ms=15000,
            bootstrap_timeout_ms=10000,
        )
    except KafkaError as exc:
        raise KafkaUnavailableError.at(settings, exc) from exc


def _current_configs(admin: Any, names: list[str]) -> dict[str, dict[str, str]]:
    from kafka.admin import ConfigResource, ConfigResourceType

    if not names:
        return {}
    resources = [ConfigResource(ConfigResourceType.TOPIC, n) for n in names]
    described = admin.describe_configs(resources)
    topics = described.get("topic", {}) if isinstance(described, dict) else {}
    out: dict[str, dict[str, str]] = {}
    for name, entries in topics.items():
        values = {}
        for key, data in (entries or {}).items():
            values[key] = str(data.get("value") if isinstance(data, dict) else data)
        out[name] = values
    return out


def broker_count(admin: Any) -> int:
    """Brokers the cluster reports (kafka-python ``describe_cluster``)."""
    return len(admin.describe_cluster().get("brokers") or [])


def _replication(admin: Any, names: list[str]) -> dict[str, int]:
    """topic -> replicas of its first partition."""
    if not names:
        return {}
    out = {}
    for topic in admin.describe_topics(names):
        parts = topic.get("partitions") or []
        if parts:
            out[topic["name"]] = len(parts[0].get("replica_nodes") or [])
    return out


def ensure_topics(
    settings: Settings,
    *,
    specs: tuple[TopicSpec, ...] = TOPICS,
    admin_factory: Callable[[Settings], Any] = admin_client,
) -> list[tuple[str, str]]:
    """Create missing topics, align configs of existing ones; ``[(label, status), ...]``."""
    from kafka.admin import ConfigResource, ConfigResourceType

    admin = admin_factory(settings)
    try:
        problems = kafka_problems(settings, broker_count(admin))
        if problems:
            raise ClusterTooSmallError("; ".join(problems))
        existing = set(admin.list_topics())
        wanted = {settings.topic(s.name): s for s in specs}
        missing = {n: s for n, s in wanted.items() if n not in existing}
        report: list[tuple[str, str]] = []
        if missing:
            admin.create_topics(
                {
                    name: {
                        "num_partitions": settings.topic_partitions,
                        "replication_factor": settings.topic_replication,
                        "configs": dict(topic_configs(spec, settings)),
                    }
                    for name, spec in missing.items()
                },
                timeout_ms=30000,
                wait_for_metadata=True,
            )
        present = [n for n in wanted if n not in missing]
        current = _current_configs(admin, present)
        to_alter = []
        for name in wanted:
            if name in missing:
                report.append((f"topic {name}", "created"))
                continue
            want = dict(topic_configs(wanted[name], settings))
            have = current.get(name, {})
            if all(have.get(k) == v for k, v in want.items()):
                report.append((f"topic {name}", "already exists"))
            else:
                to_alter.append(ConfigResource(ConfigResourceType.TOPIC, name, configs=want))
                report.append((f"topic {name}", "updated"))
        if to_alter:
            admin.alter_configs(to_alter)
        for name, replicas in _replication(admin, present).items():
            if replicas < settings.topic_replication:  # Kafka has no "set replication" call
                report.append((f"topic {name}", f"replication {replicas}, settings ask "
                               f"{settings.topic_replication}: raise it with kafka-reassign-partitions "
                               f"(docs/operations.md)"))
        return report
    finally:
        admin.close()


def ensure_changelog_topics(
    settings: Settings,
    changelogs: list[tuple[str, int, dict[str, str]]],
    *,
    admin_factory: Callable[[Settings], Any] = admin_client,
) -> list[tuple[str, str]]:
    """Create the Faust tables' changelog topics that are missing (name, partitions and the
    configs Faust would declare them with, see `streams.app.changelog_topics`), with Parley's
    replication and min.insync.replicas. A worker would create them itself on start, but its
    consumer may subscribe before the broker has them and then not see them for minutes
    (seen once in CI: "changelog topic ... has 0 partitions" on every delivery)."""
    admin = admin_factory(settings)
    try:
        existing = set(admin.list_topics())
        missing = {name: (partitions, configs) for name, partitions, configs in changelogs if name not in existing}
        if missing:
            admin.create_topics({
                name: {"num_partitions": partitions, "replication_factor": settings.topic_replication,
                       "configs": {**configs, "min.insync.replicas": str(settings.min_insync_replicas)}}
                for name, (partitions, configs) in missing.items()
            }, timeout_ms=30000, wait_for_metadata=True)
        return [(f"topic {name}", "created" if name in missing else "already exists") for name, _, _ in changelogs]
    finally:
        admin.close()
