"""Where alerts may go (issue 9, items 4, 7 and 8): the SSRF guard sees the host the HTTP
client will connect to, every spelling of a private address is refused before any
connection, Kafka channels stay under their prefix, and targets are recorded without
credentials or tokens."""

from __future__ import annotations

import asyncio
import logging

import pytest
from prometheus_client import CollectorRegistry
from yarl import URL

from processors.delivery import DeliveryError, TargetPolicy, TargetRefused
from processors.targets import KafkaTopicPolicy, address_kind, parse_target, redact_url, scrub
from streams.alerting.config import AlertSettings
from streams.alerting.guard import ChannelGuard, kafka_topic_policy
from streams.config import Settings
from streams.metrics import Metrics
from streams.notify.base import Delivered
from streams.notify.dispatch import Dispatcher, redact
from streams.notify.kafka import KafkaNotifier
from streams.notify.webhook import HttpClient, guarded_url

ALLOW_LOCAL = TargetPolicy.parse("127.0.0.1/32")

# -- item 4: the host the client connects to ------------------------------------------------

NON_ASCII_LOOPBACK = [
    "http://①②⑦.0.0.1:8080/hook",       # enclosed alphanumerics
    "http://127。0。0。1/",               # ideographic full stops
    "http://１２７.０.０.１/",             # full-width digits
    "http://127．0．0．1/",               # full-width full stops
    "http://127.0.0.1。/",               # trailing ideographic full stop
    "http://⑽.0.0.1/",                   # parenthesized number -> "(10)"... invalid after IDNA
]
NUMERIC_FORMS = [
    "http://2130706433/",     # decimal
    "http://0x7f000001/",     # hex
    "http://0x7f.1/",         # hex, short
    "http://0177.0.0.1/",     # octal
    "http://127.1/",          # short
    "http://127.0.1/",        # short
    "http://127.0.0.01/",     # leading zero
    "http://0/",              # 0.0.0.0
    "http://127.0.0.1./",     # trailing dot
    "http://1.2.3.4.5/",
    "http://example.123/",    # a numeric last label is an IPv4 address to WHATWG
]
OTHER_REFUSED = [
    "http://%31%32%37.0.0.1/",        # percent-encoded host
    "http://[fe80::1%25eth0]/",       # IPv6 zone
    "http://127\u200b.0.0.1/",        # invisible character IDNA would delete
    "http://١٢٧.٠.٠.١/",              # Arabic-Indic digits: invalid after IDNA
    "http://xn--/", "http://a..b/", "http://-a.example/", "ftp://example.org/", "http:///nohost",
]


@pytest.mark.parametrize("url", NON_ASCII_LOOPBACK + NUMERIC_FORMS + OTHER_REFUSED)
def test_non_canonical_hosts_are_refused_even_when_allow_listed(url):
    with pytest.raises(TargetRefused):
        parse_target(url)
    with pytest.raises(TargetRefused):
        ALLOW_LOCAL.check_url(url)
    with pytest.raises(TargetRefused) as caught:
        guarded_url(TargetPolicy.parse("0.0.0.0/0, ::/0"), url)
    assert caught.value.reason == "target_refused" and caught.value.retryable is False


def test_non_ascii_ip_refusal_says_what_it_spells():
    with pytest.raises(TargetRefused, match=r"spells the IP address 127\.0\.0\.1 with non-ASCII"):
        parse_target("http://①②⑦.0.0.1:8080/")
    with pytest.raises(TargetRefused, match="non-standard form"):
        parse_target("http://2130706433/")


@pytest.mark.parametrize("url,host", [
    ("https://hooks.example.org/x", "hooks.example.org"), ("https://Bücher.Example/x", "xn--bcher-kva.example"),
    ("http://ＥＸＡＭＰＬＥ.org/", "example.org"), ("http://93.184.216.34:8080/", "93.184.216.34"),
    ("http://[2606:4700::1111]/", "2606:4700::1111"), ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),
    ("http://user:pw@example.org/", "example.org"), ("http://localhost./", "localhost."),
])
def test_accepted_hosts_are_what_yarl_and_aiohttp_connect_to(url, host):
    assert parse_target(url).host == host
    assert (URL(url).raw_host or "").strip("[]").lower() == host


