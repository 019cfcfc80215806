"""Alert subscriptions: what a user owns, validated when built or read back.

A `Subscription` travels as a plain dict (`to_dict`/`from_dict`) through the REST
API, the compacted `subscriptions` topic and the Faust table; building one parses
its query, so an invalid query never reaches a worker (`QueryError` with the
position), and any other invalid field raises `SubscriptionError(field=...)`.

>>> Subscription(id="s1", owner="desk", name="Caucasus", query="~ceasefire country:ARM").compiled.labels()
['~ceasefire', 'country:ARM']
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import SubscriptionError
from .query import Query, parse_query
from .rules import BreakingRule, SpikeRule, parse_rule

__all__ = ["Subscription", "CHANNEL_TYPES", "DIGESTS", "MAX_CHANNELS", "unencodable_text"]

#: channel type -> keys it requires
CHANNEL_TYPES: dict[str, tuple[str, ...]] = {"webhook": ("url",), "slack": ("url",), "email": ("to",), "sse": (), "kafka": ("topic",)}
DIGESTS = (None, "hourly", "daily")
MAX_CHANNELS = 10
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}\Z")
_TOPIC = re.compile(r"[A-Za-z0-9._-]{1,249}\Z")  # Kafka's legal topic names
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")


def unencodable_text(value: Any, path: str = "") -> str | None:
    """The path (``name``, ``channels[0].url``) of the first string in `value`, a key included,
    that is not encodable as UTF-8 (a lone surrogate such as ``"\\ud800"`` from JSON), or None.

    >>> unencodable_text({"name": "ok", "channels": [{"url": "\\ud800"}]})
    'channels[0].url'
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path or "value"
        return None
    if isinstance(value, Mapping):
        for k, v in value.items():
            where = f"{path}.{k}" if path else str(k)
            if isinstance(k, str) and unencodable_text(k) is not None:
                return path or "keys"
            found = unencodable_text(v, where)
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            found = unencodable_text(v, f"{path}[{i}]")
            if found is not None:
                return found
    return None


