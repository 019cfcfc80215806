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
import collections
import contextvars
import logging
import time
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Mapping

from processors.alert_records import AlertState, iso, match_record
from processors.fingerprint import fingerprint
from processors.rule_alerts import apply_rule, load_state
from processors.rules import SpikeRule

from ..metrics import Metrics
from ..notify.dispatch import redact, scrub_error
from ..notify.lanes import DeliveryLanes, Job
from .registry import SubscriptionRegistry

__all__ = ["make_match_agent", "make_alert_agent", "make_notify_agent", "make_retry_agent", "make_digest_ticker",
           "dead_letter_record", "lane_error_handler", "OrderedAcks"]

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

    A spike or breaking-news subscription (`Subscription.rule`) keeps its windows and stories
    in the same table, written after every record once its alerts are sent: a worker killed
    before the write replays the record into the state it had and sends the same alert (same
    id: delivery and the index keep one); killed after it, the replayed record finds its
    unit counted and changes nothing.
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

    rule_cache: dict[str, tuple[Any, Any]] = {}  # sub id -> (table value it was built from, rule state)

    def rule_state(sid: str, rule: Any) -> Any:
        stored = table.get(sid)
        hit = rule_cache.get(sid)
        if hit is not None and hit[0] is stored and hit[1].rule == rule:
            return hit[1]
        st = load_state(rule, stored)
        rule_cache[sid] = (stored, st)
        return st

    async def send(alert: dict[str, Any], rec: Mapping[str, Any], event: Any, sid: str, now: float) -> None:
        if alert["kind"] in ("alert", "spike", "breaking") and isinstance(rec.get("trace"), Mapping):
            alert["trace"] = {**rec["trace"], "queued": _kafka_ts(event), "decided": now}
        try:
            await alerts_topic.send(key=str(alert["id"]).encode(), value=alert)
        except Exception as exc:  # noqa: BLE001 - this alert is dead-lettered, the next ones still go
            log.warning("alert not sent alert=%s error=%r", alert.get("id"), str(exc)[:200])
            metrics.deadletters.labels(stage="alert", reason="alert_error").inc()
            await deadletter(dead_letter_record("alert", exc, alert, now=now, subscription_id=sid,
                                                alert_id=alert.get("id")))
            return
        if alert["kind"] != "update":
            metrics.alerts.inc()

    async def failed(what: str, sid: str, rec: Mapping[str, Any], exc: Exception, now: float) -> None:
        """Log, count and dead-letter a decision that raised."""
        log.warning("%s failed subscription=%s error=%r", what, sid, str(exc)[:200])
        metrics.deadletters.labels(stage="alert", reason="alert_error").inc()
        await deadletter(dead_letter_record("alert", exc, rec, now=now, subscription_id=sid))

    async def decide_rule(sid: str, sub: Any, rec: Mapping[str, Any], event: Any, now: float) -> None:
        try:
            st = rule_state(sid, sub.rule_spec)
            out = apply_rule(sub.to_dict(), sub.rule_spec, st, rec, now=now)
        except Exception as exc:  # noqa: BLE001 - dead-letter it; never stop the partition
            rule_cache.pop(sid, None)  # the state may be half-changed: rebuild it from the table
            await failed("rule decision", sid, rec, exc, now)
            return
        for alert in out:
            await send(alert, rec, event, sid, now)
        table[sid] = st.to_dict()  # after the alerts are sent: see the docstring
        rule_cache[sid] = (table.get(sid), st)

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
            if sub.rule_spec is not None:
                await decide_rule(sid, sub, rec, event, now)
                continue
            try:
                out = decide_one(sid, sub, rec, partition, now)
            except Exception as exc:  # noqa: BLE001 - dead-letter it; never stop the partition
                await failed("alert decision", sid, rec, exc, now)
                continue
            for alert in out:
                await send(alert, rec, event, sid, now)

    return decide


