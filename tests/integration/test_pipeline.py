"""The streaming pipeline on a real Kafka broker and a real Elasticsearch node.

Each test gets its own topics (prefix), consumer group and indices, and runs
`parley worker` as a subprocess, exactly as a user would.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from processors import tag_article
from streams.sources.producer import ArticleProducer
from streams.sources.synthetic import synthetic_articles

from pipeline_support import Stack, all_ids, cleanup, es_count, read_topic, wait_for

MB = 1024 * 1024


@pytest.fixture
def stack(kafka_bootstrap: str, es_url: str, kafka_admin, es_client, tmp_path: Path):
    s = Stack(kafka_bootstrap, es_url)
    first = s.parley("setup")
    assert first.returncode == 0, first.stderr + first.stdout
    assert "topic it" in first.stdout and ": created" in first.stdout
    yield s
    for i, w in enumerate(s.workers):
        print(f"--- worker {i} log tail ---\n{w.tail()}")
    cleanup(s, kafka_admin, es_client)


def produce(stack: Stack, articles: list[dict]) -> list[str]:
    with ArticleProducer(stack.settings()) as producer:
        return [producer.send(a) for a in articles]


def test_setup_is_idempotent(stack: Stack) -> None:
    again = stack.parley("setup")
    assert again.returncode == 0, again.stderr
    lines = [line for line in again.stdout.splitlines() if line.strip()]
    assert lines and all(line.endswith("already exists") for line in lines), again.stdout


def test_thousand_articles_end_up_in_es_once_with_their_tags(stack: Stack, es_client, tmp_path: Path) -> None:
    articles = list(synthetic_articles(1000, seed=11))
    produce(stack, articles)
    worker = stack.start_worker(tmp_path)
    index = f"it{stack.tag}-articles"
    wait_for(lambda: es_count(es_client, index) >= 1000, 240, what=f"1000 docs in {index}\n{worker.tail()}")
    time.sleep(2)  # anything extra (a duplicate) would show up now
    ids = all_ids(es_client, index)
    assert len(ids) == 1000 and len(set(ids)) == 1000
    expected = {}
    n_events = 0
    for a in articles:
        tagged = tag_article(a)
        expected[tagged["id"]] = tagged
        n_events += len(tagged["events"])
    assert set(ids) == set(expected)
    es_client.indices.refresh(index=f"it{stack.tag}-events")
    hits = es_client.search(index=index, size=1000, source=["tags", "countries", "lang"])["hits"]["hits"]
    for h in hits:
        want = expected[h["_id"]]
        assert h["_source"]["tags"] == want["tags"], h["_id"]
        assert h["_source"]["countries"] == want["countries"], h["_id"]
        assert h["_source"]["lang"] == want["lang"], h["_id"]
    assert es_count(es_client, f"it{stack.tag}-events") == n_events
    assert sum(1 for a in expected.values() if a["tags"]) > 100, "the corpus should exercise the tagger"
    assert worker.metric("parley_articles_out_total", {"topic": "elasticsearch"}) == 1000
    assert worker.metric("parley_es_bulk_seconds_count") >= 1
    raw_topic = stack.settings().topic("articles.raw")
    # everything committed: the lag of each raw partition falls to 0
    wait_for(lambda: (lag := worker.samples("parley_consumer_lag", {"topic": raw_topic})) and len(lag) == 4 and sum(lag) == 0,
             30, what="consumer lag back to 0")
    # language-aware search through the alias: Indonesian stemming finds "perundingan" from "berunding"
    hits = es_client.search(index=index, query={"multi_match": {"query": "gencatan senjata", "fields": ["text.*"]}})
    assert hits["hits"]["total"]["value"] > 0
    cli = stack.parley("search", "gencatan senjata", "--lang", "id", "--size", "3")
    assert cli.returncode == 0, cli.stderr
    assert "articles match" in cli.stdout and "id" in cli.stdout


def test_two_workers_share_the_partitions(stack: Stack, es_client, tmp_path: Path) -> None:
    stack.extra_env["PARLEY_LAG_INTERVAL"] = "1"
    w1, w2 = stack.start_worker(tmp_path), stack.start_worker(tmp_path)
    # both joined the group (each reports lag for the partitions it was assigned) before the articles arrive
    wait_for(lambda: all(w.samples("parley_consumer_lag") for w in (w1, w2)), 90, what="both workers assigned")
    produce(stack, list(synthetic_articles(600, seed=16)))
    index = f"it{stack.tag}-articles"
    wait_for(lambda: es_count(es_client, index) >= 600, 240, what=f"600 docs\n{w1.tail()}\n{w2.tail()}")
    raw_topic = stack.settings().topic("articles.raw")
    raw = [w.metric("parley_articles_in_total", {"topic": raw_topic}) or 0 for w in (w1, w2)]
    # the tag agent also indexes what it tagged (streams/agents/tag_index.py)
    indexed = [w.metric("parley_articles_out_total", {"topic": "elasticsearch"}) or 0 for w in (w1, w2)]
    print("raw per worker", raw, "indexed per worker", indexed)
    assert sum(raw) >= 600 and sum(indexed) >= 600
    assert all(r > 0 and i > 0 for r, i in zip(raw, indexed)), (raw, indexed)  # both took a share of the partitions
    assert len(set(all_ids(es_client, index))) == 600 == es_count(es_client, index)


def test_ingest_command_files_folders_and_stdin(stack: Stack, tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.jsonl").write_text('{"url": "https://x.example/1", "text": "One."}\nnot json\n')
    (tmp_path / "news" / "b.txt").write_text("Envoys met in Doha.")
    (tmp_path / "news" / "c.html").write_text("<p>Talks resumed in Geneva.</p>")
    folder = stack.parley("ingest", "-q", str(tmp_path / "news"))
    assert folder.returncode == 1  # one bad line
    assert "a.jsonl:2: not JSON" in folder.stderr and "sent 3 articles" in folder.stderr
    stdin = stack.parley("ingest", "-", input='{"url": "https://x.example/2", "text": "Two."}\n')
    assert stdin.returncode == 0 and "sent 1 articles" in stdin.stderr
    raw = read_topic(stack.kafka, stack.settings().topic("articles.raw"))
    keys = sorted(r.key.decode() for r in raw)
    assert len(keys) == 4 and "https://x.example/1" in keys and sum(k.startswith("sha1:") for k in keys) == 2
    down = stack.parley("setup", "--kafka", "127.0.0.1:1", "--es", "http://127.0.0.1:1")
    assert down.returncode == 1
    assert "cannot reach Kafka at 127.0.0.1:1" in down.stderr and "cannot reach Elasticsearch at http://127.0.0.1:1" in down.stderr


def test_worker_killed_mid_stream_loses_and_duplicates_nothing(stack: Stack, es_client, tmp_path: Path) -> None:
    articles = list(synthetic_articles(2000, seed=12))
    produce(stack, articles)
    index = f"it{stack.tag}-articles"
    first = stack.start_worker(tmp_path)
    wait_for(lambda: es_count(es_client, index) >= 200, 180, what=f"first docs\n{first.tail()}")
    first.kill()
    killed_at = es_count(es_client, index)
    assert killed_at < 2000, "kill came too late to test anything; produce more"
    stack.start_worker(tmp_path)
    wait_for(lambda: es_count(es_client, index) >= 2000, 300, what="all docs after restart")
    time.sleep(2)
    ids = all_ids(es_client, index)
    assert len(ids) == 2000 and len(set(ids)) == 2000


def test_malformed_messages_are_deadlettered_and_the_worker_goes_on(stack: Stack, es_client, tmp_path: Path) -> None:
    settings = stack.settings()
    good = list(synthetic_articles(20, seed=13))
    bad = {
        b"not-json": b"this is not JSON {",
        b"wrong-fields": json.dumps({"headline": "no text field", "body": 5}).encode(),
        b"binary": bytes(range(256)) * 4,
        b"huge": json.dumps({"url": "https://x.example/huge", "text": "a" * (20 * MB)}).encode(),
    }
    from kafka import KafkaProducer

    producer = KafkaProducer(bootstrap_servers=settings.bootstrap_servers, max_request_size=25 * MB, acks="all")
    raw_topic = settings.topic("articles.raw")
    for i, a in enumerate(good):
        producer.send(raw_topic, key=a["url"].encode(), value=json.dumps(a).encode())
        if i % 5 == 0:
            key = list(bad)[i // 5]
            producer.send(raw_topic, key=key, value=bad[key], headers=[("origin", b"test")])
    producer.flush()
    producer.close()
    worker = stack.start_worker(tmp_path)
    index = f"it{stack.tag}-articles"
    wait_for(lambda: es_count(es_client, index) >= 20, 180, what=f"good docs\n{worker.tail()}")
    dl_topic = settings.topic("articles.deadletter")
    records = wait_for(lambda: (r := read_topic(stack.kafka, dl_topic)) and len(r) >= 4 and r, 60, what="dead letters")
    by_key = {r.key: json.loads(r.value) for r in records}
    assert set(by_key) == set(bad)
    assert by_key[b"not-json"]["reason"] == "bad_json"
    assert by_key[b"binary"]["reason"] == "bad_json"
    assert by_key[b"wrong-fields"]["reason"] in {"bad_input", "empty_text"}
    assert by_key[b"huge"]["reason"] == "too_large"
    assert base64.b64decode(by_key[b"not-json"]["payload_b64"]) == bad[b"not-json"]
    assert base64.b64decode(by_key[b"binary"]["payload_b64"]) == bad[b"binary"]
    assert by_key[b"huge"]["size"] == len(bad[b"huge"]) and by_key[b"huge"]["payload_truncated"] is True
    assert by_key[b"not-json"]["headers"] == [{"key": "origin", "value_b64": base64.b64encode(b"test").decode()}]
    assert by_key[b"not-json"]["source"]["topic"] == stack.settings().topic("articles.raw")
    assert worker.alive()
    assert es_count(es_client, index) == 20
    assert worker.metric("parley_deadletters_total", {"stage": "tag", "reason": "too_large"}) == 1

    # the worker's HTTP endpoint feeds the same pipeline
    body = json.dumps({"url": "https://x.example/via-http", "text": "Envoys of Armenia and Azerbaijan met in Geneva."}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{worker.web_port}/articles", data=body, method="POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status == 202
        assert json.loads(resp.read())["accepted"] == 1
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{worker.web_port}/articles",
                                                      data=b'{"text": "ok"}\n{oops', method="POST"), timeout=10)
    assert err.value.code == 400 and "line 2" in json.loads(err.value.read())["error"]
    wait_for(lambda: es_count(es_client, index) == 21, 60, what="article posted over HTTP")


def test_elasticsearch_outage_loses_nothing(stack: Stack, es_client, es_control, tmp_path: Path) -> None:
    index = f"it{stack.tag}-articles"
    produce(stack, list(synthetic_articles(300, seed=14)))
    worker = stack.start_worker(tmp_path)
    wait_for(lambda: es_count(es_client, index) >= 300, 180, what=f"first 300\n{worker.tail()}")
    es_control.stop()
    produce(stack, list(synthetic_articles(500, seed=15)))
    wait_for(lambda: (worker.metric("parley_es_bulk_errors_total", {"kind": "unavailable"}) or 0) >= 2, 120,
             what="the index agent noticing the outage")
    assert worker.alive()
    es_control.start()
    wait_for(lambda: es_count(es_client, index) >= 800, 240, what="all 800 after the outage")
    time.sleep(2)
    ids = all_ids(es_client, index)
    assert len(ids) == 800 and len(set(ids)) == 800
    assert worker.alive()


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Test Wire</title><link>http://127.0.0.1/</link><description>t</description>
{items}
</channel></rss>"""
ITEM = "<item><title>Story {i}</title><link>{base}/story/{i}.html</link><guid>{base}/story/{i}.html</guid>" \
       "<pubDate>Mon, 02 Nov 2026 0{i}:00:00 GMT</pubDate><description>Summary {i}</description></item>"
