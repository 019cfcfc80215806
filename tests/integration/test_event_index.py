"""The events index on a real Elasticsearch: one document per event frame, and re-tagging
an article replaces its events (ElasticsearchSink.write) instead of leaving stale ones."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any, Callable, Iterator

import pytest
from elastic_transport import ConnectionError as TransportConnectionError
from prometheus_client import CollectorRegistry

from processors import tag_article
from streams.agents.index import BatchWriter
from streams.metrics import Metrics
from streams.sinks.base import WriteResult
from streams.sinks.elasticsearch import ElasticsearchSink
from streams.sinks.es_docs import event_doc_ids

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
AID = "https://example.org/talks"


def _event(family: str, eid: str, countries: list[str], *sentences: str, **fields: Any) -> dict[str, Any]:
    mentions = [{"text": s.split()[0], "start": 0, "end": len(s.split()[0]), "sentence": s} for s in sentences]
    return {"family": family, "id": eid, "status": fields.get("status"), "stage": fields.get("stage"),
            "mode": fields.get("mode"), "cameo": [], "actors": [], "countries": countries, "orgs": [],
            "mediators": [], "where": None, "when": None, "figures": {}, "evidence": mentions[0], "mentions": mentions}


def _article(tagger: str, events: list[dict[str, Any]], aid: str = AID) -> dict[str, Any]:
    return {"id": aid, "url": aid, "title": "Talks", "lang": "en", "published": "2026-11-20T08:00:00Z",
            "ingested_at": "2026-11-20T08:01:00Z", "tags": sorted({e["family"] for e in events}),
            "countries": sorted({c for e in events for c in e["countries"]}), "events": events,
            "actors": [], "places": [], "truncated": False, "tagger": tagger}


THREE = _article("parley/0.1.0", [
    _event("ceasefire", "c1", ["ARM", "AZE"], "Armenia and Azerbaijan agreed a ceasefire.", status="agreed"),
    _event("peace_process", "p1", ["ARM", "AZE"], "Talks on a peace treaty resumed.", stage="progress"),
    _event("diplomatic_meeting", "m1", ["RUS", "TUR"], "Russia and Turkey met in Moscow.", status="held"),
])
# the same article tagged again by a newer tagger: one frame left, the ceasefire, now violated
ONE = _article("parley/0.2.0", [
    _event("ceasefire", "c1", ["ARM", "AZE"], "Armenia and Azerbaijan agreed a ceasefire.",
           "The truce was violated on Tuesday.", status="violated"),
])
OTHER = _article("parley/0.1.0", [_event("ceasefire", "k1", ["COD"], "A truce in Goma.", status="agreed")],
                 aid="https://example.org/goma")


@pytest.fixture
def sink(es_url: str, es_client, index_factory) -> Iterator[ElasticsearchSink]:
    prefix = index_factory("it-events", create=False)  # its indices are deleted after the test
    s = ElasticsearchSink(es_url, prefix=prefix, clock=lambda: NOW)

    async def setup() -> None:
        try:
            await s.setup()
        finally:
            await s.close()  # each asyncio.run below opens its own client

    asyncio.run(setup())
    yield s
    es_client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-*")


def _write(sink: ElasticsearchSink, batch: list[dict[str, Any]]) -> WriteResult:
    async def go() -> WriteResult:
        try:
            return await sink.write(batch)
        finally:
            await sink.close()  # the client belongs to this loop

    return asyncio.run(go())


def _events(es_client, sink: ElasticsearchSink, article_id: str) -> dict[str, dict[str, Any]]:
    index = f"{sink.prefix}-events"
    es_client.indices.refresh(index=index)
    hits = es_client.search(index=index, query={"term": {"article_id": article_id}}, size=100)["hits"]["hits"]
    return {h["_id"]: h["_source"] for h in hits}


def _article_doc(es_client, sink: ElasticsearchSink, article_id: str) -> dict[str, Any]:
    index = f"{sink.prefix}-articles"
    es_client.indices.refresh(index=index)
    hits = es_client.search(index=index, query={"ids": {"values": [article_id]}})["hits"]["hits"]
    assert len(hits) == 1, hits
    return hits[0]["_source"]


def test_retagging_replaces_the_articles_events(sink: ElasticsearchSink, es_client) -> None:
    first = _write(sink, [THREE, OTHER])
    assert (first.written, first.rejected, first.deleted) == (2, [], 0)
    three = [f"{AID}#c1", f"{AID}#p1", f"{AID}#m1"]
    got = es_client.mget(index=f"{sink.prefix}-events", ids=three)["docs"]  # a get is real-time: no refresh
    assert [d["found"] for d in got] == [True, True, True]

    # re-indexed at once, before a refresh made the three searchable: they must still be found
    second = _write(sink, [ONE])
    assert (second.written, second.deleted) == (1, 2)
    events = _events(es_client, sink, AID)
    assert list(events) == [f"{AID}#c1"]
    (doc,) = events.values()
    assert doc["tagger"] == "parley/0.2.0" and doc["status"] == "violated" and doc["mention_count"] == 2
    assert [m["sentence"] for m in doc["mentions"]][1] == "The truce was violated on Tuesday."
    article = _article_doc(es_client, sink, AID)
    assert article["tagger"] == "parley/0.2.0" and article["event_count"] == 1
    # another article of the first batch is left alone
    assert list(_events(es_client, sink, OTHER["id"])) == [f"{OTHER['id']}#k1"]

    # replaying the same batch (twice) leaves the same documents
    before = (_events(es_client, sink, AID), _article_doc(es_client, sink, AID))
    for _ in range(2):
        again = _write(sink, [ONE])
        assert (again.written, again.rejected, again.deleted) == (1, [], 0)
        assert (_events(es_client, sink, AID), _article_doc(es_client, sink, AID)) == before


def test_mentions_are_searchable_by_sentence(sink: ElasticsearchSink, es_client) -> None:
    _write(sink, [ONE])
    index = f"{sink.prefix}-events"
    es_client.indices.refresh(index=index)
    hits = es_client.search(index=index, query={"match": {"mentions.sentence": "violated"}})["hits"]["hits"]
    assert [h["_id"] for h in hits] == [f"{AID}#c1"]
    counts = es_client.search(index=index, size=0, aggs={"t": {"terms": {"field": "tagger"}}})["aggregations"]
    assert [b["key"] for b in counts["t"]["buckets"]] == ["parley/0.2.0"]


def test_a_failed_delete_is_retried_with_the_whole_batch(sink: ElasticsearchSink, es_client) -> None:
    _write(sink, [THREE])
    calls: list[int] = []

    async def scenario() -> WriteResult:
        real = sink.client.search

        async def flaky(**kw: Any) -> Any:
            calls.append(1)
            if len(calls) == 1:
                raise TransportConnectionError("connection refused")
            return await real(**kw)

        sink.client.search = flaky  # type: ignore[method-assign]  # (only the stale-event lookup searches)
        sleeps: list[float] = []

        async def no_sleep(seconds: float) -> None:
            sleeps.append(seconds)

        writer = BatchWriter(sink, Metrics.create(CollectorRegistry()), sleep=no_sleep)
        try:
            result = await writer.write([ONE])  # the retry loop the agents use
        finally:
            await sink.close()
        assert writer.retries == 1 and len(sleeps) == 1  # raised SinkBackpressureError once, then retried
        return result

    result = asyncio.run(scenario())
    assert len(calls) == 2 and result.written == 1 and result.deleted == 2
    assert list(_events(es_client, sink, AID)) == [f"{AID}#c1"]


def test_the_index_mirrors_the_tagger_after_retagging(sink: ElasticsearchSink, es_client) -> None:
    """Through the real tagger: whatever frames it finds, the index holds exactly those."""
    text = ("Armenia and Azerbaijan agreed a ceasefire in Nagorno-Karabakh on 5 November. Separately, the "
            "foreign ministers of Russia and Turkey met in Moscow on 10 November.")
    base = {"id": "https://example.org/retag", "published": "2026-11-20"}
    first = {**tag_article({**base, "text": text}), "ingested_at": "2026-11-20T08:00:00Z"}
    second = {**tag_article({**base, "text": text.split(" Separately")[0]}), "ingested_at": "2026-11-20T08:00:00Z"}
    assert len(first["events"]) > len(second["events"]) >= 1, (first["events"], second["events"])
    for tagged in (first, second, second):
        _write(sink, [tagged])
        events = _events(es_client, sink, tagged["id"])
        assert sorted(events) == sorted(event_doc_ids(tagged))
        assert {e["tagger"] for e in events.values()} == {tagged["tagger"]}
        assert sum(e["mention_count"] for e in events.values()) == sum(len(e["mentions"]) for e in tagged["events"])


def test_setup_maps_new_fields_in_an_existing_events_index(sink: ElasticsearchSink, es_client) -> None:
    """An events index created before `tagger` and `mentions` existed gets them mapped by setup."""
    index = f"{sink.prefix}-events"
    es_client.indices.delete(index=index)
    es_client.indices.delete_index_template(name=index)  # else the template maps the new index in full
    es_client.indices.create(index=index, mappings={"dynamic": False, "properties": {"article_id": {"type": "keyword"}}},
                             settings={"number_of_replicas": 0})

    async def setup() -> list[tuple[str, str]]:
        try:
            return await sink.setup()
        finally:
            await sink.close()

    report = asyncio.run(setup())
    assert (f"mapping {index}", "updated") in report, report
    props = es_client.indices.get_mapping(index=index)[index]["mappings"]["properties"]
    assert props["tagger"]["type"] == "keyword" and props["mention_count"]["type"] == "integer"
    _write(sink, [ONE])
    assert list(_events(es_client, sink, AID)) == [f"{AID}#c1"]
    es_client.indices.refresh(index=index)
    assert es_client.count(index=index, query={"term": {"tagger": "parley/0.2.0"}})["count"] == 1
    again = asyncio.run(setup())  # nothing left to add: setup says so
    assert all(status == "already exists" for _, status in again), again
