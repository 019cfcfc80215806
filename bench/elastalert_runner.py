"""ElastAlert2, the rule-based alerting tool users would otherwise pick, as the baseline
for Parley's alert latency (issue 4, section 5).

    .venv/bin/python bench/elastalert_runner.py --docs 300 --rate 100
    .venv/bin/python bench/elastalert_runner.py --docs 20 --rate 20 --query 'tags:ceasefire' --keep

`measure()` runs the whole comparison leg: it installs ElastAlert2 (first use only) in its own
venv, writes a config and one rule, creates the writeback index, starts `elastalert --verbose`,
waits for its first query, then indexes N documents into a fresh index at a paced rate (each
with a unique `doc_id`, `produced_at` and the timestamp field set when it is sent), receives
the rule's HTTP POSTs on a local receiver and returns the per-document latency
`received_at - produced_at` (one clock, this process). ElastAlert2 is stopped and its indices
are deleted at the end, whatever happens.

Why a separate venv: elastalert2 2.19.0 pins elasticsearch==7.10.1 and urllib3 1.26, while
Parley needs elasticsearch>=8.19 (it also imports pytz without declaring it: we install it
too). It lives in ``$PARLEY_ELASTALERT_VENV`` (default ``~/.cache/parley/elastalert2-venv``)
and is never added to pyproject.toml. It is started through a small shim (`_SHIM`) only
because the test node of scripts/services.py does not answer `GET /`, which ElastAlert2
reads for the server version.

How ElastAlert2 finds a document (elastalert/elastalert.py, 2.19.0):
- Each rule is an APScheduler interval job of `run_every` with a hard-coded `jitter=5` and
  `max_instances=1`: runs start `run_every + uniform(0, 5)` s apart, and a run that is still
  sending alerts delays the next. The first run is 0-15 s after start (random): we wait for it
  before producing.
- A run queries `timestamp_field` in (max(previous end, now - buffer_time), now - query_delay],
  sorted, drops hits already seen (by `_id`), then for each match, one after the other, POSTs
  it and indexes an alert record into the writeback index. That caps the alert rate (25-65/s
  on this shared 2-core machine), so at 100 docs/s the latency grows with the backlog.

Fastest reasonable settings (the defaults of RuleSettings): run_every 1 s (0.25 s was no
better within the jitter's noise); query_delay 0 (any delay adds to every alert);
buffer_time 60 s so a document sent just before a run but searchable only after the next
refresh is caught by a later window (the overlap costs nothing: hits are deduplicated);
realert 0 and no aggregation (every document alerts at once); type any with the query as a
filter; use_count_query/use_terms_query off (they return counts, not documents, so cannot
alert per document); --pin_rules (no rule-file rescans). The index keeps Elasticsearch's
default 1 s refresh_interval, as a user's would (`refresh_interval` changes it). Not stock:
`no_jitter` removes the 5 s jitter to show ElastAlert2's polling floor.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from processors.errors import ParleyError  # noqa: E402

__all__ = ["ELASTALERT_VERSION", "ElastAlertError", "RuleSettings", "LatencyResult", "WebhookReceiver",
           "ElastAlertProcess", "ensure_elastalert", "measure", "percentile"]

ELASTALERT_VERSION = "2.19.0"
_OK_MARKER = ".parley-installed"

# Run inside ElastAlert2's venv as `python shim.py create-index|elastalert ARGS`. ElastAlert2 reads
# the server version from `GET /`; the integ-test-zip Elasticsearch of scripts/services.py does not
# serve `GET /` (405), so on 404/405 only, the version comes from `GET /_nodes/_local` instead.
# Nothing else changes: a full Elasticsearch takes ElastAlert2's own path.
_SHIM = """\
import os
import sys
from elasticsearch.exceptions import TransportError
import elastalert.util as util
import elastalert.create_index as create_index

_stock = util.get_version_from_cluster_info


def _version(client):
    try:
        client.info()
    except TransportError as exc:
        if exc.status_code in (404, 405):
            nodes = client.transport.perform_request("GET", "/_nodes/_local",
                                                     params={"filter_path": "nodes.*.version"})
            return next(iter(nodes["nodes"].values()))["version"]
    return _stock(client)