PAGE = "<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1><p>Delegations of Armenia and " \
       "Azerbaijan met in Geneva on Monday, story number {i}, and agreed to continue talks.</p></article></body></html>"


def test_feed_polled_twice_ingests_each_item_once(stack: Stack, tmp_path: Path) -> None:
    import http.server
    import threading

    state = {"items": 3, "feed_gets": 0, "not_modified": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_port}"
            if self.path == "/feed.xml":
                state["feed_gets"] += 1
                etag = f'"v{state["items"]}"'
                if self.headers.get("If-None-Match") == etag:
                    state["not_modified"] += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                body = FEED.format(items="".join(ITEM.format(i=i, base=base) for i in range(state["items"]))).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
            elif self.path.startswith("/story/"):
                i = int(self.path.rsplit("/", 1)[1].split(".")[0])
                body = PAGE.format(i=i).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        config = tmp_path / "feeds.yaml"
        config.write_text(f"interval: 1\nfeeds:\n  - url: http://127.0.0.1:{server.server_port}/feed.xml\n    source: Local Test Wire\n")
        runs = []
        for _ in range(2):  # same feed twice: the second poll gets 304 Not Modified
            runs.append(stack.parley("feeds", "--config", str(config), "--once"))
        state["items"] = 5  # the feed changes: 2 new items, 3 old ones still listed
        runs.append(stack.parley("feeds", "--config", str(config), "--once"))
        for r in runs:
            assert r.returncode == 0, r.stderr
        assert "new=3" in runs[0].stderr and "status=not_modified" in runs[1].stderr
        assert "new=2" in runs[2].stderr and "skipped=3" in runs[2].stderr
        assert state["not_modified"] == 1
        raw = read_topic(stack.kafka, stack.settings().topic("articles.raw"))
        keys = Counter(r.key.decode() for r in raw)
        assert len(raw) == 5 and all(n == 1 for n in keys.values()), keys
        first = json.loads(next(r.value for r in raw if r.key.decode().endswith("/story/0.html")))
        assert "Delegations of Armenia" in first["html"] and first["source"] == "Local Test Wire"
        assert first["published"] == "2026-11-02T00:00:00Z"
    finally:
        server.shutdown()
