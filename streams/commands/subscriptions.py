"""`parley subscribe` and `parley subscriptions ...`: manage alert subscriptions through the REST API.

Why the API and not the topic: the API is the one place that checks the key,
the owner and the query, and stamps times; a CLI writing the topic directly
would need Kafka access (a superuser's) and could overwrite anyone's
subscription. Reads PARLEY_API_URL (default http://127.0.0.1:8088) and
PARLEY_API_KEY.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any

import click

__all__ = ["subscribe", "subscriptions", "ApiClient"]

DEFAULT_URL = "http://127.0.0.1:8088"


class ApiClient:
    def __init__(self, url: str, key: str, timeout: float = 15.0) -> None:
        self.url, self.key, self.timeout = url.rstrip("/"), key, timeout

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"X-API-Key": self.key, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            try:
                err = json.loads(exc.read() or b"{}")
            except ValueError:
                err = {}
            message = err.get("detail") or err.get("error") or exc.reason
            hint = {401: "set PARLEY_API_KEY (or --api-key) to a key the operator gave you",
                    404: "no subscription with that id among yours: see `parley subscriptions list`"}.get(exc.code, "")
            raise click.ClickException(f"{message}" + (f"\n  hint: {hint}" if hint else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            raise click.ClickException(
                f"cannot reach the Parley API at {self.url} ({getattr(exc, 'reason', exc)}): start `parley worker` "
                "(it serves the API on PARLEY_API_PORT) or set PARLEY_API_URL / --api-url") from None
        return json.loads(raw) if raw else None


def _client(api_url: str | None, api_key: str | None) -> ApiClient:
    key = api_key or os.environ.get("PARLEY_API_KEY")
    if not key:
        raise click.UsageError("no API key: pass --api-key or set PARLEY_API_KEY")
    return ApiClient(api_url or os.environ.get("PARLEY_API_URL") or DEFAULT_URL, key)


def parse_channel(spec: str) -> dict[str, Any]:
    """``webhook:URL``, ``slack:URL``, ``email:ADDR``, ``sse``, ``kafka:TOPIC`` -> channel dict."""
    kind, _, target = spec.partition(":")
    if kind == "sse" and not target:
        return {"type": "sse"}
    if not target:
        raise click.BadParameter(f"{spec!r}: expected webhook:URL, slack:URL, email:ADDR, kafka:TOPIC or sse")
    key = {"webhook": "url", "slack": "url", "email": "to", "kafka": "topic"}.get(kind)
    if key is None:
        raise click.BadParameter(f"{spec!r}: unknown channel type {kind!r} (webhook, slack, email, sse, kafka)")
    return {"type": kind, key: target}


def parse_throttle(spec: str | None) -> dict[str, int] | None:
    if not spec:
        return None
    try:
        n, _, window = spec.partition("/")
        return {"max": int(n), "window_s": int(window)}
    except ValueError:
        raise click.BadParameter(f"{spec!r}: expected MAX/SECONDS, e.g. 5/3600") from None


def parse_duration(spec: str | None, what: str) -> int | None:
    """``90``, ``90s``, ``30m``, ``2h``, ``1d`` -> seconds."""
    if spec is None:
        return None
    text = spec.strip().lower()
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}.get(text[-1:], None)
    number = text[:-1] if unit else text
    try:
        value = float(number)
    except ValueError:
        raise click.BadParameter(f"{spec!r}: expected a duration such as 90s, 30m, 2h or 1d", param_hint=what) from None
    seconds = value * (unit or 1)
    if seconds != int(seconds) or seconds < 0:
        raise click.BadParameter(f"{spec!r}: a whole number of seconds, at least 0", param_hint=what)
    return int(seconds)


def build_rule(kind: str | None, *, window: str | None, height: float | None, direction: str | None,
               min_current: int | None, min_reference: int | None, group_by: str | None, unit: str | None,
               grace: str | None, sources: int | None, within: str | None) -> dict[str, Any] | None:
    """The ``rule`` object of `parley subscribe`'s rule options; the API checks the values."""
    spike_opts = {"--window": window, "--height": height, "--direction": direction, "--min-current": min_current,
                  "--min-reference": min_reference, "--group-by": group_by, "--unit": unit, "--grace": grace}
    breaking_opts = {"--sources": sources, "--within": within}
    given = lambda opts: [k for k, v in opts.items() if v is not None]  # noqa: E731
    if kind is None:
        if given(spike_opts) or given(breaking_opts):
            raise click.UsageError(f"{', '.join(given(spike_opts) + given(breaking_opts))} need --rule spike or "
                                   "--rule breaking")
        return None
    if kind == "spike":
        if given(breaking_opts):
            raise click.UsageError(f"{', '.join(given(breaking_opts))} belong to --rule breaking, not spike")
        if window is None or height is None:
            raise click.UsageError("--rule spike needs --window (e.g. 1h) and --height (e.g. 3)")
        rule: dict[str, Any] = {"kind": "spike", "window_s": parse_duration(window, "--window"), "height": height}
        for key, value in (("direction", direction), ("min_current", min_current), ("min_reference", min_reference),
                           ("group_by", group_by), ("unit", unit), ("grace_s", parse_duration(grace, "--grace"))):
            if value is not None:
                rule[key] = value
        return rule
    if given(spike_opts):
        raise click.UsageError(f"{', '.join(given(spike_opts))} belong to --rule spike, not breaking")
    rule = {"kind": "breaking"}
    if sources is not None:
        rule["sources"] = sources
    if within is not None:
        rule["within_s"] = parse_duration(within, "--within")
    return rule


