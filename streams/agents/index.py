"""The index agent: a topic -> a :class:`~streams.sinks.base.Sink` in batches.

Alerting indexes ``alerts`` and ``alerts.deliveries`` with it; articles are indexed by the
tag agent itself (:mod:`streams.agents.tag_index`, which reuses :class:`BatchWriter`).

Offsets and Elasticsearch: Faust's ``stream.take()`` acks a batch's events as soon
as the agent asks for the next batch, *and* when the generator is closed (worker
stop, crash), whether or not the batch was written. So this agent uses
``noack_take`` and acks each event itself, only after the sink has accepted the
batch. While the sink raises :class:`SinkBackpressureError` (Elasticsearch down,
429, unassigned shards) the agent retries the *same* batch with exponential
backoff; nothing is acked, so no offset is committed for what is not indexed,
and Faust stops fetching once the stream buffer is full (backpressure up to
Kafka). A worker stopped or killed meanwhile leaves those offsets uncommitted;
the next owner of the partition indexes them again under the same ``_id``.
Documents refused for good go to ``articles.deadletter`` (reason
``index_rejected``, or ``index_error`` when the write failed in a way no one foresaw:
see :meth:`BatchWriter.write_isolating`) and are then acked.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Mapping, Sequence

from ..deadletter import SourceRef, deadletter_record
from ..metrics import Metrics
from ..sinks.base import Rejected, Sink, SinkBackpressureError, WriteResult
from .tag import WORKER

__all__ = ["BatchWriter", "make_index_agent"]

log = logging.getLogger(__name__)


class BatchWriter:
    """Writes one batch to a sink, retrying with backoff until it is accepted.

    ``sleep`` and ``clock`` are injectable so tests run instantly.
    """

    def __init__(
        self,
        sink: Sink,
        metrics: Metrics,
        *,
        initial_backoff: float = 0.5,
        max_backoff: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.sink = sink
        self.metrics = metrics
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._clock = clock
        self.retries = 0

    async def write(self, docs: Sequence[Mapping[str, Any]]) -> WriteResult:
        """Return once the sink took ``docs``; never gives up (cancel the task to stop)."""
        delay = self.initial_backoff
        while True:
            started = time.perf_counter()
            try:
                result = await self.sink.write(docs)
            except SinkBackpressureError as exc:
                self.metrics.bulk_seconds.observe(time.perf_counter() - started)
                self.metrics.bulk_errors.labels(kind="unavailable").inc()
                wait = min(max(delay, exc.retry_after), self.max_backoff)
                self.retries += 1
                log.warning("sink backpressure docs=%d retry_in=%.1fs error=%r", len(docs), wait, str(exc)[:300])
                await self._sleep(wait)
                delay = min(delay * 2, self.max_backoff)
                continue
            self.metrics.bulk_seconds.observe(time.perf_counter() - started)
            if result.rejected:
                self.metrics.bulk_errors.labels(kind="rejected").inc(len(result.rejected))
            self._observe(docs, result)
            return result

    async def write_isolating(self, docs: Sequence[Mapping[str, Any]]) -> WriteResult:
        """:meth:`write`, and if that raises anything but backpressure (a bug, an error no one
        foresaw), each document alone: one that still fails is rejected (``index_error``), so
        that it is dead-lettered and no document can stop its partition."""
        try:
            return await self.write(docs)
        except Exception as exc:  # noqa: BLE001 - the last resort
            if len(docs) == 1:
                log.exception("write failed on one document; rejecting it")
                return WriteResult(rejected=[Rejected(docs[0], "index_error", f"{exc.__class__.__name__}: {exc}")])
            log.exception("bulk write failed docs=%d; writing them one by one", len(docs))
        result = WriteResult()
        for doc in docs:
            one = await self.write_isolating([doc])
            result.written += one.written
            result.rejected += one.rejected
        return result

    def _observe(self, docs: Sequence[Mapping[str, Any]], result: WriteResult) -> None:
        now = self._clock()
        events = sum(len(d.get("events") or ()) for d in docs)
        self.metrics.es_docs.labels(index="articles").inc(result.written)
        self.metrics.es_docs.labels(index="events").inc(events)
        for d in docs:
            ingested = d.get("ingested_at")
            if isinstance(ingested, str):
                try:
                    ts = datetime.fromisoformat(ingested.replace("Z", "+00:00"))
                except ValueError:
                    continue
                if ts.tzinfo is None:
                    ts = ts.replace(tzinfo=timezone.utc)
                self.metrics.ingest_to_indexed_seconds.observe(max(0.0, now - ts.timestamp()))


def make_index_agent(
    *,
    writer: BatchWriter,
    deadletter_topic: Any,
    metrics: Metrics,
    tagged_topic_name: str,
    out_label: str,
    batch_size: int,
    within: float,
) -> Callable[[Any], Any]:
    """The agent function; :mod:`streams.app` registers it on the tagged topic."""

    async def index_articles(stream: Any) -> None:
        # noack_take yields the buffered *events* and never acks them itself
        async for events in stream.noack_take(batch_size, within=within):
            batch = [(e, e.value) for e in events]
            docs = [v for _, v in batch if isinstance(v, Mapping) and v.get("id")]
            metrics.articles_in.labels(topic=tagged_topic_name).inc(len(batch))
            result = await writer.write_isolating(docs) if docs else WriteResult()
            metrics.articles_out.labels(topic=out_label).inc(result.written)
            for e, v in batch:
                if not (isinstance(v, Mapping) and v.get("id")):
                    await deadletter_safely(deadletter_topic, metrics, e, v, "bad_input",
                                            "tagged message is not an article with an id")
            for r in result.rejected:
                event = next((e for e, v in batch if v is r.doc), None)
                await deadletter_safely(deadletter_topic, metrics, event, r.doc, r.reason, r.error)
            for e in events:
                await stream.ack(e)

    return index_articles


async def _deadletter(topic: Any, metrics: Metrics, event: Any, value: Any, reason: str, error: str) -> None:
    message = getattr(event, "message", None)
    metrics.deadletters.labels(stage="index", reason=reason).inc()
    log.warning("deadletter stage=index reason=%s error=%r", reason, error[:200])
    record = deadletter_record(
        stage="index",
        reason=reason,
        error=error,
        payload=value,
        key=getattr(message, "key", None),
        source=SourceRef(
            getattr(message, "topic", "?"),
            getattr(message, "partition", None),
            getattr(message, "offset", None),
            getattr(message, "timestamp", None),
        ),
        worker=WORKER,
    )
    await topic.send(key=getattr(message, "key", None), value=record)


async def deadletter_safely(topic: Any, metrics: Metrics, event: Any, value: Any, reason: str, error: str) -> None:
    """:func:`_deadletter`, logging where the message is if even that fails (never raises)."""
    try:
        await _deadletter(topic, metrics, event, value, reason, error)
    except Exception as exc:  # noqa: BLE001 - say where the message is, go on
        message = getattr(event, "message", None)
        log.error("deadletter failed stage=index reason=%s topic=%s partition=%s offset=%s error=%r",
                  reason, getattr(message, "topic", "?"), getattr(message, "partition", None),
                  getattr(message, "offset", None), f"{exc.__class__.__name__}: {exc}")
