"""A table recovery that never hears from one changelog partition does not stop the worker.

Seen once in the cluster tier: after a rebalance one worker's recovery of the alert tables waited
for a changelog partition that sent nothing, so none of that worker's partitions were processed
until the next rebalance. Here the fault is injected (tests/integration/faults: one changelog
partition left paused when recovery resumes them, once or until the group rebalances) into a real
worker on a real broker, and the worker must seek it again, or have the group rebalance
(streams/faust_tuning.watch_recovery), and go on processing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from streams.sources.producer import ArticleProducer
from streams.sources.wire import wire_articles

from alert_support import HookServer
from pipeline_support import Stack, api_call, cleanup, es_count, free_port, wait_for

FAULTS = Path(__file__).resolve().parent / "faults"
MARKER = "Quorvane"


@pytest.fixture
def hooks():
    s = HookServer().start()
    yield s
    s.stop()


@pytest.fixture
def stack(kafka_bootstrap: str, es_url: str, kafka_admin, es_client, tmp_path: Path):
    s = Stack(kafka_bootstrap, es_url, extra_env={
        "PARLEY_TOPIC_PARTITIONS": "2", "PARLEY_API_PORT": str(free_port()), "PARLEY_API_KEYS": "desk:key-desk",
        "PARLEY_ALLOW_TARGETS": "127.0.0.1/32", "PARLEY_RECOVERY_STALL_SECONDS": "3"})
    s.log_dir = tmp_path
    first = s.parley("setup")
    assert first.returncode == 0, first.stderr + first.stdout
    yield s
    for i, w in enumerate(s.workers):
        print(f"--- worker {i} log tail ---\n{w.tail(80)}")
    cleanup(s, kafka_admin, es_client)


def _produce(stack: Stack, articles: list[dict]) -> None:
    producer = ArticleProducer(stack.settings())
    try:
        for a in articles:
            producer.send(a)
    finally:
        producer.close()


@pytest.mark.parametrize("fault, remedy", [
    ("silent-changelog", "seeking it again"),                           # resuming it is enough
    ("silent-changelog-until-rebalance", "asking the group to rebalance"),   # only a rebalance ends it
])
def test_a_silent_changelog_partition_is_read_again_and_the_worker_goes_on(
        stack: Stack, hooks: HookServer, es_client, fault: str, remedy: str):
    api = f"http://127.0.0.1:{stack.extra_env['PARLEY_API_PORT']}"
    index = f"it{stack.tag}-articles"
    first = stack.start_worker(stack.log_dir)
    wait_for(lambda: api_call("POST", f"{api}/subscriptions", {
        "name": "watch", "query": MARKER, "channels": [{"type": "webhook", "url": hooks.url("/watch")}]},
        "key-desk")[0] == 201, 90, what="the subscription created")
    # every article names the marker: each alert is recorded in the tables' changelogs
    before = list(wire_articles(12, seed=7, marker=MARKER, every=1, prefix="before"))
    _produce(stack, before)
    wait_for(lambda: len(hooks.on("/watch")) >= len(before), 120, what=f"{len(before)} alerts delivered\n{first.tail()}")
    first.stop()

    stack.extra_env.update(PARLEY_TEST_FAULT=fault,
                           PYTHONPATH=os.pathsep.join([str(FAULTS), stack.env["PYTHONPATH"]]))
    second = stack.start_worker(stack.log_dir)
    wait_for(lambda: "test fault: left" in second.tail(400), 120, what=f"the fault injected\n{second.tail()}")
    after = list(wire_articles(6, seed=8, marker=MARKER, every=1, prefix="after"))
    _produce(stack, after)
    total = len(before) + len(after)
    wait_for(lambda: es_count(es_client, index) >= total, 120,
             what=f"the articles produced after the restart indexed\n{second.tail()}")
    wait_for(lambda: len(hooks.on("/watch")) >= total, 60, what=f"their alerts delivered\n{second.tail()}")
    assert remedy in second.tail(400)
