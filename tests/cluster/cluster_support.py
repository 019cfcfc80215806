"""What the cluster failure tests measure: consumer lag from Kafka itself, partition leaders and
in-sync replicas, Elasticsearch shard placement, and a stream of articles produced in parts."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from streams.sources.producer import ArticleProducer
from streams.topics import ALERTS, ALERTS_MATCHES, ALERTS_RETRY, RAW, TAGGED

#: the topics the workers' consumer group reads
GROUP_TOPICS = (RAW, TAGGED, ALERTS_MATCHES, ALERTS, ALERTS_RETRY)


def end_offsets(kafka: str, topics: list[str]) -> dict[Any, int]:
    """TopicPartition -> end offset now, for every partition of `topics`."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=kafka, group_id=None, enable_auto_commit=False)
    try:
        tps = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        return consumer.end_offsets(tps)
    finally:
        consumer.close()


def behind(kafka: str, group: str, targets: dict[Any, int]) -> dict[str, int]:
    """Partitions where the consumer group has not yet committed up to `targets` ("topic[p]": records
    short), read from the brokers, not from the workers' metrics. Empty: caught up.

    A target rather than "committed == end": every worker sends a flush tick to every partition of
    alerts.matches each second, so its end moves on for ever; what matters is that everything
    in the topics at a given moment has been processed and committed."""
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=kafka, client_id="parley-lag", request_timeout_ms=10000)
    try:
        committed = admin.list_group_offsets(group).get(group) or {}
    finally:
        admin.close()
    out = {}
    for tp, target in targets.items():
        done = committed[tp].offset if tp in committed and committed[tp].offset >= 0 else 0
        if done < target:
            out[f"{tp.topic}[{tp.partition}]"] = target - done
    return out


def partitions(admin: Any, topics: list[str]) -> list[dict]:
    """describe_topics rows: {"topic", "partition", "leader", "replicas", "isr"}."""
    out = []
    for t in admin.describe_topics(topics):
        for p in t.get("partitions") or []:
            out.append({"topic": t["name"], "partition": p["partition_index"], "leader": p["leader_id"],
                        "replicas": list(p["replica_nodes"]), "isr": list(p["isr_nodes"])})
    return out


def primary_node(es: Any, index: str) -> str:
    """Node name holding the primary of shard 0 of `index` (a pattern is fine)."""
    rows = es.cat.shards(index=index, format="json")
    return next(r["node"] for r in rows if r["prirep"] == "p" and r["shard"] == "0" and r.get("node"))


def produce(settings: Any, articles: list[dict]) -> list[str]:
    """Send `articles` (acks=all, idempotent) and flush; the ids Kafka did not acknowledge."""
    failed: list[str] = []
    with ArticleProducer(settings) as producer:
        for a in articles:
            producer.send(a, on_error=lambda exc, i=a["id"]: failed.append(f"{i}: {exc!r}"))
        producer.flush(120)
    return failed


@dataclass
class Timer:
    """Named durations from one start, printed as a table at the end of a test."""

    name: str
    t0: float = field(default_factory=time.monotonic)
    marks: dict[str, float] = field(default_factory=dict)

    def mark(self, what: str) -> float:
        self.marks[what] = round(time.monotonic() - self.t0, 1)
        return self.marks[what]

    def report(self) -> str:
        return "\n".join(f"  {self.name}: {k:<52} {v:7.1f} s" for k, v in self.marks.items())


def duplicates(values: list[Any]) -> dict[Any, int]:
    return {k: n for k, n in Counter(values).items() if n > 1}


def hook_ids(hits: list[Any], path: str) -> tuple[set[str], dict[str, int]]:
    """(alert ids delivered on `path`, idempotency keys seen more than once on the wire)."""
    mine = [h for h in hits if h.path == path]
    return {json.loads(h.body)["id"] for h in mine}, duplicates([h.headers.get("x-parley-idempotency-key") for h in mine])
