"""Delivering one alert to one channel: an attempt, its log record, the dead letter.

`Dispatcher.attempt` makes one attempt and says what happened (delivered, skipped
because the done-store has its idempotency key, retry, failed, rejected); every
attempt is logged (``log(record)`` -> ``alerts.deliveries`` and Elasticsearch) and
a channel given up is dead-lettered (``deadletter(record)`` -> ``alerts.deadletter``,
with the reason). In the worker the delivery lanes (`streams.notify.lanes`) call it
and park retries on ``alerts.retry``; `Dispatcher.deliver` makes all attempts
inline with backoff (`processors.delivery.backoff_schedule`), for callers without
Kafka. At-least-once either way, and the idempotency key makes a repeat harmless.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable, Mapping

from processors.alert_records import iso
from processors.delivery import DeliveryError, backoff_schedule, idempotency_key
from processors.targets import redact_url, scrub

from ..metrics import Metrics
from ..sinks.es_docs import parse_date
from .base import Notifier

__all__ = ["Dispatcher", "redact", "scrub_error"]

log = logging.getLogger(__name__)

Emit = Callable[[Mapping[str, Any]], Awaitable[Any]]


def redact(channel: Mapping[str, Any]) -> str:
    """Where a channel points, without secrets: ``host[:port]`` of a URL, no user, password,
    path or query (webhook paths and query strings are often tokens)."""
    kind = channel.get("type")
    if kind in ("webhook", "slack"):
        return redact_url(str(channel.get("url", "")))
    if kind == "email":
        to = channel.get("to")
        return ",".join(to) if isinstance(to, list) else str(to)
    if kind == "kafka":
        return str(channel.get("topic"))
    return str(kind)


def scrub_error(text: str, channel: Mapping[str, Any]) -> str:
    """An error message without the channel's URL secrets or its signing secret."""
    urls = [str(channel["url"])] if channel.get("url") else []
    secrets = [str(channel["secret"])] if channel.get("secret") else []
    return scrub(text, urls, secrets)


def _ts(value: Any) -> float | None:
    dt = parse_date(value)
    return None if dt is None else dt.timestamp()


