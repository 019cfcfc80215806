"""Parley's spike rule against ElastAlert2's on the same timestamped documents, and Parley's
latency from the article that crosses a spike to the delivered alert (issue 12).

    .venv/bin/python bench/bench_spike.py                 # both parts (needs scripts/services.py start)
    .venv/bin/python bench/bench_spike.py --no-latency    # only the window comparison
    .venv/bin/python bench/bench_spike.py --hours 12 --seed 7

1. Same windows. `--hours` of documents for six groups (a country each) are generated
   (seeded): a steady background at a per-group rate, bursts, and silences, with
   millisecond timestamps. They are indexed into a fresh Elasticsearch index, and
   ElastAlert2 2.19.0 (its own venv, as bench/elastalert_runner.py installs and starts it)
   runs each spike rule variant over them with ``elastalert-test-rule --alert --start
   --end`` (one `run_rule` over the range in segments of `buffer_time`, a placeholder at
   each segment's end, exactly what a long-running ElastAlert2 does in its runs), posting
   every match to a local receiver. Parley's `SpikeState` is fed the same documents in
   timestamp order with a tick at the same segment ends. Each fire is compared as
   (group, first document of the current window, current count, reference count); the
   table shows both sides and any difference.
2. Latency. A `parley worker` subprocess (own topic/index prefix, removed afterwards)
   with one spike subscription grouped by source (window 60 s, height 3, at least 4)
   and a webhook to a local receiver; articles are produced live (published = now):
   a calm stream (one article per source every 30 s) for two windows and more, then a burst
   of 12 articles in 3 s per source, one source after the other. Latency = webhook received - the crossing article produced
   (the alert's ``crossed_by``), one clock. ElastAlert2 runs on a schedule: its alert
   waits for its next run (run_every, plus up to 5 s of scheduler jitter and the index
   refresh; bench/bench_alert_latency.py measures that on the same machine).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import elastalert_runner as ear  # noqa: E402
from bench_pipeline import stop_processes  # noqa: E402
from processors.rules import SpikeRule  # noqa: E402
from processors.spike import SpikeState  # noqa: E402

GROUPS = ("ARM", "AZE", "ISR", "LBN", "SDN", "UKR")
SEGMENT_S = 60  # ElastAlert2 buffer_time: a placeholder (Parley: a tick) at each segment's end
VARIANTS = [  # (name, spike rule); both sides get the same settings
    ("up x3, cur>=5 ref>=2", dict(window_s=600, height=3, direction="up", min_current=5, min_reference=2)),
    ("up x2, cur>=8", dict(window_s=900, height=2, direction="up", min_current=8, min_reference=0)),
    ("down x3, ref>=6", dict(window_s=600, height=3, direction="down", min_current=0, min_reference=6)),
    ("both x4, cur>=3 ref>=3", dict(window_s=1200, height=4, direction="both", min_current=3, min_reference=3)),
]


def iso_ms(ts_ms: int) -> str:
    return datetime.fromtimestamp(ts_ms / 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ts_ms % 1000:03d}Z"


def generate(hours: float, seed: int, start_ms: int) -> list[dict[str, Any]]:
    """Documents {doc_id, ts_ms, country}: background, bursts and silences per group."""
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    end_ms = start_ms + int(hours * 3600_000)
    used: set[int] = set()

    def add(group: str, t: int) -> None:
        while t in used:
            t += 1
        used.add(t)
        docs.append({"ts_ms": t, "country": group})

    for g in GROUPS:
        rate = rng.uniform(0.2, 1.5) / 60_000  # per ms
        silences = [(s, s + rng.randint(20, 60) * 60_000) for s in
                    (rng.randint(start_ms, end_ms) for _ in range(int(hours // 3) + 1))]
        t = start_ms
        while True:
            t += int(rng.expovariate(rate)) + 1
            if t >= end_ms:
                break
            if not any(a <= t < b for a, b in silences):
                add(g, t)
        for _ in range(max(1, int(hours // 2))):
            b0 = rng.randint(start_ms + 3600_000, end_ms - 600_000)
            for _ in range(rng.randint(8, 40)):
                add(g, b0 + rng.randint(0, rng.randint(60, 400) * 1000))
    docs.sort(key=lambda d: d["ts_ms"])
    for i, d in enumerate(docs):
        d["doc_id"] = f"d{i:06d}"
    return docs


def parley_fires(docs: list[dict[str, Any]], rule: dict[str, Any], start_ms: int, end_ms: int) -> list[tuple]:
    """Parley's SpikeState over the documents, segment by segment as ElastAlert2 queries them."""
    st = SpikeState(SpikeRule.from_dict({"kind": "spike", "group_by": "country", "grace_s": rule["window_s"], **rule}))
    by_id = {}
    out: list[tuple] = []
    i, seg_start = 0, start_ms
    while True:
        seg_end = min(seg_start + SEGMENT_S * 1000, end_ms)
        while i < len(docs) and docs[i]["ts_ms"] <= seg_end:  # ElastAlert2's range: gt start, lte end
            d = docs[i]
            i += 1
            if d["ts_ms"] <= seg_start:
                continue
            by_id[d["doc_id"]] = d
            rec = {"article": {"id": d["doc_id"], "source": d["doc_id"]}, "countries": [d["country"]],
                   "fingerprint": {"sketch": [i * 100 + k for k in range(16)], "signature": None}}
            out += [_key(f) for f in st.observe(rec, ts=d["ts_ms"] / 1000)]
        out += [_key(f) for f in st.tick(seg_end / 1000)]
        if seg_end >= end_ms:
            return out
        seg_start = seg_end


