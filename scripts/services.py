#!/usr/bin/env python3
"""Real Kafka (KRaft) and Elasticsearch 8 for Parley's tests and benchmarks, without Docker.

Usage::

    python scripts/services.py start [--kafka-port 9092] [--es-port 9200] [--data-dir DIR]
    python scripts/services.py status | env | stop | stop-es | start-es
    python scripts/services.py --cluster start|status|env|stop   (3 Kafka brokers, 3 Elasticsearch nodes;
        --brokers N / --es-nodes N for other sizes; scripts/cluster.py also kills and restarts nodes)

Also importable: ``start()``, ``stop()``, ``status()``, ``stop_es()``, ``start_es()``, ``env()``.

Where a Docker engine answers (``docker info``), both run as containers. Otherwise both run
from Maven Central with the local ``java`` (17+) and ``mvn``:

* Kafka: ``org.apache.kafka:kafka_2.13`` (newest of KAFKA_VERSIONS that resolves), one combined
  broker+controller node in KRaft mode on 127.0.0.1.
* Elasticsearch: the official ``org.elasticsearch.distribution.integ-test-zip:elasticsearch``
  zip (the real server). Elasticsearch 8 modules such as analysis-common, percolator and
  painless are not published on Maven Central (nor is codelibs' cluster runner for 8.x), so
  ``scripts/es_analysis/LanguageAnalyzersPlugin.java`` supplies the language analyzers
  ("arabic", "indonesian", ...) and a few token filters; it is compiled once with ``javac``.
  Elasticsearch refuses to run as root, so as root its JVM runs as user ``nobody``.

Jars and the unpacked distribution are cached outside the clone, in ``PARLEY_SERVICES_CACHE``
(default ``~/.cache/parley/services``; ``/var/cache/parley/services`` for root, because
``nobody`` must read it); Maven keeps its downloads in ``~/.m2``. Each run gets a fresh data
directory (``<cache>/runs/...`` or ``--data-dir``), wiped by ``stop``.

Environment: PARLEY_SERVICES_CACHE, PARLEY_SERVICES_KAFKA_PORT (9092; controller +1),
PARLEY_SERVICES_ES_PORT (9200; transport +100), PARLEY_KAFKA_VERSION (pin one),
PARLEY_ES_VERSION (default ES_VERSION; e.g. 9.0.8 to test against another server),
PARLEY_ES_JAVA_HOME (the JDK for Elasticsearch and its plugin; 9.x needs Java 21+),
PARLEY_KAFKA_HEAP (512m), PARLEY_ES_HEAP (1g), PARLEY_MAVEN_REPO (Maven local repo, default ~/.m2).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

__all__ = [
    "Settings",
    "ServicesError",
    "start",
    "stop",
    "status",
    "stop_es",
    "start_es",
    "env",
    "kafka_ready",
    "es_ready",
    "lease",
    "release",
]

# Newest first; the first one cached or resolvable runs. PARLEY_KAFKA_VERSION pins one.
KAFKA_VERSIONS = tuple(filter(None, [os.environ.get("PARLEY_KAFKA_VERSION")])) or (
    "4.4.0", "4.3.1", "4.1.2", "4.0.2", "3.9.2")
# The default server; PARLEY_ES_VERSION runs another one (e.g. 9.0.8, see docs/elasticsearch-versions.md).
ES_VERSION = "8.19.7"
LOG4J_VERSION = "2.24.3"
ES_PLUGIN_SOURCE = Path(__file__).resolve().parent / "es_analysis" / "LanguageAnalyzersPlugin.java"
DOCKER_KAFKA_IMAGE = "apache/kafka:4.1.1"  # the Docker Hub image tags lag Maven Central
DOCKER_ES_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:{version}"
NOBODY = (65534, 65534)

Log = Callable[[str], None]


class ServicesError(RuntimeError):
    """Something the user must fix before the services can run; the message says what."""


def _default_cache() -> Path:
    if os.environ.get("PARLEY_SERVICES_CACHE"):
        return Path(os.environ["PARLEY_SERVICES_CACHE"]).expanduser()
    if os.geteuid() == 0:
        return Path("/var/cache/parley/services")
    return Path.home() / ".cache" / "parley" / "services"


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value and not value.isdigit():
        raise ServicesError(f"{name}={value!r} is not a port number")
    return int(value) if value else default


@dataclass
class Settings:
    """Where and how the services run. Every field has a default fit for a test run."""

    cache_dir: Path = field(default_factory=_default_cache)
    data_dir: Path | None = None
    kafka_port: int = field(default_factory=lambda: _env_int("PARLEY_SERVICES_KAFKA_PORT", 9092))
    controller_port: int = field(default_factory=lambda: _env_int("PARLEY_SERVICES_KAFKA_PORT", 9092) + 1)
    es_port: int = field(default_factory=lambda: _env_int("PARLEY_SERVICES_ES_PORT", 9200))
    es_transport_port: int = field(default_factory=lambda: _env_int("PARLEY_SERVICES_ES_PORT", 9200) + 100)
    kafka_heap: str = field(default_factory=lambda: os.environ.get("PARLEY_KAFKA_HEAP", "512m"))
    es_heap: str = field(default_factory=lambda: os.environ.get("PARLEY_ES_HEAP", "1g"))
    kafka_versions: tuple[str, ...] = KAFKA_VERSIONS
    es_version: str = field(default_factory=lambda: os.environ.get("PARLEY_ES_VERSION") or ES_VERSION)
    timeout: float = 180.0

    @property
    def state_file(self) -> Path:
        return self.cache_dir / "state.json"


def _say(msg: str) -> None:
    print(f"[services] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- state


def _read_state(settings: Settings) -> dict | None:
    try:
        return json.loads(settings.state_file.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _write_state(settings: Settings, state: dict) -> None:
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = settings.state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2, default=str))
    tmp.replace(settings.state_file)


@contextlib.contextmanager
def _locked(settings: Settings):
    """Serialise start/stop/lease across processes (two test sessions may start at once)."""
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.cache_dir / "services.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def lease(pid: int, settings: Settings | None = None) -> None:
    """Record that process `pid` (a test session) uses the running services."""
    settings = settings or Settings()
    with _locked(settings):
        state = _read_state(settings)
        if state is not None:
            state["leases"] = sorted({*state.get("leases", []), pid})
            _write_state(settings, state)


def release(pid: int, settings: Settings | None = None, *, keep: bool = False) -> dict:
    """Drop `pid`'s lease; return {"owner": who started the services, "others": live leases left}.

    keep=True hands the services over to the user (owner "kept"): later test sessions that
    find them running leave them running, as with services started by the CLI.
    """
    settings = settings or Settings()
    with _locked(settings):
        state = _read_state(settings)
        if state is None:
            return {"owner": None, "others": []}
        others = [p for p in state.get("leases", []) if p != pid and _alive(p)]
        state["leases"] = others
        if keep:
            state["owner"] = "kept"
        _write_state(settings, state)
        return {"owner": state.get("owner"), "others": others}


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours is not alive
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


# --------------------------------------------------------------------------- health probes


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _kafka_api_versions(bootstrap: str, timeout: float = 2.0) -> bool:
    """Send a Kafka ApiVersions v0 request with the stdlib; True when the broker answers it."""
    host, _, port = bootstrap.rpartition(":")
    client_id = b"parley-services"
    body = struct.pack(">hhih", 18, 0, 7, len(client_id)) + client_id
    try:
        with socket.create_connection((host, int(port)), timeout=timeout) as sock:
            sock.sendall(struct.pack(">i", len(body)) + body)
            head = sock.recv(10)
    except OSError:
        return False
    return len(head) >= 10 and struct.unpack(">iih", head[:10])[1:] == (7, 0)


def kafka_ready(bootstrap: str, timeout: float = 5.0) -> bool:
    """True when the broker answers ApiVersions and (with kafka-python installed) a metadata request."""
    if not _kafka_api_versions(bootstrap):
        return False
    try:
        from kafka import KafkaAdminClient  # optional: the project venv has it
    except ImportError:
        return True
    try:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=int(timeout * 1000),
                                 client_id="parley-services")
        try:
            return bool(admin.describe_cluster().get("brokers"))
        finally:
            admin.close()
    except Exception:  # noqa: BLE001 - any failure means "not ready yet"
        return False


def es_ready(url: str, timeout: float = 2.0) -> str | None:
    """Cluster health status ("green"/"yellow") when Elasticsearch answers, else None."""
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as resp:
            health = json.load(resp)
    except (OSError, ValueError):
        return None
    status_ = health.get("status")
    return status_ if status_ in ("green", "yellow") else None


def _es_version(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return json.load(resp)["version"]["number"]
    except (OSError, ValueError, KeyError):
        return None


# --------------------------------------------------------------------------- jars


def _require_tools(*tools: str) -> None:
    hints = {
        "java": "install a Java 17+ JDK, e.g. `apt-get install openjdk-17-jdk-headless`",
        "javac": "install a Java 17+ JDK (not only the JRE), e.g. `apt-get install openjdk-17-jdk-headless`",
        "mvn": "install Maven, e.g. `apt-get install maven`",
    }
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        raise ServicesError("; ".join(f"`{t}` not found on PATH: {hints.get(t, 'install it')}" for t in missing))


def _java_home() -> str:
    if os.environ.get("JAVA_HOME") and Path(os.environ["JAVA_HOME"], "bin", "java").exists():
        return os.environ["JAVA_HOME"]
    return str(Path(os.path.realpath(shutil.which("java") or "java")).parent.parent)


def _java_major(java_home: str) -> int | None:
    """The feature version (17, 21, ...) of the JDK at java_home, from its `release` file."""
    try:
        for line in Path(java_home, "release").read_text().splitlines():
            if line.startswith("JAVA_VERSION="):
                return int(line.split("=", 1)[1].strip('"').split(".")[0])
    except (OSError, ValueError):
        return None
    return None


def _es_java_home(version: str) -> str:
    """The JDK that compiles the plugin and runs Elasticsearch `version`.

    PARLEY_ES_JAVA_HOME, else JAVA_HOME / the `java` on PATH. Elasticsearch 9 needs Java 21+
    (its jars are class file version 65); 8.x runs on 17+ (8.19.7 also ran on Java 25).
    """
    home = os.environ.get("PARLEY_ES_JAVA_HOME") or _java_home()
    need = 21 if int(version.split(".")[0]) >= 9 else 17
    have = _java_major(home)
    if have is not None and have < need:
        raise ServicesError(f"Elasticsearch {version} needs Java {need}+, but {home} is Java {have}: "
                            f"set PARLEY_ES_JAVA_HOME to a JDK {need}+ (e.g. apt-get install openjdk-{need}-jdk-headless)")
    return home


def _mvn(args: list[str], cwd: Path, log_file: Path) -> bool:
    cmd = ["mvn", "-B", "-q", *args]
    if os.environ.get("PARLEY_MAVEN_REPO"):
        cmd.insert(1, f"-Dmaven.repo.local={os.environ['PARLEY_MAVEN_REPO']}")
    with open(log_file, "ab") as out:
        return subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode == 0


def _kafka_pom(version: str) -> str:
    deps = [("org.apache.kafka", "kafka_2.13", version)]
    if version.startswith("3."):  # Kafka 3 logs through log4j 1 (reload4j)
        deps.append(("org.slf4j", "slf4j-reload4j", "1.7.36"))
    else:  # Kafka 4 logs through log4j 2
        deps += [("org.apache.logging.log4j", a, LOG4J_VERSION)
                 for a in ("log4j-api", "log4j-core", "log4j-slf4j-impl")]
    dep_xml = "".join(f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version>"
                      "</dependency>" for g, a, v in deps)
    return ('<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
            "<groupId>parley.services</groupId><artifactId>kafka-libs</artifactId><version>1</version>"
            f"<packaging>pom</packaging><dependencies>{dep_xml}</dependencies></project>")


def _kafka_libs(settings: Settings, log: Log) -> tuple[str, Path, bool]:
    """(version, libs dir, resolved_now): the first Kafka version cached or resolvable."""
    for version in settings.kafka_versions:
        home = settings.cache_dir / f"kafka-{version}"
        if (home / ".complete").exists():
            return version, home / "libs", False
    _require_tools("mvn")
    for version in settings.kafka_versions:
        home = settings.cache_dir / f"kafka-{version}"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        (home / "pom.xml").write_text(_kafka_pom(version))
        log(f"resolving Kafka {version} jars from Maven Central (mvn dependency:copy-dependencies)...")
        ok = _mvn(["dependency:copy-dependencies", "-DincludeScope=runtime", "-DoutputDirectory=libs"],
                  home, home / "mvn.log")
        if ok and any((home / "libs").glob(f"kafka_2.13-{version}.jar")):
            (home / ".complete").touch()
            return version, home / "libs", True
        log(f"Kafka {version} did not resolve (see {home / 'mvn.log'}); trying the next version")
    raise ServicesError(f"no Kafka version of {settings.kafka_versions} resolved from Maven Central; "
                        f"see the mvn.log files under {settings.cache_dir}")


def _es_home(settings: Settings, log: Log) -> tuple[Path, bool]:
    """The unpacked Elasticsearch distribution with Parley's analysis plugin installed."""
    version = settings.es_version
    home = settings.cache_dir / f"elasticsearch-{version}"
    resolved = False
    if not (home / ".complete").exists():
        _require_tools("mvn")
        shutil.rmtree(home, ignore_errors=True)
        download = settings.cache_dir / "downloads"
        download.mkdir(parents=True, exist_ok=True)
        log(f"resolving Elasticsearch {version} from Maven Central (integ-test-zip, ~90 MB)...")
        artifact = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
        if not _mvn(["dependency:copy", f"-Dartifact={artifact}", f"-DoutputDirectory={download}"],
                     settings.cache_dir, settings.cache_dir / "mvn-es.log"):
            raise ServicesError(f"could not resolve {artifact}; see {settings.cache_dir / 'mvn-es.log'}")
        zip_path = download / f"elasticsearch-{version}.zip"
        log("unpacking Elasticsearch...")
        unpack = Path(tempfile.mkdtemp(dir=settings.cache_dir))
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(unpack)
        for script in (unpack / f"elasticsearch-{version}" / "bin").iterdir():
            script.chmod(0o755)
        (unpack / f"elasticsearch-{version}").rename(home)
        shutil.rmtree(unpack)
        zip_path.unlink()
        (home / ".complete").touch()
        resolved = True
    _install_es_plugin(home, version, log)
    return home, resolved


