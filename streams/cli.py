"""The `parley` command.

Sub-commands live in their own modules and are imported only when run, so
`parley tag` starts without loading Faust, Kafka or Elasticsearch clients.
To add a command, add its "module:attribute" to COMMANDS.
"""

from __future__ import annotations

import importlib

import click

__all__ = ["main", "COMMANDS"]

# name -> (module:attribute, one-line help shown by `parley --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "dashboards": ("streams.commands.dashboards:dashboards", "Kibana dashboards as code: build, check, import into Kibana."),
    "setup": ("streams.commands.setup:setup", "Create Kafka topics and Elasticsearch index templates (idempotent)."),
    "ingest": ("streams.commands.ingest:ingest", "Send articles (JSON Lines, .txt/.html, folders, stdin) to Kafka."),
    "feeds": ("streams.commands.feeds:feeds", "Poll RSS/Atom feeds and send new articles to Kafka."),
    "search": ("streams.commands.search:search", "Search indexed articles in Elasticsearch, with their tags and events."),
    "worker": ("streams.commands.worker:worker", "Run a pipeline worker: tag, dead-letter and index articles."),
    "tag": ("streams.commands.tag:tag", "Tag JSON Lines articles: families, actors, places, dates (offline)."),
    "subscribe": ("streams.commands.subscriptions:subscribe", "Create an alert subscription (webhook, Slack, email, SSE, Kafka)."),
    "subscriptions": ("streams.commands.subscriptions:subscriptions", "List, show, pause, resume or delete alert subscriptions."),
    "api": ("streams.commands.api:api", "Serve the alert subscriptions REST API on its own (parley worker serves it too)."),
    "keys": ("streams.commands.keys:keys", "Make API keys and their hashed form (PARLEY_API_KEYS_FILE)."),
    "alerts": ("streams.commands.alerts:alerts", "Alerts live in the terminal: `parley alerts tail`."),
    "demo": ("streams.commands.demo:demo", "Replay the bundled demo corpus through the tagger, live, no services needed."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target[0].partition(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="parley")
def main() -> None:
    """Parley: diplomacy, peace talks and ceasefires in the world's news, in any language.

    Start with `parley demo` (no services needed) or `parley tag --help`.
    """


if __name__ == "__main__":
    main()
