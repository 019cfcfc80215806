"""No single message and no dead tagging process may stop a worker: ids Elasticsearch refuses,
bulk requests refused as a whole, the last-resort handlers, and the tagging pool's recovery."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Mapping, Sequence

import faust
import pytest
from prometheus_client import CollectorRegistry

from streams.agents.index import BatchWriter
from streams.agents.tag import TagOutcome, tag_raw
from streams.agents.tag_pool import TagPool, TagPoolUnavailable
from streams.metrics import Metrics
from streams.sinks.base import SinkBackpressureError, WriteResult
from streams.sinks.es_docs import MAX_ARTICLE_ID_BYTES, id_problem

from test_streams_agents import FakeSink, FakeTopic, article, fake_tagger


async def no_sleep(_: float) -> None:
    pass


# --- ids --------------------------------------------------------------------------------------


def test_id_problem_counts_utf8_bytes_and_keeps_room_for_event_ids() -> None:
    assert MAX_ARTICLE_ID_BYTES == 480
    assert id_problem("a" * 480) is None
    assert "481 bytes" in id_problem("a" * 481)
    assert id_problem("ы" * 240) is None  # 480 bytes
    assert "482 bytes" in id_problem("ы" * 241)
    assert id_problem("") == "id is empty"
    assert "surrogate" in id_problem("a\ud800b")
    assert "string" in id_problem(5)


def test_tag_raw_dead_letters_an_id_elasticsearch_would_refuse() -> None:
    out = tag_raw(json.dumps({"url": "https://a/" + "x" * 600, "text": "talks"}).encode(), tagger=fake_tagger,
                  max_bytes=10_000)
    assert out.result is None and out.reason == "bad_id"
    assert "610 bytes" in out.error and "512" in out.error


# --- the Elasticsearch sink splits a refused request -------------------------------------------


class _Meta:
    def __init__(self, status: int) -> None:
        self.status = status


def _api_error(status: int):
    from elasticsearch import ApiError

    return ApiError(f"refused {status}", meta=_Meta(status), body={"error": {"type": "action_request_validation_exception"}})


def fake_bulk(requests: list[list[str]], *, refuse_status: int = 400):
    """An async_streaming_bulk that refuses a whole request holding an _id over 512 bytes."""

    async def bulk(client: Any, actions: list[dict], **kw: Any):
        ids = [a["_id"] for a in actions]
        requests.append(ids)
        if any(len(i.encode()) > 512 for i in ids):
            raise _api_error(refuse_status)
        for i in ids:
            yield True, {"index": {"_id": i, "status": 201}}

    return bulk


def test_a_request_refused_as_a_whole_is_split_down_to_the_bad_record(monkeypatch: pytest.MonkeyPatch) -> None:
    from streams.sinks import elasticsearch as es_sink

    requests: list[list[str]] = []
    monkeypatch.setattr(es_sink, "async_streaming_bulk", fake_bulk(requests))
    sink = es_sink.ElasticsearchSink("http://unused:1", client=object())
    records = {f"r{i}": {"n": i} for i in range(9)}
    records["x" * 600] = {"n": "bad"}
    actions = [{"_op_type": "index", "_index": "i", "_id": k, "_source": v} for k, v in records.items()]
    result = asyncio.run(sink._bulk(actions, records, lambda doc_id: doc_id, len(records)))
    assert result.written == 9
    assert [r.doc for r in result.rejected] == [{"n": "bad"}]
    assert result.rejected[0].reason == "index_rejected" and result.rejected[0].error.startswith("400 ")
    assert len(requests) <= 1 + 2 * 4  # a bisection, not one request per record
    sent_ok = {i for ids in requests for i in ids if len(i) < 512}
    assert sent_ok == {f"r{i}" for i in range(9)}


def test_the_sink_rejects_a_bad_id_without_sending_it_and_keeps_events_with_their_article(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from streams.sinks import elasticsearch as es_sink

    requests: list[list[str]] = []
    monkeypatch.setattr(es_sink, "async_streaming_bulk", fake_bulk(requests))
    sink = es_sink.ElasticsearchSink("http://unused:1", client=object())
    good = {"id": "https://a/1#frag", "events": [{"family": "ceasefire"}], "ingested_at": "2026-01-01T00:00:00Z"}
    bad = {"id": "y" * 600, "ingested_at": "2026-01-01T00:00:00Z"}
    result = asyncio.run(sink.write([good, bad]))
    assert result.written == 1 and [(r.doc, r.reason) for r in result.rejected] == [(bad, "bad_id")]
    assert requests == [["https://a/1#frag", "https://a/1#frag#0"]]


@pytest.mark.parametrize("status", [401, 403, 429, 503])
def test_refusals_that_are_not_the_documents_fault_are_retried(monkeypatch: pytest.MonkeyPatch, status: int) -> None:
    from streams.sinks import elasticsearch as es_sink

    async def bulk(client: Any, actions: list[dict], **kw: Any):
        raise _api_error(status)
        yield  # pragma: no cover

    monkeypatch.setattr(es_sink, "async_streaming_bulk", bulk)
    sink = es_sink.ElasticsearchSink("http://unused:1", client=object())
    with pytest.raises(SinkBackpressureError):
        asyncio.run(sink._bulk([{"_id": "a"}], {"a": {}}, lambda i: i, 1))


def test_a_document_the_client_cannot_serialise_is_rejected_not_retried_forever(monkeypatch: pytest.MonkeyPatch) -> None:
    from elastic_transport import SerializationError

    from streams.sinks import elasticsearch as es_sink

    async def bulk(client: Any, actions: list[dict], **kw: Any):
        if any(a["_source"].get("bad") for a in actions):
            raise SerializationError("lone surrogate")
        for a in actions:
            yield True, {"index": {"_id": a["_id"], "status": 201}}

    monkeypatch.setattr(es_sink, "async_streaming_bulk", bulk)
    sink = es_sink.ElasticsearchSink("http://unused:1", client=object())
    records = {"a": {"bad": False}, "b": {"bad": True}, "c": {"bad": False}}
    actions = [{"_id": k, "_source": v} for k, v in records.items()]
    result = asyncio.run(sink._bulk(actions, records, lambda i: i, 3))
    assert result.written == 2 and [r.doc for r in result.rejected] == [{"bad": True}]


# --- the tag+index agent's last resort ---------------------------------------------------------


@pytest.fixture
def app() -> faust.App:
    return faust.App("parley-unit-resilience", broker="kafka://127.0.0.1:1", store="memory://", autodiscover=False)


class ExplodingSink(FakeSink):
    """Raises an error no handler foresaw whenever a batch holds a document with "boom" in its id."""

    async def write(self, batch: Sequence[Mapping[str, Any]]) -> WriteResult:
        if any("boom" in d["id"] for d in batch):
            raise RuntimeError("a bug in the sink")
        return await super().write(batch)


def _run_agent(app: faust.App, fn: Any, messages: list[tuple[bytes, bytes]], want_acks: int) -> list[Any]:
    agent = app.agent(app.channel(), name=f"a{id(fn)}")(fn)
    acked: list[Any] = []

    async def run() -> None:
        async with agent.test_context() as ctx:
            original_ack = faust.Stream.ack

            async def spy_ack(self: Any, event: Any) -> bool:
                acked.append(event.key)
                return await original_ack(self, event)

            faust.Stream.ack = spy_ack  # type: ignore[method-assign]
            try:
                for value, key in messages:
                    await ctx.put(value, key=key)
                for _ in range(300):
                    if len(acked) >= want_acks:
                        break
                    await asyncio.sleep(0.01)
            finally:
                faust.Stream.ack = original_ack  # type: ignore[method-assign]

    asyncio.run(run())
    return acked


def test_an_unforeseen_sink_error_dead_letters_only_its_document(app: faust.App) -> None:
    from streams.agents.tag_index import make_tag_index_agent

    metrics = Metrics.create(CollectorRegistry())
    sink = ExplodingSink()
    tagged, dead = FakeTopic("articles.tagged"), FakeTopic("articles.deadletter")
    fn = make_tag_index_agent(tagger=fake_tagger, tagged_topic=tagged, deadletter_topic=dead, metrics=metrics,
                              max_bytes=10_000, raw_topic_name="articles.raw",
                              writer=BatchWriter(sink, metrics, sleep=no_sleep), batch_size=10, within=0.05)
    messages = [(article(f"https://a/{n}", "talks"), f"k{n}".encode()) for n in ("1", "boom", "3")]
    acked = _run_agent(app, fn, messages, 3)
    assert sorted(acked) == [b"k1", b"k3", b"kboom"]
    assert set(sink.docs) == {"https://a/1", "https://a/3"}
    assert [(v["stage"], v["reason"]) for _, v in dead.sent] == [("index", "index_error")]
    assert "a bug in the sink" in dead.sent[0][1]["error"]


def test_an_unforeseen_error_after_tagging_dead_letters_only_its_message(app: faust.App) -> None:
    from streams.agents.tag_index import make_tag_index_agent

    class FlakyTopic(FakeTopic):
        async def send(self, *, key: Any = None, value: Any = None) -> None:
            if key == b"https://a/boom":
                raise RuntimeError("producer bug")
            await super().send(key=key, value=value)

    metrics = Metrics.create(CollectorRegistry())
    sink = FakeSink()
    tagged, dead = FlakyTopic("articles.tagged"), FakeTopic("articles.deadletter")
    fn = make_tag_index_agent(tagger=fake_tagger, tagged_topic=tagged, deadletter_topic=dead, metrics=metrics,
                              max_bytes=10_000, raw_topic_name="articles.raw",
                              writer=BatchWriter(sink, metrics, sleep=no_sleep), batch_size=10, within=0.05)
    messages = [(article(f"https://a/{n}", "talks"), f"k{n}".encode()) for n in ("1", "boom", "3")]
    acked = _run_agent(app, fn, messages, 3)
    assert sorted(acked) == [b"k1", b"k3", b"kboom"]
    assert set(sink.docs) == {"https://a/1", "https://a/3"}
    assert [(k, v["stage"], v["reason"]) for k, v in dead.sent] == [(b"kboom", "tag", "internal_error")]


# --- the tagging pool ---------------------------------------------------------------------------


class FakeExecutor:
    """Stands in for a ProcessPoolExecutor: `tag_many` tags each raw message as its own id;
    a batch holding b"poison" (or any batch once `break_next` is set) breaks the pool."""

    def __init__(self, log: list[str], *, fail_start: bool = False) -> None:
        self.log = log
        self._broken: str | bool = False
        self.fail_start = fail_start
        self.break_next = False
        log.append("start")

    def submit(self, fn: Any, *args: Any) -> Future:
        if self._broken:
            raise BrokenProcessPool(self._broken)
        future: Future = Future()
        if fn is int:
            if self.fail_start:
                self._broken = "initializer failed"
                future.set_exception(BrokenProcessPool(self._broken))
            else:
                future.set_result(0)
            return future
        items, _max_bytes = args
        if any(raw == b"unpicklable" for raw, _ in items):
            future.set_exception(RuntimeError("cannot pickle the outcome"))
            return future
        if self.break_next or any(raw == b"poison" for raw, _ in items):
            self.break_next = False
            self._broken = "A child process terminated abruptly"
            future.set_exception(BrokenProcessPool(self._broken))
            return future
        self.log.append(f"tag {len(items)}")
        future.set_result([TagOutcome(result={"id": raw.decode()}) for raw, _ in items])
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.log.append("shutdown")


def _pool(log: list[str], registry: CollectorRegistry, **kw: Any) -> tuple[TagPool, list[FakeExecutor]]:
    made: list[FakeExecutor] = []
    fail_starts = kw.pop("fail_starts", 0)

    def factory() -> FakeExecutor:
        made.append(FakeExecutor(log, fail_start=len(made) < fail_starts))
        return made[-1]

    return TagPool(factory, metrics=Metrics.create(registry), sleep=no_sleep, **kw).open(), made


def test_a_broken_pool_is_replaced_and_the_batch_tagged_again() -> None:
    log: list[str] = []
    registry = CollectorRegistry()
    pool, made = _pool(log, registry)
    assert pool.ready
    made[0].break_next = True
    outcomes = asyncio.run(pool.tag([(b"a", None), (b"b", None)], 100))
    assert [o.result["id"] for o in outcomes] == ["a", "b"]
    assert log == ["start", "shutdown", "start", "tag 2"]
    assert pool.ready and pool.restarts == 1
    assert registry.get_sample_value("parley_tag_pool_restarts_total") == 1
    assert registry.get_sample_value("parley_tag_pool_ready") == 1


def test_a_pool_broken_while_idle_is_not_ready_until_replaced() -> None:
    log: list[str] = []
    registry = CollectorRegistry()
    pool, made = _pool(log, registry)
    made[0]._broken = "A child process terminated abruptly"  # the process was killed between batches
    assert not pool.ready
    asyncio.run(pool.ensure())
    assert pool.ready and len(made) == 2
    asyncio.run(pool.ensure())  # nothing to do now
    assert len(made) == 2


def test_an_article_that_kills_the_tagging_process_is_isolated_and_dead_lettered() -> None:
    log: list[str] = []
    pool, made = _pool(log, CollectorRegistry())
    outcomes = asyncio.run(pool.tag([(b"a", None), (b"poison", None), (b"c", None)], 100))
    assert [o.result["id"] if o.result else o.reason for o in outcomes] == ["a", "tagger_crashed", "c"]
    assert pool.ready and pool.restarts == 3  # the batch twice, the article alone once


def test_a_pool_that_cannot_start_gives_up_after_a_few_attempts() -> None:
    log: list[str] = []
    pool, made = _pool(log, CollectorRegistry(), fail_starts=100, max_start_failures=3)
    assert not pool.ready
    with pytest.raises(TagPoolUnavailable) as err:
        asyncio.run(pool.tag([(b"a", None)], 100))
    assert err.value.attempts == 3 and "initializer failed" in str(err.value)
    assert not pool.ready


def test_a_pool_that_starts_on_the_second_attempt_recovers() -> None:
    log: list[str] = []
    pool, made = _pool(log, CollectorRegistry(), fail_starts=2)
    outcomes = asyncio.run(pool.tag([(b"a", None)], 100))
    assert [o.result["id"] for o in outcomes] == ["a"] and pool.ready


def test_the_agent_stops_the_worker_when_no_tagging_process_starts(app: faust.App) -> None:
    from streams.agents.tag_index import make_tag_index_agent

    log: list[str] = []
    pool, _ = _pool(log, CollectorRegistry(), fail_starts=100, max_start_failures=2)
    metrics = Metrics.create(CollectorRegistry())
    sink = FakeSink()
    stopped: list[BaseException] = []

    async def on_unavailable(exc: BaseException) -> None:
        stopped.append(exc)

    fn = make_tag_index_agent(tagger=fake_tagger, tagged_topic=FakeTopic("t"), deadletter_topic=FakeTopic("d"),
                              metrics=metrics, max_bytes=10_000, raw_topic_name="articles.raw",
                              writer=BatchWriter(sink, metrics, sleep=no_sleep), batch_size=10, within=0.05,
                              pool=pool, on_unavailable=on_unavailable)
    acked = _run_agent(app, fn, [(b"a", b"k1")], 1)
    assert acked == []  # not acked: the next owner of the partition tags it
    assert len(stopped) == 1 and isinstance(stopped[0], TagPoolUnavailable)


def test_health_is_503_while_the_worker_cannot_tag() -> None:
    from aiohttp.test_utils import TestClient, TestServer

    from streams.alerting.api import make_api
    from streams.notify.sse import SseHub

    class Registry:
        subs: dict = {}

        def __init__(self) -> None:
            self.ready = asyncio.Event()

    state = {"tagging": False}

    async def run() -> list[tuple[int, dict]]:
        registry = Registry()
        registry.ready.set()
        app = make_api(registry, {}, SseHub(), checks=lambda: dict(state))  # type: ignore[arg-type]
        out = []
        async with TestClient(TestServer(app)) as client:
            for tagging in (False, True):
                state["tagging"] = tagging
                resp = await client.get("/health")
                out.append((resp.status, await resp.json()))
        return out

    (s1, b1), (s2, b2) = asyncio.run(run())
    assert (s1, b1["ready"], b1["checks"]) == (503, False, {"subscriptions": True, "tagging": False})
    assert (s2, b2["ready"]) == (200, True)


def test_an_unforeseen_pool_error_dead_letters_only_its_message(app: faust.App) -> None:
    from streams.agents.tag_index import make_tag_index_agent

    pool, _ = _pool([], CollectorRegistry())
    metrics = Metrics.create(CollectorRegistry())
    sink = FakeSink()
    tagged, dead = FakeTopic("articles.tagged"), FakeTopic("articles.deadletter")
    fn = make_tag_index_agent(tagger=fake_tagger, tagged_topic=tagged, deadletter_topic=dead, metrics=metrics,
                              max_bytes=10_000, raw_topic_name="articles.raw",
                              writer=BatchWriter(sink, metrics, sleep=no_sleep), batch_size=10, within=0.05, pool=pool)
    acked = _run_agent(app, fn, [(b"a", b"k1"), (b"unpicklable", b"k2"), (b"c", b"k3")], 3)
    assert sorted(acked) == [b"k1", b"k2", b"k3"]
    assert set(sink.docs) == {"a", "c"}
    assert [(k, v["reason"]) for k, v in dead.sent] == [(b"k2", "internal_error")]
    assert "cannot pickle" in dead.sent[0][1]["error"]


def test_the_agent_and_the_timer_replace_a_broken_pool_once() -> None:
    log: list[str] = []
    registry = CollectorRegistry()
    pool, made = _pool(log, registry)

    async def both() -> list[TagOutcome]:
        made[0]._broken = "A child process terminated abruptly"
        ensure = asyncio.ensure_future(pool.ensure())
        await asyncio.sleep(0)
        outcomes = await pool.tag([(b"a", None)], 100)
        await ensure
        return outcomes

    outcomes = asyncio.run(both())
    assert [o.result["id"] for o in outcomes] == ["a"]
    assert pool.restarts == 1 and len(made) == 2