util.get_version_from_cluster_info = create_index.get_version_from_cluster_info = _version
if os.environ.get("PARLEY_EA_NO_JITTER") == "1":  # not stock: RuleSettings.no_jitter, to show the floor
    import apscheduler.triggers.interval as interval
    _init = interval.IntervalTrigger.__init__
    interval.IntervalTrigger.__init__ = lambda self, *a, **kw: _init(self, *a, **{**kw, "jitter": None})
command, sys.argv = sys.argv[1], [sys.argv[1], *sys.argv[2:]]
if command == "create-index":
    sys.exit(create_index.main())
from elastalert.elastalert import main
sys.exit(main(sys.argv[1:]))
"""


class ElastAlertError(ParleyError):
    """ElastAlert2 could not be installed, started or run; the message says where to look."""

    reason = "elastalert"


def default_venv() -> Path:
    return Path(os.environ.get("PARLEY_ELASTALERT_VENV") or Path.home() / ".cache" / "parley" / "elastalert2-venv")


def _run(cmd: list[str], *, timeout: float, log: Path, env: Mapping[str, str] | None = None) -> None:
    with open(log, "ab") as fh:
        try:
            rc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                timeout=timeout, env=dict(env) if env is not None else None).returncode
        except subprocess.TimeoutExpired:
            rc = None
    if rc != 0:
        tail = log.read_text(errors="replace").splitlines()[-15:]
        what = "timed out" if rc is None else f"exit {rc}"
        raise ElastAlertError(f"{' '.join(cmd[:4])} ... failed ({what}); log {log}:\n  " + "\n  ".join(tail))


def ensure_elastalert(venv_dir: Path | None = None, version: str = ELASTALERT_VERSION, *,
                      timeout_s: float = 900.0) -> Path:
    """The venv holding `elastalert2==version`, created and installed on first use (~1 min).

    A marker file records a finished install, so a half-done one is redone; a lock file keeps
    two runs from installing at once. Raises ElastAlertError with the pip log's tail on failure.
    """
    venv = Path(venv_dir or default_venv())
    venv.parent.mkdir(parents=True, exist_ok=True)
    marker = venv / _OK_MARKER
    with open(venv.parent / f"{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists() and marker.read_text().strip() == version and (venv / "bin" / "elastalert").exists():
            return venv
        log = venv.parent / f"{venv.name}-install.log"
        log.write_text("")
        _run([sys.executable, "-m", "venv", "--clear", str(venv)], timeout=120, log=log)
        # pytz: elastalert/util.py imports it but 2.19.0 does not declare it (APScheduler 3.11 dropped it)
        _run([str(venv / "bin" / "pip"), "install", "--disable-pip-version-check", f"elastalert2=={version}", "pytz"],
             timeout=timeout_s, log=log)
        _run([str(venv / "bin" / "python"), "-c", "import elastalert.elastalert, elastalert.create_index"],
             timeout=120, log=log)
        marker.write_text(version)
    return venv


def installed_version(venv: Path) -> str:
    out = subprocess.run([str(venv / "bin" / "python"), "-c",
                          "import importlib.metadata as m; print(m.version('elastalert2'))"],
                         capture_output=True, text=True, timeout=60)
    return out.stdout.strip() or "unknown"


@dataclass(frozen=True)
class RuleSettings:
    """ElastAlert2's knobs that set its latency; the defaults are its fastest reasonable setup."""

    run_every_s: float = 1.0
    buffer_time_s: float = 60.0
    query_delay_s: float = 0.0
    max_query_size: int = 10000
    post_timeout_s: float = 5.0
    #: NOT stock ElastAlert2: drop the hard-coded 5 s scheduler jitter, to show its polling floor
    no_jitter: bool = False


