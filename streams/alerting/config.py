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
PARLEY_DELIVERY_TIMEOUT        seconds per HTTP/SMTP attempt (default 10)
PARLEY_STORY_WINDOW            seconds a story stays one story (default 86400)
=============================  ===========================================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

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
    notify_concurrency: int = 32
    story_window: float = 86400.0
    story_cap: int = 200
    digest_check_interval: float = 30.0
    #: stories of a subscription are written to the state table at most this often
    checkpoint_interval: float = 1.0

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
        )

    def with_(self, **changes: object) -> "AlertSettings":
        return replace(self, **changes)  # type: ignore[arg-type]
