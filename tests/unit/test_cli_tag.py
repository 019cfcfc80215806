"""`parley tag`: the JSON Lines contract of design.md, error lines, exit codes, cold start.

Tagged lines are compared with what `processors.tag_article` returns for the same
article, so these tests check the command, not the tagger's judgement.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from processors import tag_article
from streams.cli import main
from streams.commands import tag as tag_module

ROOT = Path(__file__).resolve().parents[2]

# our own sentences (never copied from a corpus)
ARTICLES = [
    {"url": "https://example.test/a", "title": "Talks in Brussels",
     "text": "The foreign ministers of Armenia and Azerbaijan met in Brussels on Friday and agreed "
             "to resume talks on a peace treaty, the European Union said."},
    {"id": "local-2", "text": "Le cessez-le-feu entre les deux pays est entré en vigueur lundi à minuit."},
    {"url": "https://example.test/c", "text": "The bakery on Main Street sold out of bread by noon."},
]


def _lines(*rows: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)


def _run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(main, ["tag", *args], input=stdin)


def _out(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_line_out_per_line_in_in_order_echoing_url_and_id():
    result = _run(["--no-progress"], _lines(*ARTICLES))
    assert result.exit_code == 0, result.output
    out = _out(result)
    assert [o.get("url") for o in out] == ["https://example.test/a", None, "https://example.test/c"]
    assert out[1]["id"] == "local-2"
    for row, article in zip(out, ARTICLES):
        expected = tag_article(article)
        for key in ("tags", "countries", "lang", "events"):
            assert row[key] == expected[key], key
        assert "text" not in row


def test_include_text_adds_the_text():
    result = _run(["--no-progress", "--include-text"], _lines(ARTICLES[0]))
    assert result.exit_code == 0
    assert "Armenia" in _out(result)[0]["text"]


def test_bad_lines_become_error_lines_and_the_run_goes_on():
    stdin = _lines(ARTICLES[0], "{not json", "", "[1, 2]", {"id": "no-text"},
                   {"url": "https://example.test/empty", "text": "   \u0007  "}, ARTICLES[2])
    result = _run(["--no-progress"], stdin)
    assert result.exit_code == 1
    out = _out(result)
    assert len(out) == 7
    assert out[0]["url"] == "https://example.test/a" and "error" not in out[0]
    assert out[6]["url"] == "https://example.test/c" and "error" not in out[6]
    errors = {o["line"]: o for o in out if "error" in o}
    assert sorted(errors) == [2, 3, 4, 5, 6]
    assert errors[2]["error"].startswith("not JSON")
    assert errors[3]["error"].startswith("blank line")
    assert "not a JSON object" in errors[4]["error"]
    assert errors[5]["id"] == "no-text"
    assert errors[6]["url"] == "https://example.test/empty"
    assert all(o["error"] and o["reason"] for o in errors.values())
    assert "5 of 7 lines failed: line 2 (not JSON" in result.stderr
    assert "line 3 (blank line" in result.stderr


def test_a_tagger_crash_is_an_error_line_not_a_stopped_run(monkeypatch):
    def broken(article, *, include_text=False):
        if article.get("id") == "boom":
            raise RuntimeError("lexicon exploded")
        return tag_article(article, include_text=include_text)

    monkeypatch.setattr(tag_module, "load_tagger", lambda: broken)
    result = _run(["--no-progress"], _lines({"id": "boom", "text": "x y z"}, ARTICLES[2]))
    assert result.exit_code == 1
    out = _out(result)
    assert out[0] == {"line": 1, "id": "boom", "reason": "internal",
                      "error": "internal error: RuntimeError: lexicon exploded"}
    assert out[1]["url"] == "https://example.test/c"


def test_file_in_file_out(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(_lines(*ARTICLES), encoding="utf-8")
    result = _run([str(src), "-o", str(dst), "--no-progress"])
    assert result.exit_code == 0
    assert result.stdout == ""
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [r.get("url") or r.get("id") for r in rows] == ["https://example.test/a", "local-2", "https://example.test/c"]


def test_workers_keep_the_order(tmp_path):
    many = [{"id": f"n{i}", "text": ARTICLES[i % 3]["text"]} for i in range(40)]
    src = tmp_path / "in.jsonl"
    src.write_text(_lines(*many), encoding="utf-8")
    result = _run([str(src), "--workers", "2", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert [o["id"] for o in _out(result)] == [f"n{i}" for i in range(40)]


def test_usage_errors_exit_2(tmp_path):
    assert _run([str(tmp_path / "missing.jsonl")]).exit_code == 2
    assert _run(["--workers", "0"], "").exit_code == 2
    assert _run(["--no-such-option"], "").exit_code == 2


def test_help_explains_the_output_fields():
    result = _run(["--help"])
    assert result.exit_code == 0
    for word in ("tags", "countries", "lang", "events", "family", "mode", "status", "stage", "actors",
                 "where", "when", "figures", "evidence", "mentions", "mediators", "tagger", "one frame per real-world event",
                 "error", "Blank lines", "Exit status", "Example"):
        assert word in result.output, word


def _subprocess(args: list[str], stdin: str, code: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", "streams.cli", *args]
    return subprocess.run(cmd, input=stdin.encode(), capture_output=True, cwd=ROOT, env=env, timeout=60)


def test_stdin_to_stdout_through_a_real_pipe():
    proc = _subprocess(["tag"], _lines(ARTICLES[0], "oops"))
    assert proc.returncode == 1
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert rows[0]["url"] == "https://example.test/a"
    assert rows[1]["line"] == 2 and "error" in rows[1]
    assert b"1 of 2 lines failed: line 2 (not JSON" in proc.stderr
    assert b"\x1b[" not in proc.stdout  # no progress bar or colour on stdout


def test_cold_start_loads_no_service_clients():
    code = (
        "import sys, json\n"
        "from streams.cli import main\n"
        "try:\n"
        "    main(['tag', '--no-progress'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('faust', 'kafka', 'aiokafka', 'elasticsearch', 'elastic_transport', 'aiohttp', 'requests', 'rich'))\n"
        "sys.stderr.write('HEAVY=' + json.dumps(heavy))\n"
    )
    proc = _subprocess([], _lines(ARTICLES[0]), code)
    assert json.loads(proc.stdout.decode().splitlines()[0])["url"] == "https://example.test/a"
    assert proc.stderr.decode().rsplit("HEAVY=", 1)[1] == "[]"


@pytest.mark.parametrize("flag, from_file, tty, pipes, expected", [
    (True, False, False, True, True),      # --progress forces it
    (False, True, True, False, False),     # --no-progress wins
    (None, True, True, True, True),        # a file, on a terminal
    (None, False, True, True, False),      # stdin and stdout both pipes
    (None, False, True, False, True),      # interactive stdin or stdout
    (None, True, False, False, False),     # stderr not a terminal: no bar
])
def test_progress_bar_policy(monkeypatch, flag, from_file, tty, pipes, expected):
    class Stderr:
        def isatty(self) -> bool:
            return tty

    monkeypatch.setattr(tag_module.sys, "stderr", Stderr())
    monkeypatch.setattr(tag_module, "_is_pipe", lambda stream: pipes)
    assert tag_module._want_progress(flag, from_file) is expected
