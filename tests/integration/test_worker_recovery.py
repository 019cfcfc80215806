"""No single message and no dead tagging process may stop a worker (issue 9, items 2 and 3).

Real Kafka, real Elasticsearch, `parley worker` as a subprocess, as in test_pipeline.py.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from streams.sinks.elasticsearch import ElasticsearchSink
from streams.sources.producer import ArticleProducer
from streams.sources.synthetic import synthetic_articles

from pipeline_support import Stack, Worker, all_ids, cleanup, es_count, free_port, read_topic, wait_for

TEXT = "Envoys of Armenia and Azerbaijan met in Geneva on Monday for ceasefire talks, story {i}."


@pytest.fixture
def stack(kafka_bootstrap: str, es_url: str, kafka_admin, es_client, tmp_path: Path):
    s = Stack(kafka_bootstrap, es_url, extra_env={"PARLEY_LAG_INTERVAL": "1", "PARLEY_API_PORT": str(free_port())})
    first = s.parley("setup")
    assert first.returncode == 0, first.stderr + first.stdout
    yield s
    for i, w in enumerate(s.workers):
        print(f"--- worker {i} log tail ---\n{w.tail(120)}")
    cleanup(s, kafka_admin, es_client)


def _send_to_partition(stack: Stack, articles: list[dict], partition: int) -> None:
    from kafka import KafkaProducer

    settings = stack.settings()
    producer = KafkaProducer(bootstrap_servers=settings.bootstrap_servers, acks="all")
    for a in articles:
        key = (a.get("id") or a["url"]).encode()
        producer.send(settings.topic("articles.raw"), key=key, value=json.dumps(a, ensure_ascii=False).encode(),
                      partition=partition)
    producer.flush()
    producer.close()


def _health(stack: Stack) -> tuple[int, dict]:
    url = f"http://127.0.0.1:{stack.extra_env['PARLEY_API_PORT']}/health"
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


# --- item 2: an id Elasticsearch refuses -------------------------------------------------------


def test_an_overlong_id_is_deadlettered_and_its_partition_goes_on(stack: Stack, es_client, tmp_path: Path) -> None:
    # 600 bytes of UTF-8 in 300 characters: the limit is on bytes, not characters
    long_id = "ы" * 300
    assert len(long_id.encode("utf-8")) == 600
    batch = [{"id": f"good-{i}", "text": TEXT.format(i=i)} for i in range(9)]
    batch.insert(4, {"id": long_id, "text": TEXT.format(i="long")})
    _send_to_partition(stack, batch, partition=0)  # one partition: one batch, in this order
    worker = stack.start_worker(tmp_path)
    index = f"it{stack.tag}-articles"
    wait_for(lambda: es_count(es_client, index) >= 9, 120, what=f"the 9 good articles\n{worker.tail()}")

    dl_topic = stack.settings().topic("articles.deadletter")
    records = wait_for(lambda: read_topic(stack.kafka, dl_topic), 60, what="the dead letter")
    assert len(records) == 1
    record = json.loads(records[0].value)
    assert record["reason"] == "bad_id"
    assert "600 bytes" in record["error"] and "512" in record["error"]
    assert record["key"] == long_id
    assert record["source"]["partition"] == 0 and record["source"]["offset"] == 4
    assert json.loads(base64.b64decode(record["payload_b64"]))["id"] == long_id

    # later articles on the same partition are indexed, and the committed offset moves past them all
    later = [{"id": f"later-{i}", "text": TEXT.format(i=100 + i)} for i in range(5)]
    _send_to_partition(stack, later, partition=0)
    wait_for(lambda: es_count(es_client, index) >= 14, 60, what=f"the later articles\n{worker.tail()}")
    time.sleep(1)
    assert sorted(all_ids(es_client, index)) == sorted([a["id"] for a in batch if a["id"] != long_id] +
                                                       [a["id"] for a in later])
    raw_topic = stack.settings().topic("articles.raw")
    wait_for(lambda: worker.metric("parley_consumer_lag", {"topic": raw_topic, "partition": "0"}) == 0, 30,
             what="partition 0 committed to its end")
    assert worker.metric("parley_deadletters_total", {"stage": "tag", "reason": "bad_id"}) == 1
    assert worker.alive()
    # and the worker still stops on SIGTERM (it hung until SIGKILL)
    worker.proc.terminate()
    worker.proc.wait(30)


def test_the_sink_turns_a_rejected_bulk_request_into_per_document_rejections(es_url: str, es_client, index_factory) -> None:
    """Elasticsearch refuses a whole bulk request (400) for one bad `_id`: the sink splits the
    request and rejects only the bad document; the others are written."""
    import asyncio

    index = index_factory("parley-split", create=False)
    long_id = "x" * 600
    docs = {f"d{i}": {"n": i} for i in range(6)}
    docs[long_id] = {"n": -1}
    actions = [{"_op_type": "index", "_index": index, "_id": k, "_source": v} for k, v in docs.items()]

    async def run():
        sink = ElasticsearchSink(es_url, prefix="unused")
        try:
            return await sink._bulk(actions, docs, lambda doc_id: doc_id, len(docs))
        finally:
            await sink.close()

    result = asyncio.run(run())
    assert result.written == 6
    assert [r.doc for r in result.rejected] == [{"n": -1}]
    assert result.rejected[0].reason == "index_rejected" and "400" in result.rejected[0].error
    es_client.indices.refresh(index=index)
    assert es_client.count(index=index)["count"] == 6


# --- item 3: the tagging process killed ----------------------------------------------------------


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the processes whose parent is `pid`."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            out.append((int(entry), cmdline))
    return out


def _tagging_processes(worker: Worker) -> list[int]:
    return [pid for pid, cmd in _children(worker.proc.pid) if "spawn_main" in cmd]


def test_a_killed_tagging_process_is_replaced_and_nothing_is_lost(stack: Stack, es_client, tmp_path: Path) -> None:
    stack.extra_env["PARLEY_TAG_PROCESSES"] = "1"
    articles = list(synthetic_articles(1500, seed=21))
    # a first part before the kill, the rest after it: the kill always lands mid-stream
    with ArticleProducer(stack.settings()) as producer:
        for a in articles[:300]:
            producer.send(a)
    worker = stack.start_worker(tmp_path)
    index = f"it{stack.tag}-articles"
    wait_for(lambda: es_count(es_client, index) >= 100, 180, what=f"first docs\n{worker.tail()}")
    [child] = _tagging_processes(worker)
    os.kill(child, signal.SIGKILL)  # as the OOM killer would
    with ArticleProducer(stack.settings()) as producer:
        for a in articles[300:]:
            producer.send(a)
    assert es_count(es_client, index) < 1500

    # /health says not ready until a new tagging process is up (sampled fast: it takes a few seconds)
    seen: set[bool] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, body = _health(stack)
        except OSError:
            status, body = 0, {}
        if body:
            seen.add(bool(body.get("ready")))
            assert (status == 200) == bool(body.get("ready")), (status, body)
        if False in seen and True in seen and body.get("ready"):
            break
        time.sleep(0.05)
    wait_for(lambda: es_count(es_client, index) >= 1500, 180, what=f"all 1500 after the kill\n{worker.tail()}")
    time.sleep(1)
    ids = all_ids(es_client, index)
    assert len(ids) == 1500 and len(set(ids)) == 1500
    assert worker.metric("parley_tag_pool_restarts_total") == 1
    assert worker.metric("parley_tag_pool_ready") == 1
    new = _tagging_processes(worker)
    assert len(new) == 1 and new[0] != child
    # the pool was recreated; /health was seen not ready meanwhile unless the new process came up
    # between two samples 50 ms apart (the metric above proves the recreation either way)
    print("health states seen:", seen)
    assert True in seen
    # the worker's own web port answers /health too (for workers that serve no API)
    with urllib.request.urlopen(f"http://127.0.0.1:{worker.web_port}/health", timeout=5) as resp:
        assert resp.status == 200 and json.loads(resp.read()) == {"ready": True, "checks": {"tagging": True}}
    assert worker.alive()
    assert not read_topic(stack.kafka, stack.settings().topic("articles.deadletter")), "nothing to dead-letter"


BROKEN_IN_CHILD = '''
import multiprocessing
if multiprocessing.current_process().name != "MainProcess":
    raise ImportError("this tagger cannot load in a tagging process (simulated)")
from processors import tag_article  # noqa: E402,F401
'''


def test_a_worker_that_cannot_start_a_tagging_process_exits_and_loses_nothing(
        stack: Stack, es_client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tagger_broken_in_child.py").write_text(BROKEN_IN_CHILD)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    stack.extra_env["PARLEY_TAGGER"] = "tagger_broken_in_child:tag_article"
    with ArticleProducer(stack.settings()) as producer:
        producer.send({"id": "survivor", "text": TEXT.format(i=1)})
    broken = stack.start_worker(tmp_path)
    # 5 starts with backoff 1+2+4+8 s, then the worker stops itself (non-zero), not acking the article
    assert broken.proc.wait(120) != 0, broken.tail()
    assert "cannot tag: no tagging process starts; stopping the worker" in broken.log.read_text()
    del stack.extra_env["PARLEY_TAGGER"]
    healthy = stack.start_worker(tmp_path)
    index = f"it{stack.tag}-articles"
    wait_for(lambda: es_count(es_client, index) >= 1, 120, what=f"the article after the restart\n{healthy.tail()}")
    assert all_ids(es_client, index) == ["survivor"]


KILLED_BY_ONE_ARTICLE = '''
import os
import signal

from processors import tag_article as _tag_article


def tag_article(article, **kw):
    if "POISON" in (article.get("text") or ""):
        os.kill(os.getpid(), signal.SIGKILL)  # as a segfault or the OOM killer on one huge article
    return _tag_article(article, **kw)
'''


def test_an_article_that_kills_the_tagging_process_is_dead_lettered_alone(
        stack: Stack, es_client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tagger_killed_by_one.py").write_text(KILLED_BY_ONE_ARTICLE)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    stack.extra_env["PARLEY_TAGGER"] = "tagger_killed_by_one:tag_article"
    batch = [{"id": f"ok-{i}", "text": TEXT.format(i=i)} for i in range(6)]
    batch.insert(3, {"id": "poison", "text": "POISON " + TEXT.format(i="p")})
    _send_to_partition(stack, batch, partition=0)
    worker = stack.start_worker(tmp_path)
    index = f"it{stack.tag}-articles"
    wait_for(lambda: es_count(es_client, index) >= 6, 120, what=f"the 6 good articles\n{worker.tail()}")
    records = wait_for(lambda: read_topic(stack.kafka, stack.settings().topic("articles.deadletter")), 30,
                       what="the dead letter")
    assert [(r.key, json.loads(r.value)["reason"]) for r in records] == [(b"poison", "tagger_crashed")]
    assert sorted(all_ids(es_client, index)) == sorted(a["id"] for a in batch if a["id"] != "poison")
    assert worker.metric("parley_tag_pool_restarts_total") == 3  # the batch twice, the article alone once
    wait_for(lambda: worker.metric("parley_tag_pool_ready") == 1, 30, what="tagging again")
    assert worker.alive()