def _add_stempel(home: Path, plugin_dir: Path, log: Log) -> None:
    """Put Lucene's Polish stemmer (lucene-analysis-stempel, the jar of Elasticsearch's
    analysis-stempel plugin) beside the plugin, for the server's Lucene version, so that the
    "polish" analyzer exists. Without it (offline, unknown version) Polish text is analysed
    with `standard`: `parley setup` substitutes it for an analyzer the cluster lacks."""
    core = sorted(home.glob("lib/lucene-core-*.jar"))
    if not core:
        return
    lucene = core[0].name[len("lucene-core-"):-len(".jar")]
    artifact = f"org.apache.lucene:lucene-analysis-stempel:{lucene}"
    if not _mvn(["dependency:copy", f"-Dartifact={artifact}", f"-DoutputDirectory={plugin_dir}"],
                plugin_dir, home / "mvn-stempel.log"):
        log(f"could not resolve {artifact} (see {home / 'mvn-stempel.log'}): no 'polish' analyzer")


def _install_es_plugin(home: Path, version: str, log: Log) -> None:
    source = ES_PLUGIN_SOURCE.read_bytes()
    java_home = _es_java_home(version)
    digest = hashlib.sha256(source + java_home.encode()).hexdigest()[:16]
    plugin_dir = home / "plugins" / "parley-analysis"
    stamp = plugin_dir / ".source-sha256"
    if stamp.exists() and stamp.read_text() == digest:
        return
    missing = [t for t in ("javac", "jar") if not Path(java_home, "bin", t).exists()]
    if missing:
        raise ServicesError(f"{', '.join(missing)} not found in {java_home}/bin: install a full JDK (not only the "
                            f"JRE), e.g. `apt-get install openjdk-17-jdk-headless`, or set PARLEY_ES_JAVA_HOME")
    log("compiling Parley's language-analyzers plugin for Elasticsearch (javac)...")
    shutil.rmtree(plugin_dir, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        classes = Path(tmp, "classes")
        compiled = subprocess.run([str(Path(java_home, "bin", "javac")), "-nowarn", "-d", str(classes), "-cp", str(home / "lib" / "*"),
                                   str(ES_PLUGIN_SOURCE)], capture_output=True, text=True)
        if compiled.returncode:
            raise ServicesError(f"javac failed on {ES_PLUGIN_SOURCE}:\n{compiled.stderr}")
        plugin_dir.mkdir(parents=True)
        subprocess.run([str(Path(java_home, "bin", "jar")), "cf", str(plugin_dir / "parley-analysis.jar"), "-C", str(classes), "."], check=True)
    _add_stempel(home, plugin_dir, log)
    (plugin_dir / "plugin-descriptor.properties").write_text(
        "description=Parley: Lucene language analyzers under analysis-common's names\n"
        f"version={version}\nname=parley-analysis\n"
        "classname=org.parley.esanalysis.LanguageAnalyzersPlugin\n"
        f"java.version=17\nelasticsearch.version={version}\n")
    stamp.write_text(digest)
    for path in [plugin_dir, *plugin_dir.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)


# --------------------------------------------------------------------------- processes


def _spawn(cmd: list[str], log_file: Path, *, env_extra: dict | None = None, cwd: Path | None = None,
           as_nobody: bool = False) -> subprocess.Popen:
    if as_nobody:
        cmd = ["setpriv", f"--reuid={NOBODY[0]}", f"--regid={NOBODY[1]}", "--clear-groups", *cmd]
    env_ = {**os.environ, **(env_extra or {})}
    with open(log_file, "ab") as out:
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=cwd, env=env_, start_new_session=True)


