#!/usr/bin/env python3
"""Peace-process frames, article by article: for each hand-written and predicted frame of one
family (peace_process unless --family), the aligned pairs whose stage differs, and the frames
missed or extra, with their evidence sentences.

    scripts/peace_diff.py GOLD_EVENTS.jsonl PRED.jsonl CORPUS.jsonl [--family F] [--kind wrong|missed|extra]

The aligner is the scorer's own (../shared/eval/score_events.py beside the clone, or --eval-dir),
so the pairs are the ones the scores count. A tool for reading failures, not a test.
"""

from __future__ import annotations

from collections import Counter

from eval_scorer import diff_parser, gold_and_predicted


def main() -> None:
    ap = diff_parser(__doc__)
    ap.add_argument("--family", default="peace_process")
    ap.add_argument("--kind", choices=("wrong", "missed", "extra"))
    args = ap.parse_args()
    se, articles = gold_and_predicted(args)
    counts: Counter = Counter()
    for row, lang, events in articles:
        frames = [se.pred_frame(e) for e in events]
        gold = [e for e in row["events"] if e["family"] == args.family]
        pred = [e for e in frames if e["family"] == args.family]
        pairs = se.align(gold, pred)
        out = []
        for g, p in pairs:
            if g["value"] != p["value"]:
                counts[f"wrong {g['value']} -> {p['value']}"] += 1
                out.append(("wrong", f"gold={g['value']} pred={p['value']} when g={g.get('when')} p={p.get('when')}",
                            g.get("evidence", ""), p["evidence"]))
        used_g = {id(g) for g, _ in pairs}
        used_p = {id(p) for _, p in pairs}
        for g in gold:
            if id(g) not in used_g:
                counts[f"missed {g['value']}"] += 1
                out.append(("missed", f"{g['value']} {g['parties']} {g.get('when')}", g.get("evidence", ""), ""))
        for p in pred:
            if id(p) not in used_p:
                counts[f"extra {p['value']}"] += 1
                out.append(("extra", f"{p['value']} {p['parties']} {p.get('when')}", "", p["evidence"]))
        out = [o for o in out if args.kind in (None, o[0])]
        if not out:
            continue
        print(f"== {lang} {row['url']}  gold={len(gold)} pred={len(pred)}")
        for kind, what, ge, pe in out:
            print(f"  {kind:6} {what}")
            if ge:
                print(f"     gold: {ge[:300]}")
            if pe:
                print(f"     pred: {pe[:300]}")
    for key, n in sorted(counts.items()):
        print(f"{n:4}  {key}")


if __name__ == "__main__":
    main()
