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
from pipeline_support import Stack, api_request, cleanup, free_port, read_topic, wait_for

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
    try:
        with urllib.request.urlopen(api_request(method, (base or stack.api) + path, body, key, headers), timeout=10) as resp:
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


def _distinct_article(word: str, n: int) -> dict:
    """An article no other is a near-copy of (random words), so each is its own story and alert."""
    words = " ".join(uuid.uuid4().hex[:7] for _ in range(30))
    a = _article(word, n)
    a["text"] = f"Delegates discussed the {word} plan. {words}. The talks in Geneva ended without a statement."
    return a


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

        _produce(stack, [_distinct_article(a_word, n) for n in range(70)])
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


# -- item 9: the API's limits on the running worker (LIMITS above) ---------------------------------


def test_subscription_quota_and_paginated_list(stack: Stack) -> None:
    created = []
    for i in range(12):
        status, sub = _call(stack, "POST", "/subscriptions", {"name": f"quota-{i:02d}", "query": "talks"}, key="key-carol")
        assert status == 201, sub
        created.append(sub["id"])
    status, err = _call(stack, "POST", "/subscriptions", {"name": "one too many", "query": "talks"}, key="key-carol")
    assert status == 403 and err.body["limit"] == 12 and "PARLEY_MAX_SUBSCRIPTIONS" in err.body["error"]

    names, path = [], "/subscriptions?limit=5"
    pages = 0
    while path:
        status, body = _call(stack, "GET", path, key="key-carol")
        assert status == 200 and len(body["subscriptions"]) <= 5
        names += [s["name"] for s in body["subscriptions"]]
        pages += 1
        path = f"/subscriptions?limit=5&cursor={body['next']}" if "next" in body else None
    # order is (created_at, id): within one second of creation the ids decide
    assert pages == 3 and sorted(names) == [f"quota-{i:02d}" for i in range(12)]
    assert _call(stack, "GET", "/subscriptions?limit=100000", key="key-carol")[0] == 400
    time.sleep(3.0)  # let carol's bucket refill for the CLI below
    env = {"PARLEY_API_URL": stack.api, "PARLEY_API_KEY": "key-carol"}
    stack.extra_env.update(env)
    try:
        listed = stack.parley("subscriptions", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == 12
    finally:
        for k in env:
            stack.extra_env.pop(k)
    for sid in created:
        assert _call(stack, "DELETE", f"/subscriptions/{sid}", key="key-carol")[0] == 204
        time.sleep(0.2)


def test_a_key_over_its_rate_gets_429_and_another_key_does_not(stack: Stack) -> None:
    time.sleep(4.0)  # full buckets
    codes, retry_after = [], None
    for _ in range(40):  # bounded: 40 requests, well under a second
        status, body = _call(stack, "GET", "/subscriptions", key="key-carol")
        codes.append(status)
        if status == 429:
            retry_after = body.headers["Retry-After"]
    assert codes[:20] == [200] * 20 and 429 in codes[20:], codes
    assert retry_after is not None and int(retry_after) >= 1
    assert _call(stack, "GET", "/subscriptions", key="key-bob")[0] == 200
    time.sleep(1.0)
    assert _call(stack, "GET", "/subscriptions", key="key-carol")[0] == 200  # refilled at 5/s


def test_health_without_a_key_tells_no_counts(stack: Stack) -> None:
    status, body = _call(stack, "GET", "/health", key=None)
    assert status == 200 and body == {"ready": True, "checks": {"subscriptions": True, "tagging": True}}
    status, body = _call(stack, "GET", "/health", key="key-bob")
    assert status == 200 and set(body) == {"ready", "checks", "subscriptions"}


def test_worker_ingest_needs_its_key(stack: Stack) -> None:
    base = f"http://127.0.0.1:{stack.workers[0].web_port}"
    article = _article("ingestkey")
    status, _ = _call(stack, "POST", "/articles", article, key=None, base=base)
    assert status == 401
    status, _ = _call(stack, "POST", "/articles", article, key="key-alice", base=base)
    assert status == 401
    status, body = _call(stack, "POST", "/articles", article, key="ingest-key", base=base)
    assert status == 202 and body["accepted"] == 1


async def _sse(url: str, key: str, n: int, *, last_event_id: str | None = None, ready: asyncio.Event | None = None,
               timeout: float = 60) -> list[tuple[str, dict]]:
    """The first `n` events of a stream as (id, data)."""
    import aiohttp

    headers = {"X-API-Key": key, **({"Last-Event-ID": last_event_id} if last_event_id else {})}
    out: list[tuple[str, dict]] = []
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
            assert resp.status == 200, resp.status
            eid = ""
            async for line in resp.content:
                text = line.decode().rstrip("\n")
                if text.startswith(": connected") and ready is not None:
                    ready.set()
                elif text.startswith("id: "):
                    eid = text[4:]
                elif text.startswith("data: "):
                    out.append((eid, json.loads(text[6:])))
                    if len(out) >= n:
                        return out
    return out


def test_streams_per_key_are_capped_and_a_reconnect_resumes_after_last_event_id(stack: Stack) -> None:
    word = "plovemirth"
    status, sub = _call(stack, "POST", "/subscriptions", {"name": "resume", "query": word,
                                                          "channels": [{"type": "sse"}]})
    assert status == 201, sub
    url = f"{stack.api}/subscriptions/{sub['id']}/events"

    async def capped() -> list[int]:
        import aiohttp

        async with aiohttp.ClientSession() as session:
            first = await session.get(url, headers={"X-API-Key": "key-alice"})
            second = await session.get(url, headers={"X-API-Key": "key-alice"})
            third = await session.get(url, headers={"X-API-Key": "key-alice"})
            codes = [first.status, second.status, third.status, int(third.headers.get("Retry-After", 0))]
            for r in (first, second, third):
                r.close()
            return codes

    codes = asyncio.run(capped())
    assert codes[:3] == [200, 200, 429] and codes[3] >= 1
    time.sleep(2.5)  # the server frees a stream within a second of its client leaving

    async def first_event() -> list:
        ready = asyncio.Event()
        reader = asyncio.create_task(_sse(url, "key-alice", 1, ready=ready))
        await asyncio.wait_for(ready.wait(), 20)
        await asyncio.to_thread(_produce, stack, [_article(word, 0)])
        return await reader

    (last_id, first), = asyncio.run(first_event())
    assert first["kind"] == "alert" and last_id.count("-") == 2
    # disconnected: two more alerts happen
    _produce(stack, [_article(word, 1)])
    time.sleep(0.5)
    _produce(stack, [_article(word, 2)])
    wait_for(lambda: len([r for r in _records(stack, "alerts") if r["subscription"]["id"] == sub["id"]]) >= 3, 60,
             what="the alerts missed while disconnected")
    time.sleep(1.0)  # the API's feed has them too
    missed = asyncio.run(_sse(url, "key-alice", 2, last_event_id=last_id, timeout=20))
    assert [m[1]["id"] for m in missed] != [first["id"]] * 2
    assert first["id"] not in {m[1]["id"] for m in missed} and len({m[0] for m in missed}) == 2
    assert all(m[0] > last_id or m[0].split("-")[0] >= last_id.split("-")[0] for m in missed)


def test_wrong_keys_from_one_address_get_429_after_a_few_401(stack: Stack) -> None:
    """Last in this module: the address bucket is shared by every request from this host."""
    codes = []
    started = time.monotonic()
    for i in range(200):  # bounded in count; a few seconds at most
        status, _ = _call(stack, "GET", "/subscriptions", key=f"guess-{i}")
        codes.append(status)
    elapsed = time.monotonic() - started
    print(f"200 wrong-key requests in {elapsed:.2f}s: {codes.count(401)} x 401, {codes.count(429)} x 429")
    assert set(codes) == {401, 429} and codes.count(401) <= 5 + int(elapsed) + 1
    assert _call(stack, "GET", "/subscriptions", key="key-bob")[0] == 200  # a valid key still gets in


def test_alerts_waiting_for_a_hanging_hook_survive_a_killed_worker(stack: Stack) -> None:
    """Last in this module (it replaces the worker): nothing of a lane lives only in memory."""
    hanging = HangingHook().start()
    try:
        word = "gravelquint"
        status, sub = _call(stack, "POST", "/subscriptions", {"name": "restart", "query": word, "channels": [
            {"type": "webhook", "url": hanging.url("/r")}]}, key="key-bob")
        assert status == 201, sub
        time.sleep(1.0)
        _produce(stack, [_distinct_article(word, n) for n in range(20)])
        expected = lambda: {r["id"] for r in _records(stack, "alerts")  # noqa: E731
                            if r.get("kind") == "alert" and r["subscription"]["id"] == sub["id"]}
        decided = lambda: [r for r in _records(stack, "alerts") if r["subscription"]["id"] == sub["id"]]  # noqa: E731
        wait_for(lambda: len(decided()) >= 20 or None, 60, what="all 20 articles decided (alerts or story updates)")
        wait_for(lambda: hanging.hung, 30, what="the hanging hook to be called")
        assert len(expected()) >= 15
        time.sleep(2.0)  # some in the lane, some parked on alerts.retry
        stack.workers[-1].kill()
        hanging.heal()
        stack.start_worker(stack.log_dir)
        delivered = lambda: {h.json()["id"] for h in hanging.delivered}  # noqa: E731
        dead = lambda: {r["alert_id"] for r in _records(stack, "alerts.deadletter")  # noqa: E731
                        if r["subscription_id"] == sub["id"]}
        wait_for(lambda: delivered() | dead() >= expected(), 120, what="every alert after the restart")
        time.sleep(3.0)
        keys = [h.headers["x-parley-idempotency-key"] for h in hanging.delivered]
        print(f"restart: {len(expected())} alerts, {len(hanging.hung)} hung before the kill, "
              f"{len(delivered())} delivered after, {len(dead())} dead-lettered")
        assert len(keys) == len(set(keys)) and delivered() | dead() == expected() and not delivered() & dead()
    finally:
        hanging.stop()