def _terminate(pid: int | None, name: str, log: Log, grace: float = 30.0) -> None:
    if not _alive(pid):
        return
    log(f"stopping {name} (pid {pid})...")
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        _reap(pid)
        if not _alive(pid):
            return
        time.sleep(0.2)
    log(f"{name} (pid {pid}) ignored SIGTERM for {grace:.0f}s; sending SIGKILL")
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _reap(pid)


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _kafka_cluster_id(random_bytes: Callable[[], bytes] = lambda: uuid.uuid4().bytes) -> str:
    """A KRaft cluster id: 16 random bytes in unpadded urlsafe base64, as ``kafka-storage random-uuid``.

    One id in 64 would begin with "-" (first six bits 111110), which ``kafka-storage format -t``
    reads as an option ("expected one argument"); like Kafka's own ``Uuid.randomUuid()``, draw
    again until it does not.
    """
    while True:
        cid = base64.urlsafe_b64encode(random_bytes()).rstrip(b"=").decode()
        if not cid.startswith("-"):
            return cid


def write_kafka_log_config(kdir: Path) -> None:
    """A broker's log4j2.properties: INFO and above to kdir/server.log (also read by scripts/cluster.py)."""
    (kdir / "log4j2.properties").write_text(f"""\
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = {kdir / 'server.log'}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.apache.name = org.apache.kafka
logger.apache.level = INFO
""")