@pytest.mark.parametrize("address,kind", [
    ("100.64.0.1", "shared"), ("100.127.255.254", "shared"), ("100.128.0.1", None), ("100.63.255.255", None),
    ("198.18.0.1", "private"), ("240.0.0.1", "private"), ("192.0.2.1", "private"), ("255.255.255.255", "private"), ("0.1.2.3", "private"),
    ("::ffff:10.0.0.1", "private"), ("::ffff:100.64.0.1", "shared"), ("::ffff:7f00:1", "loopback"),
    ("2002:7f00:1::", "loopback"), ("2002:a00:1::", "private"), ("64:ff9b::7f00:1", "loopback"),
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),  # Teredo around 127.0.0.1
    ("::127.0.0.1", "reserved"), ("fc00::1", "private"), ("fd12::1", "private"), ("::", "unspecified"),
    ("ff02::1", "multicast"), ("fe80::1", "link_local"), ("2001:db8::1", "private"),
    ("::ffff:169.254.169.254", "link_local"), ("::ffff:93.184.216.34", None), ("2606:4700::1111", None), ("93.184.216.34", None),
])
def test_address_kinds(address, kind):
    assert address_kind(address) == kind
    assert TargetPolicy.blocked_kind(address) == kind


def test_shared_address_space_needs_the_allow_list():
    with pytest.raises(TargetRefused, match="shared"):
        TargetPolicy.parse("").check("cgnat.example", ["100.64.12.1"])
    TargetPolicy.parse("100.64.0.0/10").check("cgnat.example", ["100.64.12.1"])


class _NoConnect(HttpClient):
    """Fails the test if the client ever gets as far as opening a connection."""

    def session(self):
        raise AssertionError("a connection was attempted")


@pytest.mark.parametrize("url", NON_ASCII_LOOPBACK[:4] + ["http://2130706433:9/", "http://127.1:9/",
                                                          "http://[::ffff:127.0.0.1]:9/", "http://100.64.0.1:9/",
                                                          "http://10.0.0.1:9/", "http://169.254.169.254/latest"])
def test_http_client_refuses_before_connecting(url):
    async def post():
        return await _NoConnect(TargetPolicy.parse("")).post(url, b"{}", {})

    with pytest.raises(TargetRefused):
        asyncio.run(post())


def test_http_client_refuses_non_ascii_loopback_even_with_loopback_allowed():
    async def post(url):
        return await _NoConnect(ALLOW_LOCAL).post(url, b"{}", {})

    for url in NON_ASCII_LOOPBACK[:4]:
        with pytest.raises(TargetRefused, match="non-ASCII"):
            asyncio.run(post(url))
    with pytest.raises(AssertionError, match="connection was attempted"):  # the ASCII form is allowed: it connects
        asyncio.run(post("http://127.0.0.1:9/"))


# -- the same rules when a subscription is written -----------------------------------------------

def _guard(resolved: dict[str, list[str]], allow: str = "", prefix: str = "parley.alerts.out.") -> ChannelGuard:
    async def resolve(host: str, port: int) -> list[str]:
        if host not in resolved:
            raise OSError(f"{host}: Name or service not known")
        return resolved[host]

    settings, alerting = Settings(), AlertSettings(allow_targets=allow, kafka_channel_prefix=prefix)
    return ChannelGuard(TargetPolicy.parse(allow), kafka_topic_policy(settings, alerting), resolve=resolve)


def _refusal(guard: ChannelGuard, channel: dict) -> str | None:
    from processors.errors import SubscriptionError

    try:
        asyncio.run(guard.check([channel]))
    except SubscriptionError as exc:
        assert exc.field == "channels" and exc.reason == "target_refused"
        return str(exc)
    return None


