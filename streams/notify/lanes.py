"""Delivery lanes: one bounded lane and one circuit breaker per target, retries parked in Kafka.

Why: with every delivery awaited in the notify agent, one receiver that hangs
held the agent's slots for its timeout times its attempts, and every other
owner's alerts queued behind it (0.13 s became 42 s). Now:

- each channel's target (``scheme://host:port`` of a webhook or Slack URL, the
  SMTP relay, the Kafka cluster, SSE) has its own lane: a queue of at most
  `queue_size` jobs worked by at most `per_target` tasks. Targets never wait for
  each other; `submit` never blocks.
- a `processors.limits.CircuitBreaker` per target: after `failures` failed
  attempts in a row it opens for `cooldown` seconds. A job whose target is open,
  or whose lane is full, is not tried: it is *parked* (``park(record)`` ->
  the ``alerts.retry`` topic) with a ``not_before`` time, so it costs nothing now.
- a retryable failure is parked the same way, for the next attempt after the
  dispatcher's backoff; the last attempt (or a job older than `max_age`) is
  dead-lettered by the dispatcher.

Nothing lives only in memory: the caller passes each job a `done` callback that
acks its Kafka record, called once the job is delivered, dead-lettered or
parked in Kafka. Offsets are committed only up to the oldest job not yet done
(the agents hand Faust their acks in offset order, `streams.alerting.agents.OrderedAcks`:
Faust itself commits over an unacked offset when acks come out of order),
so a restart replays what was in a lane; the dispatcher's done-store makes the
replay of an already delivered job a no-op.

A job whose attempt raises (not a delivery failure, which the dispatcher handles, but
e.g. Kafka unreachable while logging or parking) is tried again after `cooldown`;
after `max_errors` such errors in a row it is handed to `on_error` (the worker
dead-letters it, reason ``notify_error``) and settled, so a job that always fails
(a bug) never holds its offset for good. If `on_error` fails too, it is tried again.

Each job runs in the `contextvars.Context` captured when its record was read,
so Faust's ``current_event()`` (which the windowed done-table needs) is that record.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Awaitable, Callable, Mapping
from urllib.parse import urlsplit

from processors.limits import CircuitBreaker

from .dispatch import Dispatcher

__all__ = ["DeliveryLanes", "Job", "target_of", "retry_record"]

log = logging.getLogger(__name__)


def target_of(channel: Mapping[str, Any]) -> str:
    """The lane of a channel: where its deliveries go (no path, no credentials).

    >>> target_of({"type": "webhook", "url": "https://u:p@hooks.example.org/T/secret"})
    'webhook:https://hooks.example.org:443'
    """
    kind = str(channel.get("type"))
    if kind in ("webhook", "slack"):
        try:
            parts = urlsplit(str(channel.get("url", "")))
            host = (parts.hostname or "?").lower()
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return f"{kind}:?"
        return f"{kind}:{parts.scheme}://{host}:{port}"
    return kind


@dataclass
class Job:
    """One channel of one alert, at its `attempt` (1-based)."""

    alert: Mapping[str, Any]
    index: int
    channel: Mapping[str, Any]
    attempt: int = 1
    #: when the first attempt was due (epoch s); a job older than ``max_age`` is given up
    first_at: float = 0.0
    #: called once when the job is settled (delivered, dead-lettered or parked in Kafka)
    done: Callable[[], Awaitable[Any]] | None = None
    context: contextvars.Context | None = None
    #: keeps the Kafka event alive while the job is pending (Faust holds only a weak reference)
    event: Any = None
    deferrals: int = 0
    #: errors in a row while running it (not delivery failures); see `DeliveryLanes.max_errors`
    errors: int = 0


def retry_record(job: Job, *, not_before: float, reason: str) -> dict[str, Any]:
    """What goes on ``alerts.retry`` for `job` (the channel itself is looked up again on retry)."""
    return {"alert": dict(job.alert), "channel_index": job.index, "channel_type": job.channel.get("type"),
            "attempt": job.attempt, "first_at": job.first_at, "not_before": not_before, "reason": reason,
            "deferrals": job.deferrals}


@dataclass
class _Lane:
    queue: collections.deque = field(default_factory=collections.deque)
    running: int = 0


class DeliveryLanes:
    """`submit(job)` puts a job in its target's lane (never blocks); see the module docstring."""

    def __init__(self, dispatcher: Dispatcher, *, park: Callable[[Mapping[str, Any]], Awaitable[Any]],
                 per_target: int = 4, queue_size: int = 500, failures: int = 5, cooldown: float = 30.0,
                 max_age: float = 3600.0, clock: Callable[[], float] = time.time,
                 on_error: Callable[[Job, BaseException], Awaitable[Any]] | None = None,
                 max_errors: int = 3) -> None:
        self.dispatcher = dispatcher
        self.park = park
        self.per_target = max(1, per_target)
        self.queue_size = max(1, queue_size)
        self.failures, self.cooldown, self.max_age = failures, cooldown, max_age
        self.clock = clock
        self.on_error = on_error
        self.max_errors = max(1, max_errors)
        self.lanes: dict[str, _Lane] = {}
        self.breakers: dict[str, CircuitBreaker] = {}
        self._tasks: set[asyncio.Task] = set()
        self._waiting = 0

    def breaker(self, target: str) -> CircuitBreaker:
        br = self.breakers.get(target)
        if br is None:
            br = self.breakers[target] = CircuitBreaker(failures=self.failures, cooldown=self.cooldown)
        return br

    def pending(self) -> int:
        """Jobs not settled yet: queued, running, or waiting for their retry time."""
        return self._waiting + sum(len(lane.queue) + lane.running for lane in self.lanes.values())

    def submit(self, job: Job) -> None:
        if not job.first_at:
            job.first_at = self.clock()
        target = target_of(job.channel)
        lane = self.lanes.setdefault(target, _Lane())
        if len(lane.queue) >= self.queue_size:
            self._spawn(self._defer(job, self.clock() + self.cooldown / 2, "lane_full"), job.context)
            return
        lane.queue.append(job)
        if lane.running < self.per_target:
            lane.running += 1
            self._spawn(self._work(target, lane), None)

    def submit_later(self, job: Job, delay: float) -> None:
        """`submit` after `delay` seconds (a parked job read back before its ``not_before``)."""
        if delay <= 0:
            self.submit(job)
            return

        async def later() -> None:
            self._waiting += 1
            try:
                await asyncio.sleep(delay)
            finally:
                self._waiting -= 1
            self.submit(job)

        self._spawn(later(), job.context)

    def _spawn(self, coro: Awaitable[Any], context: contextvars.Context | None) -> None:
        task = asyncio.get_running_loop().create_task(coro, context=context)  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _work(self, target: str, lane: _Lane) -> None:
        try:
            while lane.queue:
                job = lane.queue.popleft()
                run = asyncio.get_running_loop().create_task(self._run(target, job), context=job.context)  # type: ignore[call-arg]
                try:
                    await asyncio.shield(run)
                except asyncio.CancelledError:
                    run.cancel()
                    raise
                except Exception as exc:  # noqa: BLE001 - e.g. Kafka unreachable while parking
                    job.errors += 1
                    if self.on_error is not None and job.errors >= self.max_errors and await self._give_up(job, exc):
                        continue
                    # the job is not settled (its offset stays uncommitted): try it again shortly,
                    # rather than leave it to the next restart
                    log.warning("delivery job error alert=%s target=%s error=%r (again in %.0f s)",
                                job.alert.get("id"), target, str(exc)[:200], self.cooldown)
                    self.submit_later(job, self.cooldown)
        finally:
            lane.running -= 1
            if not lane.queue and not lane.running:
                self.lanes.pop(target, None)

    async def _give_up(self, job: Job, exc: BaseException) -> bool:
        """Hand a job that keeps raising to `on_error` and settle it; False if that failed too."""
        try:
            await asyncio.get_running_loop().create_task(self._errored(job, exc), context=job.context)  # type: ignore[call-arg]
        except Exception as again:  # noqa: BLE001 - e.g. Kafka still unreachable: try the job again later
            log.warning("delivery job not dead-lettered alert=%s error=%r", job.alert.get("id"), str(again)[:200])
            return False
        return True

    async def _errored(self, job: Job, exc: BaseException) -> None:
        assert self.on_error is not None
        await self.on_error(job, exc)
        await self._settle(job)

    async def _run(self, target: str, job: Job) -> None:
        breaker = self.breaker(target)
        now = self.clock()
        if not breaker.allow(now):
            await self._defer(job, breaker.retry_at(now), "circuit_open")
            return
        last = job.attempt >= self.dispatcher.attempts or now - job.first_at >= self.max_age
        status = await self.dispatcher.attempt(job.alert, job.index, job.channel, job.attempt, last=last)
        if status in ("retry", "failed"):
            breaker.failure(self.clock())
            if breaker.state(self.clock()) == "open" and breaker.consecutive == breaker.threshold:
                log.warning("circuit open target=%s failures=%d cooldown_s=%.0f", target, breaker.consecutive,
                            breaker.cooldown)
        else:  # delivered, skipped, or rejected by a target that answered
            if status != "skipped":
                breaker.success()
            else:
                breaker.probing = False
        if status == "retry":
            nxt = replace(job, attempt=job.attempt + 1)
            await self._park(nxt, self.clock() + self.dispatcher.wait_before(nxt.attempt), "retry")
            return
        await self._settle(job)

    async def _defer(self, job: Job, not_before: float, reason: str) -> None:
        """Not tried now (circuit open, lane full): parked without spending an attempt, or given up when too old."""
        self.dispatcher.metrics.alert_deliveries.labels(channel=str(job.channel.get("type")), status="deferred").inc()
        if self.clock() - job.first_at >= self.max_age:
            await self.dispatcher.give_up(job.alert, job.index, job.channel, "target_unavailable",
                                          f"{reason}: not delivered within {self.max_age:.0f} s", job.attempt - 1)
            await self._settle(job)
            return
        await self._park(replace(job, deferrals=job.deferrals + 1), not_before, reason)

    async def _park(self, job: Job, not_before: float, reason: str) -> None:
        await self.park(retry_record(job, not_before=not_before, reason=reason))
        await self._settle(job)

    async def _settle(self, job: Job) -> None:
        if job.done is not None:
            await job.done()

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
