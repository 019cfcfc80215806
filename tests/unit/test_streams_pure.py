"""Pure parts of streams/: settings, documents and templates, sources, feeds, dead letters, metrics."""

from __future__ import annotations

import base64
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

from processors.errors import InputError
from streams.commands.search import build_query
from streams.config import Settings
from streams.deadletter import SourceRef, deadletter_record
from streams.metrics import Metrics
from streams.sinks.es_docs import (article_doc, article_index, bulk_actions, event_doc_ids, event_docs, load_template,
                                   stale_events_query, text_languages)
from streams.sources.articles import article_key, iter_path, parse_body
from streams.sources.feeds import FeedPoller, FeedSpec, MemorySeenStore, Response, load_config
from streams.sources.synthetic import synthetic_articles
from streams.topics import DEADLETTER, RAW, SUBSCRIPTIONS, TOPICS, topic_configs

TAGGED = {
    "id": "https://example.org/a1", "url": "https://example.org/a1", "title": "Talks", "source": "Wire",
    "published": "2026-10-05T09:00:00Z", "ingested_at": "2026-11-27T10:00:00+00:00", "lang": "id",
    "lang_confidence": 0.97, "tags": ["ceasefire", "diplomatic_meeting"], "countries": ["ARM", "AZE"],
    "actors": [{"kind": "country", "code": "ARM", "name": "Armenia", "role": None},
               {"kind": "org", "code": "OIC", "name": "OIC", "role": None}],
    "places": [{"name": "Baku", "country": "AZE", "lat": 40.4, "lon": 49.9}],
    "events": [
        {"family": "ceasefire", "status": "agreed", "stage": None, "mode": None, "cameo": ["0871"],
         "actors": [{"kind": "country", "code": "ARM", "name": "Armenia"}], "countries": ["ARM", "AZE"], "orgs": ["OIC"],
         "where": {"name": "Baku", "country": "AZE", "lat": 40.4, "lon": 49.9},
         "when": {"date": "2026-10-04", "precision": "day", "text": "Sabtu"}, "figures": {"killed": 3},
         "evidence": {"text": "gencatan senjata", "start": 10, "end": 26, "sentence": "..."},
         "mentions": [{"text": "gencatan senjata", "start": 10, "end": 26, "sentence": "..."},
                      {"text": "gencatan senjata", "start": 60, "end": 76, "sentence": "Gencatan senjata dilanggar."}],
         "id": "5e0d"},
        {"family": "diplomatic_meeting", "status": "held", "mode": "bilateral", "cameo": ["040"], "actors": [],
         "countries": [], "orgs": [], "where": None, "when": None, "figures": {}, "evidence": None, "mentions": [],
         "id": "a7c2"},
    ],
    "truncated": False, "text": "Kedua pihak menyepakati gencatan senjata.", "tagger": "parley/9.9",
}


def test_settings_from_env_and_names() -> None:
    s = Settings.from_env({"PARLEY_KAFKA_BOOTSTRAP": "k1:9092,k2:9092", "PARLEY_TOPIC_PARTITIONS": "8",
                           "PARLEY_TOPIC_PREFIX": "staging.", "PARLEY_INDEX_PREFIX": "px", "PARLEY_BULK_FLUSH_SECONDS": "0.2"})
    assert s.broker_url == "kafka://k1:9092;kafka://k2:9092"
    assert s.bootstrap_servers == ["k1:9092", "k2:9092"]
    assert s.topic_partitions == 8 and s.topic_replication == 1 and s.bulk_flush_seconds == 0.2
    assert s.topic(RAW) == "staging.articles.raw" and s.index("events") == "px-events"
    d = Settings.from_env({})
    assert (d.kafka_bootstrap, d.es_url, d.topic_partitions, d.index_prefix) == ("localhost:9092", "http://localhost:9200", 4, "parley")
    with pytest.raises(ValueError, match="PARLEY_TOPIC_PARTITIONS"):
        Settings.from_env({"PARLEY_TOPIC_PARTITIONS": "four"})


