#!/usr/bin/env python3
"""A Kafka cluster (KRaft) and an Elasticsearch cluster on one machine, for failure tests.

Usage::

    python scripts/cluster.py start [--brokers 3] [--es-nodes 3]
    python scripts/cluster.py status | env | stop
    python scripts/cluster.py kill-broker N | start-broker N | kill-es N | start-es N

(``python scripts/services.py --cluster start`` does the same as ``start`` here.)

The nodes run from the jars and the Elasticsearch distribution that ``scripts/services.py``
caches (no second download). Each Kafka node is broker *and* controller, so three nodes give
a three-voter KRaft quorum that survives one node down. Ports are derived from the
single-node ones, offset so both can run at once (``make test`` runs the single-node tier
and then this one)::

    Kafka node i:          PARLEY_SERVICES_KAFKA_PORT + 10 + 2i   (controller: +1)
    Elasticsearch node i:  PARLEY_SERVICES_ES_PORT + 10 + i       (transport: PARLEY_SERVICES_ES_PORT + 20 + i)

so with the defaults: brokers 9102, 9104, 9106; Elasticsearch 9210, 9211, 9212.
Memory (fits 2 cores / 24 GiB beside the single-node tier): PARLEY_CLUSTER_KAFKA_HEAP (384m)
per broker, PARLEY_CLUSTER_ES_HEAP (512m) per Elasticsearch node; each JVM is told it has
one processor so that six of them do not each start thread pools sized for the machine.

State lives in ``<cache>/cluster-state.json``; each run gets a fresh data directory under
``<cache>/cluster-runs/``, wiped by ``stop``. ``kill-*`` sends SIGKILL (as the OOM killer or a
power cut would); ``start-*`` starts the node again on its data and waits until it is back.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ClusterSettings", "start", "stop", "status", "env", "kill_broker", "start_broker", "kill_es",
           "start_es", "broker_ports", "es_ports", "partition_leaders"]


def _services():
    """scripts/ is not a package: services.py is loaded by path, once (the same module the
    integration fixtures load, so its helpers and errors are shared)."""
    if "parley_services" in sys.modules:
        return sys.modules["parley_services"]
    path = Path(__file__).resolve().parent / "services.py"
    spec = importlib.util.spec_from_file_location("parley_services", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["parley_services"] = module
    spec.loader.exec_module(module)
    return module


S = _services()
ServicesError = S.ServicesError


@dataclass
class ClusterSettings:
    """How many nodes, on which ports, with what memory."""

    cache_dir: Path = field(default_factory=S._default_cache)
    brokers: int = 3
    es_nodes: int = 3
    kafka_base: int = field(default_factory=lambda: S._env_int("PARLEY_SERVICES_KAFKA_PORT", 9092) + 10)
    es_base: int = field(default_factory=lambda: S._env_int("PARLEY_SERVICES_ES_PORT", 9200) + 10)
    kafka_heap: str = field(default_factory=lambda: os.environ.get("PARLEY_CLUSTER_KAFKA_HEAP", "384m"))
    es_heap: str = field(default_factory=lambda: os.environ.get("PARLEY_CLUSTER_ES_HEAP", "512m"))
    kafka_versions: tuple[str, ...] = S.KAFKA_VERSIONS
    es_version: str = field(default_factory=lambda: os.environ.get("PARLEY_ES_VERSION") or S.ES_VERSION)
    timeout: float = 300.0

    def __post_init__(self) -> None:
        for name in ("brokers", "es_nodes"):
            n = getattr(self, name)
            if not 1 <= n <= 9:
                raise ServicesError(f"--{name.replace('_', '-')} {n}: run between 1 and 9 nodes")

    @property
    def state_file(self) -> Path:
        return self.cache_dir / "cluster-state.json"


def broker_ports(s: ClusterSettings) -> list[tuple[int, int]]:
    """(client port, controller port) of each Kafka node."""
    return [(s.kafka_base + 2 * i, s.kafka_base + 2 * i + 1) for i in range(s.brokers)]


def es_ports(s: ClusterSettings) -> list[tuple[int, int]]:
    """(HTTP port, transport port) of each Elasticsearch node."""
    return [(s.es_base + i, s.es_base + 10 + i) for i in range(s.es_nodes)]


def kafka_properties(s: ClusterSettings, i: int, data: Path) -> str:
    """server.properties of Kafka node i (node.id i+1)."""
    ports = broker_ports(s)
    port, cport = ports[i]
    voters = ",".join(f"{n + 1}@127.0.0.1:{c}" for n, (_, c) in enumerate(ports))
    rf = min(3, s.brokers)
    isr = 2 if s.brokers >= 3 else 1
    return f"""\