def _start_kafka(settings: Settings, run: Path, log: Log) -> dict:
    _require_tools("java")
    version, libs, resolved = _kafka_libs(settings, log)
    kdir = run / "kafka"
    (kdir / "logs").mkdir(parents=True, exist_ok=True)
    port, cport = settings.kafka_port, settings.controller_port
    (kdir / "server.properties").write_text(f"""\
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{cport}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{cport}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={kdir / 'data'}
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
""")
    write_kafka_log_config(kdir)
    (kdir / "log4j.properties").write_text(f"""\
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File={kdir / 'server.log'}
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
""")
    java = [
        "java", f"-Xms{settings.kafka_heap}", f"-Xmx{settings.kafka_heap}", "-XX:+UseG1GC",
        "-XX:MaxDirectMemorySize=256m", "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={kdir / 'log4j2.properties'}",
        f"-Dlog4j.configuration=file:{kdir / 'log4j.properties'}",
        f"-Dkafka.logs.dir={kdir}", "-cp", str(libs / "*"),
    ]
    log(f"formatting Kafka {version} storage (KRaft)...")
    fmt = subprocess.run([*java, "kafka.tools.StorageTool", "format", "-t", _kafka_cluster_id(),
                          "-c", str(kdir / "server.properties"), "--ignore-formatted"],
                         capture_output=True, text=True)
    if fmt.returncode:
        raise ServicesError(f"kafka storage format failed:\n{fmt.stdout}\n{fmt.stderr}")
    log(f"starting Kafka {version} on 127.0.0.1:{port} (controller {cport})...")
    proc = _spawn([*java, "kafka.Kafka", str(kdir / "server.properties")], kdir / "stdout.log")
    return {"pid": proc.pid, "version": version, "port": port, "controller_port": cport,
            "log": str(kdir / "server.log"), "resolved": resolved}


