"""Polling RSS/Atom feeds: conditional GET, full text of linked pages, no duplicate on re-poll.

How duplicates are avoided, twice over:

1. A *seen store* remembers each item's key (its canonical link = the article id) and
   each feed's ``ETag``/``Last-Modified``. The Kafka store keeps them in the compacted
   topic ``feeds.seen`` (key = item id or ``validators:<feed url>``), so state survives
   restarts and any machine can run the poller; no local file to lose.
2. Even if that state were lost, the article's Kafka key and Elasticsearch ``_id`` are its
   canonical URL, so a re-sent item overwrites the same document instead of adding one.

An item is marked seen only after its article was produced and flushed: a crash in between
re-sends it (harmless, see 2) rather than losing it.
"""

from __future__ import annotations

import calendar
import json
import logging
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol

import feedparser

from .articles import article_key

__all__ = ["FeedSpec", "FeedsConfig", "SeenStore", "MemorySeenStore", "KafkaSeenStore", "FeedPoller", "PollResult", "http_get", "load_config"]

log = logging.getLogger(__name__)

USER_AGENT = "Parley/0.1 (+https://github.com/parley; news monitor)"


@dataclass(frozen=True)
class FeedSpec:
    url: str
    source: str | None = None
    lang: str | None = None
    full_text: bool = True


@dataclass(frozen=True)
class FeedsConfig:
    feeds: tuple[FeedSpec, ...]
    interval: float = 300.0


def load_config(data: Mapping[str, Any]) -> FeedsConfig:
    """From the parsed feeds.yaml::

        interval: 300          # seconds between polls
        feeds:
          - url: https://example.org/world/rss.xml
            source: Example News   # optional
            lang: en               # optional hint for the tagger
            full_text: true        # fetch each linked page (default true)
    """
    feeds = []
    for i, f in enumerate(data.get("feeds") or [], 1):
        if isinstance(f, str):
            f = {"url": f}
        if not isinstance(f, Mapping) or not f.get("url"):
            raise ValueError(f"feeds[{i}]: needs a url")
        feeds.append(FeedSpec(str(f["url"]), f.get("source"), f.get("lang"), bool(f.get("full_text", True))))
    if not feeds:
        raise ValueError("no feeds: add a `feeds:` list with at least one `url`")
    return FeedsConfig(tuple(feeds), float(data.get("interval", 300)))


class SeenStore(Protocol):
    def seen(self, key: str) -> bool: ...
    def mark(self, key: str) -> None: ...
    def validators(self, feed_url: str) -> dict[str, str]: ...
    def set_validators(self, feed_url: str, values: dict[str, str]) -> None: ...
    def flush(self) -> None: ...


@dataclass
class MemorySeenStore:
    keys: set[str] = field(default_factory=set)
    feeds: dict[str, dict[str, str]] = field(default_factory=dict)

    def seen(self, key: str) -> bool:
        return key in self.keys

    def mark(self, key: str) -> None:
        self.keys.add(key)

    def validators(self, feed_url: str) -> dict[str, str]:
        return dict(self.feeds.get(feed_url, {}))

    def set_validators(self, feed_url: str, values: dict[str, str]) -> None:
        self.feeds[feed_url] = dict(values)

    def flush(self) -> None:
        pass


class KafkaSeenStore(MemorySeenStore):
    """A :class:`MemorySeenStore` loaded from, and written through to, a compacted topic."""

    VALIDATORS = "validators:"

    def __init__(self, bootstrap: list[str], topic: str) -> None:
        super().__init__()
        from kafka import KafkaConsumer, KafkaProducer, TopicPartition

        self.topic = topic
        consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None,
                                 consumer_timeout_ms=2000)
        try:
            parts = consumer.partitions_for_topic(topic) or set()
            tps = [TopicPartition(topic, p) for p in parts]
            if tps:
                consumer.assign(tps)
                consumer.seek_to_beginning(*tps)
                end = consumer.end_offsets(tps)
                while any(consumer.position(tp) < end[tp] for tp in tps):
                    for records in consumer.poll(timeout_ms=1000).values():
                        for r in records:
                            self._load(r.key.decode("utf-8") if r.key else "", r.value)
        finally:
            consumer.close()
        self._producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                                       client_id="parley-feeds-state")

    def _load(self, key: str, value: bytes | None) -> None:
        if key.startswith(self.VALIDATORS):
            if value:
                super().set_validators(key[len(self.VALIDATORS):], json.loads(value))
        elif key and value is not None:
            self.keys.add(key)

    def mark(self, key: str) -> None:
        super().mark(key)
        self._producer.send(self.topic, key=key.encode("utf-8"), value=b"1")

    def set_validators(self, feed_url: str, values: dict[str, str]) -> None:
        super().set_validators(feed_url, values)
        self._producer.send(self.topic, key=(self.VALIDATORS + feed_url).encode("utf-8"), value=json.dumps(values).encode())

    def flush(self) -> None:
        self._producer.flush()

    def close(self) -> None:
        self._producer.close()


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes


