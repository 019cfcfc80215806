"""How `parley demo` draws: a rich Live view, a plain line-per-article mode, the summary.

Laid out for a 100x30 terminal and up: a header with the progress bar, counts
per family and per language on the left, the latest events on the right, the
latest alerts at the bottom.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.layout import Layout
from rich.live import Live
from rich.panel import Panel
from rich.segment import Segment
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from streams.commands.demo import FAMILIES, DemoStats

__all__ = ["run_live", "run_plain", "print_summary", "describe_event", "families_line"]

COLOURS = {"diplomatic_meeting": "cyan", "peace_process": "green", "ceasefire": "magenta"}
SHORT = {"diplomatic_meeting": "meeting", "peace_process": "peace", "ceasefire": "ceasefire"}

LEFT_WIDTH = 40
MIN_HEIGHT, MAX_HEIGHT = 16, 40  # rows of the live view

Rows = Iterator[tuple[int, dict | None, str | None]]


def _state(event: Mapping[str, Any]) -> str:
    return " · ".join(str(event[k]) for k in ("status", "stage", "mode") if event.get(k))


def _who(event: Mapping[str, Any]) -> str:
    codes = list(event.get("countries") or []) + [o for o in event.get("orgs") or [] if o]
    people = [a for a in event.get("actors") or [] if a.get("kind") == "person"]
    who = " ".join(codes) or "—"
    if people:
        p = people[0]
        who += f"  ({p.get('name')}{', ' + p['role'] if p.get('role') else ''})"
    return who


def _where_when(event: Mapping[str, Any]) -> str:
    where = event.get("where") or {}
    when = event.get("when") or {}
    place = where.get("name") or "?"
    if where.get("country"):
        place += f", {where['country']}"
    return f"at {place} · on {when.get('date') or '?'}"


def _cells(ch: str) -> int:
    """Terminal cells of one character. Rich counts spacing vowel signs (Unicode Mc:
    Devanagari ा, ि, ...) as 0 cells, most terminals (glibc wcwidth, tmux, VTE) as 1."""
    n = cell_len(ch)
    if n == 0 and unicodedata.category(ch) == "Mc" and not unicodedata.combining(ch):
        return 1
    return n


def _excess(text: str) -> int:
    """Cells a terminal draws beyond what rich measured for `text` (see `_cells`)."""
    return sum(1 for ch in text if unicodedata.category(ch) == "Mc" and not unicodedata.combining(ch)
               and cell_len(ch) == 0)


def _clip(text: Text, width: int) -> Text:
    """`text` cut to `width` terminal cells, ending in "…" when cut; one row, never wrapped."""
    text.no_wrap, text.overflow = True, "ellipsis"
    if sum(_cells(c) for c in text.plain) <= width:
        return text
    used = 0
    for i, ch in enumerate(text.plain):
        if used + _cells(ch) > width - 1:
            cut = text[:i]
            cut.append("…")
            cut.no_wrap, cut.overflow = True, "ellipsis"
            return cut
        used += _cells(ch)
    return text  # pragma: no cover - the loop always cuts when the text is too wide


def _snippet(event: Mapping[str, Any], width: int) -> Text:
    """The evidence sentence cut to `width` cells around the trigger, the trigger in bold."""
    ev = event.get("evidence") or {}
    sentence = " ".join(str(ev.get("sentence") or ev.get("text") or "").split())
    trigger = " ".join(str(ev.get("text") or "").split())
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        return _clip(Text(sentence, style="dim"), width)
    budget = width - 2 - sum(_cells(c) for c in trigger)  # 2: the ellipses
    left, right, used = at, at + len(trigger), 0
    while left > 0 and used + _cells(sentence[left - 1]) <= budget // 2:
        left -= 1
        used += _cells(sentence[left])
    while right < len(sentence) and used + _cells(sentence[right]) <= budget:
        used += _cells(sentence[right])
        right += 1
    while left > 0 and used + _cells(sentence[left - 1]) <= budget:  # sentence ended: more on the left
        left -= 1
        used += _cells(sentence[left])
    prefix, suffix = ("…" if left > 0 else ""), ("…" if right < len(sentence) else "")
    text = Text(prefix + sentence[left:right] + suffix, style="dim")
    i = len(prefix) + at - left
    text.stylize("bold yellow not dim", i, i + len(trigger))
    return text


def describe_event(article: Mapping[str, Any], event: Mapping[str, Any], width: int = 60) -> Group:
    """Three one-row lines for one event frame: family, state and who; where, when, how
    many mentions (when more than one), language and source; the evidence."""
    family = event.get("family") or "?"
    head = Text(no_wrap=True, overflow="ellipsis")
    head.append(f"{SHORT.get(family, family):10s}", style=f"bold {COLOURS.get(family, 'white')}")
    head.append(f"{_state(event):{23 if width >= 56 else 0}s} ", style="bold")
    head.append(_who(event))
    mentions = len(event.get("mentions") or ())
    seen = f" · {mentions} mentions" if mentions > 1 else ""  # one event, reported in several sentences
    place = Text("   " + _where_when(event) + seen + f" · {article.get('lang', '?')} · ", no_wrap=True,
                 overflow="ellipsis")
    place.append(article.get("source") or "", style="italic")
    evidence = Text("   ", no_wrap=True, overflow="ellipsis")
    evidence.append_text(_snippet(event, width - 4))
    return Group(_clip(head, width), _clip(place, width), _clip(evidence, width))


def _families_table(stats: DemoStats) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("family")
    table.add_column("arts", justify="right")
    table.add_column("events", justify="right")
    for fam in FAMILIES:
        table.add_row(Text(fam, style=COLOURS[fam]), str(stats.articles_by_family[fam]),
                      str(stats.events_by_family[fam]))
    table.add_row(Text("no event", style="dim"), str(stats.articles - stats.with_events - len(stats.errors)), "")
    if stats.errors:
        table.add_row(Text("errors", style="red"), str(len(stats.errors)), "")
    return table


def _langs_table(stats: DemoStats) -> Table:
    table = Table(box=None, expand=True, show_header=False, pad_edge=False)
    for _ in range(3):
        table.add_column(justify="left")
    cells = [f"[bold]{lang}[/] {stats.tagged_by_lang[lang]}/{n}"
             for lang, n in sorted(stats.articles_by_lang.items(), key=lambda kv: (-kv[1], kv[0]))]
    for i in range(0, len(cells), 3):
        table.add_row(*cells[i:i + 3])
    return table


def _countries_line(stats: DemoStats) -> Text:
    top = " ".join(f"{c} {n}" for c, n in stats.countries.most_common(8))
    return Text("top countries: " + (top or "—"), style="dim")


def _alert_line(alert: Any, width: int) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("⚑ ", style="bold red")
    line.append(f"{alert.subscription:18s} ", style="bold")
    offset = len(line)
    line.append((alert.snippet or alert.title).replace("\n", " "))  # same length: highlights still fit
    for start, end in alert.highlights:
        line.stylize("bold yellow", offset + start, offset + end)
    return _clip(line, width)


def _layout(console: Console, title: str, progress: Progress, stats: DemoStats) -> Layout:
    width = console.size.width
    right_width = max(40, width - (LEFT_WIDTH if width >= 100 else 36))
    root = Layout()
    header = Panel(Group(Text(title, style="bold", overflow="ellipsis", no_wrap=True), progress),
                   box=box.ROUNDED, padding=(0, 1))
    alerts = [_alert_line(a, width - 4) for a in stats.alerts[-3:]] or [Text("none yet", style="dim")]
    left = Layout(name="left", size=LEFT_WIDTH if width >= 100 else 36)
    left.split_column(
        Layout(Panel(_families_table(stats), title="families", box=box.ROUNDED), size=10),
        Layout(Panel(Group(_langs_table(stats), _countries_line(stats)),
                     title="languages (tagged/all)", box=box.ROUNDED)),
    )
    latest = [describe_event(a, e, right_width - 4) for a, e in reversed(stats.latest)]
    right = Layout(Panel(Group(*latest) if latest else Text("waiting for events…", style="dim"),
                         title="latest events", box=box.ROUNDED))
    body = Layout()
    body.split_row(left, right)
    root.split_column(Layout(header, size=4), body,
                      Layout(Panel(Group(*alerts), title=f"alerts ({len(stats.alerts)})", box=box.ROUNDED),
                             size=5))
    return root


def _progress(console: Console, total: int) -> tuple[Progress, Any]:
    progress = Progress(BarColumn(bar_width=None), MofNCompleteColumn(), TextColumn("articles"),
                        TimeElapsedColumn(), console=console, expand=True)
    return progress, progress.add_task("replay", total=total)


class _Fitted:
    """A layout drawn one row shorter than the terminal (and at most MAX_HEIGHT rows):
    a frame as tall as the screen makes the terminal scroll on every refresh."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        height = max(MIN_HEIGHT, min(console.size.height - 1, MAX_HEIGHT))
        for line in console.render_lines(self.layout, options.update(height=height)):
            yield from _pay_back(line, sum(_excess(seg.text) for seg in line))
            yield Segment.line()


