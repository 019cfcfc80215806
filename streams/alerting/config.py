"""Settings of alerting and delivery, read from ``PARLEY_*`` environment variables.

=============================  ===========================================================
PARLEY_API_PORT                REST API port inside `parley worker` (0 = off; default 8088)
PARLEY_API_BIND                address of the API (default 127.0.0.1)
PARLEY_API_KEYS                ``owner1:key1,owner2:key2`` (or PARLEY_API_KEYS_FILE, one per line);
                               a key may be stored hashed: ``owner:scrypt$...`` (`parley keys hash`)
PARLEY_ALLOW_TARGETS           CIDRs / host names webhooks may reach although not public
PARLEY_KAFKA_CHANNEL_PREFIX    topics the ``kafka`` channel may write start with this
                               (default ``parley.alerts.out.``; Parley's own topics never)
PARLEY_WEBHOOK_SECRET          HMAC key of webhooks without their own ``secret``
PARLEY_SMTP_HOST/PORT          SMTP relay (default localhost:25); PARLEY_SMTP_USER/PASSWORD,
                               PARLEY_SMTP_STARTTLS=1, PARLEY_SMTP_FROM
PARLEY_DELIVERY_ATTEMPTS       attempts per channel before the dead-letter topic (default 4)
PARLEY_DELIVERY_BACKOFF        first wait between attempts, doubled each time (default 0.5 s)
PARLEY_DELIVERY_TIMEOUT        seconds per HTTP/SMTP attempt in all (default 10)
PARLEY_DELIVERY_CONNECT_TIMEOUT  seconds to connect to a webhook/Slack target (default 3)
PARLEY_DELIVERY_READ_TIMEOUT   seconds a target may stay silent while answering (default 5)
PARLEY_DELIVERY_PER_TARGET     deliveries in flight per target (scheme://host:port; default 4)
PARLEY_DELIVERY_QUEUE          jobs waiting per target before more are parked (default 500)
PARLEY_BREAKER_FAILURES        failed attempts in a row that open a target's circuit (default 5)
PARLEY_BREAKER_COOLDOWN        seconds a circuit stays open before one probe (default 30)
PARLEY_DELIVERY_MAX_AGE        seconds after which an undeliverable alert is dead-lettered (default 3600)
PARLEY_API_RATE                requests per second per API key (default 20; 0 = no limit)
PARLEY_API_BURST               requests a key may save up (default 40)
PARLEY_API_FAIL_RATE           failed-auth requests per second per client address (default 1)
PARLEY_API_FAIL_BURST          failed-auth requests a client address may save up (default 10)
PARLEY_MAX_SUBSCRIPTIONS       subscriptions per owner (default 100; 0 = no limit)
PARLEY_MAX_STREAMS             concurrent SSE streams per API key (default 5; 0 = no limit)
PARLEY_PAGE_SIZE               default page of GET /subscriptions (default 100; ?limit= up to 1000)
PARLEY_SSE_REPLAY              recent events kept per subscription for Last-Event-ID (default 200)
PARLEY_STORY_WINDOW            seconds a story stays one story (default 86400)
PARLEY_SPIKE_TICK              seconds between the ticks that slide spike windows when no article
                               comes (ElastAlert2's placeholders; default 5)
=============================  ===========================================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

from ..config import _float, _int
from .keys import KeyRing

__all__ = ["AlertSettings", "parse_api_keys"]


def parse_api_keys(spec: str) -> dict[str, str]:
    """``"owner1:key1,owner2:key2"`` (commas or new lines) -> {key: owner}, plain keys only
    (the settings use `KeyRing.parse`, which also takes hashed keys)."""
    keys: dict[str, str] = {}
    for item in spec.replace("\n", ",").split(","):
        item = item.strip()
        if not item or item.startswith("#"):
            continue
        owner, sep, key = item.partition(":")
        if not sep or not owner.strip() or not key.strip():
            raise ValueError(f"API key entry {item!r} is not owner:key")
        keys[key.strip()] = owner.strip()
    return keys


@dataclass(frozen=True)
class AlertSettings:
    api_port: int = 8088
    api_bind: str = "127.0.0.1"
    api_keys: KeyRing = field(default_factory=KeyRing)
    allow_targets: str = ""
    #: the ``kafka`` channel writes only topics whose names start with this
    kafka_channel_prefix: str = "parley.alerts.out."
    webhook_secret: str = ""
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_from: str = "parley@localhost"
    delivery_attempts: int = 4
    delivery_backoff: float = 0.5
    delivery_backoff_cap: float = 30.0
    delivery_timeout: float = 10.0
    delivery_connect_timeout: float = 3.0
    delivery_read_timeout: float = 5.0
    #: deliveries in flight per target; more wait in the target's lane (streams/notify/lanes.py)
    delivery_per_target: int = 4
    delivery_queue: int = 500
    breaker_failures: int = 5
    breaker_cooldown: float = 30.0
    delivery_max_age: float = 3600.0
    #: unsettled delivery jobs per worker before the notify agent waits (bounds memory)
    delivery_max_pending: int = 10_000
    api_rate: float = 20.0
    api_burst: float = 40.0
    api_fail_rate: float = 1.0
    api_fail_burst: float = 10.0
    max_subscriptions: int = 100
    max_streams: int = 5
    page_size: int = 100
    sse_replay: int = 200
    story_window: float = 86400.0
    story_cap: int = 200
    digest_check_interval: float = 30.0
    #: stories of a subscription are written to the state table at most this often
    checkpoint_interval: float = 1.0
    spike_tick_interval: float = 5.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "AlertSettings":
        e = os.environ if env is None else env
        d = cls()
        keys = e.get("PARLEY_API_KEYS", "")
        if e.get("PARLEY_API_KEYS_FILE"):
            keys += "\n" + Path(e["PARLEY_API_KEYS_FILE"]).read_text("utf-8")
        return cls(
            api_port=int(e.get("PARLEY_API_PORT") or d.api_port),
            api_bind=e.get("PARLEY_API_BIND") or d.api_bind,
            api_keys=KeyRing.parse(keys),
            allow_targets=e.get("PARLEY_ALLOW_TARGETS", ""),
            kafka_channel_prefix=e.get("PARLEY_KAFKA_CHANNEL_PREFIX") or d.kafka_channel_prefix,
            webhook_secret=e.get("PARLEY_WEBHOOK_SECRET", ""),
            smtp_host=e.get("PARLEY_SMTP_HOST") or d.smtp_host,
            smtp_port=int(e.get("PARLEY_SMTP_PORT") or d.smtp_port),
            smtp_user=e.get("PARLEY_SMTP_USER", ""),
            smtp_password=e.get("PARLEY_SMTP_PASSWORD", ""),
            smtp_starttls=e.get("PARLEY_SMTP_STARTTLS", "") in ("1", "true", "yes"),
            smtp_from=e.get("PARLEY_SMTP_FROM") or d.smtp_from,
            delivery_attempts=int(e.get("PARLEY_DELIVERY_ATTEMPTS") or d.delivery_attempts),
            delivery_backoff=float(e.get("PARLEY_DELIVERY_BACKOFF") or d.delivery_backoff),
            delivery_timeout=float(e.get("PARLEY_DELIVERY_TIMEOUT") or d.delivery_timeout),
            story_window=float(e.get("PARLEY_STORY_WINDOW") or d.story_window),
            delivery_connect_timeout=_float(e, "PARLEY_DELIVERY_CONNECT_TIMEOUT", d.delivery_connect_timeout),
            delivery_read_timeout=_float(e, "PARLEY_DELIVERY_READ_TIMEOUT", d.delivery_read_timeout),
            delivery_per_target=_int(e, "PARLEY_DELIVERY_PER_TARGET", d.delivery_per_target),
            delivery_queue=_int(e, "PARLEY_DELIVERY_QUEUE", d.delivery_queue),
            breaker_failures=_int(e, "PARLEY_BREAKER_FAILURES", d.breaker_failures),
            breaker_cooldown=_float(e, "PARLEY_BREAKER_COOLDOWN", d.breaker_cooldown),
            delivery_max_age=_float(e, "PARLEY_DELIVERY_MAX_AGE", d.delivery_max_age),
            api_rate=_float(e, "PARLEY_API_RATE", d.api_rate),
            api_burst=_float(e, "PARLEY_API_BURST", d.api_burst),
            api_fail_rate=_float(e, "PARLEY_API_FAIL_RATE", d.api_fail_rate),
            api_fail_burst=_float(e, "PARLEY_API_FAIL_BURST", d.api_fail_burst),
            max_subscriptions=_int(e, "PARLEY_MAX_SUBSCRIPTIONS", d.max_subscriptions),
            max_streams=_int(e, "PARLEY_MAX_STREAMS", d.max_streams),
            page_size=_int(e, "PARLEY_PAGE_SIZE", d.page_size),
            sse_replay=_int(e, "PARLEY_SSE_REPLAY", d.sse_replay),
            spike_tick_interval=_float(e, "PARLEY_SPIKE_TICK", d.spike_tick_interval),
        )

    def with_(self, **changes: object) -> "AlertSettings":
        return replace(self, **changes)  # type: ignore[arg-type]
