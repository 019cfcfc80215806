"""Adds alerting to the Faust app that :func:`streams.app.build_app` builds.

Kept apart from ``streams/app.py`` (which calls :func:`install`) so that the
pipeline's wiring module stays small; it only *builds* objects: the registry
consumer, the API server and the notifiers' clients start with the worker.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import faust

from ..agents.index import BatchWriter, make_index_agent
from ..config import Settings
from ..metrics import Metrics
from ..notify.base import Notifier
from ..notify.dispatch import Dispatcher
from ..notify.lanes import DeliveryLanes
from ..notify.sse import AlertFeed, SseHub
from ..sinks.base import Sink, WriteResult
from ..topics import ALERTS, ALERTS_DEADLETTER, ALERTS_DELIVERIES, ALERTS_MATCHES, ALERTS_RETRY, \
    SUBSCRIPTIONS
from .agents import lane_error_handler, make_alert_agent, make_digest_ticker, make_match_agent, make_notify_agent, \
    make_retry_agent
from .config import AlertSettings
from .registry import SubscriptionRegistry

__all__ = ["Alerting", "install", "default_notifiers"]

log = logging.getLogger(__name__)


@dataclass
class Alerting:
    settings: AlertSettings
    registry: SubscriptionRegistry
    hub: SseHub
    dispatcher: Dispatcher
    lanes: DeliveryLanes
    notifiers: Mapping[str, Notifier]
    matches: Any
    alerts: Any
    deliveries: Any
    deadletter: Any
    state_table: Any
    delivered_table: Any


class WindowedKeys:
    """The Dispatcher's done-store over a windowed Faust table (`get` / item assignment)."""

    def __init__(self, wrapper: Any) -> None:
        self.wrapper = wrapper

    def get(self, key: str) -> bool:
        return bool(self.wrapper[key].current())

    def __setitem__(self, key: str, value: Any) -> None:
        self.wrapper[key] = value


class _DocWriter(BatchWriter):
    """BatchWriter counting documents under their own index kind."""

    def __init__(self, sink: Sink, metrics: Metrics, kind: str, **kw: Any) -> None:
        super().__init__(sink, metrics, **kw)
        self.kind = kind

    def _observe(self, docs: Any, result: WriteResult) -> None:
        self.metrics.es_docs.labels(index=self.kind).inc(result.written)


def default_notifiers(settings: Settings, alerting: AlertSettings, send_kafka: Callable) -> dict[str, Notifier]:
    from processors.delivery import TargetPolicy

    from ..notify.kafka import KafkaNotifier
    from ..notify.smtp import EmailNotifier
    from ..notify.sse import SseNotifier
    from ..notify.webhook import HttpClient, SlackNotifier, WebhookNotifier

    from .guard import kafka_topic_policy

    client = HttpClient(TargetPolicy.parse(alerting.allow_targets), timeout=alerting.delivery_timeout,
                        connect_timeout=alerting.delivery_connect_timeout, read_timeout=alerting.delivery_read_timeout)
    return {
        "webhook": WebhookNotifier(client, default_secret=alerting.webhook_secret),
        "slack": SlackNotifier(client),
        "email": EmailNotifier(host=alerting.smtp_host, port=alerting.smtp_port, sender=alerting.smtp_from,
                               user=alerting.smtp_user, password=alerting.smtp_password,
                               starttls=alerting.smtp_starttls, timeout=alerting.delivery_timeout),
        "sse": SseNotifier(),
        "kafka": KafkaNotifier(send_kafka, policy=kafka_topic_policy(settings, alerting)),
    }


