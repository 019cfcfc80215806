"""`parley demo`: Parley's main job with no services.

Replays the bundled demo corpus (streams/demo/corpus.jsonl, or `--corpus FILE`)
through the same tagger as `parley tag`, in process, with a live terminal view
(counts per family and language, the latest events with who/where/when and the
words that triggered them) and ends with a summary. When
streams/demo/subscriptions.yaml exists and the alert matcher (`processors.alerts`)
is importable, articles that match a subscription are shown as alerts.

The counting lives in `DemoStats` and the drawing in `streams.commands.demo_view`,
so a test can drive the loop and check the summary against `tag_article` itself.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import click

from streams.commands.tag import load_tagger

__all__ = ["demo", "DemoStats", "Alert", "load_corpus", "load_alert_matcher", "DEFAULT_CORPUS"]

FAMILIES = ("diplomatic_meeting", "peace_process", "ceasefire")
DEFAULT_SPEED = 4.0  # articles per second: the bundled ~50 articles take 10-20 s
LATEST = 6  # event frames kept for the live view


def _demo_file(name: str) -> Path:
    return Path(str(resources.files("streams") / "demo" / name))


DEFAULT_CORPUS = _demo_file("corpus.jsonl")
DEFAULT_SUBSCRIPTIONS = _demo_file("subscriptions.yaml")


@dataclass(slots=True)
class Alert:
    subscription: str
    channels: list[str]
    article_id: str
    title: str
    snippet: str = ""
    highlights: tuple[tuple[int, int], ...] = ()
    terms: tuple[str, ...] = ()  # the parts of the query that matched


@dataclass
class DemoStats:
    """What the demo has seen so far; fed one tagged article (or one error) at a time."""

    articles: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    with_events: int = 0
    events_by_family: Counter = field(default_factory=Counter)    # event frames
    articles_by_family: Counter = field(default_factory=Counter)  # articles tagged with the family
    articles_by_lang: Counter = field(default_factory=Counter)
    tagged_by_lang: Counter = field(default_factory=Counter)      # articles with >= 1 tag
    countries: Counter = field(default_factory=Counter)           # articles per country
    latest: deque = field(default_factory=lambda: deque(maxlen=LATEST))  # (article, event), newest last
    alerts: list[Alert] = field(default_factory=list)

    def add(self, tagged: Mapping[str, Any]) -> None:
        self.articles += 1
        lang = tagged.get("lang") or "und"
        self.articles_by_lang[lang] += 1
        tags = list(tagged.get("tags") or [])
        if tags:
            self.tagged_by_lang[lang] += 1
        for family in tags:
            self.articles_by_family[family] += 1
        events = list(tagged.get("events") or [])
        if events:
            self.with_events += 1
        # an event is a frame, one per real-world event however many sentences report it:
        # each is counted and shown (two meetings of one family are two events)
        for event in events:
            self.events_by_family[event.get("family")] += 1
            self.latest.append((tagged, event))
        self.countries.update(set(tagged.get("countries") or []))

    def add_error(self, line: int, message: str) -> None:
        self.articles += 1
        self.errors.append((line, message))


def load_corpus(path: Path) -> list[tuple[int, dict | None, str | None]]:
    """(line number, article or None, error or None) for each non-blank line of a corpus."""
    rows: list[tuple[int, dict | None, str | None]] = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                article = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append((n, None, f"not JSON: {exc.msg} at column {exc.colno}"))
                continue
            if not isinstance(article, dict):
                rows.append((n, None, "not a JSON object"))
            else:
                rows.append((n, article, None))
    return rows


AlertMatcher = Callable[[Mapping[str, Any]], list[Alert]]


def load_alert_matcher(path: Path) -> tuple[AlertMatcher | None, str]:
    """A function tagged-article -> [Alert], or None and a short note saying why not.

    Optional on two counts: the subscriptions file may be absent, and the alert
    matcher (`processors.alerts`) may not be installed in a trimmed-down build.
    The YAML holds `subscriptions: [{name, query, channels, rule}]` (`rule`: optional, a
    spike or breaking-news rule as `parley subscribe` takes it, counted over the query's
    matches); the demo only prints alerts, so the channels (e.g. `[terminal]`) are shown,
    not delivered.
    The tagged article must carry its `text` (tag with include_text=True).
    """
    if not path.is_file():
        return None, "off (no subscriptions file)"
    try:
        from processors.alert_records import match_record
        from processors.alerts import Subscription, SubscriptionIndex
        from processors.rule_alerts import decide_rule
        from processors.rules import parse_rule
    except ImportError:
        return None, "off (alert matcher not installed)"
    except Exception as exc:  # an optional extra must not stop the demo; say why it is off
        return None, f"off (alert matcher failed to load: {type(exc).__name__}: {exc})"
    import yaml

    from processors.errors import ParleyError

    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        entries = data.get("subscriptions") if isinstance(data, dict) else data
        subs, channels, rules = [], {}, {}
        for i, entry in enumerate(entries or []):
            name = str(entry.get("name") or f"subscription-{i + 1}")
            sub_id = "".join(c if c.isalnum() or c in "_.:@-" else "-" for c in name)[:128]
            subs.append(Subscription(id=sub_id, owner="demo", name=name, query=entry["query"]))
            channels[sub_id] = (name, [str(c) for c in entry.get("channels") or ["terminal"]])
            if entry.get("rule") is not None:   # a spike or breaking-news rule over the query's matches
                rules[sub_id] = {"id": sub_id, "owner": "demo", "name": name, "query": entry["query"],
                                 "rule": parse_rule(entry["rule"]).to_dict()}
    except (OSError, yaml.YAMLError, ParleyError, KeyError, TypeError, AttributeError) as exc:
        raise click.ClickException(f"cannot use the subscriptions in {path}: {exc}. "
                                   "Fix the file, or pass --subscriptions with another one.") from exc
    index = SubscriptionIndex(subs, snippet_width=120)
    states: dict[str, Any] = {}   # a rule's windows and stories, as the worker keeps them in its table

    def match(tagged: Mapping[str, Any]) -> list[Alert]:
        out = []
        for m in index.match(tagged):
            name, chans = channels[m.subscription_id]
            sub = rules.get(m.subscription_id)
            if sub is None:
                out.append(Alert(name, chans, str(tagged.get("id")), tagged.get("title") or "", m.snippet,
                                 tuple(m.highlights), tuple(m.terms)))
                continue
            now = time.time()
            fired, states[m.subscription_id] = decide_rule(sub, states.get(m.subscription_id),
                                                           match_record(tagged, m, now=now), now=now)
            out.extend(Alert(name, chans, str(tagged.get("id")), tagged.get("title") or "", a["snippet"],
                             (), (f"{a['kind']}: {', '.join(a.get('sources') or ()) or a.get('count')}",))
                       for a in fired)
        return out

    return match, f"{len(subs)} subscription{'' if len(subs) == 1 else 's'}"


def replay(rows: list[tuple[int, dict | None, str | None]], tagger: Callable[..., dict],
           stats: DemoStats, matcher: AlertMatcher | None, speed: float,
           sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
           ) -> Iterator[tuple[int, dict | None, str | None]]:
    """Tag each row in turn at `speed` articles/s (0: no pause); yield (line, tagged, error)."""
    from processors.errors import ParleyError

    start = clock()
    for i, (n, article, error) in enumerate(rows):
        tagged = None
        if article is not None:
            try:
                tagged = tagger(article, include_text=matcher is not None)
            except ParleyError as exc:
                error = str(exc) or exc.reason
            except Exception as exc:  # the demo shows a tagger bug as an error row and goes on
                error = f"internal error: {type(exc).__name__}: {exc}"
        if tagged is None:
            stats.add_error(n, error or "unknown error")
        else:
            stats.add(tagged)
            if matcher is not None:
                stats.alerts.extend(matcher(tagged))
                tagged.pop("text", None)
        yield n, tagged, error
        if speed > 0:
            wait = start + (i + 1) / speed - clock()
            if wait > 0:
                sleep(wait)


@click.command("demo", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="JSON Lines articles to replay (default: the bundled demo corpus).")
@click.option("--speed", type=click.FloatRange(min=0), default=DEFAULT_SPEED, show_default=True,
              help="Articles per second; 0 = as fast as possible.")
@click.option("--live/--no-live", default=None,
              help="Live terminal view, or one plain line per article. Default: live when stdout is a terminal.")
@click.option("--subscriptions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Alert subscriptions (YAML) to match while replaying (default: the bundled examples).")
def demo(corpus: Path | None, speed: float, live: bool | None, subscriptions: Path | None) -> None:
    """Replay a corpus through Parley's tagger and watch events appear, no services needed.

    Shows counts per family and language, the latest events (who, where, when,
    and the words that triggered them) and ends with a summary table. Try
    `parley demo --speed 0 --no-live` for plain, fast output, and
    `parley tag --help` for the fields behind each event.
    """
    from rich.console import Console

    from streams.commands import demo_view

    path = corpus or DEFAULT_CORPUS
    if not path.is_file():
        raise click.ClickException(f"demo corpus not found at {path}; pass one with --corpus FILE")
    rows = load_corpus(path)
    if not rows:
        raise click.ClickException(f"{path} holds no articles; pass a JSON Lines file with --corpus FILE")
    tagger = load_tagger()
    matcher, alerts_note = load_alert_matcher(subscriptions or DEFAULT_SUBSCRIPTIONS)
    console = Console()
    use_live = console.is_terminal if live is None else live
    stats = DemoStats()
    events = replay(rows, tagger, stats, matcher, speed)
    title = f"Parley demo · {len(rows)} articles from {path.name} · alerts: {alerts_note}"
    if use_live:
        demo_view.run_live(console, title, len(rows), events, stats)
    else:
        console.print(title, highlight=False)
        demo_view.run_plain(console, len(rows), events, stats)
    demo_view.print_summary(console, stats)
    if stats.errors:
        sys.exit(1)