process.roles=broker,controller
node.id={i + 1}
controller.quorum.voters={voters}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{cport}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={data}
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=1
default.replication.factor={rf}
min.insync.replicas={isr}
unclean.leader.election.enable=false
offsets.topic.replication.factor={rf}
offsets.topic.num.partitions=4
transaction.state.log.replication.factor={rf}
transaction.state.log.min.isr={isr}
share.coordinator.state.topic.replication.factor={rf}
share.coordinator.state.topic.min.isr={isr}
group.initial.rebalance.delay.ms=0
log.retention.hours=24
message.max.bytes={26 * 1024 * 1024}
replica.fetch.max.bytes={26 * 1024 * 1024}
num.network.threads=2
num.io.threads=2
num.replica.fetchers=1
background.threads=2
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=6000
"""


def es_yaml(s: ClusterSettings, i: int, edir: Path) -> str:
    """elasticsearch.yml of node i."""
    http, transport = es_ports(s)[i]
    if s.es_nodes == 1:
        discovery = "discovery.type: single-node\n"
    else:
        seeds = ", ".join(f'"127.0.0.1:{t}"' for _, t in es_ports(s))
        masters = ", ".join(f'"parley-node-{n}"' for n in range(s.es_nodes))
        discovery = f"discovery.seed_hosts: [{seeds}]\ncluster.initial_master_nodes: [{masters}]\n"
    return f"""\
