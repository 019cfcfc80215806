"""Alerts under hostile conditions, on real Kafka + Elasticsearch and a real `parley worker`:
a receiver that hangs next to a healthy one (issue 9 item 5), and the API's limits (item 9).

The worker has its own settings (short timeouts, a quick circuit breaker, small limits),
so it is started here rather than shared with test_alerts.py.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from typing import Any

import pytest

from streams.sources.producer import ArticleProducer

from alert_support import HangingHook, HookServer
from pipeline_support import Stack, cleanup, free_port, read_topic, wait_for

KEYS = {"alice": "key-alice", "bob": "key-bob", "carol": "key-carol"}
LIMITS = {"PARLEY_API_RATE": "5", "PARLEY_API_BURST": "20", "PARLEY_API_FAIL_RATE": "1", "PARLEY_API_FAIL_BURST": "5",
          "PARLEY_MAX_SUBSCRIPTIONS": "12", "PARLEY_MAX_STREAMS": "2", "PARLEY_SSE_REPLAY": "50"}


@pytest.fixture(scope="module")
def hooks():
    s = HookServer().start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def stack(kafka_bootstrap: str, es_url: str, kafka_admin, es_client, tmp_path_factory):
    api_port, ingest_port = free_port(), free_port()
    s = Stack(kafka_bootstrap, es_url, extra_env={
        "PARLEY_API_PORT": str(api_port), "PARLEY_API_KEYS": ",".join(f"{o}:{k}" for o, k in KEYS.items()),
        "PARLEY_ALLOW_TARGETS": "127.0.0.1/32", "PARLEY_BULK_FLUSH_SECONDS": "0.2",
        "PARLEY_DELIVERY_ATTEMPTS": "6", "PARLEY_DELIVERY_BACKOFF": "0.2",
        "PARLEY_DELIVERY_TIMEOUT": "3", "PARLEY_DELIVERY_READ_TIMEOUT": "1.5",
        "PARLEY_BREAKER_FAILURES": "3", "PARLEY_BREAKER_COOLDOWN": "2",
        "PARLEY_INGEST_KEYS": "feeder:ingest-key", **LIMITS,
    })
    s.api = f"http://127.0.0.1:{api_port}"
    s.log_dir = tmp_path_factory.mktemp("hardening")
    first = s.parley("setup")
    assert first.returncode == 0, first.stderr + first.stdout
    s.start_worker(s.log_dir)
    wait_for(lambda: _call(s, "GET", "/health", key=None)[1].get("ready"), 90, what="worker API ready")
    yield s
    for i, w in enumerate(s.workers):
        print(f"--- worker {i} log tail ---\n{w.tail(120)}")
    cleanup(s, kafka_admin, es_client)


def _call(stack: Stack, method: str, path: str, body: Any = None, key: str | None = "key-alice",
          headers: dict[str, str] | None = None, base: str | None = None) -> tuple[int, Any]:
    req = urllib.request.Request((base or stack.api) + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json", **({"X-API-Key": key} if key else {}),
                                          **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
            return resp.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        exc.body = json.loads(raw) if raw else None
        return exc.code, exc


def _article(word: str, n: int = 0) -> dict:
    u = uuid.uuid4().hex
    return {"url": f"https://example.org/{word}/{u}", "source": "example.org", "lang": "en",
            "title": f"Envoys discuss {word} proposal {n}",
            "text": f"Negotiators met on Tuesday to weigh the {word} proposal, number {n}, reference {u}. "
                    f"Officials from both delegations said talks on item {u[:6]} would resume next week in Geneva."}


def _produce(stack: Stack, articles: list[dict]) -> float:
    with ArticleProducer(stack.settings()) as producer:
        for a in articles:
            producer.send(a)
        producer.flush()
    return time.time()


def _records(stack: Stack, topic: str) -> list[dict]:
    return [json.loads(r.value) for r in read_topic(stack.kafka, stack.settings().topic(topic)) if r.value]


def test_a_hanging_webhook_costs_only_its_owner(stack: Stack, hooks: HookServer) -> None:
    hanging = HangingHook().start()
    try:
        a_word, b_word = "vormalisk", "trellowund"
        status, sub_a = _call(stack, "POST", "/subscriptions", {"name": "hangs", "query": a_word, "channels": [
            {"type": "webhook", "url": hanging.url("/a")}]})
        assert status == 201, sub_a
        status, sub_b = _call(stack, "POST", "/subscriptions", {"name": "healthy", "query": b_word, "channels": [
            {"type": "webhook", "url": hooks.url("/b")}]}, key="key-bob")
        assert status == 201, sub_b
        time.sleep(1.0)  # the worker's mirror has both subscriptions

        _produce(stack, [_article(a_word, n) for n in range(70)])
        wait_for(lambda: hanging.hung, 60, what="the hanging hook to be called")

        latencies, notify_stage = [], []
        for n in range(5):  # one at a time, while A's 70 alerts hang, time out and are parked
            sent = _produce(stack, [_article(b_word, n)])
            hit = wait_for(lambda: hooks.on("/b")[n:], 30, interval=0.05, what=f"B alert {n}")[0]
            latencies.append(hit.at - sent)
            notify_stage.append(hit.at - hit.json()["trace"]["decided"])
            time.sleep(0.5)
        print(f"B end-to-end latencies {[round(x, 2) for x in latencies]} notify stage {[round(x, 2) for x in notify_stage]}"
              f" A hung requests so far {len(hanging.hung)}")
        assert max(notify_stage) < 1.0, notify_stage  # decided -> at the receiver: nothing waits for A
        assert max(latencies) < 3.0, latencies        # produce -> tag -> match -> decide -> deliver
        assert not hanging.delivered and len(hanging.hung) < 70  # the breaker stopped hammering A

        hanging.heal()
        # near-identical articles may fold into one story (an update, not an alert): count what was decided
        expected = lambda: {r["id"] for r in _records(stack, "alerts")  # noqa: E731
                            if r.get("kind") == "alert" and r["subscription"]["id"] == sub_a["id"]}
        a_ids = lambda: {h.json()["id"] for h in hanging.delivered}  # noqa: E731
        dead = lambda: {r["alert_id"] for r in _records(stack, "alerts.deadletter")  # noqa: E731
                        if r["subscription_id"] == sub_a["id"]}
        try:
            wait_for(lambda: len(expected()) >= 60 and a_ids() | dead() >= expected(), 120,
                     what="A's alerts delivered after the hook heals")
        finally:
            retries = [r for r in _records(stack, "alerts.retry") if r["alert"]["subscription"]["id"] == sub_a["id"]]
            statuses = Counter(d["status"] for d in _records(stack, "alerts.deliveries")
                               if d["subscription_id"] == sub_a["id"])
            print(f"A: {len(expected())} alerts, {len(hanging.hung)} requests hung, {len(retries)} parked "
                  f"({Counter(r['reason'] for r in retries)}), deliveries logged {dict(statuses)}")
        time.sleep(3.0)  # anything duplicated would arrive now
        keys = [h.headers["x-parley-idempotency-key"] for h in hanging.delivered]
        assert len(keys) == len(set(keys)), "an alert was delivered twice"
        assert not (a_ids() & dead()) and a_ids() | dead() == expected()
        assert len(hooks.on("/b")) == 5
        print(f"A delivered {len(a_ids())} dead-lettered {len(dead())}")
        statuses = [d["status"] for d in _records(stack, "alerts.deliveries") if d["subscription_id"] == sub_a["id"]]
        assert statuses.count("delivered") == len(a_ids())
    finally:
        hanging.stop()
