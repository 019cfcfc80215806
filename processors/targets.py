"""Where an alert may be sent: the host an HTTP client will really connect to, the
addresses it may reach, the Kafka topics the ``kafka`` channel may write, and how a
target is written down in logs without its secrets.

No network here: `streams/notify/` and the API call these, and do the resolving.

- `parse_target(url)` -> `Target` (scheme, host, port): the host normalised exactly as
  the HTTP client (aiohttp, through yarl) will use it: IDNA/UTS 46 for non-ASCII names,
  compressed IP literals. It raises `TargetRefused` for what a guard cannot reason
  about safely: hosts that are not valid after IDNA, non-ASCII spellings of an IP
  address (``①②⑦.0.0.1``, ``127。0。0。1``, full-width digits) and the legacy numeric
  forms some resolvers accept (``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``).
- `address_kind(ip)`: why an address is not public ("loopback", "private", "shared",
  ...), looking inside IPv4-mapped, 6to4, Teredo and NAT64 IPv6 addresses.
- `KafkaTopicPolicy`: the ``kafka`` channel writes only topics under a prefix, never
  Parley's own topics nor Kafka's or Faust's internal ones.
- `redact_url`, `scrub`: a target without user, password, path or query, and an error
  message with those removed.

>>> parse_target("https://Bücher.example:8443/hook")
Target(scheme='https', host='xn--bcher-kva.example', port=8443, ip=None)
>>> parse_target("http://127。0。0。1/")
Traceback (most recent call last):
...
processors.errors.TargetRefused: host '127。0。0。1' spells the IP address 127.0.0.1 with non-ASCII characters; write it as 127.0.0.1
>>> redact_url("https://user:pw@hooks.example.org/services/T0/B1/xyz?token=abc")
'hooks.example.org'
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import idna

from .errors import TargetRefused

__all__ = ["Target", "parse_target", "canonical_host", "address_kind", "KafkaTopicPolicy", "redact_url", "scrub",
           "TOPIC_NAME"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: what Kafka accepts as a topic name (kafka.common.internals.Topic): 1..249 of these
TOPIC_NAME = re.compile(r"[A-Za-z0-9._-]{1,249}\Z")
_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)\Z")
# a host whose last label is a number is an IPv4 address in the WHATWG URL standard and to
# inet_aton (decimal, 0x hex, 0 octal, 1-4 parts); anything but the dotted quad is refused
_NUMERIC_LABEL = re.compile(r"(0[xX][0-9a-fA-F]*|[0-9]+)\Z")
# invisible code points IDNA would delete or fold (the set yarl refuses, and a few more)
_IGNORABLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u1806\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
                        "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # RFC 6598 carrier-grade NAT: not private to Python, not public


@dataclass(frozen=True)
class Target:
    """An http(s) target: `host` is what the client connects to (IDNA-encoded name or
    compressed IP without brackets), `ip` the address when the host is a literal."""

    scheme: str
    host: str
    port: int
    ip: str | None = None


def parse_target(url: str) -> Target:
    """The scheme, connect host and port of `url`; `TargetRefused` if it is not one a guard can check."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefused(f"not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise TargetRefused(f"not an http(s) URL (scheme {parts.scheme!r})")
    written = parts.hostname
    if not written:
        raise TargetRefused("the URL has no host")
    host, ip = canonical_host(written)
    return Target(parts.scheme, host, port or (443 if parts.scheme == "https" else 80), ip)


def canonical_host(written: str) -> tuple[str, str | None]:
    """``(host, ip)``: the host as the client connects to it, and the IP if it is a literal.

    >>> canonical_host("EXAMPLE.org"), canonical_host("::ffff:127.0.0.1")
    (('example.org', None), ('::ffff:7f00:1', '::ffff:7f00:1'))
    """
    if ":" in written:  # urlsplit removed the brackets; only an IPv6 literal has a colon here
        addr, _, zone = written.partition("%")
        try:
            ip6 = ipaddress.IPv6Address(addr)
        except ValueError:
            raise TargetRefused(f"host {written!r} is not a valid IPv6 address") from None
        if zone:
            raise TargetRefused(f"host {written!r}: IPv6 zone identifiers are not allowed")
        return ip6.compressed, ip6.compressed
    if "%" in written:
        raise TargetRefused(f"host {written!r}: percent-encoding is not allowed in a host")
    host = written
    if not written.isascii():
        if _IGNORABLE.search(written):
            raise TargetRefused(f"host {written!r} contains invisible characters")
        try:
            host = idna.encode(written, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError) as exc:
            raise TargetRefused(f"host {written!r} is not a valid name after IDNA: {exc}") from None
    host = host.lower()
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    if labels and _NUMERIC_LABEL.match(labels[-1]):
        try:
            ip4 = ipaddress.IPv4Address(host)
        except ValueError:
            raise TargetRefused(f"host {written!r} is a non-standard form of an IP address; "
                                "write IPv4 addresses as four decimal numbers (a.b.c.d)") from None
        if host != written:
            raise TargetRefused(f"host {written!r} spells the IP address {ip4} with non-ASCII characters; "
                                f"write it as {ip4}")
        return host, host
    if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        raise TargetRefused(f"host {written!r} is not a valid host name")
    if any(label.startswith("xn--") for label in labels):
        try:
            idna.decode(host)
        except (idna.IDNAError, UnicodeError, ValueError):
            raise TargetRefused(f"host {written!r} is not valid IDNA") from None
    return host, None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


