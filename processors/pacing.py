"""Throttle and digest: how often a subscription may speak. Pure, clock injected.

- `Throttle`: at most `max` alerts per sliding window of `window_s` seconds, per
  subscription (the `throttle` setting of a `Subscription`).
- `digest_bucket(digest, ts)`: the hourly or daily bucket (UTC) an alert falls in;
  `DigestBuffer` collects alerts per (subscription, bucket) and hands back the
  buckets that have closed, one message each.

Both keep their state as plain JSON (`to_dict`/`from_dict`) for a Faust table.

>>> digest_bucket("hourly", 1_700_000_000).key
'hourly:2023-11-14T22'
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

__all__ = ["Throttle", "DigestBucket", "digest_bucket", "DigestBuffer"]


class Throttle:
    """Sliding-window rate limit per subscription; only allowed alerts count."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._sent: dict[str, list[float]] = {}

    def allow(self, subscription_id: str, max_alerts: int, window_s: float, *, now: float | None = None) -> bool:
        """True, and counted, if one more alert fits in the window ending now."""
        now = self.clock() if now is None else now
        sent = [t for t in self._sent.get(subscription_id, ()) if t > now - window_s]
        if len(sent) >= max_alerts:
            self._sent[subscription_id] = sent
            return False
        sent.append(now)
        self._sent[subscription_id] = sent
        return True

    def allow_for(self, throttle: Mapping[str, int] | None, subscription_id: str, *, now: float | None = None) -> bool:
        """`allow` with a subscription's `throttle` setting ({"max", "window_s"} or None = no limit)."""
        if not throttle:
            return True
        return self.allow(subscription_id, throttle["max"], throttle["window_s"], now=now)

    def retry_after(self, subscription_id: str, window_s: float, *, now: float | None = None) -> float:
        """Seconds until the oldest counted alert leaves the window (0 if none)."""
        now = self.clock() if now is None else now
        sent = self._sent.get(subscription_id)
        return max(0.0, sent[0] + window_s - now) if sent else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"sent": {k: list(v) for k, v in self._sent.items() if v}}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, clock: Callable[[], float] = time.time) -> Throttle:
        t = cls(clock=clock)
        t._sent = {k: [float(x) for x in v] for k, v in (d.get("sent") or {}).items()}
        return t


@dataclass(frozen=True)
class DigestBucket:
    key: str      # "hourly:2026-11-27T16" or "daily:2026-11-27"
    start: float  # epoch seconds, inclusive
    end: float    # epoch seconds, exclusive: the digest is due then


def digest_bucket(digest: str, ts: float) -> DigestBucket:
    """The UTC hour or day that `ts` (epoch seconds) falls in."""
    dt = datetime.fromtimestamp(ts, tz=timezone.utc)
    if digest == "hourly":
        start = dt.replace(minute=0, second=0, microsecond=0)
        return DigestBucket(f"hourly:{start:%Y-%m-%dT%H}", start.timestamp(), start.timestamp() + 3600)
    if digest == "daily":
        start = dt.replace(hour=0, minute=0, second=0, microsecond=0)
        return DigestBucket(f"daily:{start:%Y-%m-%d}", start.timestamp(), start.timestamp() + 86400)
    raise ValueError(f"digest must be 'hourly' or 'daily', not {digest!r}")


class DigestBuffer:
    """Alerts waiting for their digest, per (subscription, bucket)."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._pending: dict[str, dict[str, Any]] = {}  # "sub|bucket" -> {"sub", "bucket", "start", "end", "alerts"}

    def add(self, subscription_id: str, digest: str, alert: Mapping[str, Any], *, now: float | None = None) -> str:
        """Queue `alert` in the current bucket; returns the bucket key."""
        b = digest_bucket(digest, self.clock() if now is None else now)
        slot = self._pending.setdefault(f"{subscription_id}|{b.key}", {
            "subscription_id": subscription_id, "bucket": b.key, "start": b.start, "end": b.end, "alerts": []})
        slot["alerts"].append(dict(alert))
        return b.key

    def due(self, *, now: float | None = None) -> list[dict[str, Any]]:
        """Remove and return the buckets that have closed, oldest first."""
        now = self.clock() if now is None else now
        ready = sorted((v for v in self._pending.values() if v["end"] <= now), key=lambda v: (v["end"], v["subscription_id"]))
        for v in ready:
            del self._pending[f"{v['subscription_id']}|{v['bucket']}"]
        return ready

    def __len__(self) -> int:
        return len(self._pending)

    def to_dict(self) -> dict[str, Any]:
        return {"pending": list(self._pending.values())}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, clock: Callable[[], float] = time.time) -> DigestBuffer:
        b = cls(clock=clock)
        for v in d.get("pending") or ():
            b._pending[f"{v['subscription_id']}|{v['bucket']}"] = dict(v)
        return b