cluster.name: parley-cluster
node.name: parley-node-{i}
path.data: {edir / 'data'}
path.logs: {edir / 'logs'}
network.host: 127.0.0.1
http.port: {http}
transport.port: {transport}
{discovery}xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
node.processors: 1
"""


# --------------------------------------------------------------------------- state


# the single-node script's state file helpers (they need only `state_file` and `cache_dir`)
_read = S._read_state
_write = S._write_state


def _from_state(state: dict) -> ClusterSettings:
    cfg = state["settings"]
    return ClusterSettings(cache_dir=Path(cfg["cache_dir"]), brokers=int(cfg["brokers"]), es_nodes=int(cfg["es_nodes"]),
                           kafka_base=int(cfg["kafka_base"]), es_base=int(cfg["es_base"]), kafka_heap=cfg["kafka_heap"],
                           es_heap=cfg["es_heap"], es_version=cfg["es_version"])


# --------------------------------------------------------------------------- nodes


def _kafka_java(s: ClusterSettings, kdir: Path, libs: Path) -> list[str]:
    return ["java", f"-Xms{s.kafka_heap}", f"-Xmx{s.kafka_heap}", "-XX:+UseG1GC", "-XX:ActiveProcessorCount=1",
            "-XX:MaxDirectMemorySize=128m", "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={kdir / 'log4j2.properties'}", f"-Dkafka.logs.dir={kdir}",
            "-cp", str(libs / "*")]


def _prepare_broker(s: ClusterSettings, run: Path, i: int, libs: Path, cluster_id: str) -> dict:
    kdir = run / f"kafka-{i}"
    kdir.mkdir(parents=True, exist_ok=True)
    (kdir / "server.properties").write_text(kafka_properties(s, i, kdir / "data"))
    S.write_kafka_log_config(kdir)
    fmt = S.subprocess.run([*_kafka_java(s, kdir, libs), "kafka.tools.StorageTool", "format", "-t", cluster_id,
                            "-c", str(kdir / "server.properties"), "--ignore-formatted"], capture_output=True, text=True)
    if fmt.returncode:
        raise ServicesError(f"kafka storage format of node {i} failed:\n{fmt.stdout}\n{fmt.stderr}")
    port, cport = broker_ports(s)[i]
    return {"dir": str(kdir), "port": port, "controller_port": cport, "pid": None, "log": str(kdir / "server.log")}


def _spawn_broker(s: ClusterSettings, node: dict, libs: Path) -> None:
    kdir = Path(node["dir"])
    proc = S._spawn([*_kafka_java(s, kdir, libs), "kafka.Kafka", str(kdir / "server.properties")], kdir / "stdout.log")
    node["pid"] = proc.pid


def _prepare_es(s: ClusterSettings, run: Path, i: int, home: Path, as_nobody: bool) -> dict:
    edir = run / f"es-{i}"
    conf = edir / "config"
    for sub in ("config", "data", "logs", "tmp"):
        (edir / sub).mkdir(parents=True, exist_ok=True)
    shutil.copy(home / "config" / "log4j2.properties", conf / "log4j2.properties")
    (conf / "elasticsearch.yml").write_text(es_yaml(s, i, edir))
    (conf / "jvm.options").write_text("-XX:+UseG1GC\n-Djava.io.tmpdir=${ES_TMPDIR}\n-XX:+ExitOnOutOfMemoryError\n"
                                      "-XX:-HeapDumpOnOutOfMemoryError\n-XX:ActiveProcessorCount=1\n")
    if as_nobody:
        for path in [run, edir, *edir.rglob("*")]:
            os.chown(path, *S.NOBODY)
    http, transport = es_ports(s)[i]
    return {"dir": str(edir), "port": http, "transport_port": transport, "url": f"http://127.0.0.1:{http}",
            "pid": None, "pid_file": str(edir / "es.pid"), "log": str(edir / "logs" / "parley-cluster.log")}


def _spawn_es(s: ClusterSettings, node: dict, home: Path, as_nobody: bool) -> None:
    edir = Path(node["dir"])
    Path(node["pid_file"]).unlink(missing_ok=True)
    launcher = S._spawn([str(home / "bin" / "elasticsearch"), "-d", "-p", node["pid_file"]], edir / "launcher.log",
                        env_extra={"ES_JAVA_HOME": S._es_java_home(s.es_version), "ES_PATH_CONF": str(edir / "config"),
                                   "ES_TMPDIR": str(edir / "tmp"), "ES_JAVA_OPTS": f"-Xms{s.es_heap} -Xmx{s.es_heap}"},
                        cwd=edir, as_nobody=as_nobody)
    node["pid"] = None
    node["launcher_pid"] = launcher.pid


def _es_pid(node: dict) -> int | None:
    if node.get("pid"):
        return int(node["pid"])
    try:
        text = Path(node["pid_file"]).read_text().strip()
    except OSError:
        return None
    if text.isdigit():
        node["pid"] = int(text)
        return node["pid"]
    return None


def _es_nodes_seen(url: str) -> int:
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=2) as resp:
            return int(json.load(resp).get("number_of_nodes", 0))
    except (OSError, ValueError):
        return 0


def _kafka_brokers_seen(bootstrap: str) -> int:
    try:
        from kafka import KafkaAdminClient
    except ImportError:  # outside the project venv: every node answering is all we can check
        return 0
    try:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000, client_id="parley-cluster")
        try:
            return len(admin.describe_cluster().get("brokers") or [])
        finally:
            admin.close()
    except Exception:  # noqa: BLE001 - not ready yet
        return 0


def _wait(s: ClusterSettings, state: dict, log, *, brokers: list[int] | None = None, es: list[int] | None = None) -> float:
    """Wait until the named nodes (default: all) answer and each cluster sees all its nodes; seconds taken."""
    brokers = list(range(s.brokers)) if brokers is None else brokers
    es = list(range(s.es_nodes)) if es is None else es
    t0 = time.monotonic()
    deadline = t0 + s.timeout
    pending_k, pending_e = set(brokers), set(es)
    while pending_k or pending_e:
        for i in sorted(pending_k):
            node = state["kafka"][i]
            if S._kafka_api_versions(f"127.0.0.1:{node['port']}"):
                pending_k.discard(i)
            elif not S._alive(node["pid"]):
                raise ServicesError(f"Kafka node {i} exited while starting; see {node['log']} and "
                                    f"{Path(node['log']).with_name('stdout.log')}")
        for i in sorted(pending_e):
            node = state["es"][i]
            if _es_pid(node) and S.es_ready(node["url"]):
                S._reap(node.get("launcher_pid") or 0)
                pending_e.discard(i)
            elif not node.get("pid") and not S._alive(node.get("launcher_pid")):
                S._reap(node.get("launcher_pid") or 0)
                if not Path(node["pid_file"]).exists():
                    raise ServicesError(f"Elasticsearch node {i} exited while starting; see {node['log']}")
        if time.monotonic() > deadline:
            raise ServicesError(f"timed out after {s.timeout:.0f}s waiting for Kafka nodes {sorted(pending_k)}, "
                                f"Elasticsearch nodes {sorted(pending_e)}")
        if pending_k or pending_e:
            time.sleep(0.5)
    bootstrap = env_of(state)["PARLEY_KAFKA_BOOTSTRAP"]
    url = state["es"][es[0] if es else 0]["url"]
    while (brokers and _kafka_brokers_seen(bootstrap) < s.brokers) or (es and _es_nodes_seen(url) < s.es_nodes):
        if time.monotonic() > deadline:
            raise ServicesError(f"timed out after {s.timeout:.0f}s waiting for the clusters to see all their nodes")
        time.sleep(0.5)
    took = round(time.monotonic() - t0, 1)
    log(f"ready in {took}s: Kafka nodes {brokers}, Elasticsearch nodes {es}")
    return took


# --------------------------------------------------------------------------- public API


def start(s: ClusterSettings | None = None, *, log=S._say) -> dict:
    """Start the clusters (or find them running) and wait until each sees all its nodes."""
    s = s or ClusterSettings()
    with S._locked(s):
        state = _read(s)
        if state and all(S._alive(n["pid"]) for n in state["kafka"]) and all(_es_pid(n) and S._alive(_es_pid(n))
                                                                             for n in state["es"]):
            running = _from_state(state)
            if (running.brokers, running.es_nodes) != (s.brokers, s.es_nodes):
                raise ServicesError(f"a cluster of {running.brokers} brokers / {running.es_nodes} Elasticsearch nodes "
                                    f"runs already ({s.state_file}): stop it first (`scripts/cluster.py stop`)")
            log("cluster already running")
            return {**state, "already_running": True}
        if state:
            log("found a stale cluster state file; cleaning up the previous run")
            _stop(s, state, log)
        busy = [p for pair in broker_ports(s) + es_ports(s) for p in pair if not S._port_free(p)]
        if busy:
            raise ServicesError(f"ports {busy} already in use on 127.0.0.1 (find the process with `ss -ltnp`); "
                                f"stop it or move the cluster (PARLEY_SERVICES_KAFKA_PORT / PARLEY_SERVICES_ES_PORT)")
        S._require_tools("java")
        t0 = time.monotonic()
        version, libs, _ = S._kafka_libs(S.Settings(cache_dir=s.cache_dir, kafka_versions=s.kafka_versions), log)
        home, _ = S._es_home(S.Settings(cache_dir=s.cache_dir, es_version=s.es_version), log)
        as_nobody = os.geteuid() == 0
        if as_nobody:
            S._check_nobody_can_read(home)
        s.cache_dir.chmod(0o755)
        (s.cache_dir / "cluster-runs").mkdir(exist_ok=True)
        run = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=s.cache_dir / "cluster-runs"))
        run.chmod(0o755)
        state = {"data_dir": str(run), "kafka_version": version, "libs": str(libs), "es_home": str(home),
                 "as_nobody": as_nobody, "kafka": [], "es": [],
                 "settings": {k: str(getattr(s, k)) for k in ("cache_dir", "brokers", "es_nodes", "kafka_base",
                                                               "es_base", "kafka_heap", "es_heap", "es_version")}}
        try:
            cluster_id = S._kafka_cluster_id()
            for i in range(s.es_nodes):
                state["es"].append(_prepare_es(s, run, i, home, as_nobody))
                _spawn_es(s, state["es"][i], home, as_nobody)
            log(f"formatting {s.brokers} Kafka {version} nodes (KRaft, cluster id {cluster_id})...")
            for i in range(s.brokers):
                state["kafka"].append(_prepare_broker(s, run, i, libs, cluster_id))
            for node in state["kafka"]:
                _spawn_broker(s, node, libs)
            _write(s, state)
            log(f"starting Kafka on {[p for p, _ in broker_ports(s)]}, Elasticsearch on {[p for p, _ in es_ports(s)]}...")
            _wait(s, state, log)
        except BaseException:
            _write(s, state)
            _stop(s, state, log)
            raise
        state["start_s"] = round(time.monotonic() - t0, 1)
        _write(s, state)
        return {**state, "already_running": False}


def _stop(s: ClusterSettings, state: dict, log) -> None:
    for i, node in enumerate(state.get("es", [])):
        S._terminate(_es_pid(node), f"Elasticsearch node {i}", log)
        S._terminate(node.get("launcher_pid"), f"Elasticsearch launcher {i}", log, grace=5)
    for i, node in enumerate(state.get("kafka", [])):
        S._terminate(node.get("pid"), f"Kafka node {i}", log)
    if state.get("data_dir"):
        shutil.rmtree(state["data_dir"], ignore_errors=True)
    s.state_file.unlink(missing_ok=True)


def stop(s: ClusterSettings | None = None, *, log=S._say) -> bool:
    """Stop every node and wipe the run's data; False when nothing ran."""
    s = s or ClusterSettings()
    with S._locked(s):
        state = _read(s)
        if not state:
            log("cluster not running (no state file)")
            return False
        _stop(s, state, log)
        log("cluster stopped, data wiped")
        return True


