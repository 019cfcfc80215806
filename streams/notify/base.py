"""The shape of a notifier (no driver imports here).

A notifier delivers one alert (or digest) to one channel of a subscription. It
returns :class:`Delivered` or raises :class:`processors.delivery.DeliveryError`
(``retryable`` says whether another attempt may help; ``TargetRefused`` never is).
``key`` is the idempotency key: the same alert on the same channel always has the
same key, and a notifier passes it on wherever the channel can honour it
(``X-Parley-Idempotency-Key`` header, the Kafka record key, the e-mail Message-ID).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Protocol, runtime_checkable

__all__ = ["Notifier", "Delivered"]


@dataclass(frozen=True)
class Delivered:
    detail: str = ""


@runtime_checkable
class Notifier(Protocol):
    #: the channel type it serves: "webhook", "slack", "email", "sse", "kafka"
    kind: str

    async def send(self, alert: Mapping[str, Any], channel: Mapping[str, Any], *, key: str) -> Delivered:
        ...

    async def close(self) -> None:
        ...