def test_topic_configs() -> None:
    s = Settings()
    specs = {t.name: t for t in TOPICS}
    raw = topic_configs(specs[RAW], s)
    assert raw["cleanup.policy"] == "delete" and raw["retention.ms"] == str(7 * 86400000)
    assert int(raw["max.message.bytes"]) >= 25 * 1024 * 1024
    assert topic_configs(specs[DEADLETTER], s)["retention.ms"] == str(30 * 86400000)
    assert topic_configs(specs[SUBSCRIPTIONS], s)["cleanup.policy"] == "compact"


def test_article_doc_and_monthly_index() -> None:
    now = datetime(2026, 11, 27, tzinfo=timezone.utc)
    doc = article_doc(TAGGED, now=now)
    assert doc["text"] == {"id": TAGGED["text"]}  # Indonesian analyzer subfield only
    assert doc["actor_codes"] == ["ARM", "OIC"] and doc["orgs"] == ["OIC"]
    assert doc["statuses"] == ["agreed", "held"] and doc["modes"] == ["bilateral"] and doc["cameo"] == ["0871", "040"]
    assert doc["places"][0]["location"] == {"lat": 40.4, "lon": 49.9}
    # two frames (two real-world events), however many sentences report them
    assert doc["event_count"] == 2 and doc["events"][0]["evidence"] == "gencatan senjata"
    assert [(e["id"], e["mention_count"]) for e in doc["events"]] == [("5e0d", 2), ("a7c2", 0)]
    assert doc["tagger"] == "parley/9.9"
    assert article_index(TAGGED) == "parley-articles-2026.10"
    assert article_index({**TAGGED, "published": None}, "px") == "px-articles-2026.11"  # falls back to ingested_at
    assert article_doc({**TAGGED, "lang": "xx"}, now=now)["text"] == {"other": TAGGED["text"]}


def test_event_docs_have_stable_ids_and_geo_points() -> None:
    events = list(event_docs(TAGGED))
    # the tagger's frame id, not the position: re-tagging rewrites the same documents
    assert [eid for eid, _ in events] == ["https://example.org/a1#5e0d", "https://example.org/a1#a7c2"]
    first = events[0][1]
    assert first["event_id"] == "https://example.org/a1#5e0d"
    assert first["where"]["location"] == {"lat": 40.4, "lon": 49.9} and first["date"] == "2026-10-04"
    assert first["article_id"] == TAGGED["id"] and first["evidence"] == "gencatan senjata" and first["figures"] == {"killed": 3}
    assert first["mention_count"] == 2 and first["mentions"][1]["sentence"] == "Gencatan senjata dilanggar."
    assert first["tagger"] == events[1][1]["tagger"] == "parley/9.9"
    assert events[1][1]["where"]["location"] is None and events[1][1]["mentions"] == []
    actions = bulk_actions([TAGGED], prefix="px")
    assert bulk_actions([TAGGED], prefix="px", now=datetime(2026, 1, 1, tzinfo=timezone.utc)) == \
        bulk_actions([TAGGED], prefix="px", now=datetime(2026, 1, 1, tzinfo=timezone.utc))  # a replay: same docs
    assert [a["_id"] for a in actions] == [TAGGED["id"], *event_doc_ids(TAGGED)]
    assert {a["_index"] for a in actions} == {"px-articles-2026.10", "px-events"}
    assert all(a["_op_type"] == "index" for a in actions)


def test_event_ids_fall_back_to_position_and_stay_unique() -> None:
    old = {"id": "a", "events": [{"family": "ceasefire", "evidence": {"text": "truce", "sentence": "A truce."}},
                                 {"family": "ceasefire", "id": "x1"}, {"family": "ceasefire", "id": "x1"}]}
    assert event_doc_ids(old) == ["a#0", "a#x1", "a#x1~2"]
    doc = next(event_docs(old))[1]  # no mentions from the tagger: its evidence is the one mention
    assert doc["mention_count"] == 1 and doc["mentions"][0]["text"] == "truce" and doc["tagger"] is None


