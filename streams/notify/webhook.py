"""Webhook and Slack-compatible incoming-webhook notifiers (aiohttp), behind the SSRF guard.

The guard runs where the connection is made: a resolver wrapped around aiohttp's
checks every address a host name resolves to (so a DNS answer that changes
between a check and the connect cannot slip through), and literal IP targets are
checked before the request. The host checked is the one aiohttp will connect to:
the URL is parsed once by yarl (as aiohttp does, IDNA included), that URL object is
what is sent, and its host must equal `processors.targets.parse_target`'s, which
refuses non-ASCII and numeric spellings of IP addresses (``①②⑦.0.0.1``,
``2130706433``). Refused targets raise ``TargetRefused`` (not retried).
"""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any, Mapping

import aiohttp
from yarl import URL
from aiohttp.abc import AbstractResolver
from aiohttp.resolver import DefaultResolver

from processors.delivery import DeliveryError, TargetPolicy, TargetRefused, sign, slack_payload
from processors.targets import Target, redact_url, scrub

from .base import Delivered

__all__ = ["GuardedResolver", "WebhookNotifier", "SlackNotifier", "HttpClient", "guarded_url"]


class GuardedResolver(AbstractResolver):
    def __init__(self, policy: TargetPolicy, inner: AbstractResolver | None = None) -> None:
        self.policy = policy
        self.inner = inner or DefaultResolver()

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[dict[str, Any]]:
        found = await self.inner.resolve(host, port, family)
        self.policy.check(host, [r["host"] for r in found])
        return found

    async def close(self) -> None:
        await self.inner.close()


def guarded_url(policy: TargetPolicy, url: str) -> tuple[URL, Target]:
    """The URL object to hand aiohttp, once its host passed the guard (literal IPs here,
    names later in `GuardedResolver`); `TargetRefused` otherwise."""
    target = policy.check_url(url)
    try:
        parsed = URL(url)
    except (ValueError, TypeError) as exc:
        raise TargetRefused(f"not a valid URL: {exc}") from None
    connect = (parsed.raw_host or "").strip("[]").lower()
    if connect != target.host:  # never expected: the client would connect elsewhere than what was checked
        raise TargetRefused(f"host {target.host!r} would be connected to as {connect!r}")
    return parsed, target


class HttpClient:
    """One aiohttp session shared by the HTTP notifiers (created on first use, in the loop)."""

    def __init__(self, policy: TargetPolicy, *, timeout: float = 10.0, connect_timeout: float | None = None,
                 read_timeout: float | None = None) -> None:
        self.policy = policy
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            # the delivery lanes bound connections per target (streams/notify/lanes.py); this pool only
            # has to be large enough for all lanes at once
            connector = aiohttp.TCPConnector(resolver=GuardedResolver(self.policy), limit=500, ttl_dns_cache=60)
            timeout = aiohttp.ClientTimeout(total=self.timeout, sock_connect=self.connect_timeout,
                                            sock_read=self.read_timeout)
            self._session = aiohttp.ClientSession(connector=connector, timeout=timeout)
        return self._session

    async def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> int:
        parsed, _target = guarded_url(self.policy, url)
        host = redact_url(url)
        try:
            async with self.session().post(parsed, data=body, headers=dict(headers), allow_redirects=False) as resp:
                await resp.read()
                status = resp.status
        except TargetRefused:  # raised by GuardedResolver; aiohttp lets non-OSErrors through
            raise
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise DeliveryError(scrub(f"{exc.__class__.__name__}: {exc}".strip(), [url, str(parsed)])) from exc
        if 200 <= status < 300:
            return status
        retryable = status >= 500 or status in (408, 425, 429)
        raise DeliveryError(f"HTTP {status} from {host}", retryable=retryable, status=status)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class WebhookNotifier:
    """POST the alert JSON; ``X-Parley-Signature: sha256=HMAC(secret, body)``."""

    kind = "webhook"

    def __init__(self, client: HttpClient, *, default_secret: str = "") -> None:
        self.client = client
        self.default_secret = default_secret

    async def send(self, alert: Mapping[str, Any], channel: Mapping[str, Any], *, key: str) -> Delivered:
        body = _dumps(alert)
        headers = {"Content-Type": "application/json", "X-Parley-Idempotency-Key": key,
                   "X-Parley-Alert-Id": str(alert.get("id")), "X-Parley-Event": str(alert.get("kind", "alert")),
                   "User-Agent": "parley-alerts/1"}
        secret = channel.get("secret") or self.default_secret
        if secret:
            headers["X-Parley-Signature"] = sign(str(secret), body)
        status = await self.client.post(str(channel["url"]), body, headers)
        return Delivered(f"HTTP {status}")

    async def close(self) -> None:
        await self.client.close()


class SlackNotifier:
    """POST ``{"text", "blocks"}`` to a Slack-compatible incoming webhook."""

    kind = "slack"

    def __init__(self, client: HttpClient) -> None:
        self.client = client

    async def send(self, alert: Mapping[str, Any], channel: Mapping[str, Any], *, key: str) -> Delivered:
        status = await self.client.post(str(channel["url"]), _dumps(slack_payload(alert)),
                                        {"Content-Type": "application/json", "X-Parley-Idempotency-Key": key})
        return Delivered(f"HTTP {status}")

    async def close(self) -> None:
        await self.client.close()