def _key(fire: dict[str, Any]) -> tuple:
    return (fire["group"], round(fire["first_at"] * 1000), fire["count"], fire["baseline"])


def elastalert_fires(es_url: str, index: str, rule: dict[str, Any], start_ms: int, end_ms: int,
                     venv: Path) -> tuple[list[tuple], float]:
    """ElastAlert2's matches of one spike rule over [start, end]: (group, first doc ms, spike, reference)."""
    from urllib.parse import urlsplit

    work = Path(tempfile.mkdtemp(prefix="parley-spike-ea-"))
    url = urlsplit(es_url)
    (work / "rules").mkdir()
    conf = {"rules_folder": str(work / "rules"), "run_every": {"seconds": SEGMENT_S},
            "buffer_time": {"seconds": SEGMENT_S}, "es_host": url.hostname, "es_port": url.port,
            "writeback_index": f"parley-spike-wb-{uuid.uuid4().hex[:6]}", "alert_time_limit": {"minutes": 5},
            "max_query_size": 10000, "disable_rules_on_error": False}
    (work / "config.yaml").write_text(yaml.safe_dump(conf))
    with ear.WebhookReceiver() as receiver:
        ea_rule = {"name": "parley-spike-bench", "type": "spike", "index": index, "timestamp_field": "ts",
                   "timeframe": {"seconds": rule["window_s"]}, "spike_height": rule["height"],
                   "spike_type": rule["direction"], "threshold_cur": rule["min_current"],
                   "threshold_ref": rule["min_reference"], "query_key": "country",
                   "filter": [{"query": {"query_string": {"query": "kind:bench"}}}], "realert": {"minutes": 0},
                   "alert": ["post2"], "http_post2_url": receiver.url, "http_post2_all_values": True}
        path = work / "rules" / "spike.yaml"
        path.write_text(yaml.safe_dump(ea_rule))
        shim = work / "shim.py"
        shim.write_text(ear._SHIM.split("command, sys.argv")[0] +
                        "from elastalert.test_rule import main\nsys.exit(main(sys.argv[1:]))\n")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
        env["PARLEY_EA_NO_JITTER"] = "0"
        t0 = time.monotonic()
        done = subprocess.run([str(venv / "bin" / "python"), str(shim), str(path), "--config", str(work / "config.yaml"),
                               "--alert", "--start", iso_ms(start_ms), "--end", iso_ms(end_ms)],
                              capture_output=True, text=True, timeout=600, env=env, cwd=work)
        took = time.monotonic() - t0
        if done.returncode != 0:
            raise ear.ElastAlertError(f"elastalert-test-rule failed ({done.returncode}):\n{done.stdout[-2000:]}\n"
                                      f"{done.stderr[-2000:]}")
        time.sleep(0.5)
        posts = [p for _, p in receiver.posts]
    out = []
    for p in posts:
        ms = int(round(datetime.fromisoformat(str(p["ts"]).replace("Z", "+00:00")).timestamp() * 1000))
        out.append((p["country"], ms, int(p["spike_count"]), int(p["reference_count"])))
    return out, took