def _state(s: ClusterSettings | None) -> tuple[ClusterSettings, dict]:
    s = s or ClusterSettings()
    state = _read(s)
    if not state:
        raise ServicesError("the cluster is not running; run `python scripts/cluster.py start` first")
    return _from_state(state), state


def _node(state: dict, kind: str, i: int) -> dict:
    nodes = state[kind]
    if not 0 <= i < len(nodes):
        raise ServicesError(f"no {kind} node {i}: the cluster has nodes 0..{len(nodes) - 1}")
    return nodes[i]


def kill_broker(i: int, s: ClusterSettings | None = None, *, log=S._say) -> None:
    """SIGKILL Kafka node i (its data stays)."""
    s, state = _state(s)
    node = _node(state, "kafka", i)
    if S._alive(node["pid"]):
        os.kill(node["pid"], signal.SIGKILL)
        _wait_dead(node["pid"])
    log(f"Kafka node {i} killed (pid {node['pid']})")


def start_broker(i: int, s: ClusterSettings | None = None, *, log=S._say) -> float:
    """Start Kafka node i again on its data; seconds until the cluster sees it."""
    s, state = _state(s)
    node = _node(state, "kafka", i)
    if not S._alive(node["pid"]):
        _spawn_broker(s, node, Path(state["libs"]))
        _write(s, state)
    return _wait(s, state, log, brokers=[i], es=[])