def _pay_back(line: list[Segment], excess: int) -> list[Segment]:
    """Remove `excess` cells of padding (the last long-enough run of spaces) from a line whose
    text a terminal draws wider than rich measured, so its right border stays in place."""
    if excess <= 0:
        return line
    for k in range(len(line) - 1, -1, -1):
        seg = line[k]
        if seg.control:
            continue
        at = seg.text.rfind(" " * excess)
        if at >= 0:
            fixed = Segment(seg.text[:at] + seg.text[at + excess:], seg.style, seg.control)
            return line[:k] + [fixed] + line[k + 1:]
    return line


def run_live(console: Console, title: str, total: int, rows: Rows, stats: DemoStats) -> None:
    progress, task = _progress(console, total)
    with Live(_Fitted(_layout(console, title, progress, stats)), console=console, refresh_per_second=8,
              screen=False, transient=False, vertical_overflow="crop") as live:
        for _ in rows:
            progress.advance(task)
            live.update(_Fitted(_layout(console, title, progress, stats)))


def run_plain(console: Console, total: int, rows: Rows, stats: DemoStats) -> None:
    """One line per article: position, language, families with their state, countries, title."""
    digits = len(str(total))
    for i, (line, tagged, error) in enumerate(rows, start=1):
        head = f"[{i:>{digits}}/{total}]"
        if tagged is None:
            console.print(f"{head} line {line}: error: {error}", highlight=False, markup=False)
            continue
        states = families_line(tagged.get("events") or [])
        countries = ",".join(tagged.get("countries") or []) or "-"
        title = (tagged.get("title") or "")[:60]
        console.print(f"{head} {tagged.get('lang', '?'):3s} {states} | {countries} | {title}",
                      highlight=False, markup=False, soft_wrap=True)
        n_alerts = len(stats.alerts)
        for alert in stats.alerts[n_alerts - _new_alerts(stats, tagged):]:
            matched = ", ".join(alert.terms) or "-"
            console.print(f"    alert [{alert.subscription}] -> {', '.join(alert.channels)} (matched: {matched})",
                          highlight=False, markup=False, soft_wrap=True)