class WebhookReceiver:
    """A threaded HTTP server on 127.0.0.1 that records (received_at, JSON body) for every POST."""

    def __init__(self, clock=time.time) -> None:
        self.clock = clock
        self.posts: list[tuple[float, Any]] = []
        self._cond = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                received_at = receiver.clock()
                try:
                    payload = json.loads(body or b"null")
                except ValueError:
                    payload = {"_raw": body.decode("utf-8", "replace")}
                with receiver._cond:
                    receiver.posts.append((received_at, payload))
                    receiver._cond.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/alert"

    def wait_for(self, n: int, timeout: float) -> bool:
        """True once `n` posts arrived, False if `timeout` seconds pass first."""
        with self._cond:
            return self._cond.wait_for(lambda: len(self.posts) >= n, timeout=timeout)

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class ElastAlertProcess:
    """One `elastalert` process with one rule: `type: any`, the query as a filter, POST to a URL.

    Use as a context manager: entering writes the files, creates the writeback index and starts
    the process; leaving stops it (SIGINT, then SIGKILL) and deletes the writeback indices.
    `wait_first_run()` blocks until the rule has queried once.

        with ElastAlertProcess(es_url, "parley-articles*", "ingested_at", 'text:"ceasefire"',
                               receiver.url, venv=ensure_elastalert()) as ea:
            ea.wait_first_run(60)
            ...  # index documents; ElastAlert2 POSTs each match to receiver.url
    """

    def __init__(self, es_url: str, index: str, ts_field: str, query: str | Mapping[str, Any],
                 webhook_url: str, *, venv: Path, settings: RuleSettings = RuleSettings(),
                 workdir: Path | None = None, run_id: str | None = None) -> None:
        self.es_url, self.index, self.ts_field, self.query = es_url, index, ts_field, query
        self.webhook_url, self.venv, self.settings = webhook_url, venv, settings
        self.run_id = run_id or uuid.uuid4().hex[:8]
        self.rule_name = f"parley-ea-bench-{self.run_id}"
        self.writeback_index = f"parley-ea-writeback-{self.run_id}"
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="parley-elastalert-"))
        self.log_path = self.workdir / "elastalert.log"
        self._proc: subprocess.Popen[bytes] | None = None
        self._first_run = threading.Event()
        self._tail: list[str] = []

    # files -------------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        url = urlsplit(self.es_url)
        s = self.settings
        return {
            "rules_folder": str(self.workdir / "rules"),
            "run_every": {"seconds": s.run_every_s},
            "buffer_time": {"seconds": s.buffer_time_s},
            "es_host": url.hostname or "127.0.0.1",
            "es_port": url.port or (443 if url.scheme == "https" else 9200),
            "use_ssl": url.scheme == "https",
            "writeback_index": self.writeback_index,
            "alert_time_limit": {"minutes": 5},
            "max_query_size": s.max_query_size,
            "disable_rules_on_error": False,
            "show_disabled_rules": False,
        }

    def rule(self) -> dict[str, Any]:
        query = self.query if isinstance(self.query, Mapping) else {"query_string": {"query": self.query}}
        rule: dict[str, Any] = {
            "name": self.rule_name,
            "type": "any",
            "index": self.index,
            "timestamp_field": self.ts_field,
            "filter": [{"query": dict(query)}],
            "realert": {"minutes": 0},
            "alert": ["post2"],
            "http_post2_url": self.webhook_url,
            "http_post2_all_values": True,
            "http_post2_timeout": self.settings.post_timeout_s,
        }
        if self.settings.query_delay_s:
            rule["query_delay"] = {"seconds": self.settings.query_delay_s}
        return rule

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
        env["PARLEY_EA_NO_JITTER"] = "1" if self.settings.no_jitter else "0"
        return env

    # lifecycle ---------------------------------------------------------------------------
    def __enter__(self) -> ElastAlertProcess:
        (self.workdir / "rules").mkdir(parents=True, exist_ok=True)
        cfg = self.workdir / "config.yaml"
        cfg.write_text(yaml.safe_dump(self.config(), sort_keys=False))
        (self.workdir / "rules" / "rule.yaml").write_text(yaml.safe_dump(self.rule(), sort_keys=False))
        shim = self.workdir / "shim.py"
        shim.write_text(_SHIM)
        python = str(self.venv / "bin" / "python")
        try:
            _run([python, str(shim), "create-index", "--config", str(cfg), "--index", self.writeback_index],
                 timeout=120, log=self.workdir / "create-index.log", env=self._env())
            self._no_replicas()
            self._proc = subprocess.Popen(
                [python, str(shim), "elastalert", "--config", str(cfg), "--verbose", "--pin_rules"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=self._env(), cwd=self.workdir, start_new_session=True)
        except BaseException:
            self._delete_writeback()
            raise
        atexit.register(self.stop)
        threading.Thread(target=self._pump, name="elastalert-log", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        atexit.unregister(self.stop)
        self._delete_writeback()

    def _pump(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        marker = f"Ran {self.rule_name} "
        with open(self.log_path, "ab") as log:
            for raw in self._proc.stdout:
                log.write(raw)
                line = raw.decode("utf-8", "replace").rstrip()
                self._tail = (self._tail + [line])[-20:]
                if marker in line:
                    self._first_run.set()

    def wait_first_run(self, timeout: float) -> None:
        """Block until the rule has run once (ElastAlert2 starts it 0-15 s after launch)."""
        deadline = time.monotonic() + timeout
        while not self._first_run.wait(0.2):
            if self._proc is None or self._proc.poll() is not None:
                raise ElastAlertError(f"elastalert exited early (rc={self._proc and self._proc.returncode}); "
                                      f"log {self.log_path}:\n  " + "\n  ".join(self._tail))
            if time.monotonic() > deadline:
                raise ElastAlertError(f"elastalert did not run its rule within {timeout:.0f} s; "
                                      f"log {self.log_path}:\n  " + "\n  ".join(self._tail))

    def stop(self) -> None:
        """Stop the process and its children: SIGINT (ElastAlert2 exits at once), SIGKILL after 10 s."""
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGINT, 10.0), (signal.SIGKILL, 10.0)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def _no_replicas(self) -> None:
        """elastalert-create-index asks for 1 replica: on a one-node test cluster that turns it yellow."""
        from elasticsearch import Elasticsearch

        with contextlib.suppress(Exception), Elasticsearch(self.es_url, request_timeout=30) as es:
            es.indices.put_settings(index=f"{self.writeback_index}*", settings={"index.number_of_replicas": 0})

    def _delete_writeback(self) -> None:
        from elasticsearch import Elasticsearch

        with contextlib.suppress(Exception), Elasticsearch(self.es_url, request_timeout=30) as es:
            for name in es.indices.get(index=f"{self.writeback_index}*", expand_wildcards="all"):
                es.indices.delete(index=name, ignore_unavailable=True)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of `values`; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


@dataclass
class LatencyResult:
    """Per-document alert latency of one run. `latencies_s` follows production order."""

    tool: str
    version: str
    n_docs: int
    rate: float
    alerted: int
    latencies_s: list[float]
    duplicates: int = 0
    unexpected: int = 0
    #: seconds from the first alert received to the last: alerted / span is the alert rate it sustained
    alert_span_s: float = 0.0
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def p50(self) -> float:
        return percentile(self.latencies_s, 50)

    @property
    def p95(self) -> float:
        return percentile(self.latencies_s, 95)

    @property
    def p99(self) -> float:
        return percentile(self.latencies_s, 99)

    @property
    def alerts_per_s(self) -> float:
        return (self.alerted - 1) / self.alert_span_s if self.alerted > 1 and self.alert_span_s > 0 else float("nan")

    @property
    def max(self) -> float:
        return max(self.latencies_s, default=float("nan"))

    def summary(self) -> str:
        return (f"{self.tool} {self.version}: alerted {self.alerted}/{self.n_docs} at {self.rate:g} docs/s  "
                f"p50={self.p50 * 1000:.0f} ms  p95={self.p95 * 1000:.0f} ms  p99={self.p99 * 1000:.0f} ms  "
                f"max={self.max * 1000:.0f} ms  alerts/s={self.alerts_per_s:.0f}  "
                f"duplicates={self.duplicates} unexpected={self.unexpected}")


def _delete_stale(es: Any, index_prefix: str, max_age_s: float = 3600.0) -> None:
    """Best effort: drop this runner's indices left over by runs killed more than an hour ago."""
    with contextlib.suppress(Exception):
        rows = es.cat.indices(index=f"{index_prefix}-*,parley-ea-writeback-*", h="index,creation.date", format="json")
        for row in rows:
            if time.time() - int(row["creation.date"]) / 1000 > max_age_s:
                es.indices.delete(index=row["index"], ignore_unavailable=True)


def _paced(n: int, rate: float) -> Iterator[int]:
    start = time.monotonic()
    for i in range(n):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        yield i


def measure(es_url: str = "http://127.0.0.1:9200", *, n_docs: int = 300, rate: float = 100.0,
            index_prefix: str = "parley-ea-bench", ts_field: str = "ingested_at",
            query: str | Mapping[str, Any] = 'text:"ceasefire"', decoys: int = 0,
            settings: RuleSettings = RuleSettings(), refresh_interval: str | None = None,
            venv_dir: Path | None = None, ready_timeout_s: float = 60.0, drain_timeout_s: float | None = None,
            keep: bool = False) -> LatencyResult:
    """ElastAlert2's produce->webhook latency for `n_docs` matching documents sent at `rate`/s.

    The documents go into a fresh index `<index_prefix>-<run id>` (deleted afterwards unless
    `keep`), mapped with `text` (text), `tags` (keyword), `doc_id` (keyword) and `ts_field`,
    `produced_at` (date). Each says "ceasefire" in `text` and `tags`, so the default query and
    `tags:ceasefire` both match; `decoys` non-matching documents are interleaved and must not
    alert (counted in `unexpected` if they do). Waits up to `drain_timeout_s` (default
    60 s + 1 s per 25 documents: ElastAlert2 sends 25-60 alerts/s here) after the last
    document. Raises ElastAlertError if Elasticsearch does not answer or ElastAlert2 cannot be
    installed or run.

        result = measure("http://127.0.0.1:9200", n_docs=1000, rate=100)
        print(result.summary(), result.p99)
    """
    from elastic_transport import ConnectionError as EsConnectionError
    from elasticsearch import Elasticsearch

    venv = ensure_elastalert(venv_dir)
    version = installed_version(venv)
    run_id = uuid.uuid4().hex[:8]
    index = f"{index_prefix}-{run_id}"
    es = Elasticsearch(es_url, request_timeout=30)
    index_settings: dict[str, Any] = {"number_of_shards": 1, "number_of_replicas": 0}
    if refresh_interval:
        index_settings["refresh_interval"] = refresh_interval
    try:
        es.indices.create(index=index, settings=index_settings, mappings={"properties": {
            "doc_id": {"type": "keyword"}, "text": {"type": "text"}, "tags": {"type": "keyword"},
            "produced_at": {"type": "date"}, ts_field: {"type": "date"}}})
    except EsConnectionError as exc:
        es.close()
        raise ElastAlertError(f"Elasticsearch does not answer at {es_url} ({exc}); start the test node with "
                              f"`.venv/bin/python scripts/services.py start` or pass --es-url") from exc
    _delete_stale(es, index_prefix)
    produced: dict[str, float] = {}
    decoy_ids: set[str] = set()
    workdir = Path(tempfile.mkdtemp(prefix="parley-elastalert-"))
    try:
        with WebhookReceiver() as receiver, ElastAlertProcess(
                es_url, index, ts_field, query, receiver.url, venv=venv, settings=settings,
                workdir=workdir, run_id=run_id) as ea:
            ea.wait_first_run(ready_timeout_s)
            total = n_docs + decoys
            every = (total // decoys) if decoys else 0
            for i in _paced(total, rate):
                decoy = bool(every) and i % every == every - 1 and len(decoy_ids) < decoys
                doc_id = f"{run_id}-{i:06d}"
                now = time.time()
                iso = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"
                doc = {"doc_id": doc_id, "produced_at": iso, ts_field: iso,
                       "title": f"Bench article {i}",
                       "text": ("Delegates discussed the harvest and the weather." if decoy else
                                f"Both sides agreed a ceasefire along the line, report {i} says."),
                       "tags": [] if decoy else ["ceasefire"]}
                if decoy:
                    decoy_ids.add(doc_id)
                else:
                    produced[doc_id] = now
                es.index(index=index, id=doc_id, document=doc)
            drain = drain_timeout_s if drain_timeout_s is not None else 60.0 + total / 25
            receiver.wait_for(len(produced), drain)
            time.sleep(min(2.0, drain))  # late duplicates or decoys
            posts = list(receiver.posts)
    except EsConnectionError as exc:
        raise ElastAlertError(f"lost Elasticsearch at {es_url} during the run ({exc}); config, rule and "
                              f"ElastAlert2's log are in {workdir}") from exc
    finally:
        if not keep:
            with contextlib.suppress(Exception):
                es.indices.delete(index=index, ignore_unavailable=True)
        es.close()
    first: dict[str, float] = {}
    duplicates = unexpected = 0
    for received_at, payload in posts:
        doc_id = payload.get("doc_id") if isinstance(payload, dict) else None
        if doc_id in produced:
            if doc_id in first:
                duplicates += 1
            else:
                first[doc_id] = received_at
        else:
            unexpected += 1
    latencies = [first[d] - t for d, t in produced.items() if d in first]
    span = max(first.values()) - min(first.values()) if first else 0.0
    if not keep:  # on an exception the workdir (config, rule, ElastAlert2's log) stays for a look
        shutil.rmtree(workdir, ignore_errors=True)
    return LatencyResult(tool="ElastAlert2", version=version, n_docs=len(produced), rate=rate,
                         alerted=len(first), latencies_s=latencies, duplicates=duplicates,
                         unexpected=unexpected, alert_span_s=span, settings={**asdict(settings), "index": index,
                                                          "writeback_index": f"parley-ea-writeback-{run_id}",
                                                          "ts_field": ts_field, "query": query,
                                                          "refresh_interval": refresh_interval or "1s (default)",
                                                          "workdir": str(workdir) if keep else None})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--es-url", default=os.environ.get("PARLEY_ES_URL", "http://127.0.0.1:9200"))
    ap.add_argument("--docs", type=int, default=300, help="matching documents to index (default 300)")
    ap.add_argument("--rate", type=float, default=100.0, help="documents per second (default 100)")
    ap.add_argument("--decoys", type=int, default=0, help="non-matching documents interleaved (must not alert)")
    ap.add_argument("--query", default='text:"ceasefire"', help="Lucene query_string for the rule")
    ap.add_argument("--ts-field", default="ingested_at")
    ap.add_argument("--run-every", type=float, default=1.0, help="ElastAlert2 run_every, seconds")
    ap.add_argument("--buffer-time", type=float, default=60.0, help="ElastAlert2 buffer_time, seconds")
    ap.add_argument("--query-delay", type=float, default=0.0, help="ElastAlert2 query_delay, seconds")
    ap.add_argument("--refresh-interval", default=None, help="index refresh_interval (default: ES's 1s)")
    ap.add_argument("--drain-timeout", type=float, default=None,
                    help="seconds to wait for alerts after the last doc (default 60 + docs/25)")
    ap.add_argument("--no-jitter", action="store_true",
                    help="NOT stock: remove ElastAlert2's hard-coded 5 s scheduler jitter (shows its polling floor)")
    ap.add_argument("--keep", action="store_true", help="keep the index and the ElastAlert2 files/log")
    ap.add_argument("--json", action="store_true", help="print the result as JSON too")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks: stop ElastAlert2
    try:
        result = measure(args.es_url, n_docs=args.docs, rate=args.rate, decoys=args.decoys, query=args.query,
                         ts_field=args.ts_field, refresh_interval=args.refresh_interval,
                         settings=RuleSettings(run_every_s=args.run_every, buffer_time_s=args.buffer_time,
                                               query_delay_s=args.query_delay, no_jitter=args.no_jitter),
                         drain_timeout_s=args.drain_timeout, keep=args.keep)
    except ElastAlertError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(result.summary())
    print("settings: " + " ".join(f"{k}={v}" for k, v in result.settings.items() if v is not None))
    if args.json:
        print(json.dumps({**asdict(result), "p50": result.p50, "p95": result.p95, "p99": result.p99,
                          "alerts_per_s": result.alerts_per_s}))
    return 0 if result.alerted == result.n_docs else 1


if __name__ == "__main__":
    sys.exit(main())
