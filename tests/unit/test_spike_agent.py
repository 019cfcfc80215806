"""Spike and breaking-news subscriptions in the alert agent and the API, with fakes of Kafka and
the Faust table: the alert goes out before the state is written, a bad record is dead-lettered
and the next one still counts, ticks reach only spike subscriptions, impossible rules get a 400."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from faust.serializers import codecs
from prometheus_client import CollectorRegistry

from processors.subscriptions import Subscription
from streams.alerting.agents import make_alert_agent, make_digest_ticker
from streams.metrics import Metrics

from test_alert_api import A, MemoryRegistry, run
from test_alert_input import _Stream

T0 = 1_800_000_000.0
SPIKE = {"kind": "spike", "window_s": 600, "height": 3, "min_current": 5}


def _rec(sid: str, i: int, ts: float) -> dict:
    when = datetime.fromtimestamp(ts, tz=timezone.utc).isoformat().replace("+00:00", "Z")
    return {"subscription_id": sid, "article": {"id": f"a{i}", "url": f"https://s{i}.example/{i}", "title": f"t{i}",
                                                "source": f"s{i}.example", "lang": "en", "published": when},
            "tags": [], "countries": [], "events": [], "fingerprint": {"sketch": [i * 100 + k for k in range(16)],
                                                                       "signature": None},
            "matched_at": when, "trace": {"tagged": ts, "matched": ts}}


class _Journal:
    """The alerts topic and the state table, writing one journal: which came first."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []
        self.sent: list[dict] = []
        self.table = _Table(self)

    async def send(self, *, key=None, value=None, partition=None):
        codecs.dumps("json", value)
        self.sent.append(value)
        self.log.append(("alert", value["id"]))


class _Table(dict):
    def __init__(self, journal: _Journal) -> None:
        super().__init__()
        self.journal = journal

    def __setitem__(self, key, value) -> None:
        codecs.dumps("json", value)  # a changelog record must serialise
        super().__setitem__(key, value)
        self.journal.log.append(("state", key))


def _agent(registry, journal, dead):
    async def deadletter(record):
        codecs.dumps("json", record)
        dead.append(record)

    return make_alert_agent(registry=registry, table=journal.table, alerts_topic=journal,
                            metrics=Metrics.create(CollectorRegistry()), window_s=3600, story_cap=10,
                            deadletter=deadletter, clock=lambda: T0 + 5000)


def test_a_spike_alert_is_sent_before_its_state_is_written_and_bad_records_are_dead_lettered():
    registry = MemoryRegistry()
    registry.subs["sp"] = Subscription(id="sp", owner="o", name="surges", query="ceasefire", rule=SPIKE)
    journal, dead = _Journal(), []
    calm = [_rec("sp", i, T0 + 120 * i) for i in range(15)]
    surge = [_rec("sp", 100 + i, T0 + 1800 + 5 * i) for i in range(20)]
    broken = {"subscription_id": "sp", "article": "not an object"}
    asyncio.run(_agent(registry, journal, dead)(_Stream(calm + [broken] + surge)))
    [alert] = journal.sent
    assert alert["kind"] == "spike" and alert["count"] >= 5 and alert["trace"]["decided"] == T0 + 5000
    at = journal.log.index(("alert", alert["id"]))
    assert journal.log[at + 1] == ("state", "sp")  # the crossing record's state is written after its alert
    assert [d["reason"] for d in dead] == ["alert_error"] and dead[0]["subscription_id"] == "sp"
    assert journal.table["sp"]["counted"] == 35  # the bad record lost nothing else

    # a restart replays every record into the saved state: nothing counts twice, nothing re-fires
    again = _Journal()
    again.table.update(journal.table)
    asyncio.run(_agent(registry, again, [])(_Stream(calm + surge)))
    assert again.sent == [] and again.table["sp"]["counted"] == 35


def test_spike_ticks_go_to_spike_subscriptions_only():
    registry = MemoryRegistry()
    registry.subs.update({
        "sp": Subscription(id="sp", owner="o", name="n", query="x", rule=SPIKE),
        "bn": Subscription(id="bn", owner="o", name="n", query="x", rule={"kind": "breaking"}),
        "kw": Subscription(id="kw", owner="o", name="n", query="x"),
        "off": Subscription(id="off", owner="o", name="n", query="x", rule=SPIKE, active=False)})
    journal = _Journal()
    sent = []

    class Topic:
        async def send(self, *, key=None, value=None, partition=None):
            sent.append(value)

    ticks = make_digest_ticker(registry=registry, matches_topic=Topic(), partitions=2, clock=lambda: T0)
    asyncio.run(ticks.spike())
    assert sent == [{"subscription_id": "sp", "tick": True, "at": T0}]
    asyncio.run(_agent(registry, journal, [])(_Stream(sent)))
    assert journal.table["sp"]["newest"] == T0


def test_the_api_takes_a_rule_and_refuses_impossible_ones_with_field_rule():
    async def scenario(c, registry, hub):
        r = await c.post("/subscriptions", headers=A, json={"name": "surge", "query": "tag:ceasefire",
                                                             "rule": {**SPIKE, "group_by": "country_pair"}})
        assert r.status == 201
        sub = await r.json()
        assert sub["rule"]["group_by"] == "country_pair" and sub["rule"]["direction"] == "up"
        r = await c.patch(f"/subscriptions/{sub['id']}", headers=A, json={"rule": {**SPIKE, "height": 0.5}})
        assert r.status == 400 and (await r.json())["field"] == "rule"
        r = await c.patch(f"/subscriptions/{sub['id']}", headers=A, json={"rule": None})
        assert r.status == 200 and (await r.json())["rule"] is None
        r = await c.post("/subscriptions", headers=A, json={"name": "b", "query": "x", "throttle": {"max": 1, "window_s": 60},
                                                             "rule": {"kind": "breaking", "sources": 3}})
        err = await r.json()
        assert r.status == 400 and err["field"] == "rule" and "throttle" in err["error"]
        doc = await (await c.get("/openapi.json")).json()
        assert {"SpikeRule", "BreakingRule"} <= set(doc["components"]["schemas"])

    run(scenario)
