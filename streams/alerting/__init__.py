"""Alert delivery: subscriptions in Kafka, match/alert/notify agents, notifiers, REST API."""

__all__ = ["AlertSettings"]

from .config import AlertSettings  # noqa: E402
