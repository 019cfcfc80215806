"""Latency tuning Faust does not expose as a setting.

Faust's aiokafka driver creates the worker consumer with ``fetch_max_wait_ms=1500``
hard-coded. aiokafka keeps one fetch request in flight per broker, and a partition
whose buffered records were just consumed joins only the *next* request; so when the
in-flight request covers only idle partitions, a record arriving on a busy one waits
until the broker answers that request: up to 1.5 s per Kafka hop. Alerts cross four
hops (raw -> tagged -> matches -> alerts), so this alone could spend the whole
one-second budget. A 50 ms wait costs an idle worker ~20 small fetch requests/s.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Iterable, Mapping

log = logging.getLogger(__name__)

__all__ = [
    "set_fetch_max_wait", "seek_uncommitted_to_beginning", "resume_after_rebalance", "enable_idempotence",
    "stalled_partitions", "watch_recovery",
]


def set_fetch_max_wait(ms: int) -> None:
    """Make Faust's worker consumers wait at most `ms` for data (process-wide; call before the worker starts)."""
    from faust.transport.drivers import aiokafka as driver

    cls = driver.AIOKafkaConsumerThread
    original = getattr(cls, "_parley_original_create", None) or cls._create_worker_consumer

    def _create_worker_consumer(self: Any, transport: Any) -> Any:
        consumer = original(self, transport)
        consumer._fetch_max_wait_ms = ms  # read by aiokafka when the consumer starts its fetcher
        return consumer

    cls._parley_original_create = original
    cls._create_worker_consumer = _create_worker_consumer


def seek_uncommitted_to_beginning() -> None:
    """Make Faust's seek of the stream partitions after a rebalance lose nothing
    (process-wide; call before the worker starts; see also `resume_after_rebalance`).

    Faust resumes the stream partitions while its fetcher is already running (it was
    started to read the changelogs), *then* seeks them to their committed offsets, and
    then resumes the flow, which drops what the streams had buffered. Two ways to lose
    records until the next restart follow (both seen: a restarted worker delivering none
    of the alerts a killed one had parked on ``alerts.retry``):

    - a partition without a committed offset is not seeked back (aiokafka's
      ``seek_to_committed`` skips it), so what was fetched before the seek is gone;
      it is now seeked to its beginning, which is what ``auto_offset_reset=earliest`` meant;
    - a partition seeked back can be fetched again *before* the flow resumes, and that is
      dropped too; the stream partitions are now paused from the seek until the rebalance
      has ended (`resume_after_rebalance` resumes them), so nothing is fetched in between.
    """
    from faust.transport.consumer import Consumer

    original = getattr(Consumer, "_parley_original_perform_seek", None) or Consumer.perform_seek

    async def perform_seek(self: Any) -> None:
        acking = self.app.topics.acking_topics  # stream topics (not changelogs, which recovery seeks itself)
        streams = {tp for tp in self.assignment() if tp.topic in acking}
        self.pause_partitions(streams)
        self._parley_held = getattr(self, "_parley_held", set()) | streams
        await original(self)
        fresh = [tp for tp in streams if self._committed_offset.get(tp) is None]
        if fresh:
            from aiokafka import TopicPartition

            # the driver's consumer thread does it (Faust's Consumer.seek_to_beginning is a stub)
            await self._thread.seek_to_beginning(*(TopicPartition(tp.topic, tp.partition) for tp in fresh))
            for tp in fresh:
                self._read_offset[tp] = None

    Consumer._parley_original_perform_seek = original
    Consumer.perform_seek = perform_seek


def resume_after_rebalance(app: Any) -> None:
    """Resume the stream partitions `seek_uncommitted_to_beginning` paused, once the rebalance
    has ended (Faust calls ``on_rebalance_end`` after it resumed the flow)."""
    original = app.on_rebalance_end

    def on_rebalance_end() -> None:
        original()
        consumer = app.consumer
        held = getattr(consumer, "_parley_held", set())
        consumer._parley_held = set()
        assigned = consumer.assignment()
        consumer.resume_partitions({tp for tp in held if tp in assigned})

    app.on_rebalance_end = on_rebalance_end


def enable_idempotence() -> None:
    """Make Faust's producers idempotent (process-wide; call before the worker starts).

    Faust passes aiokafka ``enable_idempotence`` only inside transactions. Without it a send
    retried after a broker failover (the leader died after writing, before answering) is
    written twice; with it the broker drops the retry by its producer id and sequence number.
    aiokafka then requires ``acks="all"``, which Parley asks for anyway (``producer_acks=-1``).
    """
    from faust.transport.drivers.aiokafka import Producer

    original = getattr(Producer, "_parley_original_settings_extra", None) or Producer._settings_extra

    def _settings_extra(self: Any) -> Any:
        return {**original(self), "acks": "all", "enable_idempotence": True}

    Producer._parley_original_settings_extra = original
    Producer._settings_extra = _settings_extra


