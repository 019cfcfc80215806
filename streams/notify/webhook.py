"""Webhook and Slack-compatible incoming-webhook notifiers (aiohttp), behind the SSRF guard.

The guard runs where the connection is made: a resolver wrapped around aiohttp's
checks every address a host name resolves to (so a DNS answer that changes
between a check and the connect cannot slip through), and literal IP targets are
checked before the request. Refused targets raise ``TargetRefused`` (not retried).
"""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any, Mapping

import aiohttp
from aiohttp.abc import AbstractResolver
from aiohttp.resolver import DefaultResolver

from processors.delivery import DeliveryError, TargetPolicy, TargetRefused, sign, slack_payload, target_host

from .base import Delivered

__all__ = ["GuardedResolver", "WebhookNotifier", "SlackNotifier", "HttpClient"]


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


def _literal_ip(host: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
        return True
    except OSError:
        return False


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
        host, _port = target_host(url)
        if _literal_ip(host):
            self.policy.check(host, [host])
        try:
            async with self.session().post(url, data=body, headers=dict(headers), allow_redirects=False) as resp:
                await resp.read()
                status = resp.status
        except TargetRefused:  # raised by GuardedResolver; aiohttp lets non-OSErrors through
            raise
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise DeliveryError(f"{exc.__class__.__name__}: {exc}".strip()) from exc
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
