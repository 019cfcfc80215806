"""One article, three ways in (``parley ingest``, ``POST /articles``, ``parley feeds``), one
document: the id each entry point gives (the HTTP answer, the Kafka key) is the ``_id`` the
worker indexes it under (design.md "Keys are stable"), on a real Kafka and Elasticsearch."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline_support import Stack, cleanup, es_count, read_topic, wait_for

BODY = ("Delegations of Armenia and Azerbaijan met in Geneva on Monday and agreed to continue "
        "talks on a peace treaty, the foreign ministry said.")
PAGE = f"<html><head><title>Geneva talks</title></head><body><article><h1>Geneva talks</h1><p>{BODY}</p>" \
       "</article></body></html>"
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Identity Wire</title><link>{base}/</link><description>t</description>
<item><title>Geneva talks</title><link>{base}/story/1.html?utm_source=rss&amp;utm_medium=feed</link>
<description>{body}</description></item></channel></rss>"""


@pytest.fixture
def stack(kafka_bootstrap: str, es_url: str, kafka_admin, es_client, tmp_path: Path):
    s = Stack(kafka_bootstrap, es_url)
    first = s.parley("setup")
    assert first.returncode == 0, first.stderr + first.stdout
    yield s
    for i, w in enumerate(s.workers):
        print(f"--- worker {i} log tail ---\n{w.tail()}")
    cleanup(s, kafka_admin, es_client)


@pytest.fixture
def site():
    """A local news site: /feed.xml lists one story, /story/1.html is its page."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_port}"
            if self.path == "/feed.xml":
                body, kind = FEED.format(base=base, body=BODY).encode(), "application/rss+xml"
            elif self.path.startswith("/story/1.html"):
                body, kind = PAGE.encode(), "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _post(port: int, articles: list[dict]) -> list[str]:
    body = "".join(json.dumps(a) + "\n" for a in articles).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/articles", data=body, method="POST")
    with urllib.request.urlopen(req, timeout=15) as resp:
        assert resp.status == 202
        return json.loads(resp.read())["ids"]


def _docs(es_client, index: str, doc_id: str) -> list[dict]:
    es_client.indices.refresh(index=index)
    return es_client.search(index=index, query={"ids": {"values": [doc_id]}}, size=10)["hits"]["hits"]


def test_one_article_through_ingest_http_and_feeds_is_one_document(stack: Stack, site: str, es_client,
                                                                      tmp_path: Path) -> None:
    story = f"{site}/story/1.html"
    # the same three stories, each spelt differently at each door
    by_url = [{"url": story.replace("http://", "HTTP://") + "#top", "html": PAGE},   # ingest
              {"url": story + "?utm_campaign=x", "text": BODY, "title": "Geneva talks"}]  # HTTP
    by_id = [{"id": "  wire:geneva-1 ", "text": BODY},                                # ingest
             {"id": "wire:geneva-1", "text": BODY + "\n"}]                            # HTTP
    by_text = [{"title": "Talks", "text": BODY + "\r\n"},                             # ingest
               {"title": "Talks", "text": "  " + BODY.replace(" on ", "\n on ")}]     # HTTP

    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps(a) + "\n" for a in (by_url[0], by_id[0], by_text[0])))
    ingest = stack.parley("ingest", "-q", str(news))
    assert ingest.returncode == 0, ingest.stderr
    feeds_yaml = tmp_path / "feeds.yaml"
    feeds_yaml.write_text(f"feeds:\n  - url: {site}/feed.xml\n    source: Identity Wire\n")
    feeds = stack.parley("feeds", "--config", str(feeds_yaml), "--once")
    assert feeds.returncode == 0 and "new=1" in feeds.stderr, feeds.stderr

    worker = stack.start_worker(tmp_path)
    wait_for(lambda: _alive_web(worker.web_port), 120, what=f"worker web\n{worker.tail()}")
    returned = _post(worker.web_port, [by_url[1], by_id[1], by_text[1]])

    raw = read_topic(stack.kafka, stack.settings().topic("articles.raw"))
    assert len(raw) == 7
    keys = [r.key.decode() for r in raw]
    # ingest x3, feeds x1, HTTP x3: three identities, each the same at every door
    assert returned == [story, "wire:geneva-1", returned[2]] and returned[2].startswith("sha1:")
    assert sorted(keys) == sorted(returned * 2 + [story])

    index = f"it{stack.tag}-articles"
    raw_topic = stack.settings().topic("articles.raw")
    wait_for(lambda: (worker.metric("parley_articles_in_total", {"topic": raw_topic}) or 0) >= 7, 180,
             what=f"7 articles read\n{worker.tail()}")
    wait_for(lambda: all(_docs(es_client, index, i) for i in returned), 120,
             what=f"a document under each returned id {returned}\n{worker.tail()}")
    time.sleep(3)  # a document under any other id would show up now
    for doc_id in returned:
        hits = _docs(es_client, index, doc_id)
        assert len(hits) == 1, (doc_id, [h["_id"] for h in hits])
    assert es_count(es_client, index) == 3


def _alive_web(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/articles", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False