def install(app: faust.App, settings: Settings, metrics: Metrics, topic: Callable[..., Any], tagged: Any, *,
            alerting: AlertSettings | None = None, registry: SubscriptionRegistry | None = None,
            notifiers: Mapping[str, Notifier] | None = None, index_sinks: Mapping[str, Sink] | None = None,
            clock: Callable[[], float] = time.time,
            checks: Callable[[], Mapping[str, bool]] = dict) -> Alerting:
    """Topics, tables, agents, timer and API server of alerting, on `app`; `checks` adds the
    worker's own readiness (tagging) to the API's ``/health``."""
    alerting = alerting or AlertSettings.from_env()
    registry = registry or SubscriptionRegistry(settings.kafka_bootstrap, settings.topic(SUBSCRIPTIONS))
    hub = SseHub(replay=alerting.sse_replay)
    matches = topic(ALERTS_MATCHES, value_serializer="json")
    alerts = topic(ALERTS, value_serializer="json")
    deliveries = topic(ALERTS_DELIVERIES, value_serializer="json")
    deadletter = topic(ALERTS_DEADLETTER, value_serializer="json")
    retries = topic(ALERTS_RETRY, value_serializer="json")

    state_table = app.Table("parley-alert-state", default=None, partitions=settings.topic_partitions,
                            key_type=str, help="per-subscription stories, throttle, digest")
    # idempotency keys delivered, in hourly windows of the alert's Kafka timestamp kept 2 h: a
    # replay (same record, same timestamp) finds its window; old keys leave memory and changelog
    delivered_table = app.Table("parley-alert-delivered", default=bool, partitions=settings.topic_partitions,
                                help="idempotency keys delivered").tumbling(3600, expires=2 * 3600)

    async def send_kafka(name: str, key: bytes, value: bytes) -> None:
        fut = await app.producer.send(name, key, value, partition=None, timestamp=None, headers=None)
        await fut

    if notifiers is None:
        notifiers = default_notifiers(settings, alerting, send_kafka)

    async def log_delivery(record: Mapping[str, Any]) -> None:
        await deliveries.send(key=str(record["alert_id"]).encode(), value=dict(record))

    async def dead(record: Mapping[str, Any]) -> None:
        key = record.get("alert_id") or record.get("subscription_id") or ""
        await deadletter.send(key=str(key).encode(), value=dict(record))

    dispatcher = Dispatcher(notifiers, metrics=metrics, log_delivery=log_delivery, deadletter=dead,
                            done=WindowedKeys(delivered_table), attempts=alerting.delivery_attempts,
                            backoff=alerting.delivery_backoff, backoff_cap=alerting.delivery_backoff_cap)

    app.agent(tagged, name="parley.match")(make_match_agent(
        registry=registry, matches_topic=matches, deadletter=dead, clock=clock))
    app.agent(matches, name="parley.alert")(make_alert_agent(
        registry=registry, table=state_table, alerts_topic=alerts, metrics=metrics,
        window_s=alerting.story_window, story_cap=alerting.story_cap, deadletter=dead, clock=clock))

    async def park(record: Mapping[str, Any]) -> None:
        await retries.send(key=str(record["alert"]["id"]).encode(), value=dict(record))

    lanes = DeliveryLanes(dispatcher, park=park, per_target=alerting.delivery_per_target,
                          queue_size=alerting.delivery_queue, failures=alerting.breaker_failures,
                          cooldown=alerting.breaker_cooldown, max_age=alerting.delivery_max_age, clock=clock,
                          on_error=lane_error_handler(dead, metrics, clock))
    # one instance each: they only hand jobs to the lanes, which deliver concurrently per target;
    # an alert or retry record that cannot be handed on is dead-lettered, the next ones go on
    app.agent(alerts, name="parley.notify")(make_notify_agent(
        registry=registry, lanes=lanes, max_pending=alerting.delivery_max_pending, deadletter=dead, clock=clock))
    app.agent(retries, name="parley.retry")(make_retry_agent(
        registry=registry, lanes=lanes, max_pending=alerting.delivery_max_pending, deadletter=dead, clock=clock))
    ticks = make_digest_ticker(registry=registry, matches_topic=matches, partitions=settings.topic_partitions,
                               clock=clock)
    app.timer(alerting.checkpoint_interval, name="parley.alert-flush")(ticks.flush)
    app.timer(alerting.digest_check_interval, name="parley.digest")(ticks.digest)
    app.timer(alerting.spike_tick_interval, name="parley.spike-tick")(ticks.spike)

    sinks = dict(index_sinks or {})
    if not sinks:
        from ..sinks.es_index import IndexSink, alert_doc, delivery_doc

        sinks = {"alerts": IndexSink(settings.es_url, settings.index("alerts"), to_doc=alert_doc),
                 "deliveries": IndexSink(settings.es_url, settings.index("deliveries"), to_doc=delivery_doc)}
    for kind, source in (("alerts", alerts), ("deliveries", deliveries)):
        writer = _DocWriter(sinks[kind], metrics, kind, max_backoff=settings.bulk_max_retry_seconds)
        app.agent(source, name=f"parley.index_{kind}")(make_index_agent(
            writer=writer, deadletter_topic=deadletter, metrics=metrics, tagged_topic_name=source.get_topic_name(),
            out_label=f"elasticsearch-{kind}", batch_size=settings.bulk_size, within=0.5))

    feed = AlertFeed(settings.kafka_bootstrap, settings.topic(ALERTS), hub)
    runner_box: dict[str, Any] = {}

    @app.task
    async def start_alerting() -> None:
        await registry.start()
        if alerting.api_port:
            from aiohttp import web

            from .api import make_api
            from .guard import ChannelGuard
            from .limits_guard import ApiLimits

            await feed.start()
            if alerting.api_keys.plain_owners:
                log.warning("plain-text API keys owners=%s (store them hashed: parley keys hash)",
                            ",".join(alerting.api_keys.plain_owners))
            runner = web.AppRunner(make_api(registry, alerting.api_keys, hub,
                                            guard=ChannelGuard.from_settings(settings, alerting), checks=checks,
                                            limits=ApiLimits.from_settings(alerting)))
            await runner.setup()
            runner_box["runner"] = runner
            try:
                await web.TCPSite(runner, alerting.api_bind, alerting.api_port).start()
            except OSError as exc:  # another worker on this host serves it: matching and delivery go on
                log.warning("alerts API not started port=%d error=%r (set PARLEY_API_PORT to another port, 0 = off)",
                            alerting.api_port, str(exc))
                return
            log.info("alerts API listening url=http://%s:%d", alerting.api_bind, alerting.api_port)

    @app.on_before_shutdown.connect
    async def stop_alerting(app: faust.App, **kwargs: Any) -> None:
        if "runner" in runner_box:
            await runner_box.pop("runner").cleanup()
        await feed.stop()
        await lanes.close()
        await registry.stop()
        for n in {id(n): n for n in notifiers.values()}.values():
            await n.close()
        for s in sinks.values():
            await s.close()

    return Alerting(alerting, registry, hub, dispatcher, lanes, notifiers, matches, alerts, deliveries, deadletter,
                    state_table, delivered_table)