def _es_config(settings: Settings, run: Path, home: Path, as_nobody: bool) -> Path:
    edir = run / "es"
    conf = edir / "config"
    for sub in ("config", "data", "logs", "tmp"):
        (edir / sub).mkdir(parents=True, exist_ok=True)
    shutil.copy(home / "config" / "log4j2.properties", conf / "log4j2.properties")
    (conf / "elasticsearch.yml").write_text(f"""\
cluster.name: parley-test
node.name: parley-node
path.data: {edir / 'data'}
path.logs: {edir / 'logs'}
network.host: 127.0.0.1
http.port: {settings.es_port}
transport.port: {settings.es_transport_port}-{settings.es_transport_port + 99}
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
""")
    (conf / "jvm.options").write_text("-XX:+UseG1GC\n-Djava.io.tmpdir=${ES_TMPDIR}\n-XX:+ExitOnOutOfMemoryError\n"
                                      "-XX:-HeapDumpOnOutOfMemoryError\n")
    if as_nobody:
        for path in [run, edir, *edir.rglob("*")]:
            os.chown(path, *NOBODY)
    return edir


def _start_es_process(settings: Settings, run: Path, log: Log) -> dict:
    _require_tools("java")
    home, resolved = _es_home(settings, log)
    as_nobody = os.geteuid() == 0
    if as_nobody:
        _check_nobody_can_read(home)
    edir = _es_config(settings, run, home, as_nobody)
    log(f"starting Elasticsearch {settings.es_version} on 127.0.0.1:{settings.es_port}"
        f"{' as user nobody' if as_nobody else ''}...")
    pid_file = edir / "es.pid"
    pid_file.unlink(missing_ok=True)
    launcher = _spawn([str(home / "bin" / "elasticsearch"), "-d", "-p", str(pid_file)], edir / "launcher.log",
                      env_extra={"ES_JAVA_HOME": _es_java_home(settings.es_version), "ES_PATH_CONF": str(edir / "config"),
                                 "ES_TMPDIR": str(edir / "tmp"),
                                 "ES_JAVA_OPTS": f"-Xms{settings.es_heap} -Xmx{settings.es_heap}"},
                      cwd=edir, as_nobody=as_nobody)
    return {"launcher_pid": launcher.pid, "pid": None, "pid_file": str(pid_file), "version": settings.es_version,
            "port": settings.es_port, "url": f"http://127.0.0.1:{settings.es_port}",
            "log": str(edir / "logs" / "parley-test.log"), "resolved": resolved}


def _check_nobody_can_read(path: Path) -> None:
    for parent in [path, *path.parents]:
        if not parent.stat().st_mode & 0o001:
            raise ServicesError(f"Elasticsearch runs as `nobody` when started by root, but {parent} is not "
                                f"world-traversable; set PARLEY_SERVICES_CACHE to a directory outside it "
                                f"(default for root: /var/cache/parley/services)")