def stalled_partitions(now: float, started_at: float | None, remaining: Mapping[Any, int],
                       received_at: Mapping[Any, float], kicked_at: Mapping[Any, float],
                       stall: float) -> list[Any]:
    """The changelog partitions a table recovery still waits for that have sent nothing for
    `stall` seconds (since their last event, or since recovery started if none came), and
    were not re-seeked within the last `stall` seconds either."""
    if started_at is None:
        return []
    out = []
    for tp, left in remaining.items():
        if left <= 0:
            continue
        quiet_since = max(received_at.get(tp, started_at), kicked_at.get(tp, started_at), started_at)
        if now - quiet_since >= stall:
            out.append(tp)
    return out


def watch_recovery(app: Any, stall: float, interval: float = 2.0) -> None:
    """Re-seek a table's changelog partition when recovery has waited `stall` seconds for it.

    Faust recovers a table by seeking its changelog partitions and waiting until every one
    has been read up to the highwater it measured. Seen once on the cluster (a fourth worker
    joining): one partition of a worker that kept it through the rebalance never delivered
    the five records it had itself written, so recovery, and with it every stream partition
    of that worker, waited until the next rebalance four minutes later ("No event received
    for active tp ... since recovery start"); the same read after that rebalance took 0.1 s.
    Records read before the seek (Faust drops records below the offset it last read) and a
    partition left paused are both ways to get there; this seeks the partition again to the
    offset recovery has reached, forgets the read offset and resumes it, and logs what it found.
    If the same partition is still silent one period later, it asks the group for a rebalance,
    which is what ended the stall that was seen.
    """
    kicked_at: dict[Any, float] = {}
    watched: list[float | None] = [None]   # when the recovery being watched started

    async def watch() -> None:
        while not app.should_stop:
            await asyncio.sleep(interval)
            recovery = app.tables.recovery
            if not recovery.in_recovery or recovery._recovery_started_at != watched[0]:
                kicked_at.clear()   # a new recovery (after a rebalance) starts afresh
                watched[0] = recovery._recovery_started_at if recovery.in_recovery else None
            if not recovery.in_recovery:
                continue
            now = time.monotonic()
            stuck = stalled_partitions(now, recovery._recovery_started_at, recovery.active_remaining(),
                                       recovery._active_events_received_at, kicked_at, stall)
            if not stuck:
                continue
            again = [tp for tp in stuck if tp in kicked_at]
            kicked_at.update((tp, now) for tp in stuck)
            try:
                if again:
                    rebalance(app.consumer, again)
                else:
                    await reseek(app.consumer, stuck, recovery.active_offsets)
            except Exception as exc:  # noqa: BLE001 - a rebalance may take the partition meanwhile
                log.warning("unsticking a silent changelog partition failed error=%r", exc)

    # not an app timer: Faust starts those only after the first recovery has completed; and
    # started on the app's own loop: Faust calls on_rebalance_start from its consumer thread
    original = app.on_rebalance_start

    def start() -> None:
        if getattr(app, "_parley_recovery_watch", None) is None:
            app._parley_recovery_watch = app.loop.create_task(watch())

    def on_rebalance_start() -> None:
        original()
        app.loop.call_soon_threadsafe(start)

    app.on_rebalance_start = on_rebalance_start


def rebalance(consumer: Any, tps: Iterable[Any]) -> None:
    """Ask the consumer group to rebalance (aiokafka's coordinator rejoins; it runs in Faust's
    consumer thread, so the request is handed to that thread's loop)."""
    log.warning("table recovery still waits on a changelog partition after seeking it again; asking the "
                "group to rebalance partitions=%s", ", ".join(f"{tp.topic}/{tp.partition}" for tp in tps))
    thread = consumer._thread
    coordinator = thread._ensure_consumer()._coordinator
    thread.thread_loop.call_soon_threadsafe(coordinator.request_rejoin)


async def reseek(consumer: Any, tps: Iterable[Any], offsets: Mapping[Any, int]) -> None:
    """Seek each changelog partition again to `offsets[tp]` (what recovery has applied; reading
    it again is harmless), make Faust accept records from there and resume fetching it."""
    from faust.types import TP

    for tp in tps:
        offset = max(offsets.get(tp) or 0, 0)
        tp = TP(tp.topic, tp.partition)   # the highwaters recovery counts by are the driver's own tuples
        log.warning("table recovery waits on a silent changelog partition; seeking it again "
                    "topic=%s partition=%s offset=%s paused=%s read_offset=%s", tp.topic, tp.partition, offset,
                    tp in consumer._paused_partitions, consumer._read_offset.get(tp))
        await consumer.seek_wait({tp: offset})
        consumer._read_offset[tp] = None
        consumer.resume_partitions({tp})
