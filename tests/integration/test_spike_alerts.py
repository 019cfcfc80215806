"""Spike and breaking-news alerts end to end: real Kafka + Elasticsearch, a real `parley worker`
subprocess and a real HTTP receiver (issue 12).

Articles carry `published` times in the past, so a window of 60 s and two windows of history
take seconds, not minutes; the spike tick (which slides windows at wall-clock time) is set far
off here, or it would make that history late; ticks are tested in tests/unit/test_spike_rules.py.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest

from processors.rules import SpikeRule
from processors.spike import SpikeState
from streams.sources.producer import ArticleProducer

from alert_support import HookServer
from pipeline_support import Stack, cleanup, es_count, free_port, wait_for
from test_alerts import _call

KEYS = {"alice": "key-alice"}
WINDOW = 60
SPIKE = {"kind": "spike", "window_s": WINDOW, "height": 3, "min_current": 4, "grace_s": WINDOW}


@pytest.fixture(scope="module")
def hooks():
    s = HookServer().start()
    yield s
    s.stop()


class OnePartitionStack(Stack):
    """One partition end to end: minutes of history sent within seconds stay in `published`
    order (spread over partitions they would be matched out of order, and a partition behind
    by more than the grace would be late: see processors/spike.py)."""

    @property
    def env(self) -> dict[str, str]:
        return {**super().env, "PARLEY_TOPIC_PARTITIONS": "1"}


@pytest.fixture(scope="module")
def stack(kafka_bootstrap: str, es_url: str, kafka_admin, es_client, tmp_path_factory):
    api_port = free_port()
    s = OnePartitionStack(kafka_bootstrap, es_url, extra_env={
        "PARLEY_API_PORT": str(api_port), "PARLEY_API_KEYS": ",".join(f"{o}:{k}" for o, k in KEYS.items()),
        "PARLEY_ALLOW_TARGETS": "127.0.0.1/32", "PARLEY_DELIVERY_ATTEMPTS": "3", "PARLEY_DELIVERY_BACKOFF": "0.2",
        "PARLEY_BULK_FLUSH_SECONDS": "0.2", "PARLEY_SPIKE_TICK": "100000",
    })
    s.api = f"http://127.0.0.1:{api_port}"
    s.log_dir = tmp_path_factory.mktemp("spike")
    first = s.parley("setup")
    assert first.returncode == 0, first.stderr + first.stdout
    s.start_worker(s.log_dir)
    wait_for(lambda: _call(s, "GET", "/health")[1].get("ready"), 90, what="worker API ready")
    yield s
    for i, w in enumerate(s.workers):
        print(f"--- worker {i} log tail ---\n{w.tail(80)}")
    cleanup(s, kafka_admin, es_client)


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def article(word: str, ts: float, n: int) -> dict:
    """One story of its own from a source of its own, published at `ts`."""
    u = uuid.uuid4().hex
    return {"url": f"https://src{n}-{u[:6]}.example/{word}/{u}", "source": f"src{n}-{u[:6]}.example", "lang": "en",
            "published": iso(ts), "title": f"Envoys weigh the {word} proposal {n}",
            "text": f"Negotiators met to weigh the {word} proposal, number {n}, reference {u}. Officials said "
                    f"talks on item {u[:6]} would resume next week."}


def produce(stack: Stack, articles: list[dict]) -> dict[str, float]:
    """Sends in order, one flush each; id -> time sent."""
    sent = {}
    with ArticleProducer(stack.settings()) as producer:
        for a in articles:
            key = producer.send(a)
            producer.flush()
            sent[key] = time.time()
    return sent


def subscribe(stack: Stack, hooks: HookServer, name: str, query: str, rule: dict) -> tuple[str, str]:
    path = f"/{name}-{uuid.uuid4().hex[:6]}"
    status, sub = _call(stack, "POST", "/subscriptions", {"name": name, "query": query, "rule": rule,
                                                          "channels": [{"type": "webhook", "url": hooks.url(path)}]})
    assert status == 201, sub
    time.sleep(1.5)  # every worker has it (the registry follows the topic within a second)
    return sub["id"], path


def expected(times: list[float], rule: dict = SPIKE) -> list[dict]:
    """What the pure core fires on these published times (each fire with the index of the
    article that crossed): the reference for the worker."""
    st = SpikeState(SpikeRule.from_dict(rule))
    out = []
    for i, t in enumerate(times):
        out += [{**f, "index": i} for f in st.observe(
            {"article": {"id": f"a{i}", "source": f"s{i}"},
             "fingerprint": {"sketch": [i * 100 + k for k in range(16)], "signature": None}}, ts=t)]
    return out


def history(now: float) -> tuple[list[float], list[float]]:
    """Calm (one article per 30 s for 3 windows), then a surge (2 s apart) ending `now - 5`."""
    surge = [now - 5 - 2 * i for i in range(12)][::-1]
    calm = [surge[0] - 30 * (k + 1) for k in range(6)][::-1]
    return calm, surge


def test_a_surge_fires_once_and_a_flat_stream_never(stack: Stack, hooks: HookServer, es_client) -> None:
    surge_word, flat_word = f"kwsurge{uuid.uuid4().hex[:6]}", f"kwflat{uuid.uuid4().hex[:6]}"
    _, surge_path = subscribe(stack, hooks, "surge", surge_word, SPIKE)
    flat_rule = {**SPIKE, "direction": "both", "min_reference": 1}
    _, flat_path = subscribe(stack, hooks, "flat", flat_word, flat_rule)
    now = time.time()
    calm, surge = history(now)
    flat = [now - 400 + 10 * i for i in range(40)]
    ref = expected(calm + surge)
    assert len(ref) == 1 and not expected(flat, flat_rule)  # the scenario itself: one crossing, none in the flat one
    sent = produce(stack, [article(flat_word, t, i) for i, t in enumerate(flat)]
                   + [article(surge_word, t, i) for i, t in enumerate(calm + surge)])
    wait_for(lambda: hooks.on(surge_path), 60, what=f"the spike alert\n{stack.workers[0].tail()}")
    time.sleep(4)  # a second alert, or one for the flat stream, would be here by now
    [hit] = hooks.on(surge_path)
    assert hooks.on(flat_path) == []
    alert = hit.json()
    assert alert["kind"] == "spike" and (alert["count"], alert["baseline"]) == (ref[0]["count"], ref[0]["baseline"])
    assert alert["crossed_by"] in sent and len(alert["articles"]) == alert["count"]
    assert alert["article"]["id"] == alert["crossed_by"] and "Surge" in alert["snippet"]
    latency = hit.at - sent[alert["crossed_by"]]
    print(f"crossing article produced -> webhook received: {latency * 1000:.0f} ms")
    assert latency < 10, latency  # bounded on a busy shared machine; bench/bench_spike.py measures it
    index = f"it{stack.tag}-alerts"
    wait_for(lambda: es_count(es_client, index) >= 1, 30, what="the alert in Elasticsearch")
    doc = es_client.get(index=index, id=alert["id"])["_source"]
    assert doc["kind"] == "spike" and doc["count"] == alert["count"] and doc["baseline"] == alert["baseline"]


STORY = {
    "ar": "اتفقت أرمينيا وأذربيجان على وقف إطلاق النار في 3 ديسمبر 2026 بعد محادثات في جنيف، بحسب مسؤولين.",
    "fr": "L'Arménie et l'Azerbaïdjan ont conclu un cessez-le-feu le 3 décembre 2026 après des pourparlers à "
          "Genève, selon des responsables.",
    "ru": "Армения и Азербайджан договорились о прекращении огня 3 декабря 2026 года после переговоров в Женеве, "
          "сообщили официальные лица.",
    "en": "Armenia and Azerbaijan agreed a ceasefire on 3 December 2026 after talks in Geneva, officials said.",
}


def test_a_story_in_three_languages_counts_its_source_once(stack: Stack, hooks: HookServer) -> None:
    sub_id, path = subscribe(stack, hooks, "breaking", "tag:ceasefire country:ARM country:AZE",
                             {"kind": "breaking", "sources": 2, "within_s": 3600})
    now, u = time.time(), uuid.uuid4().hex[:8]
    wire = [{"url": f"https://wire-{u}.example/{lang}/1", "source": f"wire-{u}.example", "lang": lang,
             "published": iso(now - 60 + i), "text": STORY[lang]} for i, lang in enumerate(("ar", "fr", "ru"))]
    produce(stack, wire)
    time.sleep(5)
    assert hooks.on(path) == []  # three languages, one source: not two sources
    produce(stack, [{"url": f"https://paper-{u}.example/en/1", "source": f"paper-{u}.example", "lang": "en",
                     "published": iso(now - 30), "text": STORY["en"]}])
    [hit] = wait_for(lambda: hooks.on(path), 60, what=f"the breaking alert\n{stack.workers[0].tail()}")
    alert = hit.json()
    assert alert["kind"] == "breaking" and alert["sources"] == [f"wire-{u}.example", f"paper-{u}.example"]
    assert alert["langs"] == ["ar", "fr", "ru", "en"] and alert["first_at"] == iso(now - 60).replace("Z", ".000Z")
    assert {e["family"] for e in alert["events"]} >= {"ceasefire"} and len(alert["articles"]) == 4


def test_a_worker_killed_mid_window_neither_loses_nor_repeats_the_alert(stack: Stack, hooks: HookServer,
                                                                         tmp_path: Path) -> None:
    word = f"kwkill{uuid.uuid4().hex[:6]}"
    _, path = subscribe(stack, hooks, "kill", word, SPIKE)
    now = time.time()
    calm, surge = history(now)
    ref = expected(calm + surge)
    assert len(ref) == 1
    arts = [article(word, t, i) for i, t in enumerate(calm + surge)]
    crossing = ref[0]["index"]
    assert crossing >= len(calm) + 3
    before, after = arts[:crossing - 2], arts[crossing - 2:]
    produce(stack, before)  # the calm windows and the first of the surge: counted, no alert yet
    time.sleep(4)
    old = stack.workers[-1]
    old.kill()  # SIGKILL: no shutdown, no final commit
    assert hooks.on(path) == []
    produce(stack, after)
    new = stack.start_worker(tmp_path)
    wait_for(lambda: hooks.on(path), 120, what=f"the spike alert after the restart\n{new.tail()}")
    time.sleep(5)
    [hit] = hooks.on(path)
    alert = hit.json()
    assert (alert["count"], alert["baseline"]) == (ref[0]["count"], ref[0]["baseline"])
    assert len({a["id"] for a in alert["articles"]}) == alert["count"]
