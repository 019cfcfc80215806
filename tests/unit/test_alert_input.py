"""Bad input reaches neither Kafka nor a worker (issue 9, items 4, 6 and 8 at the API), and
one record that cannot be processed never loses another (item 6 in the agents)."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest
from faust.serializers import codecs
from prometheus_client import CollectorRegistry

from processors.alerts import SubscriptionIndex
from processors.alert_records import match_record
from processors.delivery import TargetPolicy
from processors.errors import SubscriptionError
from processors.subscriptions import Subscription, unencodable_text
from streams.alerting.agents import make_alert_agent, make_match_agent, make_notify_agent
from streams.alerting.api import make_api
from streams.alerting.config import AlertSettings
from streams.alerting.guard import ChannelGuard, kafka_topic_policy
from streams.config import Settings
from streams.metrics import Metrics
from streams.notify.sse import SseHub

from test_alert_api import MemoryRegistry

LONE = "\ud800"
A = {"X-API-Key": "ka"}


def test_lone_surrogates_are_refused_with_the_field():
    assert unencodable_text({"name": "ok", "query": "x"}) is None
    assert unencodable_text({"name": "a" + LONE}) == "name"
    assert unencodable_text({"channels": [{"type": "webhook", "url": "https://x.org/" + LONE}]}) == "channels[0].url"
    assert unencodable_text({LONE: 1}) == "keys"
    for field, value in (("name", "desk " + LONE), ("query", "talks " + LONE)):
        with pytest.raises(SubscriptionError) as caught:
            Subscription(**{"id": "s1", "owner": "o", "name": "n", "query": "x", field: value})
        assert caught.value.field == field
    with pytest.raises(SubscriptionError) as caught:
        Subscription(id="s1", owner="o", name="n", query="x", channels=[{"type": "email", "to": "a@b.org", "x": LONE}])
    assert caught.value.field == "channels"


def _run(scenario, guard=None):
    async def main():
        registry, hub = MemoryRegistry(), SseHub()
        ids = iter(f"id{i}" for i in range(100))
        app = make_api(registry, {"ka": "alice"}, hub, clock=lambda: 1_800_000_000.0, new_id=lambda: next(ids),
                       guard=guard)
        from aiohttp.test_utils import TestClient, TestServer

        async with TestClient(TestServer(app)) as client:
            return await scenario(client, registry)

    return asyncio.run(main())


def _raw(body: dict) -> bytes:
    return json.dumps(body).encode()  # ensure_ascii: "\ud800" travels as valid JSON


def test_api_refuses_unencodable_text_with_the_field_name():
    async def scenario(c, registry):
        r = await c.post("/subscriptions", headers=A, data=_raw({"name": "desk" + LONE, "query": "talks"}))
        err = await r.json()
        assert r.status == 400 and err["field"] == "name" and "UTF-8" in err["error"]
        r = await c.post("/subscriptions", headers=A, data=_raw({"name": "d", "query": "talks",
                                                                  "channels": [{"type": "email", "to": LONE}]}))
        assert r.status == 400 and (await r.json())["field"] == "channels"
        r = await c.post("/subscriptions", headers=A, json={"name": "ok", "query": "talks"})
        assert r.status == 201
        r = await c.patch("/subscriptions/id0", headers=A, data=_raw({"query": "talks " + LONE}))
        assert r.status == 400 and (await r.json())["field"] == "query"
        assert [sid for sid, _ in registry.written] == ["id0"]

    _run(scenario)


def _guard(allow: str = "") -> ChannelGuard:
    async def resolve(host, port):
        return {"intranet.example": ["10.0.0.7"], "hooks.example.org": ["93.184.216.34"]}[host]

    return ChannelGuard(TargetPolicy.parse(allow), kafka_topic_policy(Settings(), AlertSettings()), resolve=resolve)


def test_api_refuses_unsafe_channels_when_the_subscription_is_written():
    async def scenario(c, registry):
        for channel, words in (({"type": "webhook", "url": "http://①②⑦.0.0.1:9/h"}, "non-ASCII"),
                               ({"type": "webhook", "url": "http://2130706433:9/h"}, "non-standard"),
                               ({"type": "webhook", "url": "http://127.0.0.1:9/h"}, "loopback"),
                               ({"type": "slack", "url": "https://intranet.example/h"}, "private"),
                               ({"type": "webhook", "url": "http://100.64.3.4/h"}, "shared"),
                               ({"type": "kafka", "topic": "articles.raw"}, "PARLEY_KAFKA_CHANNEL_PREFIX"),
                               ({"type": "kafka", "topic": "subscriptions"}, "PARLEY_KAFKA_CHANNEL_PREFIX"),
                               ({"type": "kafka", "topic": "a" * 250}, "topic")):
            r = await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks", "channels": [channel]})
            err = await r.json()
            assert r.status == 400 and err["field"] == "channels" and words in err["error"], (channel, err)
        assert registry.written == []
        ok = [{"type": "webhook", "url": "https://hooks.example.org/h"},
              {"type": "kafka", "topic": "parley.alerts.out.desk"}]
        r = await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks", "channels": ok})
        assert r.status == 201
        sid = (await r.json())["id"]
        r = await c.patch(f"/subscriptions/{sid}", headers=A,
                          json={"channels": [{"type": "kafka", "topic": "alerts.matches"}]})
        err = await r.json()
        assert r.status == 400 and err["reason"] == "target_refused"
        assert (await c.patch(f"/subscriptions/{sid}", headers=A, json={"name": "renamed"})).status == 200
        assert registry.get(sid).channels == ok

    _run(scenario, guard=_guard())


def test_api_without_a_guard_still_refuses_private_targets_and_foreign_topics():
    async def scenario(c, registry):
        r = await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks",
                                                             "channels": [{"type": "webhook", "url": "http://10.0.0.1/"}]})
        assert r.status == 400 and (await r.json())["reason"] == "target_refused"
        r = await c.post("/subscriptions", headers=A, json={"name": "n", "query": "talks",
                                                             "channels": [{"type": "kafka", "topic": "articles.raw"}]})
        assert r.status == 400
        assert registry.written == []

    _run(scenario)


# -- the alert agent: one bad record or alert never loses another ----------------------------------

class _Stream:
    def __init__(self, records):
        self.records = records

    async def events(self):
        for i, rec in enumerate(self.records):
            yield SimpleNamespace(value=rec, message=SimpleNamespace(partition=0, timestamp=1_800_000_000.0 + i))


class _Topic:
    """Serialises like the worker's topics (Faust's json codec, orjson): a lone surrogate raises."""

    def __init__(self):
        self.sent = []

    async def send(self, *, key=None, value=None, partition=None):
        codecs.dumps("json", value)
        self.sent.append(value)


def _match(sub: Subscription, art_id: str, text: str) -> dict:
    article = {"id": art_id, "url": f"https://x.example/{art_id}", "source": "x.example", "lang": "en", "text": text}
    [m] = SubscriptionIndex([sub]).match(article)
    return match_record(article, m, now=1_800_000_000.0)


def test_a_subscription_that_breaks_decide_is_dead_lettered_and_others_still_alert():
    registry = MemoryRegistry()
    good = Subscription(id="good", owner="o", name="good desk", query="ceasefire")
    bad = Subscription(id="bad", owner="o", name="bad desk", query="ceasefire")
    bad.name = "bad " + LONE  # as a record written before names were checked would load
    registry.subs.update({"good": good, "bad": bad})
    alerts, dead = _Topic(), []

    async def deadletter(record):
        codecs.dumps("json", record)  # the dead letter itself must always be writable
        dead.append(record)

    metrics = Metrics.create(CollectorRegistry())
    agent = make_alert_agent(registry=registry, table={}, alerts_topic=alerts, metrics=metrics, window_s=3600,
                             story_cap=10, deadletter=deadletter, clock=lambda: 1_800_000_000.0)
    first = "Envoys agreed a ceasefire today after talks in the capital city on Monday."
    other = "Completely different words: rebels in the southern hills signed a ceasefire pact with the army."
    records = [_match(bad, "a1", first), _match(good, "a2", first), "not a record",
               {"subscription_id": "good", "article": None}, _match(good, "a3", other)]
    asyncio.run(agent(_Stream(records)))
    assert [a["subscription"]["id"] for a in alerts.sent if a["kind"] == "alert"] == ["good", "good"]
    assert {d["subscription_id"] for d in dead} == {"bad", "good"} and all(d["reason"] == "alert_error" for d in dead)
    bad_letter = next(d for d in dead if d["subscription_id"] == "bad")
    assert "surrogates" in bad_letter["error"] and bad_letter["alert_id"]
    assert metrics.registry.get_sample_value("parley_deadletters_total", {"stage": "alert", "reason": "alert_error"}) == 2


class _ManualStream:
    """What the notify agent uses of a Faust stream: ``noack().events()`` and ``ack(event)``."""

    def __init__(self, values) -> None:
        self.events_ = [SimpleNamespace(value=v) for v in values]
        self.acked: list = []

    def noack(self):
        return self

    async def events(self):
        for event in self.events_:
            yield event

    async def ack(self, event) -> None:
        self.acked.append(event.value["id"])


def test_a_dispatcher_crash_is_dead_lettered_and_the_next_alert_delivered():
    from streams.alerting.agents import lane_error_handler
    from streams.notify.lanes import DeliveryLanes

    registry = MemoryRegistry()
    registry.subs["s1"] = Subscription(id="s1", owner="o", name="n", query="x", channels=[
        {"type": "webhook", "url": "https://user:pw@hooks.example.org/T/secret"}])
    delivered, dead, tries = [], [], []

    class Dispatcher:
        attempts = 4
        metrics = Metrics.create(CollectorRegistry())

        async def attempt(self, alert, index, channel, attempt, *, last):
            if alert["id"] == "boom":
                tries.append(attempt)
                raise RuntimeError(f"dispatcher bug at {channel['url']}")
            delivered.append(alert["id"])
            return "delivered"

    async def deadletter(record):
        dead.append(record)

    async def park(record):
        raise AssertionError("nothing is parked")

    async def scenario():
        metrics = Metrics.create(CollectorRegistry())
        lanes = DeliveryLanes(Dispatcher(), park=park, cooldown=0.01, max_errors=2,
                              on_error=lane_error_handler(deadletter, metrics, clock=lambda: 0.0))
        stream = _ManualStream([{"id": aid, "kind": "alert", "subscription": {"id": "s1"}} for aid in ("boom", "fine")])
        agent = make_notify_agent(registry=registry, lanes=lanes, deadletter=deadletter, clock=lambda: 0.0)
        await agent(stream)
        for _ in range(100):
            if lanes.pending() == 0 and len(stream.acked) == 2:
                break
            await asyncio.sleep(0.01)
        await lanes.close()
        return stream.acked, metrics

    acked, metrics = asyncio.run(scenario())
    assert delivered == ["fine"] and sorted(acked) == ["boom", "fine"] and tries == [1, 1]
    assert len(dead) == 1 and dead[0]["alert_id"] == "boom" and dead[0]["reason"] == "notify_error"
    assert "pw" not in json.dumps(dead[0]) and "secret" not in dead[0]["error"]
    assert metrics.registry.get_sample_value("parley_deadletters_total", {"stage": "notify", "reason": "notify_error"}) == 1


def test_an_alert_the_lanes_cannot_take_is_dead_lettered_and_acked():
    registry = MemoryRegistry()
    registry.subs["s1"] = Subscription(id="s1", owner="o", name="n", query="x", channels=[{"type": "sse"}])
    taken, dead = [], []

    class Lanes:
        def pending(self):
            return 0

        def submit(self, job):
            if job.alert["id"] == "boom":
                raise RuntimeError("lanes bug")
            taken.append(job.alert["id"])

    async def deadletter(record):
        dead.append(record)

    stream = _ManualStream([{"id": aid, "kind": "alert", "subscription": {"id": "s1"}} for aid in ("boom", "fine")])
    agent = make_notify_agent(registry=registry, lanes=Lanes(), deadletter=deadletter, clock=lambda: 0.0)
    asyncio.run(agent(stream))
    assert taken == ["fine"] and stream.acked == ["boom"]  # "fine" is acked by its lane once settled
    assert dead[0]["alert_id"] == "boom" and dead[0]["reason"] == "notify_error" and dead[0]["channel_index"] == 0


def test_a_match_that_cannot_be_sent_is_dead_lettered_and_the_others_go():
    registry = MemoryRegistry()
    for sid in ("s1", "s2"):
        registry.apply(sid, json.dumps(Subscription(id=sid, owner="o", name=sid, query="ceasefire").to_dict()).encode())
    sent, dead = [], []

    class Matches:
        async def send(self, *, key, value):
            if key == b"s1":
                raise RuntimeError("broker said no")
            sent.append(key)

    async def deadletter(record):
        dead.append(record)

    article = {"id": "a1", "url": "https://x.example/a1", "source": "x.example", "lang": "en",
               "text": "Envoys agreed a ceasefire today after talks in the capital city on Monday."}
    agent = make_match_agent(registry=registry, matches_topic=Matches(), deadletter=deadletter, clock=lambda: 0.0)
    asyncio.run(agent(_Stream([article, dict(article, id="a2")])))
    assert sent == [b"s2", b"s2"] and [d["subscription_id"] for d in dead] == ["s1", "s1"]
    assert {d["reason"] for d in dead} == {"match_error"}
