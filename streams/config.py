"""Settings of the streaming pipeline, read from environment variables.

Every value has a default that works on a laptop with the services started by
``scripts/services.py`` (or ``docker compose up``). Nothing here connects to
anything: :class:`Settings` is plain data handed to :func:`streams.app.build_app`
and to the CLI commands.

Example::

    settings = Settings.from_env({"PARLEY_KAFKA_BOOTSTRAP": "kafka:9092"})
    settings.topic("articles.raw")      # -> "articles.raw" (or "<prefix>articles.raw")
    settings.index("articles")          # -> "parley-articles"
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping

__all__ = ["Settings", "MB"]

MB = 1024 * 1024


def _number(env: Mapping[str, str], name: str, default: float, cast: Callable[[str], float], what: str) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return cast(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not {what}") from None


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    return _number(env, name, default, int, "an integer")


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    return _number(env, name, default, float, "a number")


@dataclass(frozen=True)
class Settings:
    """What a worker, `parley setup`, `parley ingest` and friends need to know."""

    kafka_bootstrap: str = "localhost:9092"
    es_url: str = "http://localhost:9200"
    kibana_url: str = "http://localhost:5601"
    #: Faust app id = Kafka consumer group shared by all workers
    app_id: str = "parley"
    #: prepended to every topic name (lets tests and staging share a broker)
    topic_prefix: str = ""
    topic_partitions: int = 4
    topic_replication: int = 1
    #: replicas that must have a record before a producer with acks=all hears "written"
    #: (topic config min.insync.replicas); 0 = 2 for a replication of 3 or more, else 1
    topic_min_insync: int = 0
    #: primary shards and replicas of each index (templates; replicas also on existing indices).
    #: A replica never sits on its primary's node: replicas must stay below the data nodes.
    #: None (the variable unset): keep what the templates in Elasticsearch say (1 and 0 when
    #: `parley setup` creates them), so a worker started without them never undoes them.
    es_shards: int | None = None
    es_replicas: int | None = None
    #: retention of articles.raw / articles.tagged
    retention_days: int = 7
    deadletter_retention_days: int = 30
    #: largest message accepted by the topics and producers (the tag agent dead-letters
    #: anything above ``max_article_bytes`` long before this)
    max_message_bytes: int = 25 * MB
    max_article_bytes: int = 10 * MB
    index_prefix: str = "parley"
    bulk_size: int = 500
    bulk_flush_seconds: float = 0.5
    bulk_max_retry_seconds: float = 30.0
    commit_interval: float = 1.0
    #: a worker that stops heart-beating (killed) loses its partitions after this long
    session_timeout: float = 30.0
    web_port: int = 6066
    web_bind: str = "127.0.0.1"
    #: who may ``POST /articles`` on the worker's web port: "" anyone who can reach it (bound to
    #: 127.0.0.1 by default), "api" any key of PARLEY_API_KEYS, else keys "k1,k2" or "name:k1,name2:k2";
    #: the key goes in the ``X-API-Key`` header
    ingest_keys: str = ""
    metrics_port: int = 9464
    metrics_bind: str = "127.0.0.1"
    #: how often consumer lag is sampled for the metrics
    lag_interval: float = 5.0
    #: a table recovery that has heard nothing from a changelog partition for this long seeks
    #: it again (see streams/faust_tuning.watch_recovery)
    recovery_stall_seconds: float = 15.0
    store: str = "memory://"
    #: longest a Faust consumer fetch waits for data (Faust hard-codes 1500 ms; see streams/faust_tuning.py)
    fetch_max_wait_ms: int = 50
    #: "module:function" of the tagger the tag agent calls
    tagger: str = "processors:tag_article"
    #: processes that tag beside the worker's event loop (0: tag in the loop itself);
    #: the loop then only moves messages, so tagging and plumbing use two cores
    tag_processes: int = 1
    #: where Faust keeps local state (only used by rocksdb tables)
    data_dir: str = field(default_factory=lambda: os.path.join(tempfile.gettempdir(), "parley-faust"))
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        """Read ``PARLEY_*`` variables (``os.environ`` when ``env`` is None)."""
        e = os.environ if env is None else env
        d = cls()
        return cls(
            kafka_bootstrap=e.get("PARLEY_KAFKA_BOOTSTRAP") or d.kafka_bootstrap,
            es_url=e.get("PARLEY_ES_URL") or d.es_url,
            kibana_url=e.get("PARLEY_KIBANA_URL") or d.kibana_url,
            app_id=e.get("PARLEY_APP_ID") or d.app_id,
            topic_prefix=e.get("PARLEY_TOPIC_PREFIX", d.topic_prefix),
            topic_partitions=_int(e, "PARLEY_TOPIC_PARTITIONS", d.topic_partitions),
            topic_replication=_int(e, "PARLEY_TOPIC_REPLICATION", d.topic_replication),
            topic_min_insync=_int(e, "PARLEY_TOPIC_MIN_INSYNC", d.topic_min_insync),
            es_shards=_int(e, "PARLEY_ES_SHARDS", -1) if e.get("PARLEY_ES_SHARDS") else None,
            es_replicas=_int(e, "PARLEY_ES_REPLICAS", -1) if e.get("PARLEY_ES_REPLICAS") else None,
            retention_days=_int(e, "PARLEY_RETENTION_DAYS", d.retention_days),
            deadletter_retention_days=_int(e, "PARLEY_DEADLETTER_RETENTION_DAYS", d.deadletter_retention_days),
            max_message_bytes=_int(e, "PARLEY_MAX_MESSAGE_BYTES", d.max_message_bytes),
            max_article_bytes=_int(e, "PARLEY_MAX_ARTICLE_BYTES", d.max_article_bytes),
            index_prefix=e.get("PARLEY_INDEX_PREFIX") or d.index_prefix,
            bulk_size=_int(e, "PARLEY_BULK_SIZE", d.bulk_size),
            bulk_flush_seconds=_float(e, "PARLEY_BULK_FLUSH_SECONDS", d.bulk_flush_seconds),
            bulk_max_retry_seconds=_float(e, "PARLEY_BULK_MAX_RETRY_SECONDS", d.bulk_max_retry_seconds),
            commit_interval=_float(e, "PARLEY_COMMIT_INTERVAL", d.commit_interval),
            session_timeout=_float(e, "PARLEY_SESSION_TIMEOUT", d.session_timeout),
            web_port=_int(e, "PARLEY_WORKER_WEB_PORT", d.web_port),
            web_bind=e.get("PARLEY_WORKER_WEB_BIND") or d.web_bind,
            ingest_keys=e.get("PARLEY_INGEST_KEYS", d.ingest_keys).strip(),
            metrics_port=_int(e, "PARLEY_METRICS_PORT", d.metrics_port),
            metrics_bind=e.get("PARLEY_METRICS_BIND") or d.metrics_bind,
            lag_interval=_float(e, "PARLEY_LAG_INTERVAL", d.lag_interval),
            recovery_stall_seconds=_float(e, "PARLEY_RECOVERY_STALL_SECONDS", d.recovery_stall_seconds),
            store=e.get("PARLEY_STORE") or d.store,
            fetch_max_wait_ms=_int(e, "PARLEY_FETCH_MAX_WAIT_MS", d.fetch_max_wait_ms),
            tagger=e.get("PARLEY_TAGGER") or d.tagger,
            tag_processes=_int(e, "PARLEY_TAG_PROCESSES", d.tag_processes),
            data_dir=e.get("PARLEY_DATA_DIR") or d.data_dir,
        )

    def with_(self, **changes: object) -> "Settings":
        """A copy with some fields changed (CLI options override the environment)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def min_insync_replicas(self) -> int:
        """min.insync.replicas of Parley's topics: one broker may fail without refusing writes."""
        if self.topic_min_insync:
            return self.topic_min_insync
        return 2 if self.topic_replication >= 3 else 1

    @property
    def es_hosts(self) -> list[str]:
        """PARLEY_ES_URL split at commas: the client fails over between the nodes of a cluster."""
        return [u.strip() for u in self.es_url.split(",") if u.strip()]

    def topic(self, name: str) -> str:
        """Full Kafka topic name for a logical name such as ``articles.raw``."""
        return f"{self.topic_prefix}{name}"

    def index(self, kind: str) -> str:
        """Index (or alias) name for ``articles``, ``events``, ``alerts``, ``deliveries``."""
        return f"{self.index_prefix}-{kind}"

    def ingest_key_set(self, api_keys: Mapping[str, str] | None = None) -> frozenset[str] | None:
        """The keys ``POST /articles`` accepts, or None when it is open (`api_keys`: key -> owner)."""
        spec = self.ingest_keys
        if not spec:
            return None
        if spec == "api":
            return frozenset(api_keys or ())
        keys = (item.strip().rpartition(":")[2].strip() for item in spec.replace("\n", ",").split(","))
        return frozenset(k for k in keys if k)

    @property
    def broker_url(self) -> str:
        """The bootstrap servers as Faust wants them (``kafka://h1:9092;h2:9092``)."""
        hosts = [h.strip() for h in self.kafka_bootstrap.split(",") if h.strip()]
        return ";".join(f"kafka://{h}" for h in hosts)

    @property
    def bootstrap_servers(self) -> list[str]:
        """The bootstrap servers as kafka-python wants them."""
        return [h.strip() for h in self.kafka_bootstrap.split(",") if h.strip()]
