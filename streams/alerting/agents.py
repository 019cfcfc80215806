"""The alert agents, thin: decode, call the core, hand the result on.

::

    articles.tagged --match--> alerts.matches (key = subscription id)
        --alert (StoryWindow, Throttle, DigestBuffer in a Faust table)--> alerts (key = alert id)
        --notify (DeliveryLanes: a lane and a circuit breaker per target)--> channels;
          alerts.deliveries; alerts.deadletter; alerts.retry --retry--> the lanes again
    alerts, alerts.deliveries --index--> Elasticsearch parley-alerts / parley-deliveries

Why two steps before ``alerts``: articles are partitioned by article id, but
de-duplication, throttle and digest are per subscription. Re-keying the matches
by subscription id puts every decision about one subscription in one partition,
so its state is one Faust table entry (changelog in Kafka, restored on restart
or rebalance) and two workers never race on it.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Mapping

from processors.alert_records import AlertState, iso, match_record
from processors.fingerprint import fingerprint

from ..metrics import Metrics
from ..notify.dispatch import redact, scrub_error
from ..notify.lanes import DeliveryLanes, Job
from .registry import SubscriptionRegistry

__all__ = ["make_match_agent", "make_alert_agent", "make_notify_agent", "make_retry_agent", "make_digest_ticker",
           "dead_letter_record", "lane_error_handler"]

Emit = Callable[[Mapping[str, Any]], Awaitable[Any]]

log = logging.getLogger(__name__)


def text_safe(value: Any) -> Any:
    """`value` with every string made encodable as UTF-8 (a lone surrogate becomes ``\\ud800``),
    so that a dead letter about a bad record can always be written."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, Mapping):
        return {text_safe(str(k)): text_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [text_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return text_safe(str(value))


def dead_letter_record(stage: str, exc: BaseException, record: Any, *, now: float, **ids: Any) -> dict[str, Any]:
    """What goes to ``alerts.deadletter`` when a record cannot be processed: why, and the record."""
    return text_safe({"stage": stage, "reason": f"{stage}_error", "error": f"{exc.__class__.__name__}: {exc}"[:2000],
                      "at": iso(now), **ids, "record": record})


def lane_error_handler(deadletter: Emit, metrics: Metrics | None = None,
                       clock: Callable[[], float] = time.time) -> Callable[[Job, BaseException], Awaitable[None]]:
    """`DeliveryLanes.on_error`: a job that keeps raising (a bug, not a delivery failure) is
    dead-lettered (reason ``notify_error``, no URL credentials or secrets in the error) and
    the lane settles it, so its alert's offset moves on and no other alert waits for it."""

    async def on_error(job: Job, exc: BaseException) -> None:
        log.warning("notify failed alert=%s channel_index=%s error=%r", job.alert.get("id"), job.index,
                    scrub_error(str(exc), job.channel)[:200])
        if metrics is not None:
            metrics.deadletters.labels(stage="notify", reason="notify_error").inc()
        rec = dead_letter_record("notify", exc, job.alert, now=clock(), alert_id=job.alert.get("id"),
                                 subscription_id=(job.alert.get("subscription") or {}).get("id"),
                                 channel=job.channel.get("type"), channel_index=job.index, target=redact(job.channel))
        rec["error"] = scrub_error(rec["error"], job.channel)
        await deadletter(rec)

    return on_error


def _kafka_ts(event: Any) -> float | None:
    """The record's Kafka timestamp in epoch seconds (Faust gives seconds)."""
    ts = getattr(getattr(event, "message", None), "timestamp", None)
    return ts / 1000.0 if ts and ts > 1e11 else ts


def make_match_agent(*, registry: SubscriptionRegistry, matches_topic: Any, deadletter: Emit | None = None,
                     clock: Callable[[], float] = time.time):
    """Articles -> matches re-keyed by subscription; a match that cannot be sent is dead-lettered
    (reason ``match_error``) and the article's other matches still go."""

    async def match_articles(stream: Any) -> None:
        await registry.ready.wait()  # never match with a half-loaded index after a restart
        async for event in stream.events():
            article = event.value
            if not isinstance(article, Mapping) or not article.get("id") or not len(registry.index):
                continue
            try:
                matches = registry.index.match(article)
            except Exception as exc:  # noqa: BLE001 - a matcher bug must not stop the worker
                log.warning("match failed article=%s error=%r", article.get("id"), str(exc)[:200])
                continue
            if not matches:
                continue
            fp = fingerprint(article)
            now = clock()
            trace = {"tagged": _kafka_ts(event), "matched": now}
            for m in matches:
                try:
                    rec = match_record(article, m, now=now, fp=fp)
                    rec["trace"] = trace
                    await matches_topic.send(key=m.subscription_id.encode(), value=rec)
                except Exception as exc:  # noqa: BLE001 - one match lost to a bug is dead-lettered, not the rest
                    log.warning("match not sent article=%s subscription=%s error=%r", article.get("id"),
                                m.subscription_id, str(exc)[:200])
                    if deadletter is not None:
                        await deadletter(dead_letter_record("match", exc, {"article_id": article.get("id")}, now=now,
                                                            subscription_id=m.subscription_id))

    return match_articles


def make_alert_agent(*, registry: SubscriptionRegistry, table: Any, alerts_topic: Any, metrics: Metrics,
                     window_s: float, story_cap: int, deadletter: Emit, checkpoint_s: float = 1.0,
                     clock: Callable[[], float] = time.time):
    """Decisions per subscription; its `AlertState` is checkpointed to `table` (key = subscription id).

    A state holds up to `story_cap` stories with their sketches (~1.5 KB each): writing
    it on every match would put megabytes a second into the changelog for a busy
    subscription. So a state is written at most every `checkpoint_s` per subscription,
    and at once when its throttle or digest changed (a restart must not forget those);
    ``{"flush": true}`` ticks (one per partition, see `make_digest_ticker`) write the
    states left dirty. The in-memory state is used while it is the one built from the
    table's current value; after a rebalance or restart it is rebuilt from the table.

    A record that cannot be decided, or an alert that cannot be sent, goes to `deadletter`
    (``alerts.deadletter``, reason ``alert_error``) and the agent goes on with the next:
    one bad subscription or record never loses another's alerts.
    """
    cache: dict[str, tuple[Any, AlertState]] = {}  # sub id -> (table value it matches, state)
    saved_at: dict[str, float] = {}                # sub id -> last checkpoint
    dirty: dict[int, set[str]] = {}                # partition -> subs changed since their checkpoint

    def state_of(sid: str) -> AlertState:
        stored = table.get(sid)
        hit = cache.get(sid)
        if hit is not None and hit[0] is stored:
            return hit[1]
        st = AlertState.from_dict(stored, window_s=window_s, story_cap=story_cap, clock=clock)
        cache[sid] = (stored, st)
        return st

    def save(sid: str, st: AlertState, now: float) -> None:
        table[sid] = st.to_dict()
        cache[sid] = (table.get(sid), st)
        saved_at[sid] = now

    def flush(partition: int, now: float) -> None:
        subs = dirty.pop(partition, set())
        for sid in subs:
            if sid in cache and table.get(sid) is cache[sid][0]:  # not rebuilt from a newer value meanwhile
                save(sid, cache[sid][1], now)

    def decide_one(sid: str, sub: Any, rec: Mapping[str, Any], partition: int, now: float) -> list[dict[str, Any]]:
        st = state_of(sid)
        paced = st.pacing_version()
        out = st.due_digests(sub.to_dict()) if rec.get("tick") else st.decide(sub.to_dict(), rec)
        subs = dirty.setdefault(partition, set())
        if st.pacing_version() != paced or now - saved_at.get(sid, 0.0) >= checkpoint_s:
            save(sid, st, now)
            subs.discard(sid)
        else:
            subs.add(sid)
        return out

    async def decide(stream: Any) -> None:
        await registry.ready.wait()
        async for event in stream.events():
            rec = event.value
            partition = event.message.partition
            if not isinstance(rec, Mapping):
                continue
            now = clock()
            if rec.get("flush"):
                flush(partition, now)
                continue
            sid = str(rec.get("subscription_id"))
            sub = registry.get(sid)
            if sub is None or not sub.active:
                continue
            try:
                out = decide_one(sid, sub, rec, partition, now)
            except Exception as exc:  # noqa: BLE001 - dead-letter it; never stop the partition
                log.warning("alert decision failed subscription=%s error=%r", sid, str(exc)[:200])
                metrics.deadletters.labels(stage="alert", reason="alert_error").inc()
                await deadletter(dead_letter_record("alert", exc, rec, now=now, subscription_id=sid))
                continue
            for alert in out:
                if alert["kind"] == "alert" and isinstance(rec.get("trace"), Mapping):
                    alert["trace"] = {**rec["trace"], "queued": _kafka_ts(event), "decided": now}
                try:
                    await alerts_topic.send(key=str(alert["id"]).encode(), value=alert)
                except Exception as exc:  # noqa: BLE001 - this alert is dead-lettered, the next ones still go
                    log.warning("alert not sent alert=%s error=%r", alert.get("id"), str(exc)[:200])
                    metrics.deadletters.labels(stage="alert", reason="alert_error").inc()
                    await deadletter(dead_letter_record("alert", exc, alert, now=now, subscription_id=sid,
                                                        alert_id=alert.get("id")))
                    continue
                if alert["kind"] != "update":
                    metrics.alerts.inc()

    return decide


@dataclass(frozen=True)
class Ticks:
    flush: Callable[[], Awaitable[None]]
    digest: Callable[[], Awaitable[None]]


def make_digest_ticker(*, registry: SubscriptionRegistry, matches_topic: Any, partitions: int) -> Ticks:
    """Timer bodies: a flush tick per partition (states left dirty are checkpointed) and a
    digest tick per digest subscription (its partition's agent sends what is due)."""

    async def flush() -> None:
        if registry.ready.is_set():
            for p in range(partitions):
                await matches_topic.send(value={"flush": True}, partition=p)

    async def digest() -> None:
        if registry.ready.is_set():
            for sub in registry.all():
                if sub.digest and sub.active:
                    await matches_topic.send(key=sub.id.encode(), value={"subscription_id": sub.id, "tick": True})

    return Ticks(flush, digest)


def _acker(stream: Any, event: Any, parts: int) -> Callable[[], Awaitable[None]]:
    """A `done` callback acking `event` once all `parts` of it are settled."""
    left = [parts]

    async def done() -> None:
        left[0] -= 1
        if left[0] == 0:
            await stream.ack(event)

    return done


async def _room(lanes: DeliveryLanes, max_pending: int) -> None:
    """Backpressure only when this worker holds `max_pending` unsettled jobs (a bound on memory)."""
    while lanes.pending() >= max_pending:
        await asyncio.sleep(0.05)


def make_notify_agent(*, registry: SubscriptionRegistry, lanes: DeliveryLanes, max_pending: int = 10_000,
                      deadletter: Emit | None = None, clock: Callable[[], float] = time.time):
    """Hands each channel of an alert to its target's lane and goes on at once (streams/notify/lanes.py).

    Acks are manual: an alert's offset is committed only once every channel is
    delivered, dead-lettered or parked on ``alerts.retry``. An alert that cannot be
    handed to the lanes (a bug) goes to `deadletter` (reason ``notify_error``) and is
    acked; the next alerts go on. A job that keeps failing in its lane is dead-lettered
    there (`lane_error_handler`).
    """

    async def lost(alert: Any, exc: BaseException, **ids: Any) -> None:
        log.warning("notify failed alert=%s error=%r", alert.get("id") if isinstance(alert, Mapping) else None,
                    str(exc)[:200])
        if deadletter is not None:
            await deadletter(dead_letter_record("notify", exc, alert, now=clock(), **ids))

    async def notify(stream: Any) -> None:
        await registry.ready.wait()
        manual = stream.noack()
        async for event in manual.events():
            alert = event.value
            if not isinstance(alert, Mapping) or alert.get("kind") not in ("alert", "digest"):
                await manual.ack(event)  # updates go to Elasticsearch and SSE only: a channel hears a story once
                continue
            sub = registry.get(str((alert.get("subscription") or {}).get("id")))
            if sub is None or not sub.channels:
                if sub is None:
                    log.info("alert for a deleted subscription dropped alert=%s", alert.get("id"))
                await manual.ack(event)
                continue
            try:
                await _room(lanes, max_pending)
                ctx = contextvars.copy_context()
                channels = list(sub.channels)
                done = _acker(manual, event, len(channels))
                now = clock()
                jobs = [Job(alert, i, channel, attempt=1, first_at=now, done=done, context=ctx, event=event)
                        for i, channel in enumerate(channels)]
            except Exception as exc:  # noqa: BLE001 - dead-letter this alert; never stop the partition
                await lost(alert, exc, alert_id=alert.get("id"), subscription_id=sub.id)
                await manual.ack(event)
                continue
            for job in jobs:
                try:
                    lanes.submit(job)
                except Exception as exc:  # noqa: BLE001 - this channel is dead-lettered and counts as settled
                    await lost(alert, exc, alert_id=alert.get("id"), subscription_id=sub.id, channel_index=job.index)
                    await done()

    return notify


def make_retry_agent(*, registry: SubscriptionRegistry, lanes: DeliveryLanes, max_pending: int = 10_000,
                     deadletter: Emit | None = None, clock: Callable[[], float] = time.time):
    """Reads ``alerts.retry``: each parked job goes back to its lane at its ``not_before`` time.

    The channel is looked up again in the subscription (a deleted subscription or
    channel gets no more attempts; an edited URL gets the new one). The record is
    acked once its job is settled again (delivered, dead-lettered or parked anew). A record
    that cannot be read back into a job goes to `deadletter` (reason ``retry_error``) and is acked.
    """

    async def retry(stream: Any) -> None:
        await registry.ready.wait()
        manual = stream.noack()
        async for event in manual.events():
            rec = event.value
            alert = rec.get("alert") if isinstance(rec, Mapping) else None
            if not isinstance(alert, Mapping) or "id" not in alert:
                await manual.ack(event)
                continue
            sub = registry.get(str((alert.get("subscription") or {}).get("id")))
            index = rec.get("channel_index")
            channels = list(sub.channels) if sub is not None else []
            if not isinstance(index, int) or not 0 <= index < len(channels) \
                    or channels[index].get("type") != rec.get("channel_type"):
                log.info("retry dropped: subscription or channel gone alert=%s channel_index=%s", alert.get("id"), index)
                await manual.ack(event)
                continue
            try:
                await _room(lanes, max_pending)
                job = Job(alert, index, channels[index], attempt=int(rec.get("attempt") or 1),
                          first_at=float(rec.get("first_at") or clock()), done=_acker(manual, event, 1),
                          context=contextvars.copy_context(), event=event, deferrals=int(rec.get("deferrals") or 0))
                lanes.submit_later(job, float(rec.get("not_before") or 0) - clock())
            except Exception as exc:  # noqa: BLE001 - dead-letter this record; never stop the partition
                log.warning("retry failed alert=%s error=%r", alert.get("id"), str(exc)[:200])
                if deadletter is not None:
                    await deadletter(dead_letter_record("retry", exc, rec, now=clock(), alert_id=alert.get("id"),
                                                        subscription_id=sub.id if sub is not None else None,
                                                        channel_index=index))
                await manual.ack(event)

    return retry
