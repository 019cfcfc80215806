"""The real services answer as Parley needs: Kafka round-trips a message, Elasticsearch indexes,
searches, analyses text per language and survives a restart."""

from __future__ import annotations

import json
import uuid

import pytest


def test_kafka_produce_and_consume(kafka_bootstrap: str, topic_factory) -> None:
    from kafka import KafkaConsumer, KafkaProducer

    topic = topic_factory("articles.raw", partitions=2)
    article_id = f"sha1:{uuid.uuid4().hex}"
    payload = {"id": article_id, "title": "Envoys agree to a truce in the valley", "lang": "en"}

    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap, key_serializer=str.encode,
                             value_serializer=lambda v: json.dumps(v).encode())
    producer.send(topic, key=article_id, value=payload).get(timeout=30)
    producer.close()

    consumer = KafkaConsumer(topic, bootstrap_servers=kafka_bootstrap, group_id=f"g-{topic}",
                             auto_offset_reset="earliest", consumer_timeout_ms=20_000,
                             value_deserializer=lambda b: json.loads(b))
    try:
        received = next(iter(consumer))
    finally:
        consumer.close()
    assert received.key == article_id.encode()
    assert received.value == payload


def test_kafka_auto_creates_topics(kafka_bootstrap: str, kafka_admin) -> None:
    from kafka import KafkaProducer

    topic = f"auto-{uuid.uuid4().hex[:10]}"
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
    try:
        producer.send(topic, b"x").get(timeout=30)
    finally:
        producer.close()
    assert topic in kafka_admin.list_topics()
    kafka_admin.delete_topics([topic])


def test_es_index_and_search(es_client, index_factory) -> None:
    index = index_factory("parley-articles", mappings={"properties": {
        "title": {"type": "text"}, "countries": {"type": "keyword"}, "published": {"type": "date"}}})
    es_client.index(index=index, id="a1", refresh=True, document={
        "title": "Foreign ministers meet to discuss a ceasefire", "countries": ["ARM", "AZE"],
        "published": "2024-05-01"})
    es_client.index(index=index, id="a2", refresh=True, document={
        "title": "Football club signs a new striker", "countries": ["ESP"], "published": "2024-05-02"})

    hits = es_client.search(index=index, query={"match": {"title": "ceasefire"}})["hits"]["hits"]
    assert [h["_id"] for h in hits] == ["a1"]
    by_country = es_client.search(index=index, size=0, aggs={"c": {"terms": {"field": "countries"}}})
    assert {b["key"] for b in by_country["aggregations"]["c"]["buckets"]} == {"ARM", "AZE", "ESP"}


@pytest.mark.parametrize("analyzer,text,expected", [
    ("indonesian", "Pertemuan para menteri membahas gencatan senjata", ["temu", "teri", "bahas", "gencat", "senjata"]),
    ("arabic", "وقف إطلاق النار", ["وقف", "اطلاق", "نار"]),
    ("english", "The ceasefires were negotiated", ["ceasefir", "were", "negoti"]),
])
def test_es_language_analyzers(es_client, analyzer: str, text: str, expected: list[str]) -> None:
    tokens = [t["token"] for t in es_client.indices.analyze(analyzer=analyzer, text=text)["tokens"]]
    assert tokens == expected


def test_es_language_analyzer_in_mapping(es_client, index_factory) -> None:
    index = index_factory("parley-lang", mappings={"properties": {"body_id": {"type": "text", "analyzer": "indonesian"}}})
    es_client.index(index=index, id="1", refresh=True, document={"body_id": "Para menteri membahas gencatan senjata"})
    es_client.index(index=index, id="2", refresh=True, document={"body_id": "Harga beras naik lagi"})
    hits = es_client.search(index=index, query={"match": {"body_id": "pembahasan"}})["hits"]["hits"]
    assert [h["_id"] for h in hits] == ["1"]  # "membahas" and "pembahasan" share the stem "bahas"


def test_es_restart_keeps_data(es_client, es_control, es_url: str, index_factory) -> None:
    from elasticsearch import ConnectionError as EsConnectionError
    from elasticsearch import Elasticsearch

    index = index_factory("parley-restart")
    es_client.index(index=index, id="kept", refresh=True, document={"title": "still here"})
    es_control.stop()
    with pytest.raises(EsConnectionError):
        Elasticsearch(es_url, request_timeout=2, max_retries=0).info()
    es_control.start()
    es_client.cluster.health(index=index, wait_for_status="yellow", timeout="30s")
    assert es_client.get(index=index, id="kept")["_source"] == {"title": "still here"}