def test_channel_guard_refuses_private_targets_at_creation():
    guard = _guard({"hooks.example.org": ["93.184.216.34"], "intranet.example": ["10.1.2.3"],
                    "rebind.example": ["93.184.216.34", "127.0.0.1"]})
    assert _refusal(guard, {"type": "webhook", "url": "https://hooks.example.org/h"}) is None
    assert "private" in _refusal(guard, {"type": "webhook", "url": "https://intranet.example/h"})
    assert "loopback" in _refusal(guard, {"type": "slack", "url": "https://rebind.example/h"})
    assert "does not resolve" in _refusal(guard, {"type": "webhook", "url": "https://nx.example/h"})
    assert "non-ASCII" in _refusal(guard, {"type": "webhook", "url": "http://①②⑦.0.0.1:9/"})
    assert "non-standard" in _refusal(guard, {"type": "webhook", "url": "http://2130706433/"})
    assert "shared" in _refusal(guard, {"type": "webhook", "url": "http://100.100.100.100/"})
    assert _refusal(guard, {"type": "email", "to": "x@example.org"}) is None
    local = _guard({"localhost": ["127.0.0.1"]}, allow="127.0.0.1/32")
    assert _refusal(local, {"type": "webhook", "url": "http://127.0.0.1:9/h"}) is None
    assert _refusal(local, {"type": "webhook", "url": "http://localhost:9/h"}) is None
    assert "loopback" in _refusal(local, {"type": "webhook", "url": "http://127.0.0.2:9/h"})


# -- item 8: the kafka channel ---------------------------------------------------------------

def test_kafka_topic_policy():
    policy = kafka_topic_policy(Settings(topic_prefix="it1."), AlertSettings())
    policy.check("parley.alerts.out.desk-1")
    for bad in ("articles.raw", "subscriptions", "alerts.matches", "it1.alerts.matches", "it1.articles.raw",
                "parley.alerts.out.", "parley.alerts.outside", "other", "__consumer_offsets", "a" * 250,
                "parley.alerts.out.bad name", "parley.alerts.out.ü", ".", "..", "", None):
        with pytest.raises(TargetRefused):
            policy.check(bad)
    wide = KafkaTopicPolicy("", frozenset({"articles.raw"}), ("__", "parley-"))
    wide.check("anything")
    for bad in ("articles.raw", "__consumer_offsets", "parley-parley-alert-state-changelog"):
        with pytest.raises(TargetRefused):
            wide.check(bad)
    assert AlertSettings.from_env({"PARLEY_KAFKA_CHANNEL_PREFIX": "desk.out."}).kafka_channel_prefix == "desk.out."
    assert AlertSettings.from_env({}).kafka_channel_prefix == "parley.alerts.out."


def test_kafka_notifier_refuses_outside_the_prefix_without_producing():
    sent = []

    async def send(topic, key, value):
        sent.append(topic)

    n = KafkaNotifier(send, policy=kafka_topic_policy(Settings(), AlertSettings()))

    async def scenario():
        for topic in ("articles.raw", "subscriptions", "alerts.matches", "new-topic"):
            with pytest.raises(TargetRefused):
                await n.send({"id": "a"}, {"type": "kafka", "topic": topic}, key="k")
        assert sent == []
        assert (await n.send({"id": "a"}, {"type": "kafka", "topic": "parley.alerts.out.desk"}, key="k")).detail
        assert sent == ["parley.alerts.out.desk"]

    asyncio.run(scenario())


def test_channel_guard_refuses_kafka_topics_outside_the_prefix():
    guard = _guard({})
    assert "PARLEY_KAFKA_CHANNEL_PREFIX" in _refusal(guard, {"type": "kafka", "topic": "articles.raw"})
    assert "PARLEY_KAFKA_CHANNEL_PREFIX" in _refusal(guard, {"type": "kafka", "topic": "alerts.retry"})  # h-alertiso's
    assert _refusal(guard, {"type": "kafka", "topic": "parley.alerts.out.desk"}) is None


