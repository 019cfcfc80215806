"""`parley api`: the subscriptions REST API on its own (without matching or delivery)."""

from __future__ import annotations

import asyncio

import click

__all__ = ["api"]


@click.command(help="""Serve the alert subscriptions REST API (OpenAPI at /openapi.json).

`parley worker` serves the same API on PARLEY_API_PORT; run this to scale the API
apart from the workers, or to manage subscriptions while no worker runs. Keys:
PARLEY_API_KEYS="owner1:key1,owner2:key2" (or PARLEY_API_KEYS_FILE; hashed keys
from `parley keys hash` are accepted in both).
""")
@click.option("--port", type=int, help="Port (default $PARLEY_API_PORT or 8088).")
@click.option("--bind", help="Address (default $PARLEY_API_BIND or 127.0.0.1).")
def api(port: int | None, bind: str | None) -> None:
    import logging

    from aiohttp import web

    from ..alerting.api import make_api
    from ..alerting.config import AlertSettings
    from ..alerting.guard import ChannelGuard
    from ..alerting.limits_guard import ApiLimits
    from ..alerting.registry import SubscriptionRegistry
    from ..config import Settings
    from ..notify.sse import AlertFeed, SseHub
    from ..topics import ALERTS, SUBSCRIPTIONS

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings.from_env()
    alerting = AlertSettings.from_env()
    port = port or alerting.api_port
    bind = bind or alerting.api_bind
    if not alerting.api_keys:
        click.echo("warning: no API keys (PARLEY_API_KEYS): every request will get 401", err=True)
    elif alerting.api_keys.plain_owners:
        click.echo("note: plain-text API keys for " + ", ".join(alerting.api_keys.plain_owners)
                   + "; store them hashed (`parley keys hash`)", err=True)

    async def serve() -> None:
        registry = SubscriptionRegistry(settings.kafka_bootstrap, settings.topic(SUBSCRIPTIONS))
        hub = SseHub(replay=alerting.sse_replay)
        feed = AlertFeed(settings.kafka_bootstrap, settings.topic(ALERTS), hub)
        try:
            await registry.start()
            await feed.start()
        except Exception as exc:  # noqa: BLE001
            raise click.ClickException(f"cannot follow Kafka at {settings.kafka_bootstrap}: {exc} "
                                       "(start Kafka, run `parley setup`, or set PARLEY_KAFKA_BOOTSTRAP)") from None
        runner = web.AppRunner(make_api(registry, alerting.api_keys, hub,
                                        guard=ChannelGuard.from_settings(settings, alerting),
                                        limits=ApiLimits.from_settings(alerting)))
        await runner.setup()
        try:
            await web.TCPSite(runner, bind, port).start()
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {bind}:{port} ({exc}): pick another --port") from None
        click.echo(f"parley api http://{bind}:{port} (OpenAPI: /openapi.json)", err=True)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
            await feed.stop()
            await registry.stop()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass
