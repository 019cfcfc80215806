"""The tag agent: ``articles.raw`` (bytes) -> ``processors.tag_article`` -> ``articles.tagged``.

Any failure goes to ``articles.deadletter`` with a reason; the agent never raises:

=============  ====================================================
too_large      payload above ``Settings.max_article_bytes``
bad_json       not JSON (including binary, not-UTF-8 bytes)
bad_input      JSON but not an article object (or the tagger's InputError)
empty_text     the tagger found no text (EmptyTextError)
bad_id         the article's id cannot be its Elasticsearch ``_id`` (over 480 bytes of UTF-8, empty):
               one such id made Elasticsearch refuse the whole bulk request of its batch
tagger_error   any other exception of the tagger (a bug: look at the error)
tagger_crashed the tagging process died on this article alone (see :mod:`streams.agents.tag_pool`)
internal_error anything else that failed on this message (a bug: the agent goes on)
produce_error  the tagged result could not be serialised or sent to articles.tagged
=============  ====================================================
"""

from __future__ import annotations

import logging
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Mapping

import orjson

from processors.errors import ParleyError

from ..deadletter import SourceRef, deadletter_record
from ..metrics import Metrics
from ..sinks.es_docs import id_problem

__all__ = ["TagOutcome", "tag_raw", "tag_many", "start_tag_pool", "make_tag_agent", "Tagger"]

log = logging.getLogger(__name__)

Tagger = Callable[..., dict]
WORKER = f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True)
class TagOutcome:
    """Either ``result`` (the tagged article) or ``reason`` + ``error``."""

    result: dict[str, Any] | None = None
    reason: str = ""
    error: str = ""


