"""The worker's hot path: ``articles.raw`` -> tag -> ``articles.tagged`` *and* Elasticsearch, in one agent.

Why one agent and not an index agent consuming ``articles.tagged``? A worker has one
Kafka consumer; it hands records to the agents in fetch order, and while the tag
agent's buffer is full of ``articles.raw`` backlog, the ``articles.tagged`` records
queued behind them wait. Elasticsearch then sat idle while the worker tagged, and
the worker sat idle while Elasticsearch indexed the backlog at the end
(bench/bench_pipeline.py: 500-660 articles/s end to end on 2 cores). Here the batch
just tagged goes to Elasticsearch at once, in the background, while the next batch
is tagged: the two overlap.

Guarantees (same as the two agents had):

* ``articles.tagged`` still gets every tagged article (the alert agents consume it);
* each article is written under its ``_id`` (a replay overwrites, never duplicates);
* raw offsets are acked only once the batch is in Elasticsearch (``noack_take``; see
  :mod:`streams.agents.index`), so a worker killed meanwhile leaves them uncommitted
  and the next owner of the partition tags and indexes them again;
* at most one bulk is in flight: while Elasticsearch is down the agent retries it
  (:class:`~streams.agents.index.BatchWriter`) and tags nothing more, its stream
  buffer fills and Faust stops fetching (backpressure up to Kafka);
* failures go to ``articles.deadletter``: tagging ones with the raw bytes (stage
  ``tag``), documents Elasticsearch refuses for good with the article (stage ``index``);
  whatever else fails on one message dead-letters that message: no message stops a partition;
* a tagging process that dies is replaced and its batch tagged again
  (:class:`~streams.agents.tag_pool.TagPool`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable

from ..metrics import Metrics
from ..sinks.base import WriteResult
from .index import BatchWriter, deadletter_safely
from .tag import TagOutcome, Tagger, _make_tag_one
from .tag_pool import TagPool, TagPoolUnavailable

__all__ = ["make_tag_index_agent"]

log = logging.getLogger(__name__)

#: how long a batch waits for more raw events before it is tagged: short, because alerts
#: are due within a second of an article's arrival; under load batches fill at once
TAKE_WITHIN = 0.05


def make_tag_index_agent(
    *,
    tagger: Tagger,
    tagged_topic: Any,
    deadletter_topic: Any,
    metrics: Metrics,
    max_bytes: int,
    raw_topic_name: str,
    writer: BatchWriter,
    out_label: str = "elasticsearch",
    batch_size: int = 500,
    within: float = TAKE_WITHIN,
    pool: TagPool | None = None,
    on_unavailable: Callable[[BaseException], Awaitable[None]] | None = None,
) -> Callable[[Any], Any]:
    """The agent function; :mod:`streams.app` registers it on the raw topic.

    With `pool` (a :class:`~streams.agents.tag_pool.TagPool`), each batch is tagged in a
    tagging process while the event loop goes on fetching and indexing the previous batch.
    When no tagging process can be started any more, `on_unavailable(error)` is awaited
    (the worker stops, so that the group gives its partitions to another worker) and the
    agent returns without acking the batch.

    No message can stop the agent: what fails unexpectedly on one message (a bug, an
    error no handler foresaw) dead-letters that message (reason ``internal_error`` at the
    tag stage, ``index_error`` at the index stage) and the partition goes on.
    """
    tag_one = _make_tag_one(tagger=tagger, tagged_topic=tagged_topic, deadletter_topic=deadletter_topic,
                            metrics=metrics, max_bytes=max_bytes, raw_topic_name=raw_topic_name)
    count_out = metrics.articles_out.labels(topic=out_label)

    async def index_then_ack(stream: Any, events: list[Any], docs: list[tuple[Any, dict[str, Any]]]) -> None:
        result = await writer.write_isolating([d for _, d in docs]) if docs else WriteResult()
        count_out.inc(result.written)
        for r in result.rejected:
            event = next((e for e, d in docs if d is r.doc), None)
            await deadletter_safely(deadletter_topic, metrics, event, r.doc, r.reason, r.error)
        for e in events:
            await stream.ack(e)

    async def guarded(event: Any, step: Callable[[], Awaitable[dict[str, Any] | None]]) -> dict[str, Any] | None:
        try:
            return await step()
        except Exception as exc:  # noqa: BLE001 - no message may stop the partition
            log.exception("tagging failed on one message; dead-lettering it")
            await tag_one.dead(event, "internal_error", f"{exc.__class__.__name__}: {exc}")
            return None

    async def tag_batch(events: list[Any]) -> list[dict[str, Any] | None]:
        if pool is None:
            return [await guarded(event, lambda e=event: tag_one(e)) for event in events]
        items = [tag_one.start(event) for event in events]
        started = time.perf_counter()
        try:
            outcomes = await pool.tag(items, max_bytes)
        except TagPoolUnavailable:
            raise
        except Exception:  # noqa: BLE001 - the last resort: each message alone, to find the one that fails
            log.exception("tagging a batch failed events=%d; tagging its messages one by one", len(events))
            outcomes = [await tag_alone(item) for item in items]
        per_article = (time.perf_counter() - started) / max(1, len(events))
        results = []
        for event, outcome in zip(events, outcomes):
            metrics.processing_seconds.observe(per_article)
            results.append(await guarded(event, lambda e=event, o=outcome: tag_one.finish(e, o)))
        return results

    async def tag_alone(item: tuple[bytes | None, str | None]) -> TagOutcome:
        assert pool is not None
        try:
            [outcome] = await pool.tag([item], max_bytes)
        except TagPoolUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - this message is the one: dead-letter it
            return TagOutcome(reason="internal_error", error=f"{exc.__class__.__name__}: {exc}")
        return outcome

    async def tag_and_index(stream: Any) -> None:
        pending: asyncio.Future[None] | None = None
        try:
            async for events in stream.noack_take(batch_size, within=within):
                try:
                    results = await tag_batch(list(events))
                except TagPoolUnavailable as exc:
                    log.critical("cannot tag: no tagging process starts; stopping the worker error=%r", str(exc))
                    if on_unavailable is not None:
                        await on_unavailable(exc)
                    return  # this batch is not acked: the partition's next owner tags it
                docs = [(event, result) for event, result in zip(events, results) if result is not None]
                if pending is not None:
                    await pending  # one bulk in flight: writes stay in order, ES down stops tagging
                pending = asyncio.ensure_future(index_then_ack(stream, list(events), docs))
            if pending is not None:
                await pending
        finally:
            if pending is not None and not pending.done():
                pending.cancel()  # not acked: the batch is tagged and indexed again after a restart

    return tag_and_index