_api = [click.option("--api-url", help="API base URL (default $PARLEY_API_URL or http://127.0.0.1:8088)."),
        click.option("--api-key", help="Your API key (default $PARLEY_API_KEY).")]


def api_options(f):
    for opt in reversed(_api):
        f = opt(f)
    return f


def _show(sub: dict[str, Any]) -> None:
    state = "active" if sub.get("active") else "paused"
    chans = ", ".join(f"{c['type']}:{c.get('url') or c.get('to') or c.get('topic') or ''}".rstrip(":")
                      for c in sub.get("channels") or ())
    click.echo(f"{sub['id']}  {state:6}  {sub['name']}\n  query:    {sub['query']}\n  channels: {chans or '-'}")
    if sub.get("throttle"):
        click.echo(f"  throttle: {sub['throttle']['max']}/{sub['throttle']['window_s']}s")
    if sub.get("digest"):
        click.echo(f"  digest:   {sub['digest']}")
    if sub.get("rule"):
        click.echo("  rule:     " + " ".join(f"{k}={v}" for k, v in sub["rule"].items() if v is not None))


@click.command(help="""Create an alert subscription.

\b
Example:
  parley subscribe --name caucasus --query '~ceasefire AND country:ARM' \\
      --channel webhook:https://example.org/hook --channel email:desk@example.org --throttle 5/3600

\b
A spike: ceasefire violations per country pair, up 3x within an hour, at least 5:
  parley subscribe --name surges --query 'tag:ceasefire status:violated' --rule spike \\
      --window 1h --height 3 --min-current 5 --group-by country_pair --unit event --channel sse
Breaking news: one story from 4 sources within 20 minutes:
  parley subscribe --name breaking --query '~ceasefire' --rule breaking --sources 4 --within 20m --channel sse
""")
@click.option("--name", required=True, help="A name you will recognise in alerts.")
@click.option("--query", required=True, help="Alert query, e.g. '\"border commission\" OR (tag:peace_process AND country:ARM)'.")
@click.option("--channel", "channels", multiple=True, metavar="TYPE:TARGET",
              help="webhook:URL, slack:URL, email:ADDR, sse, kafka:TOPIC (repeatable).")
