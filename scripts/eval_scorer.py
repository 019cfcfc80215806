"""The shared scorer (../shared/eval/score_events.py beside the clone), loaded by path for the
diagnostic scripts that read failures frame by frame (event_roles_diff.py, peace_diff.py, mode_diff.py,
when_diff.py, where_diagnostic.py): their pairs are the ones the scores count."""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"


def load_scorer(eval_dir: Path = EVAL_DIR) -> ModuleType:
    """score_events.py of `eval_dir` as a module."""
    path = eval_dir / "score_events.py"
    if not path.is_file():
        raise SystemExit(f"no scorer at {path}: pass --eval-dir DIR (the directory holding score_events.py)")
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def diff_parser(doc: str) -> argparse.ArgumentParser:
    """The arguments every *_diff.py script takes (GOLD PRED CORPUS, --lang, --eval-dir); a
    script adds its own options to it."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("gold", help="hand-written event frames (e.g. ../shared/corpus/dev_events.jsonl)")
    ap.add_argument("pred", help="`parley tag` output of the corpus")
    ap.add_argument("corpus", help="the articles (for their languages)")
    ap.add_argument("--lang", help="comma-separated languages to show (all by default)")
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    return ap


def gold_and_predicted(args: argparse.Namespace) -> tuple[ModuleType, Iterator[tuple[dict, str | None, list[dict]]]]:
    """The scorer, and each gold article (of the --lang languages, if given) with its language
    and the events `parley tag` predicted for it."""
    langs = set(args.lang.split(",")) if args.lang else None
    se = load_scorer(args.eval_dir)
    lang_of = {r["url"]: r.get("lang") for r in se.read(args.corpus)}
    preds = {(r.get("url") or r.get("id")): r for r in se.read(args.pred)}

    def articles() -> Iterator[tuple[dict, str | None, list[dict]]]:
        for row in se.read(args.gold):
            lang = lang_of.get(row["url"])
            if langs is None or lang in langs:
                yield row, lang, (preds.get(row["url"]) or {}).get("events") or []

    return se, articles()
