"""The tag, index and tag+index agents through Faust's agent.test_context(), with fake topics and sinks."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any, Mapping, Sequence

import faust
import pytest
from prometheus_client import CollectorRegistry

from processors.errors import EmptyTextError
from streams.agents.index import BatchWriter, make_index_agent
from streams.agents.tag import make_tag_agent, tag_raw
from streams.metrics import Metrics
from streams.sinks.base import Rejected, SinkBackpressureError, WriteResult


def fake_tagger(article: Mapping[str, Any], *, include_text: bool = False) -> dict:
    text = article.get("text") or ""
    if not text.strip():
        raise EmptyTextError("no text")
    if "BOOM" in text:
        raise RuntimeError("tagger bug")
    tags = ["ceasefire"] if "ceasefire" in text else []
    out = {"id": article.get("url") or "sha1:x", "url": article.get("url"), "lang": "en", "tags": tags,
           "countries": [], "actors": [], "places": [], "events": [{"family": t} for t in tags]}
    if include_text:
        out["text"] = text
    return out


class FakeTopic:
    def __init__(self, name: str) -> None:
        self.name = name
        self.sent: list[tuple[Any, Any]] = []

    def get_topic_name(self) -> str:
        return self.name

    async def send(self, *, key: Any = None, value: Any = None) -> None:
        self.sent.append((key, value))


class FakeSink:
    """Fails with backpressure `fail_times` times, then accepts; rejects docs whose id is in `reject`."""

    def __init__(self, fail_times: int = 0, reject: set[str] = frozenset()) -> None:
        self.fail_times = fail_times
        self.reject = reject
        self.calls = 0
        self.docs: dict[str, Mapping[str, Any]] = {}
        self.doc_id = lambda d: str(d["id"])

    async def setup(self) -> list[tuple[str, str]]:
        return []

    async def write(self, batch: Sequence[Mapping[str, Any]]) -> WriteResult:
        self.calls += 1
        if self.calls <= self.fail_times:
            raise SinkBackpressureError("down", retry_after=0.0)
        rejected = [Rejected(d, "index_rejected", "400 mapper_parsing_exception") for d in batch if d["id"] in self.reject]
        for d in batch:
            if d["id"] not in self.reject:
                self.docs[d["id"]] = d
        return WriteResult(written=len(batch) - len(rejected), rejected=rejected)

    async def close(self) -> None:
        pass


def article(url: str, text: str) -> bytes:
    return json.dumps({"url": url, "text": text}).encode()


def test_tag_raw_reasons() -> None:
    ok = tag_raw(article("https://a/1", "a ceasefire held"), tagger=fake_tagger, max_bytes=1000, ingested_at="2026-01-01T00:00:00+00:00")
    assert ok.result is not None and ok.result["tags"] == ["ceasefire"] and ok.result["text"] == "a ceasefire held"
    assert ok.result["ingested_at"] == "2026-01-01T00:00:00+00:00"
    cases = {
        b"not json": "bad_json",
        b"\xff\xfe\x00\x01binary": "bad_json",
        b"[1, 2]": "bad_input",
        article("https://a/2", "   "): "empty_text",
        article("https://a/3", "BOOM"): "tagger_error",
        b"x" * 2000: "too_large",
    }
    for raw, reason in cases.items():
        out = tag_raw(raw, tagger=fake_tagger, max_bytes=1000)
        assert out.result is None and out.reason == reason, (raw[:20], out)
    assert tag_raw(None, tagger=fake_tagger, max_bytes=10).reason == "bad_input"


@pytest.fixture
def app() -> faust.App:
    return faust.App("parley-unit", broker="kafka://127.0.0.1:1", store="memory://", autodiscover=False)


def test_tag_agent_routes_results_and_deadletters(app: faust.App) -> None:
    registry = CollectorRegistry()
    metrics = Metrics.create(registry)
    tagged, dead = FakeTopic("articles.tagged"), FakeTopic("articles.deadletter")
    fn = make_tag_agent(tagger=fake_tagger, tagged_topic=tagged, deadletter_topic=dead, metrics=metrics,
                        max_bytes=10_000, raw_topic_name="articles.raw")
    agent = app.agent(app.channel(), name="tag")(fn)

    async def run() -> None:
        async with agent.test_context() as ctx:
            await ctx.put(article("https://a/1", "the ceasefire held"), key=b"k1")
            await ctx.put(b"{oops", key=b"k2")
            await ctx.put(article("https://a/3", "markets rose"), key=b"k3")
            await ctx.put(b"\x00" * 20_000, key=b"k4")

    asyncio.run(run())
    assert [k for k, _ in tagged.sent] == [b"https://a/1", b"https://a/3"]
    assert tagged.sent[0][1]["tags"] == ["ceasefire"]
    reasons = [(k, v["reason"]) for k, v in dead.sent]
    assert reasons == [(b"k2", "bad_json"), (b"k4", "too_large")]
    assert base64.b64decode(dead.sent[0][1]["payload_b64"]) == b"{oops"
    assert dead.sent[1][1]["size"] == 20_000
    g = registry.get_sample_value
    assert g("parley_articles_in_total", {"topic": "articles.raw"}) == 4
    assert g("parley_articles_out_total", {"topic": "articles.tagged"}) == 2
    assert g("parley_deadletters_total", {"stage": "tag", "reason": "bad_json"}) == 1
    assert g("parley_articles_tagged_total", {"family": "ceasefire", "lang": "en"}) == 1
    assert g("parley_articles_tagged_total", {"family": "none", "lang": "en"}) == 1
    assert g("parley_processing_seconds_count") == 4


def test_index_agent_retries_same_batch_until_sink_accepts(app: faust.App) -> None:
    registry = CollectorRegistry()
    metrics = Metrics.create(registry)
    sink = FakeSink(fail_times=3, reject={"bad"})
    sleeps: list[float] = []

    async def no_sleep(s: float) -> None:
        sleeps.append(s)

    writer = BatchWriter(sink, metrics, initial_backoff=0.5, max_backoff=2.0, sleep=no_sleep)
    dead = FakeTopic("articles.deadletter")
    fn = make_index_agent(writer=writer, deadletter_topic=dead, metrics=metrics, tagged_topic_name="articles.tagged",
                          out_label="elasticsearch", batch_size=3, within=0.05)
    agent = app.agent(app.channel(), name="index")(fn)

    async def run() -> None:
        async with agent.test_context() as ctx:
            for i in ("a", "b", "bad"):
                await ctx.put({"id": i, "events": [{"family": "ceasefire"}]}, key=i.encode())
            for _ in range(100):
                if sink.docs and dead.sent:
                    break
                await asyncio.sleep(0.02)

    asyncio.run(run())
    assert sink.calls == 4  # three refusals, then the same batch accepted
    assert sleeps == [0.5, 1.0, 2.0]
    assert set(sink.docs) == {"a", "b"}
    assert [v["reason"] for _, v in dead.sent] == ["index_rejected"]
    g = registry.get_sample_value
    assert g("parley_es_bulk_errors_total", {"kind": "unavailable"}) == 3
    assert g("parley_es_bulk_errors_total", {"kind": "rejected"}) == 1
    assert g("parley_articles_out_total", {"topic": "elasticsearch"}) == 2
    assert g("parley_es_docs_total", {"index": "events"}) == 3


def test_tag_index_agent_tags_produces_indexes_and_acks_after_the_write(app: faust.App) -> None:
    from streams.agents.tag_index import make_tag_index_agent

    registry = CollectorRegistry()
    metrics = Metrics.create(registry)
    sink = FakeSink(fail_times=2, reject={"https://a/bad"})
    tagged, dead = FakeTopic("articles.tagged"), FakeTopic("articles.deadletter")
    acked_at_write: list[int] = []
    acked: list[Any] = []

    async def no_sleep(s: float) -> None:
        pass

    writer = BatchWriter(sink, metrics, sleep=no_sleep)
    real_write = sink.write

    async def write(batch: Sequence[Mapping[str, Any]]) -> WriteResult:
        acked_at_write.append(len(acked))  # nothing of the batch may be acked before ES took it
        return await real_write(batch)

    sink.write = write  # type: ignore[method-assign]
    fn = make_tag_index_agent(tagger=fake_tagger, tagged_topic=tagged, deadletter_topic=dead, metrics=metrics,
                              max_bytes=10_000, raw_topic_name="articles.raw", writer=writer, batch_size=10, within=0.05)
    agent = app.agent(app.channel(), name="tag_index")(fn)

    async def run() -> None:
        async with agent.test_context() as ctx:
            original_ack = faust.Stream.ack

            async def spy_ack(self: Any, event: Any) -> bool:
                acked.append(event.key)
                return await original_ack(self, event)

            faust.Stream.ack = spy_ack  # type: ignore[method-assign]
            try:
                await ctx.put(article("https://a/1", "the ceasefire held"), key=b"k1")
                await ctx.put(b"{oops", key=b"k2")
                await ctx.put(article("https://a/bad", "markets rose"), key=b"k3")
                await ctx.put(article("https://a/4", "talks resumed"), key=b"k4")
                for _ in range(200):
                    if len(acked) >= 4:
                        break
                    await asyncio.sleep(0.01)
            finally:
                faust.Stream.ack = original_ack  # type: ignore[method-assign]

    asyncio.run(run())
    # articles.tagged still gets every tagged article (the alert agents read it)
    assert [k for k, _ in tagged.sent] == [b"https://a/1", b"https://a/bad", b"https://a/4"]
    assert set(sink.docs) == {"https://a/1", "https://a/4"}
    assert acked_at_write and all(n == 0 for n in acked_at_write)  # 2 refusals + 1 write, all before any ack
    assert sorted(acked) == [b"k1", b"k2", b"k3", b"k4"]
    assert [(v["stage"], v["reason"]) for _, v in dead.sent] == [("tag", "bad_json"), ("index", "index_rejected")]
    g = registry.get_sample_value
    assert g("parley_articles_out_total", {"topic": "elasticsearch"}) == 2
    assert g("parley_es_bulk_errors_total", {"kind": "unavailable"}) == 2
