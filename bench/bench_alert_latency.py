"""Time from an article produced to `articles.raw` to its webhook received, and ElastAlert2 in the same run.

    .venv/bin/python bench/bench_alert_latency.py                  # 1,000 articles at 100/s, 300 decoy subscriptions
    .venv/bin/python bench/bench_alert_latency.py --articles 200 --no-elastalert

Needs the local services (``python scripts/services.py start``). One `parley worker`
subprocess runs with its own topic prefix, consumer group and index prefix (all
removed afterwards). Subscriptions are created through the REST API: one matches
every article (a made-up word put in each), `--decoys` others match none. Each
article is a different story (random words), so none is folded into an earlier
alert. Latency = webhook received - just before `producer.send` (one clock: this
process). After a warm-up (`--warmup`, 100 articles), `--articles` are produced paced at
`--rate`/s; p50/p95/p99/max are printed.

Then, unless --no-elastalert, `bench/elastalert_runner.measure()` runs ElastAlert2
(its own venv, rule `text:"ceasefire"`, run_every 1 s, query_delay 0) against the
same Elasticsearch: its documents are indexed straight into Elasticsearch (no
Kafka, no tagging: ElastAlert2's best case) at the same rate, and its
index->webhook latency is printed with the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import stop_processes  # noqa: E402

MARK = "quorvaline"
VOCAB = ("delegation envoy border river valley harbour council summit minister treaty grain corridor "
         "monitor mission observer district village province convoy agreement draft clause session "
         "mediator capital northern southern eastern western weekly formal informal bilateral regional "
         "statement spokesman schedule proposal framework review committee assembly chamber ").split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)  # nearest rank, as bench/elastalert_runner.py computes it
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


class Receiver:
    """Webhook receiver: first arrival time per article url."""

    def __init__(self) -> None:
        self.port = free_port()
        self.first: dict[str, float] = {}
        self.alerts: dict[str, dict] = {}
        self.posts = 0
        lock, first, me = threading.Lock(), self.first, self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                now = time.time()
                alert = json.loads(body)
                url = (alert.get("article") or {}).get("url")
                with lock:
                    me.posts += 1
                    if url not in first:
                        first[url] = now
                        me.alerts[url] = alert
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), H)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def article(rng: random.Random, n: int) -> dict[str, Any]:
    words = " ".join(rng.choice(VOCAB) for _ in range(60))
    return {"url": f"https://bench.example/{uuid.uuid4().hex}", "source": "bench.example", "lang": "en",
            "title": f"Bench story {n}: {rng.choice(VOCAB)} {rng.choice(VOCAB)}",
            "text": f"The {MARK} talks opened today. {words.capitalize()}. Report number {n} {uuid.uuid4().hex[:8]}."}


def api(base: str, key: str, method: str, path: str, body: Any = None) -> Any:
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"X-API-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


def decoy_query(i: int, rng: random.Random) -> str:
    w = lambda: "".join(rng.choice("bcdfghjklmnpqrstvwz") + rng.choice("aeiou") for _ in range(4))  # noqa: E731
    kind = i % 5
    if kind == 0:
        return w()
    if kind == 1:
        return f'"{w()} {w()}"'
    if kind == 2:
        return f"{w()} AND (country:ARM OR tag:ceasefire)"
    if kind == 3:
        return f"{w()[:5]}* OR {w()}"
    return f"~ceasefire AND {w()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=100.0)
    ap.add_argument("--decoys", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=100, help="articles sent first, at --rate, not measured")
    ap.add_argument("--kafka", default=os.environ.get("PARLEY_KAFKA_BOOTSTRAP", "127.0.0.1:9092"))
    ap.add_argument("--es", default=os.environ.get("PARLEY_ES_URL", "http://127.0.0.1:9200"))
    ap.add_argument("--no-elastalert", action="store_true")
    ap.add_argument("--elastalert-docs", type=int, default=None, help="documents for ElastAlert2 (default: --articles)")
    args = ap.parse_args()

    from kafka import KafkaProducer

    tag = uuid.uuid4().hex[:8]
    api_port, key = free_port(), "bench-key"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env.update(PARLEY_KAFKA_BOOTSTRAP=args.kafka, PARLEY_ES_URL=args.es, PARLEY_TOPIC_PREFIX=f"bench{tag}.",
               PARLEY_APP_ID=f"bench{tag}", PARLEY_INDEX_PREFIX=f"bench{tag}", PARLEY_API_PORT=str(api_port),
               PARLEY_API_KEYS=f"bench:{key}", PARLEY_ALLOW_TARGETS="127.0.0.1/32",
               PYTHONPATH=str(ROOT))
    cli = [sys.executable, "-m", "streams.cli"]
    setup = subprocess.run(cli + ["setup"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    if setup.returncode:
        print(setup.stdout + setup.stderr)
        print("setup failed: start the services with `python scripts/services.py start`")
        return 1
    log = open(f"/tmp/bench-alert-worker-{tag}.log", "wb")
    wcli = cli if not os.environ.get("BENCH_PROFILE") else [sys.executable, "-m", "cProfile", "-o",
                                                               os.environ["BENCH_PROFILE"], "-m", "streams.cli"]
    worker = subprocess.Popen(wcli + ["worker", "--web-port", str(free_port()), "--metrics-port", "0", "--loglevel", "warning"],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{api_port}"
    recv = Receiver()
    rng = random.Random(4)
    producer = KafkaProducer(bootstrap_servers=args.kafka, linger_ms=0, acks=1)
    topic = f"bench{tag}.articles.raw"
    result: dict[str, Any] = {}
    try:
        deadline = time.time() + 120
        while True:
            try:
                if api(base, key, "GET", "/health")["ready"]:
                    break
            except OSError:
                pass
            if time.time() > deadline or worker.poll() is not None:
                raise SystemExit(f"worker did not start: see /tmp/bench-alert-worker-{tag}.log")
            time.sleep(0.5)
        api(base, key, "POST", "/subscriptions", {"name": "every bench article", "query": MARK,
                                                  "channels": [{"type": "webhook", "url": f"http://127.0.0.1:{recv.port}/hook"}]})
        for i in range(args.decoys):
            api(base, key, "POST", "/subscriptions", {"name": f"decoy {i}", "query": decoy_query(i, rng),
                                                      "channels": [{"type": "webhook", "url": f"http://127.0.0.1:{recv.port}/decoy"}]})
        time.sleep(1.5)  # the subscriptions reach the worker's mirror (it is the API's process here)

        def run(n: int, rate: float) -> dict[str, float]:
            sent: dict[str, float] = {}
            start = time.monotonic()
            for i in range(n):
                delay = start + i / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                a = article(rng, i)
                body = json.dumps(a).encode()
                sent[a["url"]] = time.time()
                producer.send(topic, key=a["url"].encode(), value=body)
            producer.flush()
            end = time.time() + 60
            while time.time() < end and not all(u in recv.first for u in sent):
                time.sleep(0.2)
            return sent

        run(args.warmup, args.rate)  # warm-up: lazy lexicon loads, connections, first fetches (not measured)
        t0 = time.time()
        sent = run(args.articles, args.rate)
        took = time.time() - t0
        lat = [recv.first[u] - t for u, t in sent.items() if u in recv.first]
        time.sleep(1.0)
        blocks = [[recv.first[u] - t for u, t in list(sent.items())[i:i + 100] if u in recv.first]
                  for i in range(0, len(sent), 100)]
        print("Parley max latency per 100 articles (ms): " + " ".join(f"{max(b, default=0) * 1000:.0f}" for b in blocks))
        result = {"n": len(sent), "received": len(lat), "p50": percentile(lat, 50), "p95": percentile(lat, 95),
                  "p99": percentile(lat, 99), "max": max(lat, default=float("nan")), "posts": recv.posts}
        print(f"Parley: {len(lat)}/{len(sent)} alerts received, {args.articles} articles at {args.rate:g}/s "
              f"({args.articles / took:.0f}/s incl. drain), 1 matching + {args.decoys} decoy subscriptions, 1 worker")
        stages = {"produce->tagged(ingested_at)": [], "->matched": [], "->alert made": [], "->webhook": []}
        for u, t in sent.items():
            a = recv.alerts.get(u)
            if not a:
                continue
            ts = [t] + [_epoch(a.get(k)) for k in ("ingested_at", "matched_at", "created_at")] + [recv.first[u]]
            for (name, acc), x, y in zip(stages.items(), ts, ts[1:]):
                if x is not None and y is not None:
                    acc.append(y - x)
        hops = {"raw->tag agent produced": ("ingested", "tagged"), "->match agent": ("tagged", "matched"),
                "->alert agent": ("matched", "queued"), "decide": ("queued", "decided"),
                "->webhook": ("decided", None)}
        hop_lat: dict[str, list[float]] = {k: [] for k in hops}
        for u in sent:
            a = recv.alerts.get(u) or {}
            tr = dict(a.get("trace") or {}, ingested=_epoch(a.get("ingested_at")))
            for k, (x, y) in hops.items():
                y_val = recv.first.get(u) if y is None else tr.get(y)
                if tr.get(x) is not None and y_val is not None:
                    hop_lat[k].append(y_val - tr[x])
        print("Parley hops (Kafka timestamps), p50/p95 ms: " + "  ".join(
            f"{k} {percentile(v, 50) * 1000:.0f}/{percentile(v, 95) * 1000:.0f}" for k, v in hop_lat.items()))
        print("Parley stages, p50/p95 ms: " + "  ".join(f"{k} {percentile(v, 50) * 1000:.0f}/{percentile(v, 95) * 1000:.0f}"
                                                     for k, v in stages.items()))
        print(f"Parley  produce->webhook  p50={result['p50'] * 1000:.0f} ms  p95={result['p95'] * 1000:.0f} ms  "
              f"p99={result['p99'] * 1000:.0f} ms  max={result['max'] * 1000:.0f} ms  "
              f"(target p99 < 1000 ms: {'met' if result['p99'] < 1.0 else 'NOT met'})  webhook posts={recv.posts}")
    finally:
        producer.close()
        stop_processes([worker])
        _cleanup(args.kafka, args.es, tag)

    if args.no_elastalert:
        print("ElastAlert2: skipped (--no-elastalert)")
        return 0
    if not (ROOT / "bench" / "elastalert_runner.py").exists():
        print("ElastAlert2: bench/elastalert_runner.py not found; only Parley's figures are printed")
        return 0
    import elastalert_runner

    ea = elastalert_runner.measure(args.es, n_docs=args.elastalert_docs or args.articles, rate=args.rate)
    print(ea.summary())
    print(f"ElastAlert2 index->webhook  p50={ea.p50 * 1000:.0f} ms  p95={ea.p95 * 1000:.0f} ms  p99={ea.p99 * 1000:.0f} ms")
    if result.get("p50"):
        print(f"ratio ElastAlert2 / Parley:  p50 x{ea.p50 / result['p50']:.1f}  p95 x{ea.p95 / result['p95']:.1f}  "
              f"p99 x{ea.p99 / result['p99']:.1f}")
    return 0


def _epoch(value: Any) -> float | None:
    from datetime import datetime, timezone

    if not isinstance(value, str):
        return None
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp()


def _cleanup(kafka: str, es: str, tag: str) -> None:
    try:
        from kafka import KafkaAdminClient

        admin = KafkaAdminClient(bootstrap_servers=kafka)
        names = [t for t in admin.list_topics() if t.startswith(f"bench{tag}")]
        if names:
            admin.delete_topics(names)
        admin.close()
    except Exception as exc:  # noqa: BLE001
        print(f"topic cleanup failed: {exc!r}")
    try:
        from elasticsearch import Elasticsearch

        client = Elasticsearch(es)
        client.options(ignore_status=404).indices.delete(index=f"bench{tag}-*", expand_wildcards="all")
        client.options(ignore_status=404).indices.delete_index_template(name=f"bench{tag}-*")
        client.close()
    except Exception as exc:  # noqa: BLE001
        print(f"index cleanup failed: {exc!r}")


if __name__ == "__main__":
    sys.exit(main())
