"""Pure parts of alert delivery: signature, backoff, SSRF classification, Slack and e-mail bodies,
the per-subscription alert decision, and the dispatcher (fakes, fresh metrics registry)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac

import pytest
from prometheus_client import CollectorRegistry

from processors.alert_records import AlertState, alert_id, match_record
from processors.alerts import SubscriptionIndex
from processors.delivery import (DeliveryError, TargetPolicy, TargetRefused, backoff_schedule, email_message, sign,
                                 slack_payload, verify)
from processors.subscriptions import Subscription
from streams.metrics import Metrics
from streams.notify.base import Delivered, Notifier
from streams.notify.dispatch import Dispatcher

ALERT = {"id": "al-1", "kind": "alert", "subscription": {"id": "s1", "name": "Caucasus desk", "owner": "o"},
         "article": {"id": "a1", "url": "https://example.org/a1", "title": "Talks <resume>", "lang": "en",
                     "source": "example.org"},
         "snippet": "Envoys agreed a ceasefire & more", "highlights": [[16, 25]], "tags": ["ceasefire"],
         "other_sources": ["other.example"], "created_at": "2026-11-27T16:00:00.000Z"}


def test_signature_is_hmac_sha256_of_the_body():
    body = b'{"id":"al-1"}'
    assert sign("k", body) == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()
    assert verify("k", body, sign("k", body))
    assert not verify("k", body + b" ", sign("k", body)) and not verify("k", body, None)


def test_backoff_doubles_and_is_capped():
    assert backoff_schedule(1) == []
    assert backoff_schedule(4, base=0.5) == [0.5, 1.0, 2.0]
    assert backoff_schedule(6, base=1, cap=5) == [1, 2, 4, 5, 5]


@pytest.mark.parametrize("address,kind", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.7", "private"), ("172.16.4.4", "private"),
    ("169.254.169.254", "link_local"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"), ("::1", "loopback"),
    ("fe80::1", "link_local"), ("::ffff:127.0.0.1", "loopback"), ("93.184.216.34", None), ("2606:4700::1111", None),
])
def test_ssrf_classification(address, kind):
    assert TargetPolicy.blocked_kind(address) == kind


def test_allow_list_admits_cidrs_and_hosts_only():
    policy = TargetPolicy.parse("127.0.0.1/32, hooks.internal")
    policy.check("localhost", ["127.0.0.1"])
    policy.check("hooks.internal", ["10.0.0.5"])
    policy.check("example.org", ["93.184.216.34"])
    with pytest.raises(TargetRefused, match="loopback"):
        policy.check("x", ["127.0.0.2"])
    with pytest.raises(TargetRefused, match="private"):
        policy.check("evil.example", ["93.184.216.34", "10.0.0.5"])  # one bad address is enough
    with pytest.raises(TargetRefused):
        TargetPolicy.parse("").check("localhost", ["127.0.0.1"])


def test_slack_payload_has_text_and_blocks_with_bold_matches_escaped():
    p = slack_payload(ALERT)
    assert p["text"] == "Parley alert for Caucasus desk: Talks <resume>"
    body = p["blocks"][1]["text"]["text"]
    assert body == "Envoys agreed a *ceasefire* &amp; more"
    assert "<https://example.org/a1|Talks <resume>>" in p["blocks"][0]["text"]["text"]
    assert "also in other.example" in p["blocks"][2]["elements"][0]["text"]


def test_email_is_multipart_plain_and_html_with_the_subscription_in_the_subject():
    msg = email_message(ALERT, sender="parley@x.org", to=["desk@x.org"])
    assert msg["Subject"] == "[Parley] Caucasus desk: Talks <resume>"
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Envoys agreed a ceasefire & more" in plain and "https://example.org/a1" in plain
    assert "<mark>ceasefire</mark> &amp; more" in html and "Talks &lt;resume&gt;" in html


def _match(sub_id: str, art_id: str, text: str, source: str) -> dict:
    idx = SubscriptionIndex([Subscription(id=sub_id, owner="o", name="n", query="ceasefire")])
    article = {"id": art_id, "url": f"https://{source}/{art_id}", "source": source, "lang": "en", "text": text}
    [m] = idx.match(article)
    return match_record(article, m, now=0.0)


def test_alert_state_one_story_one_alert_then_updates_and_replays_are_silent():
    text = "Armed groups in the north agreed a ceasefire on Monday after three days of talks in the capital city."
    st = AlertState(clock=lambda: 100.0)
    sub = {"id": "s1", "name": "n", "owner": "o"}
    [alert] = st.decide(sub, _match("s1", "a1", text, "wire.example"))
    assert alert["id"] == alert_id("s1", "story:a1") and alert["kind"] == "alert"
    assert alert["snippet"][slice(*alert["highlights"][0])] == "ceasefire"
    assert st.decide(sub, _match("s1", "a1", text, "wire.example")) == []  # replay of the same article
    [upd] = st.decide(sub, _match("s1", "a2", text + " More.", "paper.example"))
    assert upd["kind"] == "update" and upd["id"] == alert["id"] and upd["other_sources"] == ["paper.example"]
    again = AlertState.from_dict(st.to_dict(), clock=lambda: 100.0)  # what the Faust table restores
    assert again.decide(sub, _match("s1", "a3", text, "third.example"))[0]["kind"] == "update"


def test_alert_state_throttle_and_digest():
    st = AlertState(clock=lambda: 1000.0)
    sub = {"id": "s1", "name": "n", "owner": "o", "throttle": {"max": 1, "window_s": 60}}
    assert len(st.decide(sub, _match("s1", "a1", "A ceasefire holds in the valley town today.", "x"))) == 1
    assert st.decide(sub, _match("s1", "b1", "Completely different words about a ceasefire deal signed.", "y")) == []
    dig = {"id": "s2", "name": "n", "owner": "o", "digest": "hourly"}
    st2 = AlertState(clock=lambda: 3600 * 10 + 5)
    assert st2.decide(dig, _match("s2", "a1", "A ceasefire holds in the valley town today.", "x")) == []
    assert st2.due_digests(dig, now=3600 * 10 + 100) == []
    [d] = st2.due_digests(dig, now=3600 * 11)
    assert d["kind"] == "digest" and d["count"] == 1 and d["alerts"][0]["article"]["id"] == "a1"


class FakeNotifier:
    kind = "webhook"

    def __init__(self, fail: int, retryable: bool = True) -> None:
        self.fail, self.retryable, self.keys = fail, retryable, []

    async def send(self, alert, channel, *, key):
        self.keys.append(key)
        if len(self.keys) <= self.fail:
            raise DeliveryError("HTTP 500 from x", retryable=self.retryable, status=500)
        return Delivered("HTTP 200")

    async def close(self):
        return None


def _dispatch(notifier, attempts=3):
    metrics = Metrics.create(CollectorRegistry())
    logged, dead, waits = [], [], []

    async def log(r):
        logged.append(r)

    async def dl(r):
        dead.append(r)

    async def sleep(s):
        waits.append(s)

    d = Dispatcher({"webhook": notifier}, metrics=metrics, log_delivery=log, deadletter=dl, attempts=attempts,
                   backoff=0.5, sleep=sleep, clock=lambda: 1e9)
    return d, metrics, logged, dead, waits


def test_dispatcher_retries_with_backoff_then_delivers_once():
    n = FakeNotifier(fail=2)
    assert isinstance(n, Notifier)
    d, metrics, logged, dead, waits = _dispatch(n)
    channel = {"type": "webhook", "url": "https://x.org/h"}
    assert asyncio.run(d.deliver(ALERT, [channel])) == ["delivered"]
    assert waits == [0.5, 1.0] and [r["status"] for r in logged] == ["retry", "retry", "delivered"]
    assert set(n.keys) == {"al-1:0:webhook"} and dead == []
    assert metrics.registry.get_sample_value("parley_alert_deliveries_total", {"channel": "webhook", "status": "delivered"}) == 1
    assert asyncio.run(d.deliver(ALERT, [channel])) == ["skipped"]  # replay: already delivered
    assert len(n.keys) == 3


def test_dispatcher_dead_letters_with_the_reason():
    d, metrics, logged, dead, waits = _dispatch(FakeNotifier(fail=99))
    assert asyncio.run(d.deliver(ALERT, [{"type": "webhook", "url": "https://x.org/secret-token"}])) == ["failed"]
    assert len(dead) == 1 and dead[0]["reason"] == "http_error" and dead[0]["attempts"] == 3
    assert dead[0]["target"] == "x.org" and "secret-token" not in str(logged)
    assert metrics.registry.get_sample_value("parley_alert_deliveries_total", {"channel": "webhook", "status": "failed"}) == 1
    d2, _, _, dead2, waits2 = _dispatch(FakeNotifier(fail=99, retryable=False))
    asyncio.run(d2.deliver(ALERT, [{"type": "webhook", "url": "https://x.org/h"}]))
    assert dead2[0]["attempts"] == 1 and waits2 == []


def test_metrics_names_for_dashboards():
    m = Metrics.create(CollectorRegistry())
    m.alerts.inc()
    m.alert_delivery_seconds.labels(channel="email").observe(0.3)
    assert m.registry.get_sample_value("parley_alerts_total") == 1
    assert m.registry.get_sample_value("parley_alert_delivery_seconds_bucket", {"channel": "email", "le": "0.5"}) == 1
