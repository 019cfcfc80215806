"""`parley tag`: JSON Lines articles in, JSON Lines tagged articles out.

The contract (../shared/spec/design.md): one output line per input line, in
input order, echoing the input's `url`/`id`. A line that cannot be tagged
becomes an error line and the run goes on; the exit status tells whether any
line failed. This module imports only the standard library and click at
start-up (plus `processors` when it runs, and rich only when a progress bar is
shown), so a one-article run starts fast: no Faust, Kafka or Elasticsearch.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

import click

__all__ = ["tag", "tag_line", "load_tagger", "LineResult", "RunReport"]

Tagger = Callable[..., dict]

HELP = """Tag JSON Lines articles with Parley's event families (offline, no services).

INPUT is a JSON Lines file, or `-` (the default) for stdin. Each line is one
article: a JSON object with `text` (or `html`), and optionally `url` or `id`,
`title`, `lang`, `published` (ISO date), `source`.

Writes exactly one JSON line per input line, in input order, to stdout or to
`-o FILE`. A tagged line carries:

\b
  url, id     echoed from the input (id: canonical URL or sha1:... if none given)
  title, source, published   as given
  lang        detected language (ISO 639-1, `und` when unsure), lang_confidence
  tags        families the article reports: diplomatic_meeting, peace_process,
              ceasefire (empty list: none)
  countries   ISO3 codes of the states taking part in the tagged events
  actors      states (ISO3), organisations (UN, EU, OIC...), people with role
  places      places named, with country and lat/lon
  events      one frame per real-world event (not per sentence): the same
              ceasefire reported in three sentences is one frame with three
              mentions; two meetings of one family are two frames
                id        stable id (from the article, family, parties, place
                          and date): the same event keeps it when the article
                          is tagged again, so its index document is replaced
                family    diplomatic_meeting | peace_process | ceasefire
                mode      bilateral | multilateral | call | visit | summit
                status    held | scheduled | proposed | cancelled (meetings);
                          called_for | proposed | agreed | in_effect | extended
                          | violated | ended | historical (ceasefires): the
                          latest state the article reports
                stage     proposed | scheduled | held | progress | agreed |
                          signed | implemented | stalled | collapsed
                actors, countries, orgs   who takes part
                mediators parties that mediate, broker or host (subset)
                where     {name, country, lat, lon} or null
                when      {date, precision: day|month|year, text} or null
                figures   {killed: 6500, peacekeepers: 2000, ...}
                mentions  [{text, start, end, sentence}, ...]: every passage
                          that reports the event (trigger words, their
                          offsets in the text, their sentence)
                evidence  the mention that states the event best
                cameo     CAMEO codes
  truncated   true when the article was cut at the size limit
  tagger      the tagger's version, "parley/<version>"
  text        the normalised text, only with --include-text

A line that cannot be tagged (not JSON, not an object, no text, a blank
line) yields {"line": N, "url"/"id" when known, "reason": ..., "error": ...}
and the run goes on. Blank lines are NOT skipped: they get an error line too,
so output line N always answers input line N.

\b
Exit status: 0 every line tagged, 1 some line failed (stderr says which),
2 usage error (bad option, missing file).

\b
Example:
  $ echo '{"url": "https://example.org/a", "text": "Armenia and Azerbaijan
    agreed a ceasefire in talks mediated by the EU in Brussels."}' | parley tag
  {"id": "https://example.org/a", "url": "https://example.org/a", "lang": "en",
   "tags": ["diplomatic_meeting", "peace_process", "ceasefire"],
   "countries": ["ARM", "AZE"], "events": [{"family": "ceasefire",
   "status": "agreed", ..., "where": {"name": "Brussels", "country": "BEL", ...},
   "evidence": {"text": "ceasefire", "start": 32, "end": 41, ...},
   "mentions": [{"text": "ceasefire", ...}], "id": "3edc3d34b756b834e14b"},
   ...], ..., "tagger": "parley/0.1.0"}
