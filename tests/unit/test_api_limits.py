"""The API's limits (issue 9 item 9): token buckets, pagination, subscription quota, stream cap,
Last-Event-ID replay, /health without a key, and the worker's POST /articles key."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp.test_utils import TestClient, TestServer

from processors.errors import InputError
from processors.limits import KeyedBuckets, TokenBucket, retry_after_header
from processors.paging import decode_cursor, page, parse_limit
from streams.alerting.api import make_api
from streams.alerting.limits_guard import ApiLimits
from streams.config import Settings
from streams.notify.sse import SseHub, event_id, parse_event_id

from test_alert_api import MemoryRegistry

A, B = {"X-API-Key": "ka"}, {"X-API-Key": "kb"}


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def run(scenario, limits: ApiLimits, hub: SseHub | None = None):
    async def main():
        registry, ticks = MemoryRegistry(), Ticks()
        h = hub or SseHub()
        ids = iter(f"id{i:03d}" for i in range(1000))
        app = make_api(registry, {"ka": "alice", "kb": "bob"}, h, new_id=lambda: next(ids), heartbeat=0.2,
                       limits=limits, ticks=ticks)
        async with TestClient(TestServer(app)) as client:
            return await scenario(client, registry, h, ticks)

    return asyncio.run(main())


# -- the pure parts


def test_token_bucket_refills_at_its_rate_up_to_its_burst():
    b = TokenBucket(rate=2, burst=3, now=0.0)
    assert [b.take(0.0) for _ in range(4)] == [0.0, 0.0, 0.0, 0.5]
    assert b.take(0.5) == 0.0 and b.take(0.5) == 0.5   # one token back after 0.5 s
    assert b.take(100.0) == 0.0 and b.tokens == 2.0      # never more than burst
    assert retry_after_header(0.01) == "1" and retry_after_header(2.2) == "3"


def test_keyed_buckets_are_independent_bounded_and_can_be_off():
    kb = KeyedBuckets(rate=1, burst=2, max_keys=3)
    assert kb.take("a", 0) == kb.take("a", 0) == 0.0 and kb.take("a", 0) == 1.0
    assert kb.take("b", 0) == 0.0                      # another key has its own bucket
    for k in "cde":
        kb.take(k, 0)
    assert len(kb) == 3                                  # a flood of keys cannot grow memory
    assert KeyedBuckets(rate=0, burst=0).take("x", 0) == 0.0


def test_pagination_walks_every_item_once_with_an_opaque_cursor():
    rows = [{"t": f"2026-01-{i % 5:02d}", "id": f"{i:03d}"} for i in range(23)]
    seen, cursor = [], None
    while True:
        chunk, cursor = page(rows, lambda r: [r["t"], r["id"]], limit=5, cursor=cursor)
        seen += [r["id"] for r in chunk]
        if cursor is None:
            break
    assert sorted(seen) == sorted(r["id"] for r in rows) and len(seen) == 23
    assert page(rows, lambda r: [r["t"], r["id"]], limit=100)[1] is None
    with pytest.raises(InputError):
        decode_cursor("not-a-cursor!")
    with pytest.raises(InputError):
        parse_limit("0", default=10, maximum=50)
    assert parse_limit(None, default=10, maximum=50) == 10 and parse_limit("50", default=10, maximum=50) == 50


def test_event_ids_order_by_time_then_partition_then_offset():
    assert parse_event_id(event_id(1700000000000, 2, 41)) == (1700000000000, 2, 41)
    assert parse_event_id("al-1") is None and parse_event_id(None) is None
    hub = SseHub(replay=3)
    for off in range(5):
        hub.publish({"id": f"al-{off}", "subscription": {"id": "s"}}, event_id(1000 + off, 0, off))
    assert [r["id"] for _, r in hub.since("s", event_id(1002, 0, 2))] == ["al-3", "al-4"]
    assert [r["id"] for _, r in hub.since("s", event_id(1, 0, 0))] == ["al-2", "al-3", "al-4"]  # bounded
    assert hub.since("s", "garbage") == [] and hub.since("other", event_id(1, 0, 0)) == []


def test_ingest_keys_setting():
    assert Settings.from_env({}).ingest_key_set() is None
    assert Settings.from_env({"PARLEY_INGEST_KEYS": "k1, feeder:k2"}).ingest_key_set() == {"k1", "k2"}
    assert Settings.from_env({"PARLEY_INGEST_KEYS": "api"}).ingest_key_set({"ka": "alice"}) == {"ka"}


# -- the API


def test_a_key_over_its_rate_gets_429_with_retry_after_and_others_do_not():
    async def scenario(c, registry, hub, ticks):
        codes = [(await c.get("/subscriptions", headers=A)).status for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        r = await c.get("/subscriptions", headers=A)
        assert r.headers["Retry-After"] == "1" and "rate limit" in (await r.json())["error"]
        assert (await c.get("/subscriptions", headers=B)).status == 200  # bob has his own bucket
        ticks.now += 1.0
        assert (await c.get("/subscriptions", headers=A)).status == 200

    run(scenario, ApiLimits(rate=1, burst=3))


def test_wrong_keys_from_one_address_get_429_after_a_few_401():
    async def scenario(c, registry, hub, ticks):
        codes = [(await c.get("/subscriptions", headers={"X-API-Key": f"guess{i}"})).status for i in range(8)]
        assert codes == [401] * 5 + [429] * 3
        r = await c.get("/subscriptions")
        assert r.status == 429 and int(r.headers["Retry-After"]) >= 1
        assert (await c.get("/subscriptions", headers=A)).status == 200  # a valid key is not locked out
        ticks.now += 2.0
        assert (await c.get("/subscriptions", headers={"X-API-Key": "guess"})).status == 401

    run(scenario, ApiLimits(fail_rate=0.5, fail_burst=5))


def test_subscription_quota_per_owner_is_a_clear_403():
    async def scenario(c, registry, hub, ticks):
        for i in range(3):
            assert (await c.post("/subscriptions", headers=A, json={"name": f"n{i}", "query": "talks"})).status == 201
        r = await c.post("/subscriptions", headers=A, json={"name": "n3", "query": "talks"})
        body = await r.json()
        assert r.status == 403 and body["limit"] == 3 and "PARLEY_MAX_SUBSCRIPTIONS" in body["error"]
        assert (await c.post("/subscriptions", headers=B, json={"name": "b", "query": "talks"})).status == 201
        assert (await c.delete("/subscriptions/id000", headers=A)).status == 204
        assert (await c.post("/subscriptions", headers=A, json={"name": "n4", "query": "talks"})).status == 201

    run(scenario, ApiLimits(max_subscriptions=3))


def test_list_is_paginated_with_limit_and_next():
    async def scenario(c, registry, hub, ticks):
        for i in range(7):
            await c.post("/subscriptions", headers=A, json={"name": f"n{i}", "query": "talks"})
        first = await (await c.get("/subscriptions", headers=A)).json()  # default page size 3
        assert [s["name"] for s in first["subscriptions"]] == ["n0", "n1", "n2"] and first["next"]
        names, url = [], "/subscriptions?limit=2"
        while url:
            body = await (await c.get(url, headers=A)).json()
            names += [s["name"] for s in body["subscriptions"]]
            url = f"/subscriptions?limit=2&cursor={body['next']}" if "next" in body else None
        assert names == [f"n{i}" for i in range(7)]
        assert (await c.get("/subscriptions?limit=0", headers=A)).status == 400
        assert (await c.get("/subscriptions?limit=abc", headers=A)).status == 400
        r = await c.get("/subscriptions?cursor=%%%", headers=A)
        assert r.status == 400 and (await r.json())["field"] == "cursor"
        assert await (await c.get("/subscriptions", headers=B)).json() == {"subscriptions": []}

    run(scenario, ApiLimits(page_size=3))


def test_health_tells_the_count_only_to_a_key_and_only_its_own():
    async def scenario(c, registry, hub, ticks):
        await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks"})
        await c.post("/subscriptions", headers=A, json={"name": "m", "query": "talks"})
        ready = {"ready": True, "checks": {"subscriptions": True}}  # readiness and its checks: no counts
        assert await (await c.get("/health")).json() == ready
        assert await (await c.get("/health", headers=A)).json() == {**ready, "subscriptions": 2}
        assert await (await c.get("/health", headers=B)).json() == {**ready, "subscriptions": 0}
        assert await (await c.get("/health", headers={"X-API-Key": "wrong"})).json() == ready

    run(scenario, ApiLimits())


def test_concurrent_streams_per_key_are_capped_and_freed_on_disconnect():
    async def scenario(c, registry, hub, ticks):
        await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks"})
        open_ = [await c.get("/subscriptions/id000/events", headers=A) for _ in range(2)]
        assert [r.status for r in open_] == [200, 200]
        third = await c.get("/subscriptions/id000/events", headers=A)
        assert third.status == 429 and "Retry-After" in third.headers
        open_[0].close()
        for _ in range(50):
            await asyncio.sleep(0.05)  # the server notices the disconnect at its next write (heartbeat)
            r = await c.get("/subscriptions/id000/events", headers=A)
            if r.status == 200:
                r.close()
                break
            r.close()
        else:
            raise AssertionError("a closed stream was not freed")
        open_[1].close()

    run(scenario, ApiLimits(max_streams=2))


def test_reconnect_with_last_event_id_replays_what_was_missed():
    async def scenario(c, registry, hub, ticks):
        await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks"})
        for off in range(4):
            hub.publish({"id": f"al-{off}", "kind": "alert", "subscription": {"id": "id000"}}, event_id(5000 + off, 1, off))
        resp = await c.get("/subscriptions/id000/events", headers={**A, "Last-Event-ID": event_id(5001, 1, 1)})
        assert (await resp.content.readline()).startswith(b": connected")
        await resp.content.readline()
        frames = []
        for _ in range(2):
            lines = [await resp.content.readline() for _ in range(4)]
            frames.append((lines[0].decode().strip(), json.loads(lines[2][6:])["id"]))
        assert frames == [("id: 5002-1-2", "al-2"), ("id: 5003-1-3", "al-3")]
        hub.publish({"id": "al-9", "kind": "alert", "subscription": {"id": "id000"}}, event_id(6000, 0, 9))
        lines = [await resp.content.readline() for _ in range(4)]
        assert lines[0] == b"id: 6000-0-9\n"  # then live, nothing twice
        resp.close()

    run(scenario, ApiLimits())


def test_hashed_keys_are_rate_limited_per_key_and_wrong_ones_per_address():
    """The merge of h-alertsec and h-alertiso: the KeyRing finds the owner of a hashed key,
    then the same per-key bucket applies; /health counts a wrong key as a failed authentication."""
    from streams.alerting.keys import KeyRing, hash_key

    ring = KeyRing.parse("alice:" + hash_key("secret-a", scheme="pbkdf2_sha256", iterations=1000) + ",bob:kb")

    async def main():
        registry, ticks = MemoryRegistry(), Ticks()
        app = make_api(registry, ring, SseHub(), limits=ApiLimits(rate=1, burst=2, fail_rate=1, fail_burst=2),
                       ticks=ticks)
        async with TestClient(TestServer(app)) as c:
            alice = {"X-API-Key": "secret-a"}
            codes = [(await c.get("/subscriptions", headers=alice)).status for _ in range(3)]
            assert codes == [200, 200, 429]
            assert (await c.get("/subscriptions", headers={"X-API-Key": "kb"})).status == 200  # bob's own bucket
            health = await c.get("/health", headers=alice)
            assert (await health.json())["subscriptions"] == 0
            wrong = [(await c.get("/health", headers={"X-API-Key": "nope"})).status for _ in range(3)]
            assert wrong == [200, 200, 429]
            assert (await c.get("/subscriptions", headers={"X-API-Key": "nope"})).status == 429
            ticks.now += 1.0
            assert (await c.get("/subscriptions", headers=alice)).status == 200

    asyncio.run(main())


def test_ingest_accepts_a_key_list_or_the_api_key_ring():
    from streams.alerting.keys import KeyRing, hash_key
    from streams.web import _key_ok

    ring = KeyRing.parse("feeder:" + hash_key("ik", scheme="pbkdf2_sha256", iterations=1000))

    async def main():
        return [await _key_ok("ik", ring), await _key_ok("no", ring), await _key_ok("", ring),
                await _key_ok("k2", frozenset({"k1", "k2"})), await _key_ok("k3", frozenset({"k1", "k2"})),
                await _key_ok("\udcff", frozenset({"k1"}))]

    assert asyncio.run(main()) == [True, False, False, True, False, False]
