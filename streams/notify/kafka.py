"""The ``kafka`` channel: the alert JSON on a topic of the user's choice, key = idempotency key."""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, Mapping

from processors.delivery import DeliveryError

from .base import Delivered

__all__ = ["KafkaNotifier"]

Send = Callable[[str, bytes, bytes], Awaitable[Any]]


class KafkaNotifier:
    kind = "kafka"

    def __init__(self, send: Send, *, topic_name: Callable[[str], str] = lambda t: t) -> None:
        self._send = send
        self._topic_name = topic_name

    async def send(self, alert: Mapping[str, Any], channel: Mapping[str, Any], *, key: str) -> Delivered:
        topic = self._topic_name(str(channel["topic"]))
        try:
            await self._send(topic, key.encode(), json.dumps(alert, ensure_ascii=False).encode())
        except Exception as exc:  # noqa: BLE001 - any producer failure is worth a retry
            raise DeliveryError(f"produce to {topic}: {exc.__class__.__name__}: {exc}") from exc
        return Delivered(f"topic {topic}")

    async def close(self) -> None:
        return None
