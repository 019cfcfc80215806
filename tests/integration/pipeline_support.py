"""Helpers for the pipeline's integration tests: isolated names, worker subprocesses, waiting."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stack:
    """One isolated pipeline: its own topic prefix, consumer group and index prefix."""

    kafka: str
    es_url: str
    tag: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    workers: list["Worker"] = field(default_factory=list)
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        # PARLEY_TAGGER passes through: the same tests can run against another tagger
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_") or k == "PARLEY_TAGGER"}
        env.update(
            PARLEY_KAFKA_BOOTSTRAP=self.kafka,
            PARLEY_ES_URL=self.es_url,
            PARLEY_TOPIC_PREFIX=f"it{self.tag}.",
            PARLEY_APP_ID=f"it{self.tag}",
            PARLEY_INDEX_PREFIX=f"it{self.tag}",
            PARLEY_TOPIC_PARTITIONS="4",
            PARLEY_SESSION_TIMEOUT="10",
            PARLEY_BULK_MAX_RETRY_SECONDS="3",
            PARLEY_COMMIT_INTERVAL="0.5",
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        )
        env.update(self.extra_env)  # a test's own settings win over the defaults above
        return env

    def settings(self):
        from streams.config import Settings

        return Settings.from_env(self.env)

    def parley(self, *args: str, timeout: float = 120, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "streams.cli", *args], env=self.env, cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout, input=input)

    def start_worker(self, log_dir: Path) -> "Worker":
        w = Worker(self, log_dir / f"worker-{len(self.workers)}.log", free_port(), free_port())
        w.start()
        self.workers.append(w)
        return w

    def stop_all(self) -> None:
        for w in self.workers:
            w.stop()


@dataclass
class Worker:
    stack: Stack
    log: Path
    web_port: int
    metrics_port: int
    proc: subprocess.Popen | None = None

    def start(self) -> None:
        fh = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streams.cli", "worker", "--web-port", str(self.web_port),
             "--metrics-port", str(self.metrics_port), "--loglevel", "info"],
            env=self.stack.env, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT,
        )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def samples(self, name: str, labels: dict[str, str] | None = None) -> list[float]:
        from prometheus_client.parser import text_string_to_metric_families

        body = urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=5).read().decode()
        return [
            s.value
            for fam in text_string_to_metric_families(body)
            for s in fam.samples
            if s.name == name and all(s.labels.get(k) == v for k, v in (labels or {}).items())
        ]

    def metric(self, name: str, labels: dict[str, str] | None = None) -> float | None:
        values = self.samples(name, labels)
        return values[0] if values else None

    def tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def api_request(method: str, url: str, body: Any = None, key: str | None = None,
                headers: dict[str, str] | None = None) -> Any:
    """A JSON request to a worker's HTTP API, with its API key."""
    return urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None,
                                  headers={"Content-Type": "application/json", **({"X-API-Key": key} if key else {}),
                                           **(headers or {})})


def api_call(method: str, url: str, body: Any = None, key: str | None = None) -> tuple[int, Any]:
    """(status, the JSON it answered or None) of one request to a worker's HTTP API; status 0
    when nothing answered (a worker starting or killed)."""
    try:
        with urllib.request.urlopen(api_request(method, url, body, key), timeout=10) as resp:
            raw = resp.read()
            return resp.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        return exc.code, json.loads(raw) if raw else None
    except OSError:
        return 0, None


def wait_for(predicate: Callable[[], Any], timeout: float, interval: float = 0.5, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
        except Exception as exc:  # noqa: BLE001 - e.g. ES restarting
            last = exc
        if last and not isinstance(last, Exception):
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})")


def es_count(es_client: Any, index: str) -> int:
    es_client.indices.refresh(index=index)
    return int(es_client.count(index=index)["count"])


def all_ids(es_client: Any, index: str) -> list[str]:
    es_client.indices.refresh(index=index)
    ids: list[str] = []
    resp = es_client.search(index=index, size=5000, source=False, sort=["_doc"], scroll="1m")
    while resp["hits"]["hits"]:
        ids += [h["_id"] for h in resp["hits"]["hits"]]
        resp = es_client.scroll(scroll_id=resp["_scroll_id"], scroll="1m")
    es_client.clear_scroll(scroll_id=resp["_scroll_id"])
    return ids


def read_topic(kafka: str, topic: str, timeout: float = 10.0) -> list[Any]:
    """Every record of ``topic`` from the beginning to its current end."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=kafka, group_id=None, enable_auto_commit=False,
                             max_partition_fetch_bytes=30 * 1024 * 1024, fetch_max_bytes=60 * 1024 * 1024)
    try:
        parts = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in parts]
        if not tps:
            return []
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = consumer.end_offsets(tps)
        out: list[Any] = []
        deadline = time.monotonic() + timeout
        while any(consumer.position(tp) < end[tp] for tp in tps) and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                out.extend(records)
        return out
    finally:
        consumer.close()


def cleanup(stack: Stack, kafka_admin: Any, es_client: Any) -> None:
    stack.stop_all()
    prefix = f"it{stack.tag}"
    try:
        names = [t for t in kafka_admin.list_topics() if t.startswith(prefix)]
        if names:
            kafka_admin.delete_topics(names)
    except Exception as exc:  # noqa: BLE001
        print(f"topic cleanup failed: {exc!r}")
    try:
        es_client.options(ignore_status=404).indices.delete(index=f"{prefix}-*", expand_wildcards="all")
        es_client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-*")
    except Exception as exc:  # noqa: BLE001
        print(f"index cleanup failed: {exc!r}")


def jsonl(articles: list[dict]) -> str:
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