def tag_raw(raw: bytes | None, *, tagger: Tagger, max_bytes: int, ingested_at: str | None = None) -> TagOutcome:
    """Decode one raw message and tag it; pure apart from calling ``tagger``."""
    if raw is None:
        return TagOutcome(reason="bad_input", error="empty message (null value)")
    if len(raw) > max_bytes:
        return TagOutcome(reason="too_large", error=f"{len(raw)} bytes > limit {max_bytes}")
    try:
        article = orjson.loads(raw)  # ~3x faster than json.loads; also refuses bytes that are not UTF-8
    except orjson.JSONDecodeError as exc:
        return TagOutcome(reason="bad_json", error=f"{exc.__class__.__name__}: {exc}")
    if not isinstance(article, dict):
        return TagOutcome(reason="bad_input", error=f"expected a JSON object, got {type(article).__name__}")
    try:
        result = tagger(article, include_text=True)
    except ParleyError as exc:
        return TagOutcome(reason=exc.reason, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a tagger bug must not stop the worker
        return TagOutcome(reason="tagger_error", error=f"{exc.__class__.__name__}: {exc}")
    if not isinstance(result, dict) or not result.get("id"):
        return TagOutcome(reason="tagger_error", error="tagger returned no id")
    problem = id_problem(str(result["id"]))
    if problem:
        return TagOutcome(reason="bad_id", error=f"{problem}; give the article a shorter 'id' or 'url'")
    if ingested_at and not result.get("ingested_at"):
        result["ingested_at"] = ingested_at
    return TagOutcome(result=result)


# --- tagging in worker processes -------------------------------------------------------------

_pool_tagger: Tagger | None = None


def _pool_init(spec: str) -> None:
    """In a tagging process: load the tagger named by `spec` ("module:function") and warm it."""
    import gc
    import importlib

    global _pool_tagger
    _exit_with_parent()
    module, _, attr = spec.partition(":")
    _pool_tagger = getattr(importlib.import_module(module), attr or "tag_article")
    try:
        _pool_tagger({"id": "warm-up", "text": "Indonesia dan Malaysia sepakat gencatan senjata di perbatasan."})
    except Exception:  # noqa: BLE001 - a broken tagger shows up on the first real article instead
        pass
    gc.collect()
    gc.freeze()  # the lexicons are long-lived: keep them out of every full collection


def _exit_with_parent() -> None:
    """A worker killed with SIGKILL cannot stop its pool: its tagging processes notice the
    parent is gone (they are re-parented) and exit, instead of lingering as orphans."""
    import threading

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parley-parent-watch", daemon=True).start()


def tag_many(items: list[tuple[bytes | None, str | None]], max_bytes: int) -> list[TagOutcome]:
    """Tag a batch of (raw message, ingested_at) in a tagging process (see start_tag_pool)."""
    assert _pool_tagger is not None, "tag_many runs in a process started by start_tag_pool"
    return [tag_raw(raw, tagger=_pool_tagger, max_bytes=max_bytes, ingested_at=ts) for raw, ts in items]


def start_tag_pool(processes: int, spec: str) -> Any:
    """A pool of `processes` tagging processes (spawned, so no Kafka client or thread of
    the worker is copied into them), each with the tagger `spec` loaded and warm."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_pool_init, initargs=(spec,))
    for _ in range(processes):
        pool.submit(int)  # start the processes now rather than on the first article
    return pool


def _iso_from_ms(ms: float | None) -> str:
    ts = (ms / 1000.0) if ms else time.time()
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds")


def _headers(headers: Any) -> list[tuple[str, Any]]:
    if isinstance(headers, Mapping):
        return list(headers.items())
    return list(headers or ())


def _make_tag_one(
    *,
    tagger: Tagger,
    tagged_topic: Any,
    deadletter_topic: Any,
    metrics: Metrics,
    max_bytes: int,
    raw_topic_name: str,
) -> Callable[[Any], Awaitable[dict[str, Any] | None]]:
    """``tag_one(event)``: tag one raw event, send the result to ``articles.tagged`` (or the
    reason to the dead-letter topic); returns the tagged article, or None when dead-lettered."""
    tagged_name = tagged_topic.get_topic_name()
    dl_name = deadletter_topic.get_topic_name()
    # labelled children looked up once: .labels() costs a few microseconds per call
    count_in = metrics.articles_in.labels(topic=raw_topic_name)
    count_out = metrics.articles_out.labels(topic=tagged_name)
    perf_counter = time.perf_counter

    def start(event: Any) -> tuple[bytes | None, str]:
        """Count the event in; (its raw bytes, its ingestion time) for tag_raw."""
        count_in.inc()
        ts = getattr(event.message, "timestamp", None)
        ts_ms = ts * 1000.0 if ts and ts < 1e11 else ts  # faust gives seconds
        return event.value, _iso_from_ms(ts_ms)

    async def finish(event: Any, outcome: TagOutcome) -> dict[str, Any] | None:
        """Send the tagged article on, or the reason to the dead-letter topic."""
        if outcome.result is not None:
            result = outcome.result
            try:
                await tagged_topic.send(key=str(result["id"]).encode("utf-8"), value=result)
            except (TypeError, ValueError) as exc:  # not serialisable / too large for the topic
                outcome = TagOutcome(reason="produce_error", error=f"{exc.__class__.__name__}: {exc}")
            else:
                metrics.record_tagged(result)
                count_out.inc()
                return result
        await dead(event, outcome.reason, outcome.error)
        return None

    async def dead(event: Any, reason: str, error: str) -> None:
        """Send the raw message with `reason` to the dead-letter topic (never raises)."""
        message = event.message
        metrics.deadletters.labels(stage="tag", reason=reason).inc()
        log.warning(
            "deadletter stage=tag reason=%s topic=%s partition=%s offset=%s error=%r",
            reason, message.topic, message.partition, message.offset, error[:200],
        )
        try:
            record = deadletter_record(
                stage="tag",
                reason=reason,
                error=error,
                payload=event.value,
                key=message.key,
                source=SourceRef(message.topic, message.partition, message.offset, getattr(message, "timestamp", None)),
                headers=_headers(message.headers),
                worker=WORKER,
            )
            await deadletter_topic.send(key=message.key, value=record)
        except Exception as exc:  # noqa: BLE001 - the last resort: say where the message is, go on
            log.error("deadletter failed stage=tag reason=%s topic=%s partition=%s offset=%s error=%r",
                      reason, message.topic, message.partition, message.offset, f"{exc.__class__.__name__}: {exc}")
            return
        metrics.articles_out.labels(topic=dl_name).inc()

    async def tag_one(event: Any) -> dict[str, Any] | None:
        raw, ingested_at = start(event)
        started = perf_counter()
        outcome = tag_raw(raw, tagger=tagger, max_bytes=max_bytes, ingested_at=ingested_at)
        metrics.processing_seconds.observe(perf_counter() - started)
        return await finish(event, outcome)

    tag_one.start = start  # type: ignore[attr-defined]  # the two halves, for tagging in a pool
    tag_one.finish = finish  # type: ignore[attr-defined]
    tag_one.dead = dead  # type: ignore[attr-defined]
    return tag_one


def make_tag_agent(
    *,
    tagger: Tagger,
    tagged_topic: Any,
    deadletter_topic: Any,
    metrics: Metrics,
    max_bytes: int,
    raw_topic_name: str,
) -> Callable[[Any], Any]:
    """The tag-only agent function (raw -> tagged, one event at a time)."""
    tag_one = _make_tag_one(tagger=tagger, tagged_topic=tagged_topic, deadletter_topic=deadletter_topic,
                            metrics=metrics, max_bytes=max_bytes, raw_topic_name=raw_topic_name)

    async def tag_articles(stream: Any) -> None:
        async for event in stream.events():
            try:
                await tag_one(event)
            except Exception as exc:  # noqa: BLE001 - no message may stop the agent
                log.exception("tag failed on one message; dead-lettering it")
                await tag_one.dead(event, "internal_error", f"{exc.__class__.__name__}: {exc}")

    return tag_articles
