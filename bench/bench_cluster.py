"""Throughput on the cluster: end-to-end articles/s with 1, 2 and 3 workers, and the scaling ratios.

    .venv/bin/python bench/bench_cluster.py [-n 3000] [--workers 1,2,3] [--corpus FILE.jsonl]

On the 3-broker Kafka / 3-node Elasticsearch cluster of scripts/cluster.py (started here if
it is not running, and stopped afterwards if so), with Parley's cluster settings (6
partitions, replication 3, min.insync.replicas 2, one replica per index). For each worker
count, in the same run: a fresh topic/index prefix, `parley setup`, W workers warmed up
(each has partitions and has tagged an article), then N articles produced as fast as
kafka-python sends them; the time runs from the first send to the last article
searchable. Prints articles/s per W and the ratio to W=1 (the baseline measured here),
``tag_article`` alone in this process (what one core tags), the CPU each part used, and
what was measured for the sizing guide (docs/operations.md): bytes per article on
articles.raw and articles.tagged, Elasticsearch bytes per article and per event.

Articles: the wire-story generator (streams/sources/wire.py, ~1 KB of English each), or
``--corpus`` JSON Lines (e.g. /work/shared/corpus/dev.jsonl, repeated with distinct URLs).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_articles(n: int, corpus: str | None) -> list[dict]:
    from streams.sources.wire import wire_articles

    if not corpus:
        return list(wire_articles(n, seed=7, prefix="bench"))
    rows = [json.loads(line) for line in Path(corpus).read_text("utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):  # repeat the corpus with distinct ids if it is smaller than n
        a = dict(rows[i % len(rows)])
        a["id"] = f"bench-{i}"
        a["url"] = f"{a.get('url') or 'https://bench.example/a'}#bench{i}"
        out.append(a)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_children(pids: list[int]) -> list[int]:
    """`pids` and their child processes (a worker's tagging processes)."""
    out = list(pids)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) in pids:
                        out.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of `pids` so far (a process that ended counts 0)."""
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                f = fh.read().rsplit(")", 1)[1].split()
            total += (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, TypeError, IndexError):
            pass
    return total


def machine_busy() -> float:
    with open("/proc/stat") as fh:
        v = [int(x) for x in fh.readline().split()[1:]]
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")


def run_once(workers: int, articles: list[dict], cluster_env: dict, jvm_pids: list[int], timeout: float) -> dict:
    from elasticsearch import Elasticsearch
    from kafka import KafkaConsumer, TopicPartition

    from streams.config import Settings
    from bench_pipeline import teardown   # bench/ is this script's own folder on sys.path
    from streams.sources.producer import ArticleProducer

    tag = uuid.uuid4().hex[:8]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_") or k == "PARLEY_TAGGER"}
    env.update(cluster_env, PARLEY_TOPIC_PREFIX=f"bench{tag}.", PARLEY_APP_ID=f"bench{tag}",
               PARLEY_INDEX_PREFIX=f"bench{tag}", PARLEY_TOPIC_PARTITIONS="6", PARLEY_TOPIC_REPLICATION="3",
               PARLEY_ES_REPLICAS="1", PARLEY_API_PORT="0", PARLEY_SESSION_TIMEOUT="10",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    settings = Settings.from_env(env)
    es = Elasticsearch(settings.es_hosts, request_timeout=60)
    index = settings.index("articles")
    procs: list[subprocess.Popen] = []
    try:
        setup = subprocess.run([sys.executable, "-m", "streams.cli", "setup"], env=env, cwd=ROOT,
                               capture_output=True, text=True)
        if setup.returncode:
            raise SystemExit(f"parley setup failed:\n{setup.stderr}")
        for w in range(workers):
            procs.append(subprocess.Popen([sys.executable, "-m", "streams.cli", "worker", "--web-port", str(free_port()),
                                           "--metrics-port", "0"], env=env,
                                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        # warm-up: one article per partition, so every worker has partitions and a loaded tagger
        warm = [{"id": f"warm-{tag}-{i}", "text": "Envoys met in Geneva for ceasefire talks."} for i in range(12)]
        with ArticleProducer(settings) as producer:
            for a in warm:
                producer.send(a)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                es.indices.refresh(index=index)
                if es.count(index=index)["count"] >= len(warm):
                    break
            except Exception:  # noqa: BLE001 - index not created yet
                pass
            time.sleep(0.5)
        else:
            raise SystemExit(f"{workers} worker(s) did not index the warm-up articles in 300 s")
        time.sleep(3.0)  # the last rebalance has settled
        total = len(warm) + len(articles)
        who = {"workers (with their tagging processes)": with_children([p.pid for p in procs]), "kafka+elasticsearch JVMs": jvm_pids, "bench": [os.getpid()]}
        cpu0 = {k: cpu_seconds(v) for k, v in who.items()}
        busy0 = machine_busy()
        t0 = time.time()
        with ArticleProducer(settings) as producer:
            for a in articles:
                producer.send(a)
        t_produced = time.time()
        deadline = time.monotonic() + timeout
        count = 0
        while time.monotonic() < deadline:
            es.indices.refresh(index=index)
            count = es.count(index=index)["count"]
            if count >= total:
                break
            time.sleep(0.5)
        else:
            raise SystemExit(f"{workers} worker(s): only {count - len(warm)}/{len(articles)} indexed in {timeout} s")
        wall = time.time() - t0
        cpu = {k: cpu_seconds(v) - cpu0[k] for k, v in who.items()}
        cpu["other processes"] = machine_busy() - busy0 - sum(cpu.values())
        out = {"workers": workers, "rate": len(articles) / wall, "wall": wall,
               "produce_rate": len(articles) / (t_produced - t0), "cpu": cpu}
        if workers == 1:  # sizes, once: records on Kafka, documents in Elasticsearch
            consumer = KafkaConsumer(bootstrap_servers=settings.bootstrap_servers, enable_auto_commit=False)
            for name in ("articles.raw", "articles.tagged"):
                topic = settings.topic(name)
                tps = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
                consumer.assign(tps)
                consumer.seek_to_beginning(*tps)
                size = n = 0
                end = consumer.end_offsets(tps)
                while any(consumer.position(tp) < end[tp] for tp in tps):
                    for recs in consumer.poll(timeout_ms=1000).values():
                        for r in recs:
                            size += len(r.value or b"") + len(r.key or b"")
                            n += 1
                out[f"bytes/{name}"] = size / max(n, 1)
            consumer.close()
            es.indices.forcemerge(index=f"{settings.index_prefix}-*", max_num_segments=1)
            es.indices.refresh(index=f"{settings.index_prefix}-*")
            stats = es.indices.stats(index=f"{settings.index_prefix}-*", metric=["docs", "store"])["indices"]
            for kind in ("articles", "events"):
                rows = [v["primaries"] for k, v in stats.items() if k.startswith(f"{settings.index_prefix}-{kind}")]
                docs = sum(r["docs"]["count"] for r in rows)
                out[f"es_docs/{kind}"] = docs
                out[f"es_bytes/{kind}"] = sum(r["store"]["size_in_bytes"] for r in rows)
        return out
    finally:
        teardown(procs, es, settings, tag)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=3000, help="articles per worker count (default 3000)")
    ap.add_argument("--workers", default="1,2,3", help="worker counts to compare (default 1,2,3; the first is the baseline)")
    ap.add_argument("--corpus", help="JSON Lines articles instead of the wire-story generator")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()
    counts = [int(x) for x in args.workers.split(",")]

    _load("parley_services", ROOT / "scripts" / "services.py")
    cluster = _load("parley_cluster", ROOT / "scripts" / "cluster.py")
    from streams.app import _load_tagger
    from streams.config import Settings

    state = cluster.start()
    try:
        cluster_env = {"PARLEY_KAFKA_BOOTSTRAP": cluster.env_of(state)["PARLEY_KAFKA_BOOTSTRAP"],
                       "PARLEY_ES_URL": ",".join(n["url"] for n in state["es"])}
        jvm_pids = [n["pid"] for n in state["kafka"]] + [cluster._es_pid(n) for n in state["es"]]
        articles = load_articles(args.n, args.corpus)
        tag_article = _load_tagger(Settings.from_env().tagger)
        tag_article(articles[0])
        t = time.perf_counter()
        for a in articles[:500]:
            tag_article(a, include_text=True)
        tag_rate = min(500, len(articles)) / (time.perf_counter() - t)
        results = [run_once(w, articles, cluster_env, jvm_pids, args.timeout) for w in counts]
    finally:
        if not state.get("already_running"):
            cluster.stop()

    base = results[0]
    avg = sum(len(a.get("text") or a.get("html") or "") for a in articles) / len(articles)
    print(f"cluster         3 Kafka brokers (replication 3, min.insync 2), 3 Elasticsearch nodes (1 replica), "
          f"6 partitions; {os.cpu_count()} cores")
    print(f"articles        {len(articles)} per run ({'corpus ' + args.corpus if args.corpus else 'wire stories'}, "
          f"avg {avg:.0f} chars)")
    print(f"tag_article     {tag_rate:8.0f} articles/s on one core (this process, first 500)")
    for r in results:
        share = ", ".join(f"{k} {100 * v / r['wall']:.0f}%" for k, v in r["cpu"].items())
        print(f"{r['workers']} worker(s)     {r['rate']:8.0f} articles/s end to end ({r['wall']:.1f} s; "
              f"x{r['rate'] / base['rate']:.2f} of {base['workers']} worker(s))   CPU: {share}")
    print("scaling         " + "  ".join(f"{r['workers']}w/{base['workers']}w = {r['rate'] / base['rate']:.2f}"
                                         for r in results[1:]))
    busy = max(sum(r["cpu"].values()) / r["wall"] for r in results)
    print(f"limit           the machine: {os.cpu_count()} cores shared by 6 JVMs, the workers and this process "
          f"(busiest run {100 * busy:.0f}% of {100 * (os.cpu_count() or 1)}%). More workers than cores only split "
          f"the same CPU; on a deployment with a core per worker and the brokers/nodes on their own machines, "
          f"expect about {tag_rate:.0f} articles/s per worker core (tag_article alone) up to one worker per "
          f"partition.")
    print(f"sizes           articles.raw {base['bytes/articles.raw']:.0f} B/article, articles.tagged "
          f"{base['bytes/articles.tagged']:.0f} B/article (one copy; x3 with replication 3)")
    for kind in ("articles", "events"):
        docs, size = base[f"es_docs/{kind}"], base[f"es_bytes/{kind}"]
        print(f"                Elasticsearch {kind}: {docs} docs, {size / max(docs, 1):.0f} B/doc primary store "
              f"(force-merged; x2 with one replica)")
    print(f"                events per article: {base['es_docs/events'] / max(base['es_docs/articles'], 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
