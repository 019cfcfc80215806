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
from typing import Any

__all__ = ["set_fetch_max_wait", "seek_uncommitted_to_beginning", "reseek_after_rebalance"]


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
    """After a rebalance, start the stream partitions that have no committed offset over
    from their beginning (process-wide; call before the worker starts).

    Faust resumes the stream partitions while its fetcher is already running (it was
    started to read the changelogs), *then* seeks them to their committed offsets, and
    then resumes the flow, which drops what the streams had buffered. A partition with a
    committed offset is seeked back and fetched again; one without (aiokafka's
    ``seek_to_committed`` skips it) keeps the position it had reached, so the records
    fetched in that window never reach its agent until the next restart. That lost the
    ``alerts.retry`` records a killed worker had parked (issue 9 item 5). Seeking such a
    partition to its beginning is what ``auto_offset_reset=earliest`` meant for it.
    """
    from faust.transport.consumer import Consumer

    original = getattr(Consumer, "_parley_original_perform_seek", None) or Consumer.perform_seek

    async def perform_seek(self: Any) -> None:
        await original(self)
        acking = self.app.topics.acking_topics  # stream topics (not changelogs, which recovery seeks itself)
        fresh = [tp for tp in self.assignment() if tp.topic in acking and self._committed_offset.get(tp) is None]
        if fresh:
            from aiokafka import TopicPartition

            # the driver's consumer thread does it (Faust's Consumer.seek_to_beginning is a stub)
            await self._thread.seek_to_beginning(*(TopicPartition(tp.topic, tp.partition) for tp in fresh))
            for tp in fresh:
                self._read_offset[tp] = None

    Consumer._parley_original_perform_seek = original
    Consumer.perform_seek = perform_seek


def reseek_after_rebalance(app: Any, topic_names: Any) -> None:
    """After every rebalance, once the flow has resumed, seek the partitions of `topic_names`
    to their committed offsets again (to the beginning where none is committed).

    Faust seeks the stream partitions while its fetcher runs and *then* resumes the flow,
    which drops what the streams had buffered: a partition whose records were fetched
    again between its seek and that resume loses them until the next restart (seen here:
    a restarted worker delivering none of the alerts a killed one had parked). Seeking once
    more after the resume fetches them again. Meant for topics whose agents are idempotent
    (the notify and retry agents: the dispatcher's done-table and in-process guard skip a
    job seen twice); a record delivered twice meanwhile is harmless there.
    """
    names = {str(n) for n in topic_names}
    original = app.on_rebalance_end
    log = logging.getLogger(__name__)

    async def reseek() -> None:
        from aiokafka import TopicPartition

        consumer = app.consumer
        tps = [tp for tp in consumer.assignment() if tp.topic in names]
        if not tps:
            return
        thread = consumer._thread
        client = thread._ensure_consumer()
        parts = [TopicPartition(tp.topic, tp.partition) for tp in tps]
        committed = await thread.call_thread(client.seek_to_committed, *parts)
        fresh = [tp for tp, offset in committed.items() if not offset]
        if fresh:
            await thread.call_thread(client.seek_to_beginning, *fresh)
        for tp in tps:
            offset = committed.get(TopicPartition(tp.topic, tp.partition))
            consumer._read_offset[tp] = offset if offset else None  # else Faust drops the records fetched again

    def on_rebalance_end() -> None:
        original()

        async def run() -> None:
            try:
                await reseek()
            except Exception as exc:  # noqa: BLE001 - a restart replays anyway; never break the rebalance
                log.warning("re-seek after rebalance failed error=%r", str(exc)[:200])

        asyncio.ensure_future(run())

    app.on_rebalance_end = on_rebalance_end
