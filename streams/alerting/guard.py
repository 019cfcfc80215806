"""Refusing unsafe channels when a subscription is written, not only when an alert is sent.

`ChannelGuard.check(channels)` applies the delivery-time rules to a subscription's
channels as the API receives them: a webhook or Slack URL whose host is not one the
SSRF guard admits (literal IPs at once, host names once resolved: a name that points
at 10.0.0.5 today is refused today), and a ``kafka`` topic outside
``PARLEY_KAFKA_CHANNEL_PREFIX``. A refusal is a `SubscriptionError` on ``channels``
with ``reason = "target_refused"`` (the API answers 400 with it).

Delivery checks again (`streams.notify.webhook`, `streams.notify.kafka`): DNS answers
change, and subscriptions written before an upgrade were never checked.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from processors.delivery import TargetPolicy, TargetRefused
from processors.errors import SubscriptionError
from processors.targets import KafkaTopicPolicy

from ..config import Settings
from ..topics import TOPICS
from .config import AlertSettings

__all__ = ["ChannelGuard", "kafka_topic_policy", "getaddrinfo_resolver"]

Resolve = Callable[[str, int], Awaitable[list[str]]]


def kafka_topic_policy(settings: Settings, alerting: AlertSettings) -> KafkaTopicPolicy:
    """Topics under the configured prefix; never Parley's own (with and without the topic
    prefix), Kafka's internal ``__*`` or Faust's ``<app id>-*`` changelog/repartition topics."""
    reserved = {t.name for t in TOPICS} | {settings.topic(t.name) for t in TOPICS}
    return KafkaTopicPolicy(alerting.kafka_channel_prefix, frozenset(reserved), ("__", f"{settings.app_id}-"))


async def getaddrinfo_resolver(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the system resolver, as aiohttp's default)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


class ChannelGuard:
    def __init__(self, policy: TargetPolicy, topics: KafkaTopicPolicy, *, resolve: Resolve = getaddrinfo_resolver,
                 timeout: float = 5.0) -> None:
        self.policy = policy
        self.topics = topics
        self.resolve = resolve
        self.timeout = timeout

    @classmethod
    def from_settings(cls, settings: Settings, alerting: AlertSettings) -> "ChannelGuard":
        return cls(TargetPolicy.parse(alerting.allow_targets), kafka_topic_policy(settings, alerting),
                   timeout=alerting.delivery_timeout)

    async def check(self, channels: Iterable[Mapping[str, Any]]) -> None:
        """Raise `SubscriptionError` (field ``channels``, reason ``target_refused``) for the first unsafe channel."""
        for i, ch in enumerate(channels):
            try:
                await self._check(ch)
            except TargetRefused as exc:
                err = SubscriptionError(f"channels[{i}] ({ch.get('type')}): target refused: {exc}", field="channels")
                err.reason = "target_refused"
                raise err from None

    async def _check(self, ch: Mapping[str, Any]) -> None:
        kind = ch.get("type")
        if kind == "kafka":
            self.topics.check(ch.get("topic"))
        elif kind in ("webhook", "slack"):
            target = self.policy.check_url(str(ch.get("url", "")))
            if target.ip is not None or target.host.rstrip(".") in self.policy.hosts:
                return
            try:
                addresses = await asyncio.wait_for(self.resolve(target.host, target.port), self.timeout)
            except (OSError, UnicodeError, asyncio.TimeoutError) as exc:
                raise TargetRefused(f"{target.host} does not resolve ({exc.__class__.__name__})") from None
            self.policy.check(target.host, addresses)