"""

#: how many failed lines the stderr summary names before "and N more"
MAX_LISTED_FAILURES = 5


@dataclass(slots=True)
class LineResult:
    """The outcome of one input line: the JSON text to write, and the error if any."""

    line: int
    output: str
    error: str | None = None


@dataclass
class RunReport:
    """Counts a run keeps for its stderr summary and exit status."""

    total: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)

    def add(self, result: LineResult) -> None:
        self.total += 1
        if result.error is not None:
            self.failures.append((result.line, result.error))

    def summary(self) -> str:
        """E.g. "2 of 120 lines failed: line 4 (not JSON: ...), line 9 (empty text)"."""
        shown = ", ".join(f"line {n} ({_shorten(msg)})" for n, msg in self.failures[:MAX_LISTED_FAILURES])
        more = len(self.failures) - MAX_LISTED_FAILURES
        tail = f", and {more} more (see the `error` fields of the output)" if more > 0 else ""
        return f"{len(self.failures)} of {self.total} lines failed: {shown}{tail}"


def _shorten(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def load_tagger() -> Tagger:
    """Import `processors.tag_article`, or fail with a message that says what to do."""
    try:
        from processors import tag_article
    except ImportError as exc:  # pragma: no cover - only when the install is broken
        raise click.ClickException(
            f"cannot import the tagger (processors.tag_article): {exc}. "
            "Reinstall Parley (`pip install -e .`) and try again."
        ) from exc
    return tag_article


def _error(line: int, message: str, reason: str, article: Any = None) -> LineResult:
    out: dict[str, Any] = {"line": line}
    if isinstance(article, Mapping):
        for key in ("url", "id"):
            value = article.get(key)
            if isinstance(value, (str, int)) and value != "":
                out[key] = value
    out["reason"] = reason
    out["error"] = message
    return LineResult(line, json.dumps(out, ensure_ascii=False), message)


def tag_line(line: int, raw: bytes | str, tagger: Tagger, include_text: bool = False) -> LineResult:
    """Parse and tag one input line; never raises for bad input or a tagger failure."""
    if not raw.strip():
        return _error(line, "blank line: expected a JSON object with a `text` field", "blank_line")
    try:
        article = json.loads(raw)
    except UnicodeDecodeError as exc:
        return _error(line, f"not UTF-8: {exc.reason} at byte {exc.start}", "bad_json")
    except json.JSONDecodeError as exc:
        return _error(line, f"not JSON: {exc.msg} at column {exc.colno}", "bad_json")
    if not isinstance(article, dict):
        return _error(line, f"not a JSON object but a JSON {type(article).__name__}", "not_object")
    from processors.errors import ParleyError

    try:
        tagged = tagger(article, include_text=include_text)
    except ParleyError as exc:
        return _error(line, str(exc) or exc.reason.replace("_", " "), exc.reason, article)
    except Exception as exc:  # a tagger bug must not stop the run (design.md); say what it was
        return _error(line, f"internal error: {type(exc).__name__}: {exc}", "internal", article)
    # echo the caller's own keys, as the contract says, even if the tagger canonicalised them
    for key in ("url", "id"):
        if key in article and article[key] not in (None, ""):
            tagged[key] = article[key]
    return LineResult(line, json.dumps(tagged, ensure_ascii=False))


# -- worker processes (--workers N) -------------------------------------------------------

_worker_tagger: Tagger | None = None
_worker_include_text = False


def _init_worker(include_text: bool) -> None:
    global _worker_tagger, _worker_include_text
    from processors import tag_article

    _worker_tagger, _worker_include_text = tag_article, include_text


def _work(item: tuple[int, bytes]) -> LineResult:
    assert _worker_tagger is not None
    return tag_line(item[0], item[1], _worker_tagger, _worker_include_text)


def _results(
    lines: Iterable[tuple[int, bytes]], tagger: Tagger, include_text: bool, workers: int
) -> Iterator[LineResult]:
    if workers <= 1:
        for n, raw in lines:
            yield tag_line(n, raw, tagger, include_text)
        return
    import multiprocessing

    with multiprocessing.Pool(workers, initializer=_init_worker, initargs=(include_text,)) as pool:
        # imap keeps input order; chunks amortise the inter-process hops
        yield from pool.imap(_work, lines, chunksize=16)


def _numbered(stream: IO[bytes], on_read: Callable[[int], None]) -> Iterator[tuple[int, bytes]]:
    for n, raw in enumerate(stream, start=1):
        on_read(len(raw))
        yield n, raw.rstrip(b"\r\n")


def _is_pipe(stream: IO) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return True  # not a real file descriptor (tests): behave as a pipe


def _want_progress(flag: bool | None, from_file: bool) -> bool:
    if flag is not None:
        return flag
    if not sys.stderr.isatty():
        return False
    return from_file or not (_is_pipe(sys.stdin) and _is_pipe(sys.stdout))


def _file_size(stream: IO[bytes]) -> int | None:
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


@click.command("tag", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("input_file", metavar="[INPUT]", default="-", type=click.File("rb"))
@click.option("-o", "--output", type=click.File("wb", atomic=False), default="-",
              help="Write the JSON lines here instead of stdout.")
@click.option("--include-text", is_flag=True, help="Add the normalised article text (`text`) to each line.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Tag in N processes (for big files); output order is kept.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr. Default: on when stderr is a terminal and "
                   "INPUT is a file or stdin/stdout are not both pipes.")
def tag(input_file: IO[bytes], output: IO[bytes], include_text: bool, workers: int,
        progress: bool | None) -> None:
    tagger = load_tagger()
    from_file = getattr(input_file, "name", "-") not in ("-", "<stdin>")
    interactive = not from_file  # streaming from stdin: flush every line
    report = RunReport()

    def run(on_read: Callable[[int], None], on_done: Callable[[], None]) -> None:
        for result in _results(_numbered(input_file, on_read), tagger, include_text, workers):
            output.write(result.output.encode("utf-8") + b"\n")
            if interactive:
                output.flush()
            report.add(result)
            on_done()

    try:
        _run_with_progress(run, input_file, _want_progress(progress, from_file), report)
        output.flush()
    except BrokenPipeError:  # `parley tag big.jsonl | head`: the reader left, stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1 if report.failures else 0)
    except KeyboardInterrupt:
        click.echo(f"interrupted after {report.total} lines", err=True)
        sys.exit(130)
    if report.failures:
        click.echo(report.summary(), err=True)
        sys.exit(1)


def _run_with_progress(run: Callable[[Callable[[int], None], Callable[[], None]], None],
                       input_file: IO[bytes], show: bool, report: RunReport) -> None:
    """Call `run(on_read, on_done)`, with a rich progress bar on stderr when `show`."""
    if show:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        size = _file_size(input_file)
        bar = Progress(TextColumn("tagging"), BarColumn(), TextColumn("{task.fields[lines]} lines"),
                       TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                       console=Console(stderr=True), transient=False)
        with bar:
            task = bar.add_task("tag", total=size, lines=0, failed=0)
            run(lambda n: bar.advance(task, n),
                lambda: bar.update(task, lines=report.total, failed=len(report.failures)))
    else:
        run(lambda n: None, lambda: None)