class Dispatcher:
    """`done`: what was delivered, by idempotency key (``get(key)`` and ``done[key] = True``;
    a Faust table in the worker, so a replay after a restart skips what was sent)."""

    def __init__(self, notifiers: Mapping[str, Notifier], *, metrics: Metrics, log_delivery: Emit, deadletter: Emit,
                 done: Any = None, attempts: int = 4, backoff: float = 0.5,
                 backoff_cap: float = 30.0, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 clock: Callable[[], float] = time.time) -> None:
        self.notifiers = dict(notifiers)
        self.metrics = metrics
        self.log_delivery = log_delivery
        self.deadletter = deadletter
        self.done = done if done is not None else {}
        # keys being sent right now: after a restart the same alert can come back twice at
        # once (replayed from `alerts` and parked on `alerts.retry`); the second must not
        # pass the done-check while the first is still on the wire
        self._sending: set[str] = set()
        self.attempts = max(1, attempts)
        self.waits = backoff_schedule(self.attempts, base=backoff, cap=backoff_cap)
        self.sleep = sleep
        self.clock = clock

    async def deliver(self, alert: Mapping[str, Any], channels: list[Mapping[str, Any]]) -> list[str]:
        """Deliver to every channel; returns each channel's final status."""
        return list(await asyncio.gather(*(self._one(alert, i, ch) for i, ch in enumerate(channels))))

    async def _one(self, alert: Mapping[str, Any], index: int, channel: Mapping[str, Any]) -> str:
        """All attempts inline, with backoff (the delivery lanes instead park retries in Kafka)."""
        status = "failed"
        for attempt in range(1, self.attempts + 1):
            status = await self.attempt(alert, index, channel, attempt, last=attempt == self.attempts)
            if status != "retry":
                break
            await self.sleep(self.waits[attempt - 1])
        return "failed" if status == "rejected" else status

    def wait_before(self, attempt: int) -> float:
        """Seconds to wait before attempt number `attempt` (2, 3, ...)."""
        return self.waits[min(max(attempt - 2, 0), len(self.waits) - 1)] if self.waits else 0.0

    async def attempt(self, alert: Mapping[str, Any], index: int, channel: Mapping[str, Any], attempt: int, *,
                      last: bool) -> str:
        """One attempt on one channel, logged. Returns

        - ``"delivered"``, or ``"skipped"`` (the done-store has the key: a replay);
        - ``"retry"``: a retryable failure and not `last` (the caller schedules the next attempt);
        - ``"failed"``: a retryable failure on the `last` attempt, dead-lettered (the target is unwell);
        - ``"rejected"``: not retryable (refused target, 4xx, notifier bug), dead-lettered.
        """
        key = idempotency_key(str(alert["id"]), index, channel)
        if self.done.get(key) or key in self._sending:
            return "skipped"
        self._sending.add(key)
        try:
            return await self._attempt(alert, index, channel, attempt, key, last=last)
        finally:
            self._sending.discard(key)

    async def _attempt(self, alert: Mapping[str, Any], index: int, channel: Mapping[str, Any], attempt: int,
                       key: str, *, last: bool) -> str:
        kind = str(channel.get("type"))
        notifier = self.notifiers.get(kind)
        started = self.clock()
        try:
            if notifier is None:
                raise DeliveryError(f"no notifier for channel type {kind!r}", retryable=False)
            result = await notifier.send(alert, channel, key=key)
        except DeliveryError as exc:
            error = scrub_error(str(exc), channel)
            final = not exc.retryable or last
            await self._log(alert, key, channel, "failed" if final else "retry", attempt, error, started)
            if not final:
                return "retry"
            await self.give_up(alert, index, channel, exc.reason, error, attempt)
            return "failed" if exc.retryable else "rejected"
        except Exception as exc:  # noqa: BLE001 - a notifier bug: dead-letter, do not crash the worker
            error = scrub_error(f"{exc.__class__.__name__}: {exc}", channel)
            await self._log(alert, key, channel, "failed", attempt, error, started)
            await self.give_up(alert, index, channel, "notifier_error", error, attempt)
            return "rejected"
        self.done[key] = True
        self.metrics.alert_deliveries.labels(channel=kind, status="delivered").inc()
        arrived = _ts(alert.get("ingested_at")) or _ts(alert.get("created_at"))
        if arrived is not None:
            self.metrics.alert_delivery_seconds.labels(channel=kind).observe(max(0.0, self.clock() - arrived))
        await self._log(alert, key, channel, "delivered", attempt, scrub_error(result.detail, channel), started)
        return "delivered"

    async def give_up(self, alert: Mapping[str, Any], index: int, channel: Mapping[str, Any], reason: str,
                      error: str, attempts: int) -> None:
        """Dead-letter one channel of `alert` (``alerts.deadletter``, with the reason)."""
        kind = str(channel.get("type"))
        key = idempotency_key(str(alert["id"]), index, channel)
        error = scrub_error(error, channel)  # whoever gives up, no URL credentials or secrets in the dead letter
        self.metrics.alert_deliveries.labels(channel=kind, status="failed").inc()
        if isinstance(reason, str) and reason == "delivery_failed" and "HTTP" in error:
            reason = "http_error"
        log.warning("delivery failed alert=%s channel=%s target=%s reason=%s error=%r",
                    alert.get("id"), kind, redact(channel), reason, error[:200])
        await self.deadletter({"alert_id": alert.get("id"), "subscription_id": (alert.get("subscription") or {}).get("id"),
                               "channel": kind, "channel_index": index, "target": redact(channel),
                               "idempotency_key": key, "reason": reason, "error": error[:2000],
                               "attempts": attempts,
                               "at": iso(self.clock()), "alert": dict(alert)})

    async def _log(self, alert: Mapping[str, Any], key: str, channel: Mapping[str, Any], status: str, attempt: int,
                   detail: str, started: float) -> None:
        now = self.clock()
        await self.log_delivery({
            "id": f"{key}#{attempt}", "alert_id": alert.get("id"), "idempotency_key": key,
            "subscription_id": (alert.get("subscription") or {}).get("id"), "channel": channel.get("type"),
            "target": redact(channel), "status": status, "attempts": attempt,
            "error": detail if status != "delivered" else "", "detail": detail, "at": iso(now),
            "duration_ms": round((now - started) * 1000, 1),
        })
