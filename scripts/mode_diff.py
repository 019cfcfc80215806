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

from collections import Counter

from eval_scorer import diff_parser, gold_and_predicted


def main() -> None:
    se, articles = gold_and_predicted(diff_parser(__doc__).parse_args())
    counts: Counter = Counter()
    for row, lang, events in articles:
        events = [e for e in events if e.get("family") == "diplomatic_meeting"]
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
