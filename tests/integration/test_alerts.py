"""Alerts end to end on real Kafka + Elasticsearch, a real `parley worker` subprocess,
a real HTTP receiver for webhooks/Slack and a real SMTP server (aiosmtpd).

One worker serves the module (starting one costs ~15 s); each test uses its own
subscriptions and a keyword of its own, so tests do not see each other's alerts.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from processors.delivery import TargetPolicy, TargetRefused, verify
from streams.sources.producer import ArticleProducer

from alert_support import HookServer, MailServer
from pipeline_support import Stack, api_call, cleanup, free_port, read_topic, wait_for

SECRET = "s3cret-hook-key"
KEYS = {"alice": "key-alice", "bob": "key-bob"}


@pytest.fixture(scope="module")
def hooks():
    s = HookServer().start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def mail():
    m = MailServer().start()
    yield m
    m.stop()


@pytest.fixture(scope="module")
def stack(kafka_bootstrap: str, es_url: str, kafka_admin, es_client, mail, tmp_path_factory):
    api_port = free_port()
    s = Stack(kafka_bootstrap, es_url, extra_env={
        "PARLEY_API_PORT": str(api_port), "PARLEY_API_KEYS": ",".join(f"{o}:{k}" for o, k in KEYS.items()),
        "PARLEY_ALLOW_TARGETS": "127.0.0.1/32", "PARLEY_SMTP_HOST": "127.0.0.1", "PARLEY_SMTP_PORT": str(mail.port),
        "PARLEY_DELIVERY_ATTEMPTS": "3", "PARLEY_DELIVERY_BACKOFF": "0.2", "PARLEY_WEBHOOK_SECRET": "default-secret",
        "PARLEY_BULK_FLUSH_SECONDS": "0.2",
        # one HookServer port plays every receiver here (/ok, /fail-*, ...): with the default circuit
        # breaker (5 failures) the failing paths would open the circuit of the healthy ones too, e.g.
        # when the restart test replays every alert; breakers are tested in test_alert_hardening.py
        "PARLEY_BREAKER_FAILURES": "1000",
    })
    s.api = f"http://127.0.0.1:{api_port}"
    s.extra_env["PARLEY_KAFKA_CHANNEL_PREFIX"] = s.settings().topic("alerts.out.")  # under the stack's prefix: cleaned up
    s.log_dir = tmp_path_factory.mktemp("alerts")
    first = s.parley("setup")
    assert first.returncode == 0, first.stderr + first.stdout
    s.start_worker(s.log_dir)
    wait_for(lambda: _get(s, "/health").get("ready"), 90, what="worker API ready")
    yield s
    for i, w in enumerate(s.workers):
        print(f"--- worker {i} log tail ---\n{w.tail(120)}")
    cleanup(s, kafka_admin, es_client)


def _call(stack: Stack, method: str, path: str, body: Any = None, key: str | None = "key-alice") -> tuple[int, Any]:
    return api_call(method, stack.api + path, body, key)


def _get(stack: Stack, path: str) -> Any:
    return _call(stack, "GET", path)[1]


def _article(word: str, n: int = 0, source: str = "example.org") -> dict:
    """A new story every call: the words differ, so StoryWindow does not fold them together."""
    u = uuid.uuid4().hex
    return {"url": f"https://{source}/{word}/{u}", "source": source, "lang": "en",
            "title": f"Envoys discuss {word} proposal {n}",
            "text": f"Negotiators met on Tuesday to weigh the {word} proposal, number {n}, reference {u}. "
                    f"Officials from both delegations said talks on item {u[:6]} would resume next week in Geneva."}


def _produce(stack: Stack, articles: list[dict]) -> list[str]:
    with ArticleProducer(stack.settings()) as producer:
        ids = [producer.send(a) for a in articles]
        producer.flush()
    return ids


def _records(stack: Stack, topic: str) -> list[dict]:
    return [json.loads(r.value) for r in read_topic(stack.kafka, stack.settings().topic(topic)) if r.value]


def test_api_crud_ownership_and_openapi(stack: Stack) -> None:
    status, doc = _call(stack, "GET", "/openapi.json", key=None)
    assert status == 200 and doc["openapi"].startswith("3.") and "/subscriptions/{id}/events" in doc["paths"]
    assert _call(stack, "GET", "/subscriptions", key=None)[0] == 401
    assert _call(stack, "GET", "/subscriptions", key="wrong")[0] == 401

    status, sub = _call(stack, "POST", "/subscriptions", {"name": "crud", "query": "ceasefire AND country:ARM"})
    assert status == 201 and sub["owner"] == "alice" and sub["active"] is True
    sid = sub["id"]
    assert [s["id"] for s in _get(stack, "/subscriptions")["subscriptions"]] == [sid]
    assert _call(stack, "GET", f"/subscriptions/{sid}", key="key-bob")[0] == 404
    assert _call(stack, "DELETE", f"/subscriptions/{sid}", key="key-bob")[0] == 404
    assert _call(stack, "GET", "/subscriptions", key="key-bob")[1] == {"subscriptions": []}

    status, err = _call(stack, "POST", "/subscriptions", {"name": "bad", "query": "ceasefire AND (talks"})
    assert status == 400 and err["field"] == "query" and isinstance(err["position"], int) and err["error"]
    status, err = _call(stack, "POST", "/subscriptions", {"name": "bad", "query": "x", "channels": [{"type": "pigeon"}]})
    assert status == 400 and err["field"] == "channels"

    status, paused = _call(stack, "POST", f"/subscriptions/{sid}/pause")
    assert status == 200 and paused["active"] is False
    status, patched = _call(stack, "PATCH", f"/subscriptions/{sid}", {"name": "crud2", "throttle": {"max": 2, "window_s": 60}})
    assert status == 200 and patched["name"] == "crud2" and patched["active"] is False and patched["throttle"]["max"] == 2
    assert _call(stack, "POST", f"/subscriptions/{sid}/resume")[1]["active"] is True
    assert _call(stack, "DELETE", f"/subscriptions/{sid}")[0] == 204
    assert _call(stack, "GET", f"/subscriptions/{sid}")[0] == 404
    # durable: the compacted topic holds the history and ends with the tombstone
    recs = [r for r in read_topic(stack.kafka, stack.settings().topic("subscriptions")) if r.key == sid.encode()]
    assert recs and recs[-1].value is None and json.loads(recs[0].value)["name"] == "crud"


def test_cli_subscribe_list_pause_delete(stack: Stack, hooks: HookServer) -> None:
    env = {"PARLEY_API_URL": stack.api, "PARLEY_API_KEY": "key-bob"}
    stack.extra_env.update(env)
    try:
        out = stack.parley("subscribe", "--name", "cli-sub", "--query", "mediation OR ~ceasefire", "--channel", "sse",
                           "--channel", "webhook:" + hooks.url("/cli"), "--throttle", "5/3600", "--json")
        assert out.returncode == 0, out.stderr
        sid = json.loads(out.stdout)["id"]
        listed = stack.parley("subscriptions", "list")
        assert sid in listed.stdout and "cli-sub" in listed.stdout
        assert "paused" in stack.parley("subscriptions", "pause", sid).stdout
        bad = stack.parley("subscribe", "--name", "x", "--query", "talks AND")
        assert bad.returncode != 0 and "position" in bad.stderr
        assert stack.parley("subscriptions", "delete", sid).returncode == 0
        gone = stack.parley("subscriptions", "show", sid)
        assert gone.returncode != 0 and "no such subscription" in gone.stderr
    finally:
        for k in env:
            stack.extra_env.pop(k)


async def _sse_events(url: str, key: str, n: int, ready: asyncio.Event, timeout: float) -> list[tuple[str, dict]]:
    import aiohttp

    out: list[tuple[str, dict]] = []
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers={"X-API-Key": key}, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
            assert resp.status == 200 and resp.headers["Content-Type"].startswith("text/event-stream")
            event = ""
            async for line in resp.content:
                text = line.decode().rstrip("\n")
                if text.startswith(": connected"):
                    ready.set()
                elif text.startswith("event: "):
                    event = text[7:]
                elif text.startswith("data: "):
                    out.append((event, json.loads(text[6:])))
                    if len(out) >= n:
                        return out
    return out


def test_alert_reaches_webhook_slack_email_sse_kafka_and_es(stack: Stack, hooks: HookServer, mail: MailServer, es_client) -> None:
    word = "zorbatrine"
    out_topic = stack.settings().topic("alerts.out." + uuid.uuid4().hex[:6])
    status, sub = _call(stack, "POST", "/subscriptions", {"name": "Zorbatrine desk", "query": f"{word} OR unrelatedword", "channels": [
        {"type": "webhook", "url": hooks.url("/ok"), "secret": SECRET}, {"type": "slack", "url": hooks.url("/slack")},
        {"type": "email", "to": "desk@example.org"}, {"type": "sse"}, {"type": "kafka", "topic": out_topic}]})
    assert status == 201, sub

    async def scenario() -> list:
        ready = asyncio.Event()
        reader = asyncio.create_task(_sse_events(f"{stack.api}/subscriptions/{sub['id']}/events", "key-alice", 1, ready, 60))
        await asyncio.wait_for(ready.wait(), 10)
        await asyncio.to_thread(_produce, stack, [_article(word)])  # produced right after the API call
        return await reader

    events = asyncio.run(scenario())
    assert events[0][0] == "alert" and events[0][1]["subscription"]["id"] == sub["id"]

    hit = wait_for(lambda: hooks.on("/ok"), 30, what="webhook")[0]
    alert = hit.json()
    assert verify(SECRET, hit.body, hit.headers["x-parley-signature"])
    assert not verify("default-secret", hit.body, hit.headers["x-parley-signature"])
    assert hit.headers["x-parley-idempotency-key"] == f"{alert['id']}:0:webhook"
    assert alert["subscription"] == {"id": sub["id"], "name": "Zorbatrine desk", "owner": "alice"}
    assert word in alert["article"]["title"].lower() and alert["article"]["url"].startswith("https://example.org/")
    s, e = alert["highlights"][0]
    assert alert["snippet"][s:e].lower() == word and f"**{word}" in alert["snippet_marked"].lower()
    assert alert["terms"] == [word] and alert["article"]["lang"] == "en"

    slack = wait_for(lambda: hooks.on("/slack"), 30, what="slack")[0].json()
    assert "Zorbatrine desk" in slack["text"] and f"*{word}*" in json.dumps(slack["blocks"]).lower()

    msg = wait_for(lambda: [m for m in mail.messages if "Zorbatrine desk" in m["Subject"]], 30, what="email")[0]
    assert msg["To"] == "desk@example.org" and msg.is_multipart()
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert word in plain.lower() and f"<mark>{word}</mark>" in html.lower()

    kafka_out = wait_for(lambda: [json.loads(r.value) for r in read_topic(stack.kafka, out_topic)], 30, what="kafka channel")
    assert kafka_out[0]["id"] == alert["id"]

    index = f"{stack.settings().index_prefix}-alerts"
    doc = wait_for(lambda: es_client.options(ignore_status=404).get(index=index, id=alert["id"]).get("_source"), 30,
                   what="alert in Elasticsearch")
    assert doc["subscription_id"] == sub["id"] and doc["owner"] == "alice" and word in doc["snippet"].lower()
    deliveries = wait_for(lambda: [d for d in _records(stack, "alerts.deliveries") if d["alert_id"] == alert["id"]
                                   and d["status"] == "delivered"], 30, what="delivery log")
    assert {d["channel"] for d in deliveries} >= {"webhook", "slack", "email", "sse", "kafka"}
    es_deliveries = wait_for(lambda: es_client.search(index=f"{stack.settings().index_prefix}-deliveries",
                                                      query={"term": {"alert_id": alert["id"]}})["hits"]["hits"], 30,
                             what="deliveries in Elasticsearch")
    assert es_deliveries


def test_copy_of_a_story_updates_the_alert_instead_of_sending_another(stack: Stack, hooks: HookServer) -> None:
    word = "quillomander"
    status, sub = _call(stack, "POST", "/subscriptions", {"name": "dedup", "query": word,
                                                          "channels": [{"type": "webhook", "url": hooks.url("/dedup")}]})
    first = _article(word, source="wire.example")
    _produce(stack, [first])
    wait_for(lambda: hooks.on("/dedup"), 30, what="first alert")
    copy = dict(first, url=first["url"].replace("wire.example", "paper.example"), source="paper.example")
    _produce(stack, [copy])
    update = wait_for(lambda: [r for r in _records(stack, "alerts") if r.get("kind") == "update"
                               and r["subscription"]["id"] == sub["id"]], 30, what="update record")[0]
    assert update["other_sources"] == ["paper.example"]
    time.sleep(1.0)
    assert len(hooks.on("/dedup")) == 1


def test_failing_webhook_is_retried_then_deadlettered(stack: Stack, hooks: HookServer) -> None:
    word = "brontavisk"
    status, sub = _call(stack, "POST", "/subscriptions", {"name": "failing", "query": word,
                                                          "channels": [{"type": "webhook", "url": hooks.url("/fail")}]})
    _produce(stack, [_article(word)])
    dead = wait_for(lambda: [r for r in _records(stack, "alerts.deadletter") if r["subscription_id"] == sub["id"]], 60,
                    what="dead letter")[0]
    assert dead["reason"] == "http_error" and "HTTP 500" in dead["error"] and dead["attempts"] == 3
    hits = hooks.on("/fail")
    assert len(hits) == 3 and len({h.headers["x-parley-idempotency-key"] for h in hits}) == 1
    assert hits[2].at - hits[0].at >= 0.2 + 0.4 - 0.05  # backoff 0.2 s then 0.4 s
    logged = [d["status"] for d in _records(stack, "alerts.deliveries") if d["alert_id"] == dead["alert_id"]]
    assert logged == ["retry", "retry", "failed"]


def test_ssrf_guard_refuses_private_targets_without_allow_list(stack: Stack, hooks: HookServer) -> None:
    from streams.notify.webhook import HttpClient

    async def post(policy: str) -> Any:
        client = HttpClient(TargetPolicy.parse(policy))
        try:
            return await client.post(hooks.url("/guard"), b"{}", {})
        finally:
            await client.close()

    async def post_host(policy: str) -> Any:
        client = HttpClient(TargetPolicy.parse(policy))
        try:
            return await client.post(f"http://localhost:{hooks.port}/guard", b"{}", {})
        finally:
            await client.close()

    with pytest.raises(TargetRefused, match="loopback"):
        asyncio.run(post(""))
    with pytest.raises(TargetRefused, match="loopback"):  # a host name is checked where it is resolved
        asyncio.run(post_host(""))
    assert hooks.on("/guard") == []
    assert asyncio.run(post("127.0.0.1/32")) == 200 and len(hooks.on("/guard")) == 1
    # in the worker: 127.0.0.2 is loopback too, and not in its allow-list (127.0.0.1/32): refused when
    # the subscription is written, and at delivery for one written before that check existed
    word = "plinthovar"
    channels = [{"type": "webhook", "url": f"http://127.0.0.2:{hooks.port}/guarded"}]
    status, err = _call(stack, "POST", "/subscriptions", {"name": "ssrf", "query": word, "channels": channels})
    assert status == 400 and err["field"] == "channels" and err["reason"] == "target_refused" and "loopback" in err["error"]
    sid = _legacy_subscription(stack, {"name": "ssrf", "query": word, "channels": channels})
    _produce(stack, [_article(word)])
    dead = wait_for(lambda: [r for r in _records(stack, "alerts.deadletter") if r["subscription_id"] == sid], 60,
                    what="refused target dead-lettered")[0]
    assert dead["reason"] == "target_refused" and dead["attempts"] == 1 and hooks.on("/guarded") == []


def _legacy_subscription(stack: Stack, fields: dict, owner: str = "alice") -> str:
    """A subscription written straight to the topic, as one stored before the API checked its channels."""
    from kafka import KafkaProducer

    from processors.subscriptions import Subscription

    sub = Subscription.create(owner=owner, **fields)
    producer = KafkaProducer(bootstrap_servers=stack.kafka)
    producer.send(stack.settings().topic("subscriptions"), key=sub.id.encode(), value=json.dumps(sub.to_dict()).encode())
    producer.flush()
    producer.close()
    wait_for(lambda: _call(stack, "GET", f"/subscriptions/{sub.id}", key=KEYS[owner])[0] == 200, 30,
             what="legacy subscription loaded")
    return sub.id


# -- issue 9: where alerts may go, what is recorded, and bad records ---------------------------

SPELLED_LOOPBACK = ["①②⑦.0.0.1", "127。0。0。1", "１２７.０.０.１", "127．0．0．1",   # what IDNA turns into 127.0.0.1
                    "2130706433", "0x7f.1", "127.1", "0177.0.0.1"]                # what inet_aton turns into it


def _dead(stack: Stack, sid: str) -> list[dict]:
    return [r for r in _records(stack, "alerts.deadletter") if r.get("subscription_id") == sid]


def test_spellings_of_loopback_never_reach_a_local_receiver(stack: Stack, hooks: HookServer) -> None:
    """127.0.0.1 is allowed here (PARLEY_ALLOW_TARGETS=127.0.0.1/32), yet none of its other spellings is
    ever connected to: not by the HTTP client, not by the API, not by the worker delivering."""
    from streams.notify.webhook import HttpClient

    urls = [f"http://{host}:{hooks.port}/spelled-{i}" for i, host in enumerate(SPELLED_LOOPBACK)]

    async def post(url: str) -> Any:
        client = HttpClient(TargetPolicy.parse("127.0.0.1/32"))
        try:
            return await client.post(url, b"{}", {})
        finally:
            await client.close()

    for url in urls:
        with pytest.raises(TargetRefused):
            asyncio.run(post(url))
    assert asyncio.run(post(hooks.url("/spelled-control"))) == 200  # the receiver is there and reachable

    for url in urls:
        status, err = _call(stack, "POST", "/subscriptions", {"name": "spelled", "query": "x", "channels": [
            {"type": "webhook", "url": url}]})
        assert status == 400 and err["reason"] == "target_refused", (url, err)

    word = "glorpentine"
    channels = [{"type": "webhook", "url": u} for u in urls] + [{"type": "slack", "url": urls[0]}]
    sid = _legacy_subscription(stack, {"name": "spelled", "query": word, "channels": channels})
    _produce(stack, [_article(word)])
    dead = wait_for(lambda: (lambda d: d if len(d) >= len(channels) else None)(_dead(stack, sid)), 60,
                    what="every spelled channel dead-lettered")
    assert {d["reason"] for d in dead} == {"target_refused"} and {d["attempts"] for d in dead} == {1}
    time.sleep(1.0)
    assert [h.path for h in hooks.hits if h.path.startswith("/spelled-") and h.path != "/spelled-control"] == []


def test_kafka_channel_cannot_write_parley_topics_nor_create_topics(stack: Stack, kafka_admin) -> None:
    settings = stack.settings()
    raw = settings.topic("articles.raw")
    for topic in (raw, "articles.raw", settings.topic("subscriptions"), settings.topic("alerts.matches"),
                  "elsewhere", "a" * 250):
        status, err = _call(stack, "POST", "/subscriptions", {"name": "k", "query": "x", "channels": [
            {"type": "kafka", "topic": topic}]})
        assert status == 400 and err["field"] == "channels", (topic, err)
    never = settings.topic("never-" + uuid.uuid4().hex[:8])  # the stack's prefix (cleaned up), not the channel's
    word = "snorvellium"
    sid = _legacy_subscription(stack, {"name": "kafka-out", "query": word, "channels": [
        {"type": "kafka", "topic": raw}, {"type": "kafka", "topic": never},
        {"type": "kafka", "topic": settings.topic("alerts.out.ok")}]})
    _produce(stack, [_article(word)])
    dead = wait_for(lambda: (lambda d: d if len(d) >= 2 else None)(_dead(stack, sid)), 60, what="refused topics")
    assert {d["reason"] for d in dead} == {"target_refused"} and {d["target"] for d in dead} == {raw, never}
    ok = wait_for(lambda: [json.loads(r.value) for r in read_topic(stack.kafka, settings.topic("alerts.out.ok"))], 30,
                  what="the allowed topic")
    assert ok[0]["subscription"]["id"] == sid
    assert never not in kafka_admin.list_topics()
    in_raw = [r for r in read_topic(stack.kafka, raw) if r.value and b'"subscription"' in r.value
              and json.loads(r.value).get("subscription", {}).get("id") == sid]
    assert in_raw == []


def test_credentials_in_webhook_urls_are_never_recorded(stack: Stack, hooks: HookServer, es_client) -> None:
    word = "crendalith"
    secrets = ("pa55w0rd-x", "hookuser", "T0KEN-SECRET-1", "SLACKSECRET")
    status, sub = _call(stack, "POST", "/subscriptions", {"name": "creds", "query": word, "channels": [
        {"type": "webhook", "url": f"http://hookuser:pa55w0rd-x@127.0.0.1:{hooks.port}/fail-cred?token=T0KEN-SECRET-1"},
        {"type": "slack", "url": f"http://127.0.0.1:{hooks.port}/fail-slack/T000/B000/SLACKSECRET"}]})
    assert status == 201, sub
    _produce(stack, [_article(word)])
    dead = wait_for(lambda: (lambda d: d if len(d) >= 2 else None)(_dead(stack, sub["id"])), 60, what="dead letters")
    assert {d["target"] for d in dead} == {f"127.0.0.1:{hooks.port}"}
    alert_id = dead[0]["alert_id"]
    logged = [d for d in _records(stack, "alerts.deliveries") if d["alert_id"] == alert_id]
    assert len(logged) == 6
    indexed = wait_for(lambda: (lambda h: h if len(h) >= 6 else None)(es_client.search(
        index=f"{stack.settings().index_prefix}-deliveries", query={"term": {"alert_id": alert_id}})["hits"]["hits"]),
        30, what="deliveries in Elasticsearch")
    worker_log = "\n".join(w.log.read_text(errors="replace") for w in stack.workers)
    recorded = json.dumps([dead, logged, indexed]) + worker_log
    assert "delivery failed" in worker_log
    for secret in secrets:
        assert secret not in recorded, secret
    assert any("T0KEN-SECRET-1" in h.path for h in hooks.on(f"/fail-cred?token=T0KEN-SECRET-1"))  # the receiver got it


def test_unencodable_text_is_refused_and_a_record_that_breaks_the_agent_loses_no_other(
        stack: Stack, hooks: HookServer) -> None:
    status, err = _call(stack, "POST", "/subscriptions", {"name": "desk \ud800", "query": "talks"})
    assert status == 400 and err["field"] == "name"
    status, err = _call(stack, "POST", "/subscriptions", {"name": "d", "query": "talks \udfff"})
    assert status == 400 and err["field"] == "query"

    word = "trembolaxin"
    status, sub = _call(stack, "POST", "/subscriptions", {"name": "after-bad", "query": word,
                                                          "channels": [{"type": "webhook", "url": hooks.url("/after-bad")}]})
    assert status == 201
    from kafka import KafkaProducer

    producer = KafkaProducer(bootstrap_servers=stack.kafka)  # a match the alert agent cannot decide, then a good one
    producer.send(stack.settings().topic("alerts.matches"), key=sub["id"].encode(),
                  value=json.dumps({"subscription_id": sub["id"], "article": None}).encode())
    producer.flush()
    producer.close()
    _produce(stack, [_article(word)])
    wait_for(lambda: hooks.on("/after-bad"), 60, what="the good alert after the bad record")
    dead = wait_for(lambda: _dead(stack, sub["id"]), 30, what="the bad record dead-lettered")
    assert dead[0]["reason"] == "alert_error" and dead[0]["record"]["subscription_id"] == sub["id"] and dead[0]["error"]


def _replay_alerts(stack: Stack) -> int:
    """Produce again every alert record of the `alerts` topic, as a crash before a commit replays them."""
    from kafka import KafkaProducer

    records = [r for r in read_topic(stack.kafka, stack.settings().topic("alerts"))
               if r.value and json.loads(r.value).get("kind") == "alert"]
    producer = KafkaProducer(bootstrap_servers=stack.kafka)
    for r in records:
        producer.send(r.topic, key=r.key, value=r.value, partition=r.partition)
    producer.flush()
    producer.close()
    return len(records)


def test_restart_does_not_resend_delivered_alerts(stack: Stack, hooks: HookServer, mail: MailServer) -> None:
    word = "vexilloquant"
    status, sub = _call(stack, "POST", "/subscriptions", {"name": "restart", "query": word,
                                                          "channels": [{"type": "webhook", "url": hooks.url("/restart")}]})
    _call(stack, "POST", "/subscriptions", {"name": "restart-fail", "query": "sporrangule",
                                            "channels": [{"type": "webhook", "url": hooks.url("/fail-restart")}]})
    _produce(stack, [_article(word, n) for n in range(5)] + [_article("sporrangule")])
    wait_for(lambda: len(hooks.on("/restart")) >= 5, 60, what="5 alerts before the restart")
    wait_for(lambda: len(hooks.on("/fail-restart")) >= 3, 60, what="the failing channel tried 3 times")
    old = stack.workers[-1]
    old.stop()
    stack.start_worker(stack.log_dir)
    wait_for(lambda: _get(stack, "/health").get("ready"), 90, what="restarted worker ready")
    _produce(stack, [_article(word, 99)])
    wait_for(lambda: len(hooks.on("/restart")) >= 6, 90, what="alert after the restart")
    assert _replay_alerts(stack) >= 6  # the restarted worker sees every alert again, as after a crash
    time.sleep(2.0)
    keys = Counter(h.headers["x-parley-idempotency-key"] for h in hooks.on("/restart"))
    assert len(keys) == 6 and set(keys.values()) == {1}, keys
    # proof that the replay was processed: the alert never delivered is tried again, the others are not
    wait_for(lambda: len(hooks.on("/fail-restart")) >= 6, 30, what="replayed undelivered alert tried again")
    for path in ("/ok", "/slack", "/dedup"):  # replayed alerts of the earlier tests were not sent again
        again = Counter(h.headers["x-parley-idempotency-key"] for h in hooks.on(path))
        assert set(again.values()) <= {1}, (path, again)
    ids = Counter(m["Message-ID"] for m in mail.messages)
    assert set(ids.values()) <= {1}, ids
    # what was delivered is in Kafka (the done-table's changelog), keyed by idempotency key and window
    changelog = f"{stack.settings().app_id}-parley-alert-delivered-changelog"
    logged = {json.loads(r.key)[0] for r in read_topic(stack.kafka, changelog) if r.key}
    assert set(keys) <= logged


def test_alerts_tail_prints_alerts(stack: Stack, hooks: HookServer) -> None:
    word = "tessellquin"
    _call(stack, "POST", "/subscriptions", {"name": "tail", "query": word, "channels": [{"type": "sse"}]})
    _produce(stack, [_article(word)])
    wait_for(lambda: [r for r in _records(stack, "alerts") if r.get("subscription", {}).get("name") == "tail"], 30,
             what="alert on the topic")
    shown = stack.parley("alerts", "tail", "--from-beginning", "--max", "1", "--subscription",
                         [r for r in _records(stack, "alerts") if r.get("subscription", {}).get("name") == "tail"][0]
                         ["subscription"]["id"], timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "tail" in shown.stdout and word in shown.stdout.lower()


def test_a_subscription_change_reaches_another_worker_within_a_second(stack: Stack) -> None:
    """Another process's mirror (what every worker runs) sees an API write in well under a second."""
    from streams.alerting.registry import SubscriptionRegistry

    async def scenario() -> list[float]:
        mirror = SubscriptionRegistry(stack.kafka, stack.settings().topic("subscriptions"))
        await mirror.start()
        await asyncio.wait_for(mirror.ready.wait(), 30)
        delays = []
        try:
            for i in range(3):
                t0 = time.monotonic()
                status, sub = await asyncio.to_thread(_call, stack, "POST", "/subscriptions",
                                                      {"name": f"prop{i}", "query": f"propword{i}"})
                assert status == 201
                while mirror.get(sub["id"]) is None:
                    await asyncio.sleep(0.01)
                delays.append(time.monotonic() - t0)
            await asyncio.to_thread(_call, stack, "DELETE", f"/subscriptions/{sub['id']}")
            t0 = time.monotonic()
            while mirror.get(sub["id"]) is not None:
                await asyncio.sleep(0.01)
            delays.append(time.monotonic() - t0)
        finally:
            await mirror.stop()
        return delays

    delays = asyncio.run(scenario())
    assert max(delays) < 1.0, delays
