"""Delivering alerts, the pure parts: signatures, backoff, target safety, message bodies.

No network here: the notifiers in `streams/notify/` call these.

- `sign(secret, body)` -> ``"sha256=<hex>"``, the ``X-Parley-Signature`` header value;
  `verify(secret, body, header)` checks one in constant time.
- `backoff_schedule(attempts, base, factor, cap)`: the waits between attempts.
- `TargetPolicy`: refuses webhook/Slack targets on loopback, private, shared
  (100.64.0.0/10), link-local, unspecified, multicast, reserved or other non-global
  addresses (IPv6 forms included) unless an allow-list admits them
  (``PARLEY_ALLOW_TARGETS="127.0.0.1/32,hooks.internal"``); `check_url` checks a URL
  as written, before any connection (`processors.targets` normalises its host).
- `alert_text`, `slack_payload`, `email_message`: what a person reads.

>>> verify("k", b"{}", sign("k", b"{}")), verify("k", b"{}", sign("other", b"{}"))
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import html
import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from .errors import DeliveryError, TargetRefused
from .targets import Target, address_kind, parse_target

__all__ = ["DeliveryError", "TargetRefused", "sign", "verify", "backoff_schedule", "idempotency_key",
           "TargetPolicy", "alert_text", "alert_markdown", "slack_payload", "email_message", "channel_label"]


def sign(secret: str | bytes, body: bytes) -> str:
    key = secret.encode() if isinstance(secret, str) else secret
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def verify(secret: str | bytes, body: bytes, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(sign(secret, body), header)


def idempotency_key(alert_id: str, channel_index: int, channel: Mapping[str, Any]) -> str:
    """``<alert id>:<n>:<type>``: one key per alert and channel of the subscription."""
    return f"{alert_id}:{channel_index}:{channel.get('type')}"


def channel_label(channel: Mapping[str, Any]) -> str:
    return str(channel.get("type", "?"))


def backoff_schedule(attempts: int, *, base: float = 0.5, factor: float = 2.0, cap: float = 30.0) -> list[float]:
    """Seconds to wait before attempts 2..`attempts`: base, base*factor, ... each at most `cap`.

    >>> backoff_schedule(5, base=0.5, cap=3)
    [0.5, 1.0, 2.0, 3]
    """
    return [min(base * factor ** i, cap) for i in range(max(0, attempts - 1))]


@dataclass(frozen=True)
class TargetPolicy:
    """Which resolved addresses a webhook may reach. `allow`: CIDRs and host names."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, spec: str | Iterable[str] | None) -> TargetPolicy:
        items = spec.split(",") if isinstance(spec, str) else list(spec or ())
        nets, hosts = [], set()
        for raw in (i.strip() for i in items):
            if not raw:
                continue
            try:
                nets.append(ipaddress.ip_network(raw, strict=False))
            except ValueError:
                hosts.add(raw.lower().rstrip("."))
        return cls(tuple(nets), frozenset(hosts))

    @staticmethod
    def blocked_kind(address: str) -> str | None:
        """Why `address` is not public ("loopback", "private", "shared", ...), or None if it is."""
        return address_kind(address)

    def check_url(self, url: str) -> Target:
        """The `Target` of `url` if it may be tried: a literal IP is checked here, a host name
        by `check` once resolved. Raises `TargetRefused` with the reason."""
        target = parse_target(url)
        if target.ip is not None:
            self.check(target.host, [target.ip])
        return target

    def check(self, host: str, addresses: Sequence[str]) -> None:
        """Raise `TargetRefused` unless every address is public or allow-listed."""
        if host.lower().rstrip(".") in self.hosts:
            return
        if not addresses:
            raise TargetRefused(f"{host} does not resolve")
        for a in addresses:
            kind = self.blocked_kind(a)
            if kind is None:
                continue
            ip = ipaddress.ip_address(a.split("%", 1)[0])
            if any(ip.version == n.version and ip in n for n in self.networks):
                continue
            where = f"{a} is a {kind} address" if a == host else f"{host} resolves to {a} ({kind})"
            raise TargetRefused(f"{where}; add it to PARLEY_ALLOW_TARGETS to allow it")


def target_host(url: str) -> tuple[str, int]:
    """The host the HTTP client connects to and the port (see `processors.targets.parse_target`)."""
    target = parse_target(url)
    return target.host, target.port


# -- what a person reads -------------------------------------------------------------------

def _title(alert: Mapping[str, Any]) -> str:
    art = alert.get("article") or {}
    return str(art.get("title") or art.get("url") or art.get("id") or "(untitled)")