@dataclass(frozen=True)
class Ticks:
    flush: Callable[[], Awaitable[None]]
    digest: Callable[[], Awaitable[None]]
    spike: Callable[[], Awaitable[None]]


def make_digest_ticker(*, registry: SubscriptionRegistry, matches_topic: Any, partitions: int,
                       clock: Callable[[], float] = time.time) -> Ticks:
    """Timer bodies: a flush tick per partition (states left dirty are checkpointed), a
    digest tick per digest subscription (its partition's agent sends what is due) and a
    spike tick per spike subscription, with the wall-clock time (its windows slide)."""

    async def flush() -> None:
        if registry.ready.is_set():
            for p in range(partitions):
                await matches_topic.send(value={"flush": True}, partition=p)

    async def digest() -> None:
        if registry.ready.is_set():
            for sub in registry.all():
                if sub.digest and sub.active:
                    await matches_topic.send(key=sub.id.encode(), value={"subscription_id": sub.id, "tick": True})

    async def spike() -> None:
        if registry.ready.is_set():
            for sub in registry.all():
                if sub.active and isinstance(sub.rule_spec, SpikeRule):
                    await matches_topic.send(key=sub.id.encode(),
                                             value={"subscription_id": sub.id, "tick": True, "at": clock()})

    return Ticks(flush, digest, spike)


