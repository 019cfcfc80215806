"""`parley demo`: replays a corpus in process and sums up what `tag_article` found.

Expected counts are computed from `processors.tag_article` on the same articles,
never hard-coded, so these tests check the demo's book-keeping and output.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from processors import tag_article
from streams.cli import main
from streams.commands.demo import DEFAULT_CORPUS, DemoStats, load_corpus, replay

FAMILIES = ("diplomatic_meeting", "peace_process", "ceasefire")

# our own three articles (never copied from a corpus)
CORPUS = [
    {"url": "https://demo.test/1", "title": "Ministers meet",
     "text": "ANKARA, May 4 - The foreign ministers of Turkey and Greece met in Ankara on Monday and "
             "agreed to hold their next round of talks in Athens in June."},
    {"url": "https://demo.test/2", "title": "Truce holds",
     "text": "BAKU - Le cessez-le-feu entre l'Arménie et l'Azerbaïdjan, conclu sous médiation russe, "
             "tient depuis trois jours, selon les deux ministères de la Défense."},
    {"url": "https://demo.test/3", "title": "Bread",
     "text": "Harga roti di pasar kota naik dua persen minggu ini karena harga gandum yang lebih tinggi."},
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in CORPUS), encoding="utf-8")
    return path


def _expected() -> tuple[Counter, Counter, Counter, Counter]:
    arts, events, langs, countries = Counter(), Counter(), Counter(), Counter()
    for article in CORPUS:
        tagged = tag_article(article)
        arts.update(tagged["tags"])
        events.update(e["family"] for e in tagged["events"])
        langs[tagged["lang"]] += 1
        countries.update(set(tagged["countries"]))
    return arts, events, langs, countries


def test_stats_add_up_what_the_tagger_returns():
    stats = DemoStats()
    tagged = [tag_article(a) for a in CORPUS]
    for t in tagged:
        stats.add(t)
    arts, events, langs, countries = _expected()
    assert stats.articles == 3
    assert {f: stats.articles_by_family[f] for f in FAMILIES} == {f: arts[f] for f in FAMILIES}
    assert {f: stats.events_by_family[f] for f in FAMILIES} == {f: events[f] for f in FAMILIES}
    assert stats.articles_by_lang == langs
    assert stats.countries == countries
    assert stats.with_events == sum(1 for t in tagged if t["events"])
    # the live view keeps every event frame (one per real-world event), newest last
    shown = [(t["url"], e["id"]) for t in tagged for e in t["events"]]
    assert [(a["url"], e["id"]) for a, e in stats.latest] == shown[-6:]


def test_demo_prints_a_summary_that_matches_the_tagger(corpus: Path, tmp_path: Path):
    result = CliRunner().invoke(main, ["demo", "--corpus", str(corpus), "--no-live", "--speed", "0",
                                       "--subscriptions", str(tmp_path / "none.yaml")])
    assert result.exit_code == 0, result.output
    out = result.output
    arts, events, langs, countries = _expected()
    # one plain line per article, then the summary
    assert re.search(r"^\[1/3\] ", out, re.M) and re.search(r"^\[3/3\] ", out, re.M)
    for fam in FAMILIES:
        row = re.search(rf"^\s*{fam}\s+(\d+)\s+(\d+)\s*$", out, re.M)
        assert row, f"no summary row for {fam}:\n{out}"
        assert (int(row[1]), int(row[2])) == (arts[fam], events[fam]), fam
    assert re.search(r"^\s*total\s+3\s*$", out, re.M)
    assert re.search(r"^\s*errors\s+0\s*$", out, re.M)
    for lang, n in langs.items():
        assert re.search(rf"^\s*{lang}\s+{n}\s+\d+", out, re.M), lang
    for code, n in countries.items():
        assert re.search(rf"\b{code}\s+{n}\s*$", out, re.M), code


def test_a_bad_corpus_line_is_counted_as_an_error(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(CORPUS[0]) + "\n{oops\n" + json.dumps({"url": "x"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["demo", "--corpus", str(path), "--no-live", "--speed", "0",
                                       "--subscriptions", str(tmp_path / "none.yaml")])
    assert result.exit_code == 1
    assert re.search(r"^\s*errors\s+2\s*$", result.output, re.M)
    assert "corpus line 2: not JSON" in result.output


def test_replay_paces_articles_at_the_given_speed():
    now = [0.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    rows = [(i + 1, {"id": str(i)}, None) for i in range(3)]
    done = list(replay(rows, lambda a, include_text=False: {"id": a["id"], "tags": [], "events": []},
                       DemoStats(), None, speed=2.0, sleep=sleep, clock=lambda: now[0]))
    assert [n for n, _, _ in done] == [1, 2, 3]
    assert sleeps == [0.5, 0.5, 0.5]


def test_the_bundled_corpus_is_found():
    rows = load_corpus(DEFAULT_CORPUS)
    assert len(rows) >= 40
    assert all(article is not None for _, article, _ in rows)


def test_subscriptions_raise_alerts_for_the_articles_they_match(corpus: Path, tmp_path: Path):
    subs = tmp_path / "subs.yaml"
    subs.write_text("subscriptions:\n  - name: truce-watch\n    query: tag:ceasefire\n    channels: [terminal]\n",
                    encoding="utf-8")
    expected = sum(1 for a in CORPUS if "ceasefire" in tag_article(a)["tags"])
    result = CliRunner().invoke(main, ["demo", "--corpus", str(corpus), "--no-live", "--speed", "0",
                                       "--subscriptions", str(subs)])
    assert result.exit_code == 0, result.output
    assert "alerts: 1 subscription\n" in result.output
    assert result.output.count("alert [truce-watch] -> terminal") == expected
    if expected:
        assert f"alerts: {expected} truce-watch {expected}" in result.output


def test_a_broken_subscriptions_file_says_what_to_fix(corpus: Path, tmp_path: Path):
    subs = tmp_path / "subs.yaml"
    subs.write_text("subscriptions:\n  - name: bad\n    query: (tag:ceasefire\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["demo", "--corpus", str(corpus), "--no-live", "--speed", "0",
                                       "--subscriptions", str(subs)])
    assert result.exit_code == 1
    assert "cannot use the subscriptions in" in result.output and "Fix the file" in result.output


def test_live_view_fits_a_100x30_terminal_whatever_the_script():
    """Every row of a frame is exactly 100 terminal cells (spacing vowel signs counted as
    most terminals draw them), and the frame is one row shorter than the screen."""
    import io

    from rich.console import Console

    from streams.commands import demo_view

    stats = DemoStats()
    for _, article, _ in load_corpus(DEFAULT_CORPUS):
        stats.add(tag_article(article))
    console = Console(width=100, height=30, file=io.StringIO(), force_terminal=True, color_system=None,
                      record=True)
    progress, task = demo_view._progress(console, stats.articles)
    progress.advance(task, stats.articles)
    console.print(demo_view._Fitted(demo_view._layout(console, "Parley demo", progress, stats)))
    rows = console.export_text().splitlines()
    assert len(rows) == 29
    assert {sum(demo_view._cells(ch) for ch in row) for row in rows} == {100}
    assert "latest events" in rows[4] and "alerts" in "".join(rows[-6:])


def test_snippet_keeps_the_trigger_and_fits_the_width():
    from streams.commands.demo_view import _cells, _snippet

    sentence = "दोनों देशों के सैन्य अधिकारियों ने बुधवार को हॉटलाइन पर बातचीत की और युद्धविराम का पालन जारी रखने पर सहमति जताई।"
    event = {"evidence": {"text": "युद्धविराम", "sentence": sentence}}
    for width in (20, 40, 200):
        text = _snippet(event, width)
        assert "युद्धविराम" in text.plain
        assert sum(_cells(ch) for ch in text.plain) <= width


def test_plain_and_live_lines_count_frames_not_sentences():
    import io

    from rich.console import Console

    from streams.commands.demo_view import describe_event, families_line

    truce = {"family": "ceasefire", "status": "violated", "countries": ["ARM", "AZE"],
             "evidence": {"text": "ceasefire", "sentence": "They agreed a ceasefire."},
             "mentions": [{"text": "ceasefire", "sentence": "They agreed a ceasefire."},
                          {"text": "truce", "sentence": "The truce was violated."}]}
    meetings = [{"family": "diplomatic_meeting", "status": s, "mode": "bilateral"} for s in ("held", "scheduled")]
    assert families_line([*meetings, truce]) == "diplomatic_meeting ×2 held/scheduled (bilateral) · ceasefire violated"
    console = Console(width=100, file=io.StringIO(), color_system=None, record=True)
    console.print(describe_event({"lang": "en", "source": "Wire"}, truce, 90))
    assert "2 mentions" in console.export_text()


def test_a_breaking_news_rule_fires_once_when_the_third_source_reports_the_story(tmp_path: Path):
    subs = tmp_path / "subs.yaml"
    subs.write_text("subscriptions:\n  - name: breaking\n    query: tag:diplomatic_meeting\n"
                    "    rule: {kind: breaking, sources: 3, within_s: 86400}\n    channels: [terminal]\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["demo", "--no-live", "--speed", "0", "--subscriptions", str(subs)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    fired = [i for i, line in enumerate(lines) if line.startswith("    alert [breaking]")]
    assert len(fired) == 1, result.output
    # it fires on the third of the bundled Sudan / South Sudan reports (three sources, three languages)
    assert "Diario del Sur" in lines[fired[0]] and "Sudán" in lines[fired[0] - 1]


def test_an_impossible_rule_in_the_subscriptions_file_says_what_to_fix(corpus: Path, tmp_path: Path):
    subs = tmp_path / "subs.yaml"
    subs.write_text("subscriptions:\n  - name: b\n    query: tag:ceasefire\n    rule: {kind: breaking, sources: 1}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["demo", "--corpus", str(corpus), "--no-live", "--speed", "0",
                                       "--subscriptions", str(subs)])
    assert result.exit_code == 1
    assert "cannot use the subscriptions in" in result.output