def alert_text(alert: Mapping[str, Any]) -> str:
    """Plain text of an alert or a digest (email text part, terminal, Slack fallback)."""
    sub = alert.get("subscription") or {}
    if alert.get("kind") == "digest":
        lines = [f"Parley digest for {sub.get('name')} ({alert.get('bucket')}): {alert.get('count')} alert(s)", ""]
        for a in alert.get("alerts") or ():
            lines.append(f"- {_title(a)} {(a.get('article') or {}).get('url') or ''}".rstrip())
        return "\n".join(lines) + "\n"
    if alert.get("kind") in ("spike", "breaking"):
        return rule_alert_text(alert)
    art = alert.get("article") or {}
    lines = [f"Parley alert for {sub.get('name')}: {_title(alert)}"]
    meta = ", ".join(x for x in (art.get("source"), art.get("lang"), ", ".join(alert.get("tags") or ())) if x)
    if meta:
        lines.append(meta)
    if art.get("url"):
        lines.append(str(art["url"]))
    lines += ["", str(alert.get("snippet") or "")]
    if alert.get("other_sources"):
        lines.append("Also in: " + ", ".join(alert["other_sources"]))
    return "\n".join(lines) + "\n"


def rule_alert_text(alert: Mapping[str, Any]) -> str:
    """A spike or breaking-news alert: what happened (counts, baseline), then its articles."""
    sub = alert.get("subscription") or {}
    lines = [f"Parley {alert.get('kind')} alert for {sub.get('name')}", str(alert.get("snippet") or "")]
    if alert.get("kind") == "breaking":
        lines.append(f"Sources: {', '.join(map(str, alert.get('sources') or ()))}")
    lines.append("")
    for a in alert.get("articles") or ():
        meta = ", ".join(str(x) for x in (a.get("source"), a.get("lang"), a.get("published")) if x)
        lines.append(f"- {_title({'article': a})} ({meta}) {a.get('url') or ''}".rstrip())
    return "\n".join(lines) + "\n"


def _marked(alert: Mapping[str, Any], open_mark: str, close_mark: str, escape=lambda s: s) -> str:
    snippet = str(alert.get("snippet") or "")
    out, pos = [], 0
    for s, e in alert.get("highlights") or ():
        out += [escape(snippet[pos:s]), open_mark, escape(snippet[s:e]), close_mark]
        pos = e
    out.append(escape(snippet[pos:]))
    return "".join(out)


def alert_markdown(alert: Mapping[str, Any]) -> str:
    """Slack mrkdwn: the snippet with matched words in *bold*."""
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # noqa: E731
    return _marked(alert, "*", "*", esc)


def slack_payload(alert: Mapping[str, Any]) -> dict[str, Any]:
    """A Slack-compatible incoming-webhook body: ``text`` (fallback) and ``blocks``."""
    sub = (alert.get("subscription") or {}).get("name")
    if alert.get("kind") == "digest":
        text = alert_text(alert)
        return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}}]}
    art = alert.get("article") or {}
    title = _title(alert)
    link = f"<{art['url']}|{title}>" if art.get("url") else title
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{sub}*: {link}"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": alert_markdown(alert)[:2900] or " "}},
    ]
    ctx = [x for x in (art.get("source"), art.get("lang"), ", ".join(alert.get("tags") or ())) if x]
    if alert.get("other_sources"):
        ctx.append("also in " + ", ".join(alert["other_sources"]))
    if ctx:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(ctx)}]})
    return {"text": f"Parley alert for {sub}: {title}", "blocks": blocks}


def email_message(alert: Mapping[str, Any], *, sender: str, to: Sequence[str]) -> EmailMessage:
    """multipart/alternative: plain text and HTML (matched words in <mark>)."""
    sub = (alert.get("subscription") or {}).get("name")
    msg = EmailMessage()
    kind = "digest" if alert.get("kind") == "digest" else "alert"
    what = _title(alert) if kind == "alert" else f"digest of {alert.get('count')} alerts"
    msg["Subject"] = f"[Parley] {sub}: {what}"[:250]
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Message-ID"] = f"<{alert.get('id')}@parley>"
    msg["X-Parley-Alert-Id"] = str(alert.get("id"))
    msg.set_content(alert_text(alert))
    art = alert.get("article") or {}
    if kind == "digest":
        items = "".join(f"<li><a href=\"{html.escape(str((a.get('article') or {}).get('url') or ''))}\">"
                        f"{html.escape(_title(a))}</a></li>" for a in alert.get("alerts") or ())
        body = f"<h2>{html.escape(str(sub))}</h2><p>{alert.get('count')} alert(s), {html.escape(str(alert.get('bucket')))}</p><ul>{items}</ul>"
    else:
        link = html.escape(str(art.get("url") or ""))
        body = (f"<h2>{html.escape(str(sub))}</h2><p><a href=\"{link}\">{html.escape(_title(alert))}</a></p>"
                f"<p>{_marked(alert, '<mark>', '</mark>', html.escape)}</p>"
                f"<p><small>{html.escape(', '.join(x for x in (art.get('source'), art.get('lang')) if x))}</small></p>")
        if alert.get("other_sources"):
            body += f"<p>Also in: {html.escape(', '.join(alert['other_sources']))}</p>"
    msg.add_alternative(f"<!doctype html><html><body>{body}</body></html>", subtype="html")
    return msg