@click.option("--throttle", metavar="MAX/SECONDS", help="At most MAX alerts per SECONDS, e.g. 5/3600.")
@click.option("--digest", type=click.Choice(["hourly", "daily"]), help="One message per hour or day instead of one per alert.")
@click.option("--secret", help="HMAC key for the webhook channels (X-Parley-Signature).")
@click.option("--rule", "rule_kind", type=click.Choice(["spike", "breaking"]),
              help="Alert on a spike of the query's matches, or on breaking news, instead of each match.")
@click.option("--window", help="spike: each window (ElastAlert2 timeframe), e.g. 1h, 30m, 3600.")
@click.option("--height", type=float, help="spike: current/reference ratio that fires, above 1 (e.g. 3).")
@click.option("--direction", type=click.Choice(["up", "down", "both"]), help="spike: up (default), down or both.")
@click.option("--min-current", type=int, help="spike: at least this many in the current window (default 1).")
@click.option("--min-reference", type=int, help="spike: at least this many in the reference window (default 0).")
@click.option("--group-by", type=click.Choice(["country", "country_pair", "family", "lang", "source"]),
              help="spike: one pair of windows per value.")
@click.option("--unit", type=click.Choice(["article", "event"]), help="spike: count articles (default) or event frames.")
@click.option("--grace", help="spike: how late an article may be and still count (default 5m).")
@click.option("--sources", type=int, help="breaking: distinct sources that make a story breaking (default 3).")
@click.option("--within", help="breaking: of the first report (default 30m).")
@click.option("--json", "as_json", is_flag=True, help="Print the created subscription as JSON.")
@api_options
def subscribe(name, query, channels, throttle, digest, secret, rule_kind, window, height, direction, min_current,
              min_reference, group_by, unit, grace, sources, within, as_json, api_url, api_key) -> None:
    rule = build_rule(rule_kind, window=window, height=height, direction=direction, min_current=min_current,
                      min_reference=min_reference, group_by=group_by, unit=unit, grace=grace, sources=sources,
                      within=within)
    chans = [parse_channel(c) for c in channels]
    if secret:
        for c in chans:
            if c["type"] == "webhook":
                c["secret"] = secret
    body = {"name": name, "query": query, "channels": chans, "throttle": parse_throttle(throttle), "digest": digest}
    if rule is not None:
        body["rule"] = rule
    sub = _client(api_url, api_key).call("POST", "/subscriptions", body)
    click.echo(json.dumps(sub, ensure_ascii=False, indent=2)) if as_json else _show(sub)


@click.group(help="List, show, pause, resume or delete your alert subscriptions.")
def subscriptions() -> None:
    pass


@subscriptions.command("list", help="Your subscriptions.")
@click.option("--json", "as_json", is_flag=True)
@api_options
def list_(as_json, api_url, api_key) -> None:
    client, subs, path = _client(api_url, api_key), [], "/subscriptions?limit=1000"
    while path:  # the list is paginated: follow `next` to the last page
        body = client.call("GET", path)
        subs += body["subscriptions"]
        path = f"/subscriptions?limit=1000&cursor={body['next']}" if body.get("next") else None
    if as_json:
        click.echo(json.dumps(subs, ensure_ascii=False, indent=2))
        return
    if not subs:
        click.echo("no subscriptions yet: create one with `parley subscribe --help`")
    for s in subs:
        click.echo(f"{s['id']}  {'active' if s['active'] else 'paused':6}  {s['name']}  {s['query']}")


def _one(verb: str, method: str, suffix: str, help_: str):
    @subscriptions.command(verb, help=help_)
    @click.argument("sub_id", metavar="ID")
    @api_options
    def cmd(sub_id, api_url, api_key) -> None:
        out = _client(api_url, api_key).call(method, f"/subscriptions/{sub_id}{suffix}")
        if out is None:
            click.echo(f"deleted {sub_id}")
        else:
            _show(out)

    return cmd


_one("show", "GET", "", "Show one subscription.")
_one("pause", "POST", "/pause", "Stop alerting (keeps the subscription).")
_one("resume", "POST", "/resume", "Alert again.")
_one("delete", "DELETE", "", "Delete a subscription for good.")
