"""Delivery lanes and circuit breakers (issue 9 item 5): one bad target costs only itself."""

from __future__ import annotations

import asyncio
import time

from prometheus_client import CollectorRegistry

from processors.delivery import DeliveryError
from processors.limits import CircuitBreaker
from streams.metrics import Metrics
from streams.notify.base import Delivered
from streams.notify.dispatch import Dispatcher
from streams.notify.lanes import DeliveryLanes, Job, target_of

BAD = {"type": "webhook", "url": "http://bad.example:8080/hook"}
GOOD = {"type": "webhook", "url": "https://good.example/hook"}


class Receivers:
    """`bad.example` hangs for `hang` s then times out until `healed`; everything else answers at once."""

    kind = "webhook"

    def __init__(self, hang: float = 0.3) -> None:
        self.hang, self.healed, self.calls, self.ok = hang, False, [], []

    async def send(self, alert, channel, *, key):
        self.calls.append((key, time.monotonic()))
        if "bad" in channel["url"] and not self.healed:
            await asyncio.sleep(self.hang)
            raise DeliveryError("TimeoutError")
        self.ok.append((key, time.monotonic()))
        return Delivered("HTTP 200")

    async def close(self):
        return None


def _setup(attempts: int = 6, cooldown: float = 0.4, queue_size: int = 500):
    hooks = Receivers()
    logged, dead, parked, settled = [], [], [], []

    async def log(r):
        logged.append(r)

    async def dl(r):
        dead.append(r)

    d = Dispatcher({"webhook": hooks}, metrics=Metrics.create(CollectorRegistry()), log_delivery=log, deadletter=dl,
                   attempts=attempts, backoff=0.05)

    async def park(rec):  # what the retry agent does with a record of alerts.retry, without Kafka
        parked.append(rec)
        channel = BAD if rec["alert"]["id"].startswith("a") else GOOD
        job = Job(rec["alert"], rec["channel_index"], channel, attempt=rec["attempt"], first_at=rec["first_at"],
                  deferrals=rec["deferrals"], done=_done(settled, rec["alert"]["id"]))
        lanes.submit_later(job, rec["not_before"] - time.time())

    lanes = DeliveryLanes(d, park=park, per_target=4, failures=3, cooldown=cooldown, queue_size=queue_size)
    return lanes, hooks, logged, dead, parked, settled


def _done(settled, what):
    async def done():
        settled.append(what)
    return done


def test_target_of_names_scheme_host_port_without_credentials():
    assert target_of({"type": "webhook", "url": "https://u:p@Hooks.Example.org/T/x"}) == "webhook:https://hooks.example.org:443"
    assert target_of({"type": "slack", "url": "http://10.0.0.1:8080/x"}) == "slack:http://10.0.0.1:8080"
    assert target_of({"type": "email", "to": "a@b"}) == "email"


def test_a_hanging_target_does_not_delay_another_and_its_alerts_come_later():
    async def scenario():
        lanes, hooks, logged, dead, parked, settled = _setup()
        for i in range(70):
            lanes.submit(Job({"id": f"a{i}"}, 0, BAD, done=_done(settled, f"a{i}")))
        await asyncio.sleep(0.05)
        start = time.monotonic()
        for i in range(5):
            lanes.submit(Job({"id": f"b{i}"}, 0, GOOD, done=_done(settled, f"b{i}")))
        for _ in range(50):   # (polled: a loaded machine may take a while to run the B jobs)
            await asyncio.sleep(0.005)
            b_times = [t - start for k, t in hooks.ok if k.startswith("b")]
            if len(b_times) == 5:
                break
        # B never waits for A: every B alert is delivered before A's first attempt hangs up
        assert len(b_times) == 5 and max(b_times) < hooks.hang, b_times
        await asyncio.sleep(1.0)
        bad_calls = [k for k, _ in hooks.calls if k.startswith("a")]
        assert len(bad_calls) < 12  # the breaker opened after 3 failures: the rest were parked, not tried
        assert lanes.breakers["webhook:http://bad.example:8080"].state(time.time()) != "closed"
        assert {r["reason"] for r in parked} >= {"retry", "circuit_open"}
        hooks.healed = True
        for _ in range(60):
            await asyncio.sleep(0.1)
            if len({k for k, _ in hooks.ok if k.startswith("a")}) == 70:
                break
        delivered = [k for k, _ in hooks.ok if k.startswith("a")]
        assert len(delivered) == 70 == len(set(delivered)) and dead == []
        assert lanes.pending() == 0
        await lanes.close()

    asyncio.run(scenario())


def test_a_full_lane_parks_instead_of_blocking():
    async def scenario():
        lanes, hooks, logged, dead, parked, settled = _setup(queue_size=2)
        for i in range(10):
            lanes.submit(Job({"id": f"a{i}"}, 0, BAD))
        await asyncio.sleep(0)
        assert [r["reason"] for r in parked] == ["lane_full"] * 8  # 2 waiting in the lane, 8 parked at once
        assert all(r["attempt"] == 1 and r["deferrals"] == 1 for r in parked)
        await lanes.close()

    asyncio.run(scenario())


def test_a_job_too_old_is_dead_lettered_when_deferred():
    async def scenario():
        lanes, hooks, logged, dead, parked, settled = _setup()
        br = lanes.breaker("webhook:http://bad.example:8080")
        for _ in range(3):
            br.failure(time.time())
        lanes.submit(Job({"id": "a1"}, 0, BAD, first_at=time.time() - 7200, done=_done(settled, "a1")))
        await asyncio.sleep(0.05)
        assert parked == [] and settled == ["a1"]
        assert dead[0]["reason"] == "target_unavailable" and "circuit_open" in dead[0]["error"]

    asyncio.run(scenario())


def test_circuit_breaker_opens_probes_and_closes():
    br = CircuitBreaker(failures=3, cooldown=10)
    for t in (0, 1):
        br.failure(t)
        assert br.allow(t + 0.5)
    br.failure(2)
    assert br.state(3) == "open" and not br.allow(3) and br.retry_at(3) == 12
    assert br.allow(12) and not br.allow(12.1)  # one probe at a time when half-open
    br.failure(13)                               # the probe failed: open again
    assert br.state(14) == "open" and br.retry_at(14) == 23
    assert br.allow(23)
    br.success()
    assert br.state(23) == "closed" and br.allow(23) and br.allow(23)


def test_the_same_alert_twice_at_once_is_sent_once():
    """After a restart an alert can come back from `alerts` and from `alerts.retry` at the
    same moment: the second attempt must not pass the done-check while the first is sending."""

    class Slow:
        def __init__(self) -> None:
            self.sent = 0

        async def send(self, alert, channel, *, key):
            self.sent += 1
            await asyncio.sleep(0.05)
            return Delivered("200")

    async def noop(*_args, **_kwargs) -> None:
        return None

    slow = Slow()
    d = Dispatcher({"webhook": slow}, metrics=Metrics.create(CollectorRegistry()), log_delivery=noop, deadletter=noop)
    alert = {"id": "al-1", "subscription": {"id": "s1", "owner": "o"}}
    channel = {"type": "webhook", "url": "http://127.0.0.1:9/x"}

    async def both():
        return await asyncio.gather(d.attempt(alert, 0, channel, 1, last=False), d.attempt(alert, 0, channel, 1, last=False))

    assert sorted(asyncio.run(both())) == ["delivered", "skipped"]
    assert slow.sent == 1
    assert asyncio.run(d.attempt(alert, 0, channel, 1, last=False)) == "skipped"