def _wait(settings: Settings, state: dict, log: Log, *, kafka: bool = True, es: bool = True) -> None:
    deadline = time.monotonic() + settings.timeout
    t0 = time.monotonic()
    pending = {n for n, on in (("kafka", kafka), ("es", es)) if on}
    docker = state.get("mode") == "docker"  # containers: no pids to watch, only the probes
    if es:
        log("waiting for Elasticsearch (GET /_cluster/health)...")
    if kafka:
        log("waiting for Kafka (ApiVersions + metadata)...")
    while pending:
        if "kafka" in pending:
            k = state["kafka"]
            if kafka_ready(f"127.0.0.1:{k['port']}"):
                k["ready_s"] = round(time.monotonic() - t0, 1)
                log(f"Kafka {k['version']} ready in {k['ready_s']}s")
                pending.discard("kafka")
            elif not docker and not _alive(k["pid"]):
                raise ServicesError(f"Kafka exited while starting; see {k['log']} and "
                                    f"{Path(k['log']).with_name('stdout.log')}")
        if "es" in pending:
            e = state["es"]
            if not docker and not e.get("pid") and Path(e["pid_file"]).exists():
                text = Path(e["pid_file"]).read_text().strip()
                e["pid"] = int(text) if text.isdigit() else None
            health = es_ready(e["url"])
            if health and (docker or e.get("pid")):
                e["ready_s"] = round(time.monotonic() - t0, 1)
                e["version"] = _es_version(e["url"]) or e["version"]
                log(f"Elasticsearch {e['version']} ready ({health}) in {e['ready_s']}s")
                if e.get("launcher_pid"):
                    _reap(e["launcher_pid"])  # the launcher exits once the node runs (-d)
                pending.discard("es")
            elif docker:
                pass
            elif not e.get("pid") and not _alive(e["launcher_pid"]):
                _reap(e["launcher_pid"])
                if not Path(e["pid_file"]).exists():
                    raise ServicesError(f"Elasticsearch exited while starting; see {e['log']} and "
                                        f"{Path(e['pid_file']).with_name('launcher.log')}")
            elif e.get("pid") and not _alive(e["pid"]):
                raise ServicesError(f"Elasticsearch exited while starting; see {e['log']}")
        if pending and time.monotonic() > deadline:
            raise ServicesError(f"timed out after {settings.timeout:.0f}s waiting for {', '.join(sorted(pending))}")
        if pending:
            time.sleep(0.5)


# --------------------------------------------------------------------------- docker


def _docker_available() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


def _start_docker(settings: Settings, log: Log) -> dict:
    port, es_port = settings.kafka_port, settings.es_port
    log("Docker engine found: starting Kafka and Elasticsearch containers...")
    subprocess.run(["docker", "rm", "-f", "parley-kafka", "parley-es"], capture_output=True)
    subprocess.run([
        "docker", "run", "-d", "--name", "parley-kafka", "-p", f"127.0.0.1:{port}:9092",
        "-e", "KAFKA_NODE_ID=1", "-e", "KAFKA_PROCESS_ROLES=broker,controller",
        "-e", "KAFKA_LISTENERS=PLAINTEXT://:9092,CONTROLLER://:9093",
        "-e", f"KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://127.0.0.1:{port}",
        "-e", "KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER", "-e", "KAFKA_CONTROLLER_QUORUM_VOTERS=1@localhost:9093",
        "-e", "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "-e", "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1", "-e", "KAFKA_AUTO_CREATE_TOPICS_ENABLE=true",
        "-e", "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0", DOCKER_KAFKA_IMAGE], check=True, capture_output=True)
    subprocess.run([
        "docker", "run", "-d", "--name", "parley-es", "-p", f"127.0.0.1:{es_port}:9200",
        "-e", "discovery.type=single-node", "-e", "xpack.security.enabled=false",
        "-e", "cluster.routing.allocation.disk.threshold_enabled=false",
        "-e", "action.destructive_requires_name=false", "-e", f"ES_JAVA_OPTS=-Xms{settings.es_heap} -Xmx{settings.es_heap}",
        DOCKER_ES_IMAGE.format(version=settings.es_version)], check=True, capture_output=True)
    return {"mode": "docker", "kafka": {"pid": None, "container": "parley-kafka", "port": port,
                                         "version": DOCKER_KAFKA_IMAGE, "log": "docker logs parley-kafka"},
            "es": {"pid": None, "container": "parley-es", "port": es_port, "url": f"http://127.0.0.1:{es_port}",
                   "version": settings.es_version, "log": "docker logs parley-es", "pid_file": "", "launcher_pid": None}}


# --------------------------------------------------------------------------- public API


def _healthy(state: dict) -> bool:
    kafka, es = state.get("kafka") or {}, state.get("es") or {}
    return bool(kafka and es and kafka_ready(f"127.0.0.1:{kafka['port']}") and es_ready(es["url"]))


def start(settings: Settings | None = None, *, owner: str = "cli", log: Log = _say) -> dict:
    """Start Kafka and Elasticsearch (or find them running); return the state dict.

    The state has "already_running": True when nothing had to be started, and "owner" (who
    started them: "cli", or "pytest" for the integration fixtures).
    """
    settings = settings or Settings()
    with _locked(settings):
        return _start_locked(settings, owner, log)


