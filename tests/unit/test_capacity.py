"""`parley setup` refuses what the clusters cannot hold; durability settings of topics and indices."""

from __future__ import annotations

import asyncio

import pytest

from streams.capacity import es_problems, kafka_problems
from streams.config import Settings
from streams.sources.feeds import FeedPoller, FeedSpec, MemorySeenStore, Response
from streams.topics import TOPICS, topic_configs
from streams.web import acknowledged


def test_replication_three_on_one_broker_is_refused_with_what_to_change() -> None:
    s = Settings(kafka_bootstrap="k1:9092", topic_replication=3)
    [problem] = kafka_problems(s, brokers=1)
    assert "PARLEY_TOPIC_REPLICATION=3 needs 3 Kafka brokers" in problem
    assert "k1:9092 has 1" in problem and "set PARLEY_TOPIC_REPLICATION=1 or fewer, or add brokers" in problem
    assert kafka_problems(s, brokers=3) == []
    assert kafka_problems(Settings(), brokers=1) == []


@pytest.mark.parametrize("field,value,text", [
    ("topic_partitions", 0, "PARLEY_TOPIC_PARTITIONS=0"),
    ("topic_replication", 0, "PARLEY_TOPIC_REPLICATION=0"),
    ("topic_min_insync", 4, "PARLEY_TOPIC_MIN_INSYNC=4 must be between 1 and PARLEY_TOPIC_REPLICATION=3"),
])
def test_impossible_topic_settings_are_named(field: str, value: int, text: str) -> None:
    s = Settings(topic_replication=3).with_(**{field: value})
    assert any(text in p for p in kafka_problems(s, brokers=3))


def test_min_insync_is_two_for_three_replicas_and_lands_on_every_topic() -> None:
    assert Settings(topic_replication=1).min_insync_replicas == 1
    assert Settings(topic_replication=2).min_insync_replicas == 1
    assert Settings(topic_replication=3).min_insync_replicas == 2
    assert Settings(topic_replication=5, topic_min_insync=3).min_insync_replicas == 3
    s = Settings.from_env({"PARLEY_TOPIC_REPLICATION": "3"})
    assert {topic_configs(spec, s)["min.insync.replicas"] for spec in TOPICS} == {"2"}


def test_es_replicas_must_stay_below_the_data_nodes() -> None:
    s = Settings.from_env({"PARLEY_ES_REPLICAS": "1", "PARLEY_ES_URL": "http://es:9200"})
    [problem] = es_problems(s, data_nodes=1)
    assert "PARLEY_ES_REPLICAS=1 needs 2 Elasticsearch data nodes" in problem
    assert "set PARLEY_ES_REPLICAS=0 or add nodes" in problem
    assert es_problems(s, data_nodes=2) == es_problems(s, data_nodes=3) == []
    assert es_problems(Settings(es_replicas=3), data_nodes=3)
    assert "PARLEY_ES_SHARDS=0" in es_problems(Settings(es_shards=0), data_nodes=3)[0]
    # unset: nothing asked, nothing refused (the stored templates keep their counts)
    assert Settings.from_env({}).es_replicas is None and es_problems(Settings.from_env({}), data_nodes=1) == []


def test_a_sink_without_counts_keeps_those_of_the_stored_template() -> None:
    """A worker started without PARLEY_ES_REPLICAS must not put replicas back to 0."""
    from streams.sinks.elasticsearch import ElasticsearchSink

    stored = {"template": {"settings": {"index": {"number_of_shards": "2", "number_of_replicas": "1"}}}}
    plain = ElasticsearchSink("http://es:9200")._template("articles", stored)["template"]["settings"]
    assert (plain["number_of_shards"], plain["number_of_replicas"]) == (2, 1)
    fresh = ElasticsearchSink("http://es:9200")._template("articles", None)["template"]["settings"]
    assert (fresh["number_of_shards"], fresh["number_of_replicas"]) == (1, 0)
    asked = ElasticsearchSink("http://es:9200", replicas=2)._template("articles", stored)["template"]["settings"]
    assert (asked["number_of_shards"], asked["number_of_replicas"]) == (2, 2)


def test_es_url_may_list_every_node_of_a_cluster() -> None:
    s = Settings.from_env({"PARLEY_ES_URL": "http://a:9200, http://b:9200,"})
    assert s.es_hosts == ["http://a:9200", "http://b:9200"]


def test_a_feed_item_kafka_did_not_acknowledge_is_not_marked_seen() -> None:
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
            b"<item><title>A</title><link>https://wire.example/a</link><description>Talks.</description></item>"
            b"<item><title>B</title><link>https://wire.example/b</link><description>Truce.</description></item>"
            b"</channel></rss>")
    store = MemorySeenStore()
    refused = {"https://wire.example/b"}

    def send(article, on_error):
        if article["url"] in refused:
            on_error(RuntimeError("NotEnoughReplicasError"))
        return article["url"]

    get = lambda url, headers: Response(200, {}, feed if url.endswith("feed") else b"<p>Envoys met.</p>")
    poller = FeedPoller(store, send, get=get, fetch_workers=1)
    r = poller.poll(FeedSpec("https://wire.example/feed"))
    assert r.status == "error" and r.new == 1 and "1 article(s) not acknowledged by Kafka" in r.error
    assert "NotEnoughReplicasError" in r.error
    assert store.keys == {"https://wire.example/a"}
    refused.clear()  # the next poll sends it again
    assert poller.poll(FeedSpec("https://wire.example/feed")).new == 1
    assert store.keys == {"https://wire.example/a", "https://wire.example/b"}


def test_http_ingest_tells_acknowledged_from_refused_and_unanswered_sends() -> None:
    async def run():
        loop = asyncio.get_running_loop()
        ok, refused, silent = loop.create_future(), loop.create_future(), loop.create_future()
        ok.set_result("metadata")
        refused.set_exception(RuntimeError("NotEnoughReplicas"))
        return await acknowledged([("a", ok), ("b", refused), ("c", silent)], timeout=0.05)

    acked, unacked = asyncio.run(run())
    assert acked == ["a"]
    assert unacked == [("b", "RuntimeError: NotEnoughReplicas"), ("c", "no answer within 0.05s")]
