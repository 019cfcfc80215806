"""End-to-end benchmark: articles produced to Kafka, tagged, indexed, searchable in Elasticsearch.

    .venv/bin/python bench/bench_pipeline.py [-n 5000] [--workers 1] [--corpus FILE.jsonl]

Prints, for the same N articles in the same run:

* ``tag_article`` alone, in this process (the baseline: the pure core's speed);
* the pipeline end to end with W ``parley worker`` subprocesses: articles/s from the
  first produce to the last article searchable, and the ratio to the baseline
  (what Kafka + Faust + Elasticsearch cost on top of tagging);
* p50/p99 latency from produce to searchable (with ``--rate R`` the articles are produced
  at R/s, below capacity, so this is the latency without a backlog), measured on every 10th article
  (polled with an ``ids`` query every 200 ms, so it includes the 1 s refresh interval;
  polling faster steals CPU from the pipeline on a 2-core machine).

Starts Kafka and Elasticsearch with scripts/services.py if they are not running (and
stops them afterwards if it started them). Topics and indices get a unique prefix and
are deleted at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_services():
    spec = importlib.util.spec_from_file_location("parley_services", ROOT / "scripts" / "services.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["parley_services"] = module
    spec.loader.exec_module(module)
    return module


def load_articles(n: int, corpus: str | None) -> list[dict]:
    from streams.sources.synthetic import synthetic_articles

    if not corpus:
        return list(synthetic_articles(n, seed=42))
    rows = [json.loads(line) for line in Path(corpus).read_text("utf-8").splitlines() if line.strip()]
    out = []
    i = 0
    while len(out) < n:  # repeat the corpus with distinct URLs if it is smaller than n
        a = dict(rows[i % len(rows)])
        a["url"] = f"{a.get('url') or 'https://bench.example/a'}#bench{i}"
        a.pop("id", None)
        out.append(a)
        i += 1
    return out


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of process ``pid`` so far (0 if unknown or gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent busy so far (from /proc/stat): the rest of the machine's load shows too."""
    with open("/proc/stat") as fh:
        v = [int(x) for x in fh.readline().split()[1:]]
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")  # minus idle and iowait


def stop_processes(procs: list[subprocess.Popen]) -> None:
    """Terminate the bench's worker processes, killing those still running after 30 s."""
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()