# Run inside ElastAlert2's venv: its own SpikeRule class, fed the documents segment by segment
# (add_data with the segment's hits in time order, then garbage_collect at the segment's end),
# as run_rule feeds it, without Elasticsearch: what the rule computes, apart from how it is fed.
_EA_CLASS = """
import datetime, json, sys
from elastalert.ruletypes import SpikeRule
from elastalert.util import ts_to_dt
job = json.load(open(sys.argv[1]))
rule, docs, start_ms, end_ms, seg = job["rule"], job["docs"], job["start"], job["end"], job["segment"]
r = SpikeRule({"timeframe": datetime.timedelta(seconds=rule["window_s"]), "spike_height": rule["height"],
               "spike_type": rule["direction"], "threshold_cur": rule["min_current"],
               "threshold_ref": rule["min_reference"], "query_key": "country", "timestamp_field": "ts"})
dt = lambda ms: datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
i, seg_start = 0, start_ms
while True:
    seg_end = min(seg_start + seg, end_ms)
    batch = []
    while i < len(docs) and docs[i]["ts_ms"] <= seg_end:
        d = docs[i]
        i += 1
        if d["ts_ms"] > seg_start:
            batch.append({"ts": dt(d["ts_ms"]), "country": d["country"], "doc_id": d["doc_id"]})
    r.add_data(batch)
    r.garbage_collect(dt(seg_end))
    if seg_end >= end_ms:
        break
    seg_start = seg_end
ts = lambda v: ts_to_dt(v) if isinstance(v, str) else v
print(json.dumps([[m["country"], round(ts(m["ts"]).timestamp() * 1000), m["spike_count"], m["reference_count"]]
                  for m in r.matches]))
"""


