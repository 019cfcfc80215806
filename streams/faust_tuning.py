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

from typing import Any

__all__ = ["set_fetch_max_wait", "seek_uncommitted_to_beginning", "resume_after_rebalance", "enable_idempotence"]


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
