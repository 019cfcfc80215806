"""Parley on a 3-broker Kafka cluster and a 3-node Elasticsearch cluster, with three workers,
while articles stream in: one failure per test, in this order (issue 11):

1. kill -9 the Kafka broker leading partition 0 of articles.raw, produce while it is down, restart it;
2. kill -9 the Elasticsearch node holding the articles' primary shard, restart it;
3. kill -9 a worker (its partitions go to the others), then start a replacement;
4. start a fourth worker mid-stream (a rebalance).

After each: every article produced so far is indexed exactly once (by id), every alert of the
subscription is delivered to a real HTTP receiver once per alert id (duplicates on the wire
counted: a worker killed between delivering and committing may send one again, with the
same idempotency key), the consumer group has committed everything the topics held once
the last alert was delivered (read from the brokers: lag 0), and the times to recover are
printed (``pytest -s`` shows them).

Articles per failure: PARLEY_CLUSTER_ARTICLES (default 1250, so 5,000 in all stream
through the four failures; ``PARLEY_CLUSTER_ARTICLES=5000`` runs 5,000 per failure).
Topics have 12 partitions, replication 3 and min.insync.replicas 2, indices one replica.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any, Callable

import pytest

from streams.sources.wire import wire_articles
from streams.topics import RAW

from alert_support import HookServer
from cluster_support import GROUP_TOPICS, Timer, behind, duplicates, end_offsets, hook_ids, partitions, primary_node, produce
from pipeline_support import Stack, all_ids, api_call, cleanup, es_count, free_port, read_topic, wait_for

cluster_script = sys.modules["parley_cluster"]  # scripts/cluster.py, loaded by conftest.py
# 12 = 3 x 4: Faust's assignor is sticky and caps each worker at ceil(partitions / workers), so
# with 6 partitions three workers keep 2 each and a fourth gets none (seen: "newly assigned
# partitions set()"); with 12 they each hand one over to the newcomer
PARTITIONS = 12
N = int(os.environ.get("PARLEY_CLUSTER_ARTICLES") or 1250)
MARKER = "Velmora"  # one article in ten names it; the subscription asks for it
DRAIN_TIMEOUT = max(240.0, N / 8)  # seconds for a phase's articles to be indexed and alerted
RESULTS: list[str] = []


@pytest.fixture(scope="module")
def hooks():
    s = HookServer().start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def stack(cluster_env: dict[str, str], cluster_admin, cluster_es, hooks: HookServer, tmp_path_factory):
    s = Stack(cluster_env["PARLEY_KAFKA_BOOTSTRAP"], cluster_env["PARLEY_ES_URL"], extra_env={
        "PARLEY_TOPIC_PARTITIONS": str(PARTITIONS), "PARLEY_TOPIC_REPLICATION": "3", "PARLEY_ES_REPLICAS": "1",
        "PARLEY_LAG_INTERVAL": "1", "PARLEY_API_KEYS": "desk:key-desk", "PARLEY_ALLOW_TARGETS": "127.0.0.1/32",
        "PARLEY_BULK_MAX_RETRY_SECONDS": "5", "PARLEY_DELIVERY_BACKOFF": "0.5",
    })
    s.log_dir = tmp_path_factory.mktemp("cluster")
    s.produced = []  # ids of every article produced so far, all phases
    first = s.parley("setup")
    assert first.returncode == 0, first.stderr + first.stdout
    assert "replication" not in first.stdout  # every topic was created with replication 3
    for _ in range(3):
        start_worker(s)
    api = f"http://127.0.0.1:{s.workers[0].api_port}"
    wait_for(lambda: api_call("GET", f"{api}/health")[1].get("ready"), 120, what="worker 0 API ready")
    status, sub = api_call("POST", f"{api}/subscriptions", {"name": "Velmora desk", "query": MARKER, "channels": [
        {"type": "webhook", "url": hooks.url("/velmora")}]}, key="key-desk")
    assert status == 201, sub
    s.subscription = sub["id"]
    time.sleep(2.0)  # every worker's mirror of the subscriptions topic has it
    yield s
    for i, w in enumerate(s.workers):
        print(f"--- worker {i} log tail ---\n{w.tail(40)}")
    print("\n=== cluster recovery times ===\n" + "\n".join(RESULTS))
    cleanup(s, cluster_admin, cluster_es)


def start_worker(stack: Stack):
    """A worker with API and metrics ports of its own (every worker serves the alerts API)."""
    api_port = free_port()
    stack.extra_env["PARLEY_API_PORT"] = str(api_port)
    w = stack.start_worker(stack.log_dir)
    w.api_port = api_port
    return w


def _alert_records(stack: Stack) -> list[dict]:
    out = []
    for r in read_topic(stack.kafka, stack.settings().topic("alerts"), timeout=30):
        rec = json.loads(r.value) if r.value else None
        if rec and (rec.get("subscription") or {}).get("id") == stack.subscription:
            out.append(rec)
    return out


def _indexed(stack: Stack, es: Any) -> list[str]:
    return all_ids(es, f"it{stack.tag}-articles")


def _count(stack: Stack, es: Any) -> int:
    return es_count(es, f"it{stack.tag}-articles")


def run_phase(stack: Stack, es: Any, hooks: HookServer, name: str, seed: int,
              disrupt: Callable[[Timer], None], recover: Callable[[Timer], None]) -> Timer:
    """Produce a third of the phase's articles, let the stream flow, `disrupt`, produce the second
    third, `recover`, produce the rest; then wait until everything is indexed, alerted and
    committed, and check exactly-once. Returns the timer with what the phase measured."""
    articles = list(wire_articles(N, seed=seed, marker=MARKER, every=10, prefix=name))
    thirds = [articles[: N // 3], articles[N // 3: 2 * N // 3], articles[2 * N // 3:]]
    before = len(stack.produced)
    settings = stack.settings()
    failed = produce(settings, thirds[0])
    stack.produced += [a["id"] for a in thirds[0]]
    wait_for(lambda: _count(stack, es) >= before + len(thirds[0]) // 4, 180, interval=0.3,
             what=f"{name}: the stream flowing\n{stack.workers[0].tail()}")
    assert _count(stack, es) < before + N, "the failure must land mid-stream"
    timer = Timer(name)
    disrupt(timer)
    failed += produce(settings, thirds[1])
    stack.produced += [a["id"] for a in thirds[1]]
    timer.mark("second third produced (during the failure)")
    recover(timer)
    failed += produce(settings, thirds[2])
    stack.produced += [a["id"] for a in thirds[2]]
    assert failed == [], f"sends Kafka did not acknowledge: {failed[:5]}"

    try:
        return _settle(stack, es, hooks, name, articles, timer)
    finally:
        print(f"\n{timer.report()}")


def _settle(stack: Stack, es: Any, hooks: HookServer, name: str, articles: list[dict], timer: Timer) -> Timer:
    total = len(stack.produced)
    wait_for(lambda: _count(stack, es) >= total, DRAIN_TIMEOUT, interval=1.0,
             what=f"{name}: all {total} articles indexed\n" + "\n".join(w.tail(15) for w in stack.workers))
    timer.mark("every article indexed (from the failure)")

    # alerts: every marker article was decided (an alert or an update of one), every alert delivered
    marker_ids = {a["id"] for a in articles if MARKER in a["text"]}
    decided = lambda: {i for r in _alert_records(stack)  # noqa: E731
                       for i in ([r["article"]["id"]] if r["kind"] == "alert" else r.get("article_ids", []))}
    wait_for(lambda: marker_ids <= decided(), 120, interval=1.0, what=f"{name}: every {MARKER} article decided")
    expected = {r["id"] for r in _alert_records(stack) if r["kind"] == "alert"}
    wait_for(lambda: hook_ids(hooks.hits, "/velmora")[0] >= expected, 120, interval=1.0,
             what=f"{name}: every alert delivered")
    timer.mark("every alert delivered (from the failure)")

    # lag: the group commits everything the topics held once the last alert was delivered
    targets = wait_for(lambda: end_offsets(stack.kafka, [stack.settings().topic(t) for t in GROUP_TOPICS]), 60,
                       what="the end offsets of the group's topics")
    group = stack.settings().app_id
    short: list[dict] = [{}]

    def caught_up() -> bool:
        short[0] = behind(stack.kafka, group, targets)
        return not short[0]

    try:
        wait_for(caught_up, 180, interval=1.0, what=f"{name}: consumer lag 0")
    except AssertionError:
        raise AssertionError(f"{name}: the group is still behind on {short[0]}\n"
                             + "\n".join(w.tail(30) for w in stack.workers))
    timer.mark("consumer lag 0: all of it committed (from the failure)")
    time.sleep(2.0)  # a late duplicate would show now

    ids = _indexed(stack, es)
    delivered, wire_dupes = hook_ids(hooks.hits, "/velmora")
    lost = set(stack.produced) - set(ids)
    summary = (f"  {name}: {len(ids)} indexed ({len(ids) - len(set(ids))} duplicates, "
               f"{len(lost)} lost) of {total}; {len(expected)} alerts, {len(delivered)} delivered, "
               f"{sum(n - 1 for n in wire_dupes.values())} repeated on the wire (same idempotency key)")
    RESULTS.append(timer.report() + "\n" + summary)
    print(summary)
    assert duplicates(ids) == {}, f"{name}: indexed twice: {list(duplicates(ids))[:5]}"
    assert not lost, f"{name}: {len(lost)} articles never indexed: {sorted(lost)[:5]}"
    assert set(ids) == set(stack.produced)
    assert delivered == expected, f"{name}: delivered but not an alert: {sorted(delivered - expected)[:5]}"
    assert not read_topic(stack.kafka, stack.settings().topic("articles.deadletter")), "nothing to dead-letter"
    return timer


def test_1_a_killed_partition_leader_broker_loses_and_duplicates_nothing(stack: Stack, cluster_es, cluster_admin,
                                                                          hooks: HookServer) -> None:
    raw = stack.settings().topic(RAW)
    victim: dict[str, int] = {}

    def disrupt(timer: Timer) -> None:
        leader = {p["partition"]: p["leader"] for p in partitions(cluster_admin, [raw])}[0]
        victim["node"] = leader - 1  # node.id i+1 is cluster node i
        led = [p for p in partitions(cluster_admin, [raw]) if p["leader"] == leader]
        # listed before the kill: the admin client's connection may be to the broker that dies
        topics = [t for t in cluster_admin.list_topics() if t.startswith(f"it{stack.tag}")]
        cluster_script.kill_broker(victim["node"])
        timer.mark(f"broker {leader} killed (led {len(led)} of {PARTITIONS} raw partitions)")
        wait_for(lambda: all(p["leader"] not in (-1, leader) for p in partitions(cluster_admin, topics)), 60,
                 interval=0.2, what="new leaders for the dead broker's partitions")
        timer.mark("every partition led by a live broker")

    def recover(timer: Timer) -> None:
        time.sleep(3.0)
        cluster_script.start_broker(victim["node"])
        timer.mark("broker restarted and answering")
        # (a metadata call may meet a connection the restart reset: asked again until it answers)
        topics = wait_for(lambda: [t for t in cluster_admin.list_topics() if t.startswith(f"it{stack.tag}")], 60,
                          what="the topics listed by the cluster")
        wait_for(lambda: all(len(p["isr"]) == 3 for p in partitions(cluster_admin, topics)), 120, interval=0.5,
                 what="the restarted broker back in every ISR")
        timer.mark("restarted broker back in every in-sync replica set")

    run_phase(stack, cluster_es, hooks, "broker", 101, disrupt, recover)
    assert all(w.alive() for w in stack.workers), "no worker may die of a broker failure"


def test_2_a_killed_elasticsearch_node_loses_and_duplicates_nothing(stack: Stack, cluster_es, hooks: HookServer) -> None:
    index = f"it{stack.tag}-articles-*"
    victim: dict[str, int] = {}

    def disrupt(timer: Timer) -> None:
        node = primary_node(cluster_es, index)
        victim["node"] = int(node.rsplit("-", 1)[1])
        cluster_script.kill_es(victim["node"])
        timer.mark(f"Elasticsearch {node} killed (held the articles' primary)")
        wait_for(lambda: cluster_es.cluster.health(index=index)["status"] in ("yellow", "green")
                 and primary_node(cluster_es, index) != node, 90, interval=0.5, what="a replica promoted to primary")
        timer.mark("replica promoted: index writable again")

    def recover(timer: Timer) -> None:
        time.sleep(3.0)
        cluster_script.start_es(victim["node"])
        timer.mark("node restarted and in the cluster")
        wait_for(lambda: cluster_es.cluster.health()["status"] == "green", 180, interval=0.5, what="cluster green")
        timer.mark("cluster green again (replicas recovered)")

    run_phase(stack, cluster_es, hooks, "esnode", 202, disrupt, recover)
    assert all(w.alive() for w in stack.workers)


def test_3_a_killed_worker_hands_its_partitions_over(stack: Stack, cluster_es, hooks: HookServer) -> None:
    raw = stack.settings().topic(RAW)

    def disrupt(timer: Timer) -> None:
        stack.workers[1].kill()
        timer.mark("worker 1 killed (SIGKILL)")

    def recover(timer: Timer) -> None:
        # the two others take its partitions once its session times out (PARLEY_SESSION_TIMEOUT=10);
        # a worker reports lag for the partitions it owns (the second third is still flowing)
        live = [w for w in stack.workers if w.alive()]
        owned = lambda p: any(w.samples("parley_consumer_lag", {"topic": raw, "partition": str(p)})  # noqa: E731
                              for w in live)
        wait_for(lambda: all(owned(p) for p in range(PARTITIONS)), 90, interval=0.5,
                 what="the dead worker's partitions owned by the two others")
        timer.mark("rebalanced: its partitions owned by the two others")

    run_phase(stack, cluster_es, hooks, "worker", 303, disrupt, recover)
    replacement = start_worker(stack)  # back to three for the next test, as a supervisor would
    wait_for(lambda: replacement.samples("parley_tag_pool_ready") == [1.0], 120, what="the replacement worker up")


def test_4_a_fourth_worker_joins_mid_stream(stack: Stack, cluster_es, hooks: HookServer) -> None:
    joined: dict[str, Any] = {}
    raw = stack.settings().topic(RAW)

    def disrupt(timer: Timer) -> None:
        joined["worker"] = start_worker(stack)
        timer.mark("fourth worker started")

    def recover(timer: Timer) -> None:
        # the newcomer was given partitions: it reports lag for the ones it owns (or has already
        # consumed from them). The three others may have finished the second third before the
        # rebalance ends (about a minute here), so owning, not consuming, is what says it joined.
        new = joined["worker"]
        owns = lambda: any(new.samples("parley_consumer_lag", {"topic": raw, "partition": str(p)})  # noqa: E731
                           for p in range(PARTITIONS))
        wait_for(lambda: owns() or sum(new.samples("parley_articles_in_total")) > 0, 180, interval=0.5,
                 what="the fourth worker owning partitions")
        timer.mark("rebalanced: the fourth worker owns partitions")

    run_phase(stack, cluster_es, hooks, "join", 404, disrupt, recover)
    assert len([w for w in stack.workers if w.alive()]) == 4
    # the last third was produced once it owned partitions: it took its share of them
    assert sum(joined["worker"].samples("parley_articles_in_total")) > 0