def _start_locked(settings: Settings, owner: str, log: Log) -> dict:
    state = _read_state(settings)
    if state and _healthy(state):
        running = (state.get("es") or {}).get("version")
        if running and running != settings.es_version:
            raise ServicesError(f"Elasticsearch {running} is running ({settings.state_file}) but {settings.es_version} "
                                f"was asked for (PARLEY_ES_VERSION): stop the services first, or use another "
                                f"PARLEY_SERVICES_CACHE and ports")
        log(f"already running: Kafka 127.0.0.1:{state['kafka']['port']}, Elasticsearch {state['es']['url']}")
        return {**state, "already_running": True}
    if state and state.get("es") and state.get("kafka") and kafka_ready(f"127.0.0.1:{state['kafka']['port']}"):
        # Kafka runs but Elasticsearch does not: another session may be testing an outage
        # (stop_es/start_es), so give it time before restarting Elasticsearch ourselves.
        if [p for p in state.get("leases", []) if _alive(p)]:
            log("Elasticsearch is down while another session uses the services; waiting up to 60s...")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not es_ready(state["es"]["url"]):
                time.sleep(1)
        if not es_ready(state["es"]["url"]):
            start_es(settings, log=log)
        return {**(_read_state(settings) or state), "already_running": True}
    if state:
        log("found a stale state file; cleaning up the previous run")
        _stop_locked(settings, log)
    t0 = time.monotonic()
    if _docker_available():
        try:
            state = _start_docker(settings, log)
        except subprocess.CalledProcessError as exc:
            subprocess.run(["docker", "rm", "-f", "parley-kafka", "parley-es"], capture_output=True)
            raise ServicesError(f"`{' '.join(exc.cmd[:4])} ...` failed: {exc.stderr.decode(errors='replace')}") from exc
    else:
        busy = [f"{name} port {p}" for name, p in (("Kafka", settings.kafka_port),
                ("Kafka controller", settings.controller_port), ("Elasticsearch HTTP", settings.es_port))
                if not _port_free(p)]
        if busy:
            raise ServicesError(f"{', '.join(busy)} already in use on 127.0.0.1 by another process "
                                f"(find it with `ss -ltnp`); stop it or pick other ports "
                                f"(--kafka-port/--controller-port/--es-port)")
        _require_tools("java")
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        settings.cache_dir.chmod(0o755)
        if settings.data_dir:
            run = Path(settings.data_dir).resolve()
            run.mkdir(parents=True, exist_ok=True)
        else:
            (settings.cache_dir / "runs").mkdir(exist_ok=True)
            run = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=settings.cache_dir / "runs"))
        run.chmod(0o755)
        state = {"mode": "jvm", "data_dir": str(run), "owns_data_dir": settings.data_dir is None,
                 "settings": {k: str(v) for k, v in asdict(settings).items()}}
        try:
            state["es"] = _start_es_process(settings, run, log)
            state["kafka"] = _start_kafka(settings, run, log)
        except BaseException:
            _write_state(settings, state)
            _stop_locked(settings, log)
            raise
    state["started_at"] = time.time()
    state["owner"] = owner
    _write_state(settings, state)
    try:
        _wait(settings, state, log)
    except BaseException:
        _write_state(settings, state)
        _stop_locked(settings, log)
        raise
    cold = bool(state["kafka"].get("resolved") or state["es"].get("resolved"))
    state["start_s"] = round(time.monotonic() - t0, 1)
    state["cold"] = cold
    _write_state(settings, state)
    log(f"started in {state['start_s']}s ({'cold: jars resolved from Maven Central' if cold else 'warm: jars cached'})")
    return {**state, "already_running": False}


def stop(settings: Settings | None = None, *, log: Log = _say) -> bool:
    """Stop both services and wipe the run's data. Returns False if nothing was running."""
    settings = settings or Settings()
    with _locked(settings):
        return _stop_locked(settings, log)


def _stop_locked(settings: Settings, log: Log) -> bool:
    state = _read_state(settings)
    if not state:
        log("not running (no state file)")
        return False
    if state.get("mode") == "docker":
        log("removing containers parley-kafka, parley-es...")
        subprocess.run(["docker", "rm", "-f", "parley-kafka", "parley-es"], capture_output=True)
    else:
        es = state.get("es") or {}
        _terminate(_es_pid(es), "Elasticsearch", log)
        _terminate(es.get("launcher_pid"), "Elasticsearch launcher", log, grace=5)
        _terminate((state.get("kafka") or {}).get("pid"), "Kafka", log)
        run = Path(state["data_dir"])
        if state.get("owns_data_dir"):
            shutil.rmtree(run, ignore_errors=True)
        else:
            for sub in ("kafka", "es"):
                shutil.rmtree(run / sub, ignore_errors=True)
        log(f"data wiped: {run}")
    settings.state_file.unlink(missing_ok=True)
    log("stopped")
    return True


def _es_pid(es: dict) -> int | None:
    if es.get("pid"):
        return int(es["pid"])
    try:
        text = Path(es.get("pid_file", "")).read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def stop_es(settings: Settings | None = None, *, log: Log = _say) -> None:
    """Stop only Elasticsearch, keeping its data (for "Elasticsearch is down" tests)."""
    settings = settings or Settings()
    state = _read_state(settings)
    if not state:
        raise ServicesError("services are not running; run `python scripts/services.py start` first")
    if state.get("mode") == "docker":
        subprocess.run(["docker", "stop", "parley-es"], capture_output=True, check=True)
    else:
        _terminate(_es_pid(state["es"]), "Elasticsearch", log)
        state["es"]["pid"] = None
        _write_state(settings, state)
    log("Elasticsearch stopped (data kept)")