def teardown(procs: list[subprocess.Popen], es, settings, tag: str) -> None:
    """Stop the bench's worker processes and delete its indices, templates and topics
    (named bench<tag>-...); a cleanup failure is printed, not raised."""
    from streams.kafka_admin import admin_client

    stop_processes(procs)
    try:
        es.options(ignore_status=404).indices.delete(index=f"bench{tag}-*", expand_wildcards="all")
        es.options(ignore_status=404).indices.delete_index_template(name=f"bench{tag}-*")
        admin = admin_client(settings)
        admin.delete_topics([t for t in admin.list_topics() if t.startswith(f"bench{tag}")])
        admin.close()
    except Exception as exc:  # noqa: BLE001
        print(f"cleanup: {exc!r}", file=sys.stderr)
    es.close()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=5000, help="articles (default 5000)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--corpus", help="JSON Lines articles instead of the synthetic generator")
    ap.add_argument("--rate", type=float, default=0, help="produce at most this many articles/s (0: as fast as possible); "
                    "a rate below the pipeline's capacity measures latency without a backlog")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--poll", type=float, default=0.2, help="seconds between searchability polls")
    args = ap.parse_args()
    poll = args.poll

    from elasticsearch import Elasticsearch

    from streams.app import _load_tagger
    from streams.config import Settings
    from streams.kafka_admin import admin_client, ensure_topics
    from streams.sinks.elasticsearch import ElasticsearchSink
    from streams.sources.articles import article_key
    from streams.sources.producer import ArticleProducer

    services = load_services()
    state = services_state = services.start(owner="bench")
    services.lease(os.getpid())
    tag = uuid.uuid4().hex[:8]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_") or k == "PARLEY_TAGGER"}
    env.update(
        PARLEY_KAFKA_BOOTSTRAP=f"127.0.0.1:{state['kafka']['port']}", PARLEY_ES_URL=state["es"]["url"],
        PARLEY_TOPIC_PREFIX=f"bench{tag}.", PARLEY_APP_ID=f"bench{tag}", PARLEY_INDEX_PREFIX=f"bench{tag}",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    settings = Settings.from_env(env)
    tag_article = _load_tagger(settings.tagger)  # the tagger the workers run (PARLEY_TAGGER)
    es = Elasticsearch(settings.es_url, request_timeout=60)
    articles = load_articles(args.n, args.corpus)
    procs: list[subprocess.Popen] = []
    try:
        # 1. baseline: the tagger alone on the same articles
        tag_article(articles[0])  # load lexicons/models outside the timing
        t0 = time.perf_counter()
        for a in articles:
            tag_article(a, include_text=True)
        tag_seconds = time.perf_counter() - t0
        tag_rate = len(articles) / tag_seconds

        # 2. the pipeline
        ensure_topics(settings)

        async def es_setup() -> None:
            sink = ElasticsearchSink(settings.es_url, prefix=settings.index_prefix)
            await sink.setup()
            await sink.close()

        asyncio.run(es_setup())
        index = settings.index("articles")
        for w in range(args.workers):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "streams.cli", "worker", "--web-port", str(27000 + w), "--metrics-port", "0"],
                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with ArticleProducer(settings) as producer:  # warm-up: worker joined and tagger loaded
            producer.send({"url": f"https://bench.example/warmup/{tag}", "text": "Envoys met in Geneva for talks."})
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            es.indices.refresh(index=index)
            if es.count(index=index)["count"] >= 1:
                break
            time.sleep(0.2)
        else:
            raise SystemExit("the worker did not index the warm-up article in 180 s")

        probes: dict[str, float] = {}
        visible: dict[str, float] = {}
        lock = threading.Lock()
        produced = threading.Event()
        total = len(articles) + 1
        state = {"count": 0, "done": 0.0}

        def poll_searchable() -> None:
            """Runs during production: when does each probe become searchable?"""
            deadline = time.monotonic() + args.timeout
            while time.monotonic() < deadline:
                now = time.time()
                with lock:
                    pending = [k for k in probes if k not in visible]
                if pending:
                    hits = es.search(index=index, query={"ids": {"values": pending}}, size=len(pending), source=False)
                    with lock:
                        for h in hits["hits"]["hits"]:
                            visible[h["_id"]] = now
                state["count"] = es.count(index=index)["count"]
                if produced.is_set() and state["count"] >= total and len(visible) == len(probes):
                    state["done"] = now
                    return
                time.sleep(poll)

        poller = threading.Thread(target=poll_searchable, daemon=True)
        # CPU seconds of each process during the run: on 2 shared cores the JVMs compete with the worker
        who = {"worker(s)": [p.pid for p in procs], "kafka": [(services_state.get("kafka") or {}).get("pid")],
               "elasticsearch": [(services_state.get("es") or {}).get("pid")], "bench (produce+poll)": [os.getpid()]}
        cpu0 = {k: sum(cpu_seconds(p) for p in pids) for k, pids in who.items()}
        busy0 = machine_busy_seconds()
        t_start = time.time()
        poller.start()
        with ArticleProducer(settings) as producer:
            for i, a in enumerate(articles):
                key = article_key(a)
                if args.rate:
                    ahead = t_start + i / args.rate - time.time()
                    if ahead > 0:
                        producer.flush()
                        time.sleep(ahead)
                if i % 10 == 0:
                    with lock:
                        probes[key] = time.time()
                producer.send(a, key=key)
        t_produced = time.time()
        produced.set()
        poller.join()
        count, t_done = state["count"], state["done"]
        cpu = {k: sum(cpu_seconds(p) for p in pids) - cpu0[k] for k, pids in who.items()}
        cpu["other processes"] = machine_busy_seconds() - busy0 - sum(cpu.values())
        if not t_done:
            raise SystemExit(f"only {count - 1}/{len(articles)} articles searchable after {args.timeout}s")
        lat = [visible[k] - probes[k] for k in visible]
        e2e_rate = len(articles) / (t_done - t_start)
        print(f"articles                      {len(articles)} ({'corpus ' + args.corpus if args.corpus else 'synthetic, 8 languages'}, "
              f"avg {sum(len(a.get('text') or a.get('html') or '') for a in articles) / len(articles):.0f} chars)")
        print(f"tag_article alone             {tag_rate:8.0f} articles/s  ({tag_seconds:.1f} s, this process)")
        print(f"produce (kafka-python)        {len(articles) / (t_produced - t_start):8.0f} articles/s"
              + (f"  (throttled to {args.rate:.0f}/s)" if args.rate else ""))
        print(f"end to end, {args.workers} worker(s)        {e2e_rate:8.0f} articles/s  ({t_done - t_start:.1f} s produce -> all searchable)")
        print(f"ratio end-to-end / tag alone  {e2e_rate / tag_rate:8.2f}  (pipeline overhead: {100 * (1 - e2e_rate / tag_rate):.0f}%)")
        print(f"produce -> searchable         p50 {statistics.median(lat):.2f} s   p99 {pct(lat, 99):.2f} s   (n={len(lat)} probes)")
        wall = t_done - t_start
        print("CPU during the run            " + ",  ".join(f"{k} {v:.1f} s ({100 * v / wall:.0f}%)" for k, v in cpu.items())
              + f"  [{wall:.1f} s wall, 2 cores = 200%]")
        print(f"target >= 1000 articles/s end to end: {'met' if e2e_rate >= 1000 else 'NOT met'}")
        return 0
    finally:
        teardown(procs, es, settings, tag)
        left = services.release(os.getpid())
        if left["owner"] == "bench" and not left["others"]:
            services.stop()


if __name__ == "__main__":
    raise SystemExit(main())
