"""The ``kafka`` channel: the alert JSON on a topic of the user's choice, key = idempotency key.

Only topics that `processors.targets.KafkaTopicPolicy` admits (names under
``PARLEY_KAFKA_CHANNEL_PREFIX``, never Parley's own topics): the check runs before
anything is sent, so a refused topic is never auto-created by the broker either.
A refusal raises ``TargetRefused`` (dead-lettered at once, not retried).
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, Mapping

from processors.delivery import DeliveryError
from processors.targets import KafkaTopicPolicy

from .base import Delivered

__all__ = ["KafkaNotifier"]

Send = Callable[[str, bytes, bytes], Awaitable[Any]]


class KafkaNotifier:
    kind = "kafka"

    def __init__(self, send: Send, *, policy: KafkaTopicPolicy | None = None,
                 topic_name: Callable[[str], str] = lambda t: t) -> None:
        self._send = send
        self._policy = policy or KafkaTopicPolicy()
        self._topic_name = topic_name

    async def send(self, alert: Mapping[str, Any], channel: Mapping[str, Any], *, key: str) -> Delivered:
        topic = self._topic_name(str(channel.get("topic")))
        self._policy.check(topic)
        try:
            await self._send(topic, key.encode(), json.dumps(alert, ensure_ascii=False).encode())
        except Exception as exc:  # noqa: BLE001 - any producer failure is worth a retry
            raise DeliveryError(f"produce to {topic}: {exc.__class__.__name__}: {exc}") from exc
        return Delivered(f"topic {topic}")

    async def close(self) -> None:
        return None