def kill_es(i: int, s: ClusterSettings | None = None, *, log=S._say) -> None:
    """SIGKILL Elasticsearch node i (its data stays)."""
    s, state = _state(s)
    node = _node(state, "es", i)
    pid = _es_pid(node)
    if S._alive(pid):
        os.kill(pid, signal.SIGKILL)
        _wait_dead(pid)
    node["pid"] = None
    Path(node["pid_file"]).unlink(missing_ok=True)
    _write(s, state)
    log(f"Elasticsearch node {i} killed (pid {pid})")


def start_es(i: int, s: ClusterSettings | None = None, *, log=S._say) -> float:
    """Start Elasticsearch node i again on its data; seconds until the cluster sees it."""
    s, state = _state(s)
    node = _node(state, "es", i)
    if not S._alive(_es_pid(node)):
        _spawn_es(s, node, Path(state["es_home"]), state["as_nobody"])
        _write(s, state)
    took = _wait(s, state, log, brokers=[], es=[i])
    _write(s, state)
    return took


def _wait_dead(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while S._alive(pid) and time.monotonic() < deadline:
        S._reap(pid)
        time.sleep(0.05)


def env_of(state: dict) -> dict[str, str]:
    return {"PARLEY_KAFKA_BOOTSTRAP": ",".join(f"127.0.0.1:{n['port']}" for n in state["kafka"]),
            "PARLEY_ES_URL": state["es"][0]["url"] if state["es"] else ""}


def env(s: ClusterSettings | None = None) -> dict[str, str]:
    """PARLEY_KAFKA_BOOTSTRAP (every broker) and PARLEY_ES_URL (node 0) of the running cluster."""
    return env_of(_state(s)[1])


def status(s: ClusterSettings | None = None) -> dict:
    """Each node: pid, alive, answering, RSS; and what each cluster sees."""
    s = s or ClusterSettings()
    state = _read(s)
    if not state:
        return {"running": False}
    kafka = [{"node": i, "port": n["port"], "pid": n["pid"], "alive": S._alive(n["pid"]),
              "answers": S._kafka_api_versions(f"127.0.0.1:{n['port']}"), "rss_mb": S._rss_mb(n["pid"]), "log": n["log"]}
             for i, n in enumerate(state["kafka"])]
    es = [{"node": i, "url": n["url"], "pid": _es_pid(n), "alive": S._alive(_es_pid(n)), "health": S.es_ready(n["url"]),
           "rss_mb": S._rss_mb(_es_pid(n)), "log": n["log"]} for i, n in enumerate(state["es"])]
    up = next((n["url"] for n in es if n["health"]), None)
    return {"running": any(n["alive"] for n in kafka + es), "data_dir": state["data_dir"], "kafka": kafka, "es": es,
            "kafka_brokers_seen": _kafka_brokers_seen(env_of(state)["PARLEY_KAFKA_BOOTSTRAP"]),
            "es_nodes_seen": _es_nodes_seen(up) if up else 0, **env_of(state)}


def partition_leaders(bootstrap: str, topic: str) -> dict[int, int]:
    """partition -> node id of its leader (kafka-python)."""
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="parley-cluster")
    try:
        [described] = admin.describe_topics([topic])
        return {p["partition_index"]: p["leader_id"] for p in described["partitions"]}
    finally:
        admin.close()