class OrderedAcks:
    """Acks the events of a manual-ack stream in the order they were read, per partition.

    The delivery lanes settle jobs out of order (an alert parked on ``alerts.retry`` settles
    while an earlier one still waits on a hanging receiver, or waits in memory for its
    ``not_before``). Faust must never see those acks out of order: faust-streaming's
    ``Consumer._new_offset`` (0.15.3) commits the first run of acked offsets even when the
    offset right after the committed one is not acked (its head-gap check is off by one, and
    is skipped while nothing was committed yet), so an ack of offset 8 while offset 7 is
    still in a lane commits 9, and a restart loses offset 7's job. Here an event is handed
    to ``stream.ack`` only once it and every event read before it on its partition are
    settled, so the committed offset never passes a job that lives only in memory.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self._queues: dict[Any, collections.deque[list[Any]]] = {}  # partition -> [[event, parts left], ...]

    def pending(self) -> int:
        """Events read but not acked yet (settled ones waiting for an earlier one included)."""
        return sum(len(q) for q in self._queues.values())

    def track(self, event: Any, parts: int = 1) -> Callable[[], Awaitable[None]]:
        """Register `event` (call in read order); returns the `done` callback of its `parts`:
        once all are called, the event is acked, after every event read before it on its partition."""
        tp = getattr(getattr(event, "message", None), "tp", None)
        entry = [event, max(1, parts)]
        self._queues.setdefault(tp, collections.deque()).append(entry)

        async def done() -> None:
            if entry[1] <= 0:
                return
            entry[1] -= 1
            if entry[1] == 0:
                await self._release(tp)

        return done

    async def ack(self, event: Any) -> None:
        """Ack `event` as soon as the events read before it on its partition are."""
        await self.track(event)()

    async def _release(self, tp: Any) -> None:
        q = self._queues.get(tp)
        while q and q[0][1] <= 0:
            event = q.popleft()[0]
            await self.stream.ack(event)
        if q is not None and not q and self._queues.get(tp) is q:
            del self._queues[tp]


async def _room(lanes: DeliveryLanes, max_pending: int) -> None:
    """Backpressure only when this worker holds `max_pending` unsettled jobs (a bound on memory)."""
    while lanes.pending() >= max_pending:
        await asyncio.sleep(0.05)


def make_notify_agent(*, registry: SubscriptionRegistry, lanes: DeliveryLanes, max_pending: int = 10_000,
                      deadletter: Emit | None = None, clock: Callable[[], float] = time.time):
    """Hands each channel of an alert to its target's lane and goes on at once (streams/notify/lanes.py).

    Acks are manual: an alert's offset is committed only once every channel is
    delivered, dead-lettered or parked on ``alerts.retry``, and every alert read before
    it on its partition too (`OrderedAcks`: jobs settle out of order, Faust must not see
    that). An alert that cannot be handed to the lanes (a bug) goes to `deadletter` (reason ``notify_error``) and is
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
        acks = OrderedAcks(manual)  # every ack goes through it: Faust must see them in offset order
        async for event in manual.events():
            alert = event.value
            if not isinstance(alert, Mapping) or alert.get("kind") not in ("alert", "digest", "spike", "breaking"):
                await acks.ack(event)  # updates go to Elasticsearch and SSE only: a channel hears a story once
                continue
            sub = registry.get(str((alert.get("subscription") or {}).get("id")))
            if sub is None or not sub.channels:
                if sub is None:
                    log.info("alert for a deleted subscription dropped alert=%s", alert.get("id"))
                await acks.ack(event)
                continue
            done: Callable[[], Awaitable[None]] | None = None
            try:
                await _room(lanes, max_pending)
                ctx = contextvars.copy_context()
                channels = list(sub.channels)
                now = clock()
                done = acks.track(event, len(channels))
                jobs = [Job(alert, i, channel, attempt=1, first_at=now, done=done, context=ctx, event=event)
                        for i, channel in enumerate(channels)]
            except Exception as exc:  # noqa: BLE001 - dead-letter this alert; never stop the partition
                await lost(alert, exc, alert_id=alert.get("id"), subscription_id=sub.id)
                if done is None:
                    await acks.ack(event)
                else:  # tracked already: settle all of its parts (tracking it again would hold its partition)
                    for _ in channels:
                        await done()
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
    acked once its job is settled again (delivered, dead-lettered or parked anew), in offset
    order like the notify agent's (`OrderedAcks`). A record
    that cannot be read back into a job goes to `deadletter` (reason ``retry_error``) and is acked.
    """

    async def retry(stream: Any) -> None:
        await registry.ready.wait()
        manual = stream.noack()
        acks = OrderedAcks(manual)  # every ack goes through it: Faust must see them in offset order
        async for event in manual.events():
            rec = event.value
            alert = rec.get("alert") if isinstance(rec, Mapping) else None
            if not isinstance(alert, Mapping) or "id" not in alert:
                await acks.ack(event)
                continue
            sub = registry.get(str((alert.get("subscription") or {}).get("id")))
            index = rec.get("channel_index")
            channels = list(sub.channels) if sub is not None else []
            if not isinstance(index, int) or not 0 <= index < len(channels) \
                    or channels[index].get("type") != rec.get("channel_type"):
                log.info("retry dropped: subscription or channel gone alert=%s channel_index=%s", alert.get("id"), index)
                await acks.ack(event)
                continue
            done: Callable[[], Awaitable[None]] | None = None
            try:
                await _room(lanes, max_pending)
                attempt, first_at = int(rec.get("attempt") or 1), float(rec.get("first_at") or clock())
                deferrals, not_before = int(rec.get("deferrals") or 0), float(rec.get("not_before") or 0)
                done = acks.track(event)
                job = Job(alert, index, channels[index], attempt=attempt, first_at=first_at, done=done,
                          context=contextvars.copy_context(), event=event, deferrals=deferrals)
                lanes.submit_later(job, not_before - clock())
            except Exception as exc:  # noqa: BLE001 - dead-letter this record; never stop the partition
                log.warning("retry failed alert=%s error=%r", alert.get("id"), str(exc)[:200])
                if deadletter is not None:
                    await deadletter(dead_letter_record("retry", exc, rec, now=clock(), alert_id=alert.get("id"),
                                                        subscription_id=sub.id if sub is not None else None,
                                                        channel_index=index))
                await (acks.ack(event) if done is None else done())

    return retry