def ea_class_fires(docs: list[dict[str, Any]], rule: dict[str, Any], start_ms: int, end_ms: int,
                   venv: Path) -> list[tuple]:
    with tempfile.TemporaryDirectory(prefix="parley-spike-ea-class-") as tmp:
        job, script = Path(tmp) / "job.json", Path(tmp) / "run.py"
        job.write_text(json.dumps({"rule": rule, "docs": docs, "start": start_ms, "end": end_ms,
                                   "segment": SEGMENT_S * 1000}))
        script.write_text(_EA_CLASS)
        done = subprocess.run([str(venv / "bin" / "python"), str(script), str(job)], capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0:
            raise ear.ElastAlertError(f"ElastAlert2's SpikeRule class failed:\n{done.stderr[-2000:]}")
        return [tuple(x) for x in json.loads(done.stdout)]


def compare_windows(args: argparse.Namespace) -> bool:
    from elasticsearch import Elasticsearch, helpers

    venv = ear.ensure_elastalert()
    now_ms = int(time.time() * 1000)
    start_ms = (now_ms - int((args.hours + 1) * 3600_000)) // 60_000 * 60_000
    end_ms = start_ms + int(args.hours * 3600_000) + 60_000
    docs = generate(args.hours, args.seed, start_ms + 1000)
    index = f"parley-spike-bench-{uuid.uuid4().hex[:8]}"
    es = Elasticsearch(args.es, request_timeout=60)
    es.indices.create(index=index, settings={"number_of_shards": 1, "number_of_replicas": 0}, mappings={
        "properties": {"doc_id": {"type": "keyword"}, "ts": {"type": "date"}, "country": {"type": "keyword"},
                       "kind": {"type": "keyword"}}})
    all_same = True
    try:
        helpers.bulk(es, ({"_index": index, "_id": d["doc_id"], "_source": {
            "doc_id": d["doc_id"], "ts": iso_ms(d["ts_ms"]), "country": d["country"], "kind": "bench"}} for d in docs),
                     refresh="wait_for")
        print(f"== Same windows: {len(docs)} documents, {args.hours:g} h, {len(GROUPS)} groups (query_key country), "
              f"segments of {SEGMENT_S} s, seed {args.seed}")
        print("ElastAlert2 = elastalert-test-rule over Elasticsearch; EA2 class = its SpikeRule class fed the "
              "same segments without Elasticsearch")
        print(f"{'variant':26} {'ElastAlert2':>11} {'EA2 class':>9} {'Parley':>7} {'same':>5} {'only EA2':>9}"
              f" {'only Parley':>12} {'Parley=class':>12} {'EA2 run s':>9} {'Parley run s':>12}")
        details = []
        for name, rule in VARIANTS:
            ea, ea_s = elastalert_fires(args.es, index, rule, start_ms, end_ms, venv)
            cls = ea_class_fires(docs, rule, start_ms, end_ms, venv)
            t0 = time.perf_counter()
            pa = parley_fires(docs, rule, start_ms, end_ms)
            pa_s = time.perf_counter() - t0
            same = sorted(set(ea) & set(pa))
            only_ea, only_pa = sorted(set(ea) - set(pa)), sorted(set(pa) - set(ea))
            all_same &= not only_ea and not only_pa and len(ea) == len(pa)
            print(f"{name:26} {len(ea):>11} {len(cls):>9} {len(pa):>7} {len(same):>5} {len(only_ea):>9}"
                  f" {len(only_pa):>12} {'yes' if sorted(cls) == sorted(pa) else 'NO':>12} {ea_s:>9.1f} {pa_s:>12.3f}")
            details.append((name, ea, pa))
        for name, ea, pa in details:
            print(f"-- {name}: side by side (group, first document of the current window, current, reference)")
            for row in sorted(set(ea) | set(pa), key=lambda r: (r[1], r[0])):
                print(f"   {row[0]} {iso_ms(row[1])} cur={row[2]:<3} ref={row[3]:<3} "
                      f"ElastAlert2={'yes' if row in ea else 'NO '} Parley={'yes' if row in pa else 'NO '}")
        print(f"same windows fire on every variant: {'yes' if all_same else 'NO'}")
    finally:
        es.indices.delete(index=index, ignore_unavailable=True)
        es.close()
    return all_same


def measure_latency(args: argparse.Namespace) -> None:
    from kafka import KafkaProducer

    from bench_alert_latency import VOCAB, Receiver, _cleanup, api, free_port, percentile

    tag = uuid.uuid4().hex[:8]
    api_port, key = free_port(), "bench-key"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env.update(PARLEY_KAFKA_BOOTSTRAP=args.kafka, PARLEY_ES_URL=args.es, PARLEY_TOPIC_PREFIX=f"bench{tag}.",
               PARLEY_APP_ID=f"bench{tag}", PARLEY_INDEX_PREFIX=f"bench{tag}", PARLEY_API_PORT=str(api_port),
               PARLEY_API_KEYS=f"bench:{key}", PARLEY_ALLOW_TARGETS="127.0.0.1/32", PYTHONPATH=str(ROOT))
    cli = [sys.executable, "-m", "streams.cli"]
    setup = subprocess.run(cli + ["setup"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    if setup.returncode:
        raise SystemExit(setup.stdout + setup.stderr + "\nsetup failed: start the services with "
                         "`python scripts/services.py start`")
    logpath = f"/tmp/bench-spike-worker-{tag}.log"
    worker = subprocess.Popen(cli + ["worker", "--web-port", str(free_port()), "--metrics-port", "0", "--loglevel",
                                     "warning"], env=env, cwd=ROOT, stdout=open(logpath, "wb"), stderr=subprocess.STDOUT)
    recv = Receiver()
    producer = KafkaProducer(bootstrap_servers=args.kafka, linger_ms=0, acks=1)
    topic = f"bench{tag}.articles.raw"
    word = "quorvspike"
    try:
        deadline = time.time() + 120
        while True:
            try:
                if api(f"http://127.0.0.1:{api_port}", key, "GET", "/health")["ready"]:
                    break
            except OSError:
                pass
            if time.time() > deadline or worker.poll() is not None:
                raise SystemExit(f"worker did not start: see {logpath}")
            time.sleep(0.5)
        api(f"http://127.0.0.1:{api_port}", key, "POST", "/subscriptions", {
            "name": "bench spikes", "query": word, "channels": [{"type": "webhook",
                                                                 "url": f"http://127.0.0.1:{recv.port}/hook"}],
            "rule": {"kind": "spike", "window_s": 60, "height": 3, "min_current": 4, "group_by": "source"}})
        time.sleep(1.5)
        sent: dict[str, float] = {}
        rng = random.Random(args.seed)

        def send(source: str) -> None:
            u = uuid.uuid4().hex
            url = f"https://{source}/{u}"
            a = {"url": url, "source": source, "lang": "en", "published": datetime.now(timezone.utc).isoformat(),
                 # random words: each article a story of its own (near-duplicates would count once per source)
                 "title": f"{word} " + " ".join(rng.choice(VOCAB) for _ in range(6)),
                 "text": f"{word} {u} " + " ".join(rng.choice(VOCAB) for _ in range(60))}
            sent[url] = time.time()
            producer.send(topic, key=url.encode(), value=json.dumps(a).encode())
            producer.flush()

        sources = [f"src{i}.example" for i in range(args.groups)]
        calm_end = time.time() + 140  # two windows and some: the rule's wait after each group's first article
        while time.time() < calm_end:
            for s in sources:
                send(s)
            time.sleep(30)
        for s in sources:  # one burst per source, one after the other: 12 articles in 3 s
            for _ in range(12):
                send(s)
                time.sleep(0.25)
            time.sleep(2)
        time.sleep(5)
        lat = [recv.first[url] - sent[url] for url, _ in _spike_alerts(recv) if url in sent]
        fired = {a.get("group") for _, a in _spike_alerts(recv)}
        print(f"== Latency: {len(lat)} spike alerts for {len(sources)} bursts (1 worker, {len(sent)} articles); "
              f"sources without one: {', '.join(s for s in sources if s not in fired) or 'none'}; "
              f"webhook posts {recv.posts}; " + "; ".join(f"{a['group']} {a['count']} vs {a['baseline']}"
                                                         for _, a in _spike_alerts(recv)))
        print(f"Parley crossing article produced -> webhook received: p50={percentile(lat, 50) * 1000:.0f} ms "
              f"max={max(lat, default=float('nan')) * 1000:.0f} ms (target < 1000 ms: "
              f"{'met' if lat and max(lat) < 1.0 else 'NOT met'})")
    finally:
        producer.close()
        stop_processes([worker])
        _cleanup(args.kafka, args.es, tag)


def _spike_alerts(recv: Any) -> list[tuple[str, dict]]:
    """(url of the crossing article, alert) of every spike alert the receiver got (its `article`
    is the crossing one)."""
    return [(k, a) for k, a in recv.alerts.items() if isinstance(a, dict) and a.get("kind") == "spike"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--es", default=os.environ.get("PARLEY_ES_URL", "http://127.0.0.1:9200"))
    ap.add_argument("--kafka", default=os.environ.get("PARLEY_KAFKA_BOOTSTRAP", "127.0.0.1:9092"))
    ap.add_argument("--hours", type=float, default=8.0, help="hours of documents to compare on (default 8)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--groups", type=int, default=8, help="latency: sources, one burst each (default 8)")
    ap.add_argument("--no-latency", action="store_true")
    ap.add_argument("--no-windows", action="store_true")
    args = ap.parse_args()
    ok = True
    if not args.no_windows:
        ok = compare_windows(args)
    if not args.no_latency:
        measure_latency(args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