def test_a_batch_indexes_the_last_version_of_an_article() -> None:
    retagged = {**TAGGED, "events": TAGGED["events"][1:], "tagger": "parley/10.0"}
    actions = bulk_actions([TAGGED, {**TAGGED, "id": "other"}, retagged], prefix="px")
    ids = [a["_id"] for a in actions]
    assert ids.count(TAGGED["id"]) == 1 and "https://example.org/a1#5e0d" not in ids
    assert next(a for a in actions if a["_id"] == TAGGED["id"])["_source"]["tagger"] == "parley/10.0"


def test_stale_events_query_spares_the_new_events() -> None:
    query = stale_events_query({"a1": ["a1#x", "a1#y"], "a2": []})
    assert query == {"bool": {"filter": [{"terms": {"article_id": ["a1", "a2"]}}],
                              "must_not": [{"ids": {"values": ["a1#x", "a1#y"]}}]}}


def test_templates_are_valid_and_prefixable() -> None:
    arts = load_template("articles", "px")
    assert arts["index_patterns"] == ["px-articles-*"] and list(arts["template"]["aliases"]) == ["px-articles"]
    props = arts["template"]["mappings"]["properties"]
    analyzers = {k: v["analyzer"] for k, v in props["text"]["properties"].items()}
    assert analyzers["en"] == "english" and analyzers["id"] == "indonesian" and analyzers["ar"] == "arabic"
    assert analyzers["zh"] == analyzers["ja"] == "cjk" and analyzers["fa"] == "persian" and analyzers["other"] == "standard"
    assert {"en", "id", "fr", "es", "pt", "de", "ar", "ru", "tr", "fa", "hi", "zh", "ja"} <= text_languages()
    for field in ("tags", "countries", "actor_codes", "lang", "statuses", "stages", "modes", "source"):
        assert props[field]["type"] == "keyword", field
    assert props["published"]["type"] == "date" and props["ingested_at"]["type"] == "date"
    ev = load_template("events")["template"]["mappings"]["properties"]
    assert ev["where"]["properties"]["location"]["type"] == "geo_point"
    assert ev["mentions"]["properties"]["sentence"]["type"] == "text" and ev["mention_count"]["type"] == "integer"
    assert ev["tagger"]["type"] == props["tagger"]["type"] == "keyword"
    assert load_template("alerts")["template"]["mappings"]["properties"]["subscription_id"]["type"] == "keyword"
    assert load_template("deliveries")["template"]["mappings"]["properties"]["status"]["type"] == "keyword"


def test_parse_body_object_array_jsonl_and_errors() -> None:
    assert len(parse_body(b'{"text": "a"}')) == 1
    assert len(parse_body(b'[{"text": "a"}, {"html": "<p>b</p>"}]')) == 2
    assert len(parse_body(b'{"text": "a"}\n\n{"text": "b"}\n')) == 2
    for body, msg in [(b"", "empty body"), (b'{"text": "a"}\n{oops', "line 2: not JSON"),
                      (b'{"title": "no text"}', "item 1"), (b"\xff\xfe", "not UTF-8"), (b'{"text": "a", "url": 5}', "'url' must be a string")]:
        with pytest.raises(InputError, match=msg):
            parse_body(body)


