#!/usr/bin/env python3
"""Meeting modes, frame by frame: for each aligned pair of hand-written and predicted meeting
frames whose `mode` differs, both modes, parties, mediators and venue countries, the trigger
words of the predicted frame's mentions and the evidence sentences; then the count of each
(gold, predicted) pair of modes per language.

    scripts/mode_diff.py GOLD_EVENTS.jsonl PRED.jsonl CORPUS.jsonl [--lang en,es] [--eval-dir DIR]

The aligner is the scorer's own (../shared/eval beside the clone, or --eval-dir), so the
misses are the ones `mode` counts. A tool for reading failures, not a test.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from eval_scorer import EVAL_DIR, load_scorer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("corpus")
    ap.add_argument("--lang", help="comma-separated languages to show (all by default)")
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    args = ap.parse_args()
    se = load_scorer(args.eval_dir)
    only = set(args.lang.split(",")) if args.lang else None
    langs = {r["url"]: r.get("lang") for r in se.read(args.corpus)}
    preds = {(r.get("url") or r.get("id")): r for r in se.read(args.pred)}
    counts: Counter = Counter()
    for row in se.read(args.gold):
        lang = langs.get(row["url"])
        if only and lang not in only:
            continue
        events = [e for e in (preds.get(row["url"]) or {}).get("events") or []
                  if e.get("family") == "diplomatic_meeting"]
        frames = [se.pred_frame(e) for e in events]
        triggers = {id(f): " / ".join(m.get("text", "") for m in e.get("mentions") or [])
                    for f, e in zip(frames, events)}
        gold = [e for e in row["events"] if e["family"] == "diplomatic_meeting"]
        out = []
        for g, p in se.align(gold, frames):
            if g.get("mode") == p.get("mode"):
                continue
            counts[(lang, g.get("mode"), p.get("mode"))] += 1
            out.append((g, p))
        if not out:
            continue
        print(f"== {lang} {row['url']}")
        for g, p in out:
            where = [(f.get("where") or {}).get("country") for f in (g, p)]
            print(f"  gold={g.get('mode')} pred={p.get('mode')}  parties {g['parties']} / {p['parties']}  "
                  f"mediators {g.get('mediators') or []} / {p['mediators']}  where {where[0]} / {where[1]}")
            print(f"     triggers: {triggers[id(p)][:200]}")
            print(f"     gold: {g.get('evidence', '')[:300]}")
            if p["evidence"] != g.get("evidence"):
                print(f"     pred: {p['evidence'][:300]}")
    for (lang, gold_mode, pred_mode), n in sorted(counts.items(), key=str):
        print(f"{n:4}  {lang} gold {gold_mode} -> {pred_mode}")


if __name__ == "__main__":
    main()