def families_line(events: list[Mapping[str, Any]]) -> str:
    """The article's event frames by family, with their states and modes; "×N" when a
    family has N > 1 frames (N real-world events). E.g. "diplomatic_meeting ×2
    held/scheduled (bilateral/visit) · ceasefire violated"; "-" if none."""
    states: dict[str, dict[str, None]] = {}
    modes: dict[str, dict[str, None]] = {}
    frames: dict[str, int] = {}
    for e in events:
        family = str(e.get("family"))
        states.setdefault(family, {})
        modes.setdefault(family, {})
        frames[family] = frames.get(family, 0) + 1
        state = e.get("status") or e.get("stage")
        if state:
            states[family][state] = None
        if e.get("mode"):
            modes[family][e["mode"]] = None
    parts = []
    for family, seen in states.items():
        count = f" ×{frames[family]}" if frames[family] > 1 else ""
        part = f"{family}{count} {'/'.join(seen) or '?'}"
        if modes[family]:
            part += f" ({'/'.join(modes[family])})"
        parts.append(part)
    return " · ".join(parts) or "-"


def _new_alerts(stats: DemoStats, tagged: Mapping[str, Any]) -> int:
    n = 0
    for alert in reversed(stats.alerts):
        if alert.article_id != str(tagged.get("id")):
            break
        n += 1
    return n


def print_summary(console: Console, stats: DemoStats) -> None:
    """The closing tables: articles, events per family, per language, top 10 countries, errors."""
    fam = Table(title="Summary", box=box.SIMPLE_HEAD, title_justify="left", caption_justify="left",
                caption="events: one frame per real-world event")
    fam.add_column("family")
    fam.add_column("articles", justify="right")
    fam.add_column("events", justify="right")
    for name in FAMILIES:
        fam.add_row(name, str(stats.articles_by_family[name]), str(stats.events_by_family[name]))
    fam.add_row("any family", str(stats.with_events), str(sum(stats.events_by_family.values())))
    fam.add_row("no event", str(stats.articles - stats.with_events - len(stats.errors)), "")
    fam.add_row("errors", str(len(stats.errors)), "")
    fam.add_row("total", str(stats.articles), "")
    console.print(fam)

    langs = Table(title="Languages", box=box.SIMPLE_HEAD, title_justify="left")
    langs.add_column("lang")
    langs.add_column("articles", justify="right")
    langs.add_column("tagged", justify="right")
    for lang, n in sorted(stats.articles_by_lang.items()):
        langs.add_row(lang, str(n), str(stats.tagged_by_lang[lang]))
    countries = Table(title="Countries (top 10)", box=box.SIMPLE_HEAD, title_justify="left")
    countries.add_column("country")
    countries.add_column("articles", justify="right")
    for code, n in stats.countries.most_common(10):
        countries.add_row(code, str(n))
    grid = Table.grid(padding=(0, 4))
    grid.add_row(langs, countries)
    console.print(grid)
    if stats.alerts:
        console.print(f"alerts: {len(stats.alerts)} "
                      + ", ".join(f"{k} {v}" for k, v in _count_alerts(stats).items()), highlight=False)
    for line, message in stats.errors:
        console.print(f"error: corpus line {line}: {message}", style="red", highlight=False, markup=False)


def _count_alerts(stats: DemoStats) -> dict[str, int]:
    counts: dict[str, int] = {}
    for alert in stats.alerts:
        counts[alert.subscription] = counts.get(alert.subscription, 0) + 1
    return counts