@dataclass
class Subscription:
    """One user's alert. Validated on construction; `compiled` is the parsed query.

    Times are ISO 8601 strings in UTC (the API and the Kafka record use them as given).
    `throttle`: at most `max` alerts per `window_s` seconds, or None for no limit.
    `digest`: None (one message per alert), "hourly" or "daily" (one message per bucket).
    `rule`: None (one alert per matching story), or a spike or breaking-news rule over the
    query's matches (`processors.rules`); `rule_spec` is the parsed rule.
    """

    id: str
    owner: str
    name: str
    query: str
    channels: list[dict[str, Any]] = field(default_factory=list)
    throttle: dict[str, int] | None = None
    digest: str | None = None
    active: bool = True
    rule: dict[str, Any] | None = None
    created_at: str = ""
    updated_at: str = ""

    def __post_init__(self) -> None:
        self.compiled: Query = self._validate()
        self.rule_spec: SpikeRule | BreakingRule | None = self._validate_rule()

    def _validate_rule(self) -> SpikeRule | BreakingRule | None:
        spec = parse_rule(self.rule)
        if spec is not None and (self.throttle is not None or self.digest is not None):
            raise SubscriptionError(f"a {spec.kind} rule fires once per spike or story: throttle and digest are for "
                                    "keyword alerts only (leave them null)", field="rule")
        self.rule = spec.to_dict() if spec is not None else None
        return spec

    def _validate(self) -> Query:
        for name in ("id", "owner", "name", "query", "channels", "digest", "created_at", "updated_at"):
            bad = unencodable_text(getattr(self, name), name)
            if bad is not None:
                raise SubscriptionError(f"{bad} is not valid text (it cannot be encoded as UTF-8: "
                                        "a lone surrogate?)", field=bad.split("[", 1)[0].split(".", 1)[0])
        for name in ("id", "owner"):
            v = getattr(self, name)
            if not isinstance(v, str) or not _ID.match(v):
                raise SubscriptionError(f"{name} must be 1-128 letters, digits or _.:@- (got {v!r})", field=name)
        if not isinstance(self.name, str) or not self.name.strip() or len(self.name) > 200:
            raise SubscriptionError("name must be a non-empty string of at most 200 characters", field="name")
        if not isinstance(self.channels, list) or len(self.channels) > MAX_CHANNELS:
            raise SubscriptionError(f"channels must be a list of at most {MAX_CHANNELS} channels", field="channels")
        for i, ch in enumerate(self.channels):
            _check_channel(i, ch)
        if self.throttle is not None:
            t = self.throttle
            if (not isinstance(t, Mapping) or set(t) != {"max", "window_s"}
                    or not all(isinstance(t[k], int) and not isinstance(t[k], bool) for k in t)
                    or not 1 <= t["max"] <= 10_000 or not 1 <= t["window_s"] <= 7 * 86400):
                raise SubscriptionError('throttle must be {"max": 1..10000, "window_s": 1..604800} or null', field="throttle")
            self.throttle = {"max": t["max"], "window_s": t["window_s"]}
        if self.digest not in DIGESTS:
            raise SubscriptionError('digest must be null, "hourly" or "daily"', field="digest")
        if not isinstance(self.active, bool):
            raise SubscriptionError("active must be true or false", field="active")
        for name in ("created_at", "updated_at"):
            v = getattr(self, name)
            try:
                if not isinstance(v, str) or (v and datetime.fromisoformat(v).tzinfo is None):
                    raise ValueError
            except ValueError:
                raise SubscriptionError(f"{name} must be an ISO 8601 time with a zone, e.g. 2026-11-27T16:00:00Z",
                                        field=name) from None
        if not isinstance(self.query, str):
            raise SubscriptionError("query must be a string", field="query")
        return parse_query(self.query)

    @classmethod
    def create(cls, *, owner: str, name: str, query: str, id: str | None = None,
               clock: Callable[[], float] = time.time, new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
               **settings: Any) -> Subscription:
        """A new subscription stamped with the (injected) clock and a fresh id."""
        now = datetime.fromtimestamp(clock(), tz=timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        return cls(id=id or new_id(), owner=owner, name=name, query=query, created_at=now, updated_at=now, **settings)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("compiled", None)
        d.pop("rule_spec", None)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Subscription:
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        missing = [k for k in ("id", "owner", "name", "query") if k not in known]
        if missing:
            raise SubscriptionError(f"missing field(s): {', '.join(missing)}", field=missing[0])
        channels = known.get("channels") or []
        if isinstance(channels, list):
            known["channels"] = [dict(c) if isinstance(c, Mapping) else c for c in channels]
        return cls(**known)


def _check_channel(i: int, ch: Any) -> None:
    where = f"channels[{i}]"
    if not isinstance(ch, Mapping) or ch.get("type") not in CHANNEL_TYPES:
        raise SubscriptionError(f"{where} must be an object with type one of {', '.join(CHANNEL_TYPES)}", field="channels")
    for key in CHANNEL_TYPES[ch["type"]]:
        if not ch.get(key):
            raise SubscriptionError(f"{where} ({ch['type']}) needs '{key}'", field="channels")
    if ch["type"] in ("webhook", "slack") and not re.match(r"https?://[^\s/]+", str(ch["url"])):
        raise SubscriptionError(f"{where}: url must start with http:// or https://", field="channels")
    if ch["type"] == "email":
        to = ch["to"] if isinstance(ch["to"], list) else [ch["to"]]
        bad = [a for a in to if not isinstance(a, str) or not _EMAIL.match(a)]
        if bad or not to:
            raise SubscriptionError(f"{where}: not an email address: {bad[0] if bad else to!r}", field="channels")
    if ch["type"] == "kafka" and (not _TOPIC.match(str(ch["topic"])) or ch["topic"] in (".", "..")):
        raise SubscriptionError(f"{where}: not a Kafka topic name: {ch['topic']!r}", field="channels")