# --------------------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--brokers", type=int, default=3, help="Kafka nodes (broker+controller each; default 3)")
    parser.add_argument("--es-nodes", type=int, default=3, help="Elasticsearch nodes (default 3)")


def run(command: str, args: argparse.Namespace) -> int:
    try:
        s = ClusterSettings(brokers=args.brokers, es_nodes=args.es_nodes, **({"timeout": args.timeout}
                                                                            if getattr(args, "timeout", None) else {}))
        if command == "start":
            state = start(s)
            for key, value in env_of(state).items():
                print(f"export {key}={value}")
        elif command == "stop":
            stop(s)
        elif command == "status":
            info = status(s)
            print(json.dumps(info, indent=2))
            return 0 if info["running"] else 3
        elif command == "env":
            for key, value in env(s).items():
                print(f"export {key}={value}")
        else:
            action = {"kill-broker": kill_broker, "start-broker": start_broker, "kill-es": kill_es,
                      "start-es": start_es}[command]
            if args.node is None:
                raise ServicesError(f"{command} needs a node number")
            action(args.node)
    except ServicesError as exc:
        S._say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "status", "env", "kill-broker", "start-broker",
                                            "kill-es", "start-es"])
    parser.add_argument("node", nargs="?", type=int, help="node number (0-based) for kill-*/start-*")
    add_arguments(parser)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for health (default 300)")
    args = parser.parse_args(argv)
    return run(args.command, args)


if __name__ == "__main__":
    sys.exit(main())
