"""Whether the Kafka and Elasticsearch clusters can hold what the settings ask (`parley setup`).

Pure: the callers count the brokers and data nodes and hand the numbers in.

    problems = kafka_problems(settings, brokers=1)
    # ["PARLEY_TOPIC_REPLICATION=3 needs 3 Kafka brokers, but the cluster at ... has 1: ..."]
"""

from __future__ import annotations

from processors.errors import ParleyError

from .config import Settings

__all__ = ["ClusterTooSmallError", "kafka_problems", "es_problems"]


class ClusterTooSmallError(ParleyError):
    """The settings ask for more copies than the cluster has nodes; the message says what to change."""

    reason = "cluster_too_small"


def kafka_problems(settings: Settings, brokers: int) -> list[str]:
    """What Kafka with `brokers` brokers cannot do of the topic settings (empty: all fine)."""
    rf, isr, parts = settings.topic_replication, settings.min_insync_replicas, settings.topic_partitions
    out = []
    if parts < 1:
        out.append(f"PARLEY_TOPIC_PARTITIONS={parts}: a topic needs at least 1 partition")
    if rf < 1:
        out.append(f"PARLEY_TOPIC_REPLICATION={rf}: a topic needs at least 1 replica")
    elif rf > brokers:
        out.append(f"PARLEY_TOPIC_REPLICATION={rf} needs {rf} Kafka brokers (each copy of a partition on its own "
                   f"broker), but the cluster at {settings.kafka_bootstrap} has {brokers}: set "
                   f"PARLEY_TOPIC_REPLICATION={brokers} or fewer, or add brokers")
    if rf >= 1 and not 1 <= isr <= rf:
        out.append(f"PARLEY_TOPIC_MIN_INSYNC={isr} must be between 1 and PARLEY_TOPIC_REPLICATION={rf}")
    return out


def es_problems(settings: Settings, data_nodes: int) -> list[str]:
    """What Elasticsearch with `data_nodes` data nodes cannot do of the index settings."""
    out = []
    if settings.es_shards is not None and settings.es_shards < 1:
        out.append(f"PARLEY_ES_SHARDS={settings.es_shards}: an index needs at least 1 shard")
    if settings.es_replicas is None:  # unset: the templates keep what they say
        pass
    elif settings.es_replicas < 0:
        out.append(f"PARLEY_ES_REPLICAS={settings.es_replicas}: replicas cannot be negative")
    elif settings.es_replicas >= data_nodes:
        out.append(f"PARLEY_ES_REPLICAS={settings.es_replicas} needs {settings.es_replicas + 1} Elasticsearch data "
                   f"nodes (a replica is never on its primary's node), but the cluster at {settings.es_url} has "
                   f"{data_nodes}: set PARLEY_ES_REPLICAS={max(data_nodes - 1, 0)} or add nodes "
                   f"(indices would stay yellow, unprotected)")
    return out