# -- item 7: targets recorded without credentials ---------------------------------------------

SECRET_URLS = [
    "https://user:pa55word@hooks.example.org/h",
    "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX",
    "https://hooks.example.org:8443/hook?token=SECRETTOKEN&sig=abc123",
    "https://alice@hooks.example.org/h#frag-secret",
]


def test_redact_keeps_only_host_and_port():
    assert [redact_url(u) for u in SECRET_URLS] == ["hooks.example.org", "hooks.slack.com", "hooks.example.org:8443",
                                                    "hooks.example.org"]
    assert redact({"type": "webhook", "url": "http://u:p@[::1]:9/x"}) == "[::1]:9"
    assert redact({"type": "slack", "url": "not a url"}) == "?"


def test_scrub_removes_url_secrets_from_messages():
    url = SECRET_URLS[2]
    text = f"ClientResponseError: 400, message='Bad', url=URL('{url}') token SECRETTOKEN"
    out = scrub(text, [url])
    assert "SECRETTOKEN" not in out and "abc123" not in out and "hooks.example.org" not in out
    out = scrub(f"Cannot connect to user:pa55word@hooks.example.org", [SECRET_URLS[0]])
    assert "pa55word" not in out


class _LeakyNotifier:
    """Fails with messages that quote the URL, as some client errors do."""

    kind = "webhook"

    def __init__(self, exc_type=DeliveryError) -> None:
        self.exc_type = exc_type

    async def send(self, alert, channel, *, key):
        if self.exc_type is DeliveryError:
            raise DeliveryError(f"InvalidURL: {channel['url']}", retryable=False)
        raise self.exc_type(f"boom at {channel['url']} with {channel.get('secret')}")

    async def close(self):
        return None


@pytest.mark.parametrize("exc_type", [DeliveryError, RuntimeError])
def test_deliveries_and_dead_letters_carry_no_credentials(exc_type, caplog):
    logged, dead = [], []

    async def log(r):
        logged.append(r)

    async def dl(r):
        dead.append(r)

    d = Dispatcher({"webhook": _LeakyNotifier(exc_type), "slack": _LeakyNotifier(exc_type)},
                   metrics=Metrics.create(CollectorRegistry()), log_delivery=log, deadletter=dl, attempts=2,
                   sleep=lambda s: asyncio.sleep(0), clock=lambda: 1e9)
    channels = [{"type": "webhook", "url": u, "secret": "HMACSECRET"} for u in SECRET_URLS]
    with caplog.at_level(logging.DEBUG):
        asyncio.run(d.deliver({"id": "al-1", "subscription": {"id": "s1"}}, channels))
    recorded = repr(logged) + repr(dead) + caplog.text
    for secret in ("pa55word", "XXXXSECRETXXXX", "SECRETTOKEN", "abc123", "frag-secret", "HMACSECRET", "/services/",
                   "alice@"):
        assert secret not in recorded, secret
    assert {r["target"] for r in dead} == {"hooks.example.org", "hooks.slack.com", "hooks.example.org:8443"}


def test_a_delivered_detail_is_scrubbed_too():
    class Echo:
        kind = "webhook"

        async def send(self, alert, channel, *, key):
            return Delivered(f"posted to {channel['url']}")

        async def close(self):
            return None

    logged = []

    async def log(r):
        logged.append(r)

    d = Dispatcher({"webhook": Echo()}, metrics=Metrics.create(CollectorRegistry()), log_delivery=log,
                   deadletter=log, clock=lambda: 1e9)
    asyncio.run(d.deliver({"id": "al-2", "subscription": {"id": "s1"}}, [{"type": "webhook", "url": SECRET_URLS[1]}]))
    assert "XXXXSECRETXXXX" not in repr(logged) and logged[0]["status"] == "delivered"