def http_get(url: str, headers: Mapping[str, str] | None = None, timeout: float = 15.0) -> Response:
    """GET with urllib; 304 and HTTP errors come back as a Response, network errors raise OSError."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Response(resp.status, dict(resp.headers.items()), resp.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, dict(exc.headers.items()) if exc.headers else {}, b"")


@dataclass
class PollResult:
    feed: str
    status: str  # "ok", "not_modified", "error"
    new: int = 0
    skipped: int = 0
    error: str = ""


class FeedPoller:
    """Polls feeds and hands new articles to ``send(article, on_error=callback) -> key``.

    An item is marked seen only once ``flush()`` returned and ``send`` did not call its
    ``on_error`` (Kafka did not acknowledge it): such items are sent again at the next poll.
    """

    def __init__(self, store: SeenStore, send: Callable[..., str], *, flush: Callable[[], None] = lambda: None,
                 get: Callable[..., Response] = http_get, fetch_workers: int = 4) -> None:
        self.store = store
        self.send = send
        self.flush = flush
        self.get = get
        self.fetch_workers = fetch_workers

    def poll(self, feed: FeedSpec) -> PollResult:
        cond = self.store.validators(feed.url)
        headers = {}
        if cond.get("etag"):
            headers["If-None-Match"] = cond["etag"]
        if cond.get("modified"):
            headers["If-Modified-Since"] = cond["modified"]
        try:
            resp = self.get(feed.url, headers)
        except OSError as exc:
            return PollResult(feed.url, "error", error=f"cannot fetch feed: {exc}")
        if resp.status == 304:
            return PollResult(feed.url, "not_modified")
        if resp.status >= 400:
            return PollResult(feed.url, "error", error=f"HTTP {resp.status}")
        parsed = feedparser.parse(resp.body)
        if parsed.bozo and not parsed.entries:
            return PollResult(feed.url, "error", error=f"not a feed: {parsed.get('bozo_exception')}")
        source = feed.source or parsed.feed.get("title")
        fresh = []
        skipped = 0
        for entry in parsed.entries:
            link = entry.get("link") or entry.get("id")
            if not link:
                skipped += 1
                continue
            key = article_key({"url": link})  # the id of the article sent below
            if self.store.seen(key):
                skipped += 1
                continue
            fresh.append((key, link, entry))
        with ThreadPoolExecutor(max_workers=self.fetch_workers) as pool:
            articles = list(pool.map(lambda t: self._article(t[1], t[2], feed, source), fresh))
        unacked: dict[str, str] = {}  # key -> why Kafka did not acknowledge it
        for (key, _, _), article in zip(fresh, articles):
            if article is not None:
                self.send(article, on_error=lambda exc, k=key: unacked.__setitem__(k, f"{type(exc).__name__}: {exc}"))
        self.flush()
        for (key, _, _), article in zip(fresh, articles):
            if article is not None and key not in unacked:  # the others are polled again next time
                self.store.mark(key)
        validators = {k: v for k, v in (("etag", resp.headers.get("ETag") or resp.headers.get("Etag")),
                                         ("modified", resp.headers.get("Last-Modified"))) if v}
        if validators:
            self.store.set_validators(feed.url, validators)
        self.store.flush()
        new = sum(1 for a in articles if a is not None)
        if unacked:
            for key, why in unacked.items():
                log.warning("event=feed_item_not_acknowledged key=%s error=%r", key, why)
            return PollResult(feed.url, "error", new=new - len(unacked), skipped=skipped + len(fresh) - new,
                              error=f"{len(unacked)} article(s) not acknowledged by Kafka "
                                    f"({next(iter(unacked.values()))}); they are sent again at the next poll")
        return PollResult(feed.url, "ok", new=new, skipped=skipped + len(fresh) - new)

    def _article(self, link: str, entry: Any, feed: FeedSpec, source: str | None) -> dict[str, Any] | None:
        summary = ""
        if entry.get("content"):
            summary = entry["content"][0].get("value", "")
        summary = summary or entry.get("summary", "")
        html = ""
        if feed.full_text:
            try:
                resp = self.get(link, {})
                if resp.status < 400 and resp.body:
                    try:
                        html = resp.body.decode(_charset(resp.headers), errors="replace")
                    except LookupError:
                        html = resp.body.decode("utf-8", errors="replace")
            except OSError as exc:
                log.warning("feed page fetch failed url=%s error=%r", link, str(exc))
        if not (html or summary).strip():
            return None
        article: dict[str, Any] = {"url": link, "html": html or summary, "title": entry.get("title"), "source": source}
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            article["published"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(when)))
        if feed.lang:
            article["lang"] = feed.lang
        return article


def _charset(headers: Mapping[str, str]) -> str:
    ctype = headers.get("Content-Type") or headers.get("content-type") or ""
    for part in ctype.split(";"):
        part = part.strip()
        if part.lower().startswith("charset="):
            return part.split("=", 1)[1].strip() or "utf-8"
    return "utf-8"
