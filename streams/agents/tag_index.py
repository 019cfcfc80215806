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
  ``tag``), documents Elasticsearch refuses for good with the article (stage ``index``).
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Executor
from typing import Any, Callable

from ..metrics import Metrics
from ..sinks.base import WriteResult
from .index import BatchWriter, _deadletter
from .tag import Tagger, _make_tag_one, tag_many

__all__ = ["make_tag_index_agent"]

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
    pool: Executor | None = None,
) -> Callable[[Any], Any]:
    """The agent function; :mod:`streams.app` registers it on the raw topic.

    With `pool` (start_tag_pool), each batch is tagged in a tagging process while the
    event loop goes on fetching and indexing the previous batch.
    """
    tag_one = _make_tag_one(tagger=tagger, tagged_topic=tagged_topic, deadletter_topic=deadletter_topic,
                            metrics=metrics, max_bytes=max_bytes, raw_topic_name=raw_topic_name)
    count_out = metrics.articles_out.labels(topic=out_label)

    async def index_then_ack(stream: Any, events: list[Any], docs: list[tuple[Any, dict[str, Any]]]) -> None:
        result = await writer.write([d for _, d in docs]) if docs else WriteResult()
        count_out.inc(result.written)
        for r in result.rejected:
            event = next((e for e, d in docs if d is r.doc), None)
            await _deadletter(deadletter_topic, metrics, event, r.doc, r.reason, r.error)
        for e in events:
            await stream.ack(e)

    async def tag_batch(events: list[Any]) -> list[dict[str, Any] | None]:
        if pool is None:
            return [await tag_one(event) for event in events]
        items = [tag_one.start(event) for event in events]
        started = time.perf_counter()
        outcomes = await asyncio.get_running_loop().run_in_executor(pool, tag_many, items, max_bytes)
        per_article = (time.perf_counter() - started) / max(1, len(events))
        results = []
        for event, outcome in zip(events, outcomes):
            metrics.processing_seconds.observe(per_article)
            results.append(await tag_one.finish(event, outcome))
        return results

    async def tag_and_index(stream: Any) -> None:
        pending: asyncio.Future[None] | None = None
        try:
            async for events in stream.noack_take(batch_size, within=within):
                docs = [(event, result) for event, result in zip(events, await tag_batch(list(events)))
                        if result is not None]
                if pending is not None:
                    await pending  # one bulk in flight: writes stay in order, ES down stops tagging
                pending = asyncio.ensure_future(index_then_ack(stream, list(events), docs))
            if pending is not None:
                await pending
        finally:
            if pending is not None and not pending.done():
                pending.cancel()  # not acked: the batch is tagged and indexed again after a restart

    return tag_and_index