def start_es(settings: Settings | None = None, *, log: Log = _say) -> dict:
    """Start Elasticsearch again after stop_es(), on the same data directory; wait until healthy."""
    settings = settings or Settings()
    state = _read_state(settings)
    if not state:
        raise ServicesError("services are not running; run `python scripts/services.py start` first")
    if es_ready(state["es"]["url"]):
        log("Elasticsearch already running")
        return state
    if state.get("mode") == "docker":
        subprocess.run(["docker", "start", "parley-es"], capture_output=True, check=True)
    else:
        for key in ("es_port", "es_transport_port", "es_heap"):
            setattr(settings, key, type(getattr(settings, key))(state["settings"][key]))
        state["es"] = _start_es_process(settings, Path(state["data_dir"]), log)
        _write_state(settings, state)
    _wait(settings, state, log, kafka=False)
    _write_state(settings, state)
    return state


def _rss_mb(pid: int | None) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, TypeError):
        return None
    return None


def status(settings: Settings | None = None) -> dict:
    """What runs now: {"running": bool, "kafka": {...}, "es": {...}} with health and RSS in MB."""
    settings = settings or Settings()
    state = _read_state(settings)
    if not state:
        return {"running": False}
    kafka = state.get("kafka") or {}
    es = state.get("es") or {}
    es_pid = _es_pid(es)
    info = {
        "mode": state.get("mode"), "data_dir": state.get("data_dir"),
        "kafka": {"bootstrap": f"127.0.0.1:{kafka.get('port')}", "version": kafka.get("version"),
                  "pid": kafka.get("pid"), "healthy": bool(kafka) and kafka_ready(f"127.0.0.1:{kafka.get('port')}"),
                  "rss_mb": _rss_mb(kafka.get("pid")), "log": kafka.get("log")},
        "es": {"url": es.get("url"), "version": es.get("version"), "pid": es_pid,
               "health": es_ready(es["url"]) if es else None, "rss_mb": _rss_mb(es_pid), "log": es.get("log")},
    }
    info["running"] = bool(info["kafka"]["healthy"] or info["es"]["health"])
    return info


def env(settings: Settings | None = None) -> dict[str, str]:
    """The PARLEY_* variables that point the project at the running services."""
    settings = settings or Settings()
    state = _read_state(settings) or {}
    kport = (state.get("kafka") or {}).get("port", settings.kafka_port)
    url = (state.get("es") or {}).get("url", f"http://127.0.0.1:{settings.es_port}")
    return {"PARLEY_KAFKA_BOOTSTRAP": f"127.0.0.1:{kport}", "PARLEY_ES_URL": url}


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "status", "env", "stop-es", "start-es"],
                        help="start both and wait until healthy | stop both and wipe data | status as JSON "
                             "(exit 3 when down) | env: shell exports | stop-es/start-es: only Elasticsearch")
    defaults = Settings()
    parser.add_argument("--kafka-port", type=int, default=defaults.kafka_port,
                        help="default 9092 or $PARLEY_SERVICES_KAFKA_PORT")
    parser.add_argument("--controller-port", type=int, default=None, help="default: Kafka port + 1")
    parser.add_argument("--es-port", type=int, default=defaults.es_port,
                        help="default 9200 or $PARLEY_SERVICES_ES_PORT")
    parser.add_argument("--data-dir", type=Path, help="run data here instead of a fresh dir under the cache")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for health (default 180)")
    parser.add_argument("--cluster", action="store_true",
                        help="a Kafka cluster and an Elasticsearch cluster instead (scripts/cluster.py: ports "
                             "Kafka port+10.., Elasticsearch port+10..)")
    parser.add_argument("--brokers", type=int, help="Kafka nodes of the cluster (implies --cluster; default 3)")
    parser.add_argument("--es-nodes", type=int, help="Elasticsearch nodes of the cluster (implies --cluster; default 3)")
    args = parser.parse_args(argv)
    if args.cluster or args.brokers or args.es_nodes:
        if args.command in ("stop-es", "start-es"):
            parser.error("with --cluster, stop and start single nodes with scripts/cluster.py kill-es/start-es N")
        import importlib.util
        spec = importlib.util.spec_from_file_location("parley_cluster", Path(__file__).resolve().parent / "cluster.py")
        cluster = importlib.util.module_from_spec(spec)
        sys.modules.setdefault("parley_services", sys.modules[__name__])
        sys.modules["parley_cluster"] = cluster
        spec.loader.exec_module(cluster)
        args.brokers, args.es_nodes = args.brokers or 3, args.es_nodes or 3
        args.timeout = max(args.timeout, 300.0)
        return cluster.run(args.command, args)
    settings = Settings(data_dir=args.data_dir, kafka_port=args.kafka_port,
                        controller_port=args.controller_port or args.kafka_port + 1,
                        es_port=args.es_port, es_transport_port=args.es_port + 100, timeout=args.timeout)
    try:
        if args.command == "start":
            start(settings)
            for key, value in env(settings).items():
                print(f"export {key}={value}")
        elif args.command == "stop":
            stop(settings)
        elif args.command == "status":
            info = status(settings)
            print(json.dumps(info, indent=2))
            return 0 if info["running"] else 3
        elif args.command == "env":
            for key, value in env(settings).items():
                print(f"export {key}={value}")
        elif args.command == "stop-es":
            stop_es(settings)
        elif args.command == "start-es":
            start_es(settings)
    except ServicesError as exc:
        _say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