def test_iter_path_reports_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.jsonl").write_text('{"text": "one"}\nnot json\n\n{"text": ""}\n')
    (tmp_path / "sub" / "b.html").write_text("<p>two</p>")
    (tmp_path / "sub" / "c.txt").write_text("three")
    (tmp_path / "sub" / "ignored.png").write_bytes(b"\x89PNG")
    items = list(iter_path(tmp_path))
    ok = [i.article for i in items if i.article]
    errors = [(Path(i.origin).name, i.error) for i in items if i.error]
    assert ok == [{"text": "one"}, {"html": "<p>two</p>"}, {"text": "three"}]
    assert [e[0] for e in errors] == ["a.jsonl:2", "a.jsonl:4"]
    stdin = list(iter_path("-", stdin=io.StringIO('{"text": "x"}\n')))
    assert stdin[0].origin == "<stdin>:1" and stdin[0].article == {"text": "x"}
    assert list(iter_path(tmp_path / "missing"))[0].error == "no such file or folder"


def test_article_key_is_the_article_id() -> None:
    assert article_key({"id": "afp:1", "text": "x"}) == "afp:1"
    assert article_key({"url": "https://example.org/a", "text": "x"}).startswith("https://example.org/a")
    k1, k2 = article_key({"text": "same text"}), article_key({"text": "same text"})
    assert k1 == k2 and k1.startswith("sha1:")


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>"""


def rss(n: int) -> bytes:
    return RSS.format(items="".join(
        f"<item><title>T{i}</title><link>https://wire.example/{i}</link><description>S{i}</description>"
        f"<pubDate>Mon, 02 Nov 2026 10:0{i}:00 GMT</pubDate></item>" for i in range(n))).encode()


def test_feed_poller_conditional_get_and_seen_set() -> None:
    state = {"n": 2}
    calls: list[tuple[str, dict]] = []

    def get(url: str, headers: dict) -> Response:
        calls.append((url, headers))
        if url.endswith("feed"):
            etag = f'"{state["n"]}"'
            if headers.get("If-None-Match") == etag:
                return Response(304, {}, b"")
            return Response(200, {"ETag": etag}, rss(state["n"]))
        if url.endswith("/1"):
            raise OSError("connection reset")
        return Response(200, {"Content-Type": "text/html; charset=utf-8"}, f"<p>page {url}</p>".encode())

    sent: list[dict] = []
    store = MemorySeenStore()
    poller = FeedPoller(store, lambda a, on_error: sent.append(a) or a["url"], get=get, fetch_workers=1)
    feed = FeedSpec("https://wire.example/feed", source=None, lang="en")
    r1 = poller.poll(feed)
    assert (r1.status, r1.new) == ("ok", 2)
    assert sent[0] == {"url": "https://wire.example/0", "html": "<p>page https://wire.example/0</p>", "title": "T0",
                       "source": "Wire", "published": "2026-11-02T10:00:00Z", "lang": "en"}
    assert sent[1]["html"] == "S1"  # page fetch failed: the feed's summary instead
    assert poller.poll(feed).status == "not_modified" and calls[-1][1] == {"If-None-Match": '"2"'}
    state["n"] = 3
    r3 = poller.poll(feed)
    assert (r3.new, r3.skipped) == (1, 2) and len(sent) == 3 and sent[2]["url"] == "https://wire.example/2"


def test_feeds_config() -> None:
    cfg = load_config({"interval": 60, "feeds": ["https://a.example/rss", {"url": "https://b.example/atom", "lang": "id"}]})
    assert cfg.interval == 60 and cfg.feeds[1] == FeedSpec("https://b.example/atom", None, "id", True)
    with pytest.raises(ValueError, match="no feeds"):
        load_config({})


def test_deadletter_record_keeps_bytes_or_truncates() -> None:
    src = SourceRef("articles.raw", 2, 99, 1.5)
    rec = deadletter_record(stage="tag", reason="bad_json", error="boom", payload=b"\x00\x01", key=b"k",
                            source=src, headers=[("h", b"v")], now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert base64.b64decode(rec["payload_b64"]) == b"\x00\x01" and rec["key"] == "k"
    assert rec["source"] == {"topic": "articles.raw", "partition": 2, "offset": 99, "timestamp": 1.5}
    assert rec["headers"] == [{"key": "h", "value_b64": base64.b64encode(b"v").decode()}]
    assert rec["failed_at"] == "2026-01-01T00:00:00+00:00"
    big = deadletter_record(stage="tag", reason="too_large", error="", payload=b"a" * 100, key=None, source=src, max_payload=10)
    assert big["size"] == 100 and big["payload_truncated"] and len(base64.b64decode(big["payload_b64"])) == 10 and big["sha256"]
    json.dumps(big)


def test_metrics_registry_and_names() -> None:
    reg = CollectorRegistry()
    m = Metrics.create(reg)
    m.record_tagged({"lang": "ar", "tags": ["ceasefire", "peace_process"]})
    m.record_tagged({"lang": None, "tags": []})
    m.consumer_lag.labels(topic="articles.raw", partition="0").set(42)
    g = reg.get_sample_value
    assert g("parley_articles_tagged_total", {"family": "ceasefire", "lang": "ar"}) == 1
    assert g("parley_articles_tagged_total", {"family": "none", "lang": "und"}) == 1
    assert g("parley_consumer_lag", {"topic": "articles.raw", "partition": "0"}) == 42
    with pytest.raises(ValueError):  # one registry, one set of metrics
        Metrics.create(reg)


def test_search_query_and_synthetic_corpus() -> None:
    q = build_query("gencatan senjata", lang="id", tags=("ceasefire",), countries=("arm",))
    assert q["bool"]["must"][0]["multi_match"]["fields"] == ["title^2", "text.*"]
    assert {"term": {"countries": "ARM"}} in q["bool"]["filter"] and {"term": {"lang": "id"}} in q["bool"]["filter"]
    assert build_query("*")["bool"]["must"] == [{"match_all": {}}]
    arts = list(synthetic_articles(50, seed=3))
    assert len({a["url"] for a in arts}) == 50 and arts == list(synthetic_articles(50, seed=3))


def test_countries_pair_leaves_out_mediators():
    from streams.sinks.es_docs import countries_pair

    assert countries_pair({"countries": ["QAT", "PAK", "AFG", "TUR"], "mediators": ["QAT", "TUR"]}) == "AFG-PAK"
    assert countries_pair({"countries": ["SDN"], "mediators": []}) == "SDN"
    assert countries_pair({"countries": ["EGY"], "mediators": ["EGY"]}) is None


def test_tagging_pool_tags_and_dead_letters_like_the_event_loop():
    from streams.agents.tag import start_tag_pool, tag_many

    good = b'{"id": "a1", "text": "Armenia and Azerbaijan agreed a ceasefire after border clashes."}'
    pool = start_tag_pool(1, "processors:tag_article")
    try:
        outcomes = pool.submit(tag_many, [(good, "2026-01-01T00:00:00+00:00"), (b"not json", None)], 1000).result(60)
    finally:
        pool.shutdown()
    ok, bad = outcomes
    assert ok.result["tags"] == ["ceasefire"] and ok.result["ingested_at"] == "2026-01-01T00:00:00+00:00"
    assert bad.result is None and bad.reason == "bad_json"


def test_new_properties_are_the_fields_an_index_lacks() -> None:
    from streams.sinks.elasticsearch import _new_properties

    have = {"properties": {"title": {"type": "text"}, "text": {"properties": {"pl": {"type": "text", "analyzer": "standard"}}}}}
    want = {"properties": {"title": {"type": "text"}, "lang": {"type": "keyword"},
                           "text": {"properties": {"pl": {"type": "text", "analyzer": "polish"},
                                                   "he": {"type": "text", "analyzer": "standard"}}}}}
    assert _new_properties(have, want) == {"lang": {"type": "keyword"},
                                           "text": {"properties": {"he": {"type": "text", "analyzer": "standard"}}}}
    assert _new_properties(want, want) == {}