_KINDS = ("is_loopback", "is_link_local", "is_unspecified", "is_multicast", "is_private", "is_reserved")


def address_kind(address: str | IPAddress) -> str | None:
    """Why `address` must not be reached, or None if it is a public unicast address.

    >>> [address_kind(a) for a in ("127.0.0.1", "100.64.1.1", "::ffff:10.0.0.1", "93.184.216.34")]
    ['loopback', 'shared', 'private', None]
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0]) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            kind = address_kind(inner)
            if kind is not None:
                return kind
            if ip.ipv4_mapped:
                return None
    for kind in _KINDS:
        if getattr(ip, kind):
            return kind[3:]
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED:
        return "shared"
    if not ip.is_global:
        return "not_global"
    return None


@dataclass(frozen=True)
class KafkaTopicPolicy:
    """Topics the ``kafka`` channel may write: legal names under `prefix`, none of `reserved`
    (Parley's own topics) nor of `reserved_prefixes` (Kafka's ``__*``, Faust's ``<app id>-*``).

    >>> p = KafkaTopicPolicy("parley.alerts.out.", frozenset({"articles.raw"}))
    >>> p.check("parley.alerts.out.desk")
    >>> p.check("articles.raw")
    Traceback (most recent call last):
    ...
    processors.errors.TargetRefused: Kafka topic 'articles.raw' is not allowed: alert topics must start with 'parley.alerts.out.' (PARLEY_KAFKA_CHANNEL_PREFIX)
    """

    prefix: str = "parley.alerts.out."
    reserved: frozenset[str] = frozenset()
    reserved_prefixes: tuple[str, ...] = ("__",)

    def problem(self, topic: object) -> str | None:
        """Why `topic` may not be written, or None."""
        if not isinstance(topic, str) or not TOPIC_NAME.match(topic) or topic in (".", ".."):
            return (f"{topic!r} is not a Kafka topic name (1-249 letters, digits, '.', '_' or '-')")
        if not topic.startswith(self.prefix) or len(topic) == len(self.prefix):
            return (f"Kafka topic {topic!r} is not allowed: alert topics must start with {self.prefix!r} "
                    "(PARLEY_KAFKA_CHANNEL_PREFIX)")
        if topic in self.reserved or topic.startswith(self.reserved_prefixes):
            return f"Kafka topic {topic!r} is one of Parley's or Kafka's own topics"
        return None

    def check(self, topic: object) -> None:
        why = self.problem(topic)
        if why is not None:
            raise TargetRefused(why)


def redact_url(url: str) -> str:
    """``host[:port]`` of a URL: no user, password, path or query (webhook paths are often tokens)."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return "?"
    if not host:
        return "?"
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{port}" if port else host


def _secret_parts(url: str) -> list[str]:
    try:
        parts = urlsplit(url)
        user, password = parts.username, parts.password
    except ValueError:
        return [url]
    found = [url, parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""]
    found += [user or "", password or ""]
    found += [parts.path if len(parts.path) > 1 else "", parts.query, parts.fragment]
    found += [v for q in parts.query.split("&") for v in q.split("=", 1)[1:]]
    return found


def scrub(text: str, urls: Iterable[str] = (), secrets: Iterable[str] = ()) -> str:
    """`text` with the user, password, path and query of each of `urls`, and `secrets`, replaced by ``***``.

    >>> scrub("Cannot connect to https://u:pw@x.org/hook/T0K?sig=1", ["https://u:pw@x.org/hook/T0K?sig=1"])
    'Cannot connect to ***'
    """
    parts = [p for url in urls for p in _secret_parts(url)] + list(secrets)
    for part in sorted({p for p in parts if p and len(p) >= 3}, key=len, reverse=True):
        text = text.replace(part, "***")
    return text
