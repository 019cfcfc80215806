"""The Kafka topics of Parley and their settings, as data.

`parley setup` creates them (``streams.commands.setup``) and the Faust app
(``streams.app``) refers to them by the same logical names; the real name is
``settings.topic(name)`` so a prefix can isolate tests or environments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .config import Settings

__all__ = ["TopicSpec", "TOPICS", "RAW", "TAGGED", "DEADLETTER", "SUBSCRIPTIONS", "FEEDS_SEEN", "topic_configs",
           "ALERTS", "ALERTS_DEADLETTER", "ALERTS_DELIVERIES", "ALERTS_MATCHES", "ALERTS_RETRY"]

DAY_MS = 24 * 3600 * 1000

RAW = "articles.raw"
TAGGED = "articles.tagged"
DEADLETTER = "articles.deadletter"
SUBSCRIPTIONS = "subscriptions"
ALERTS = "alerts"
ALERTS_DEADLETTER = "alerts.deadletter"
ALERTS_DELIVERIES = "alerts.deliveries"
ALERTS_MATCHES = "alerts.matches"
ALERTS_RETRY = "alerts.retry"
FEEDS_SEEN = "feeds.seen"


@dataclass(frozen=True)
class TopicSpec:
    """A topic: logical name, retention policy and what it carries."""

    name: str
    #: "delete" with ``retention`` ("days" or "deadletter_days") or "compact"
    cleanup: str
    retention: str | None
    doc: str


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(RAW, "delete", "days", "articles as produced by ingest/feeds/HTTP: raw JSON bytes, key = article id"),
    TopicSpec(TAGGED, "delete", "days", "tag_article output (JSON, with text), key = article id"),
    TopicSpec(DEADLETTER, "delete", "deadletter_days", "what could not be tagged or indexed, with reason and original bytes"),
    TopicSpec(SUBSCRIPTIONS, "compact", None, "alert subscriptions, key = subscription id (latest wins)"),
    TopicSpec(ALERTS, "delete", "days", "matches of subscriptions"),
    TopicSpec(ALERTS_DEADLETTER, "delete", "deadletter_days", "alerts that could not be delivered"),
    TopicSpec(ALERTS_DELIVERIES, "delete", "days", "delivery attempts log"),
    TopicSpec(ALERTS_RETRY, "delete", "days", "internal: deliveries parked for a later attempt (failed, circuit open, "
              "lane full), key = alert id"),
    TopicSpec(ALERTS_MATCHES, "delete", "days", "internal: matches re-keyed by subscription id for the alert agent"),
    TopicSpec(FEEDS_SEEN, "compact", None, "feed items already ingested, key = item id (feed poller state)"),
)


def topic_configs(spec: TopicSpec, settings: Settings) -> Mapping[str, str]:
    """Kafka topic-level configs for ``spec`` (strings, as the admin API wants)."""
    configs = {"max.message.bytes": str(settings.max_message_bytes),
               "min.insync.replicas": str(settings.min_insync_replicas)}
    if spec.cleanup == "compact":
        configs["cleanup.policy"] = "compact"
    else:
        configs["cleanup.policy"] = "delete"
        days = settings.deadletter_retention_days if spec.retention == "deadletter_days" else settings.retention_days
        configs["retention.ms"] = str(days * DAY_MS)
    return configs
