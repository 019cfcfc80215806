#!/usr/bin/env python3
"""Event dates, frame by frame: for each aligned pair of hand-written and predicted frames
whose `when` the scorer counts wrong (the gold has a date; the prediction has none, another,
or a coarser one), the two dates and the evidence sentences, with a rough kind of each miss.

    scripts/when_diff.py GOLD_EVENTS.jsonl PRED.jsonl CORPUS.jsonl [--lang en,es] [--eval-dir DIR]

Kinds: `none` (no date predicted), `coarser` (the right time, told less precisely), `other`
(another date). The aligner and the date check are the scorer's own (../shared/eval beside
the clone, or --eval-dir), so the misses are the ones `when` counts. A tool for reading
failures, not a test.
"""

from __future__ import annotations

from collections import Counter

from eval_scorer import diff_parser, gold_and_predicted

FAMILIES = ("diplomatic_meeting", "peace_process", "ceasefire")


def miss_kind(gold: str, pred: str | None) -> str:
    """`none`, `coarser` (pred is a prefix of gold: "2015" for "2015-12-25") or `other`."""
    if not pred:
        return "none"
    return "coarser" if gold.startswith(pred) else "other"


def main() -> None:
    se, articles = gold_and_predicted(diff_parser(__doc__).parse_args())
    counts: Counter = Counter()
    for row, lang, events in articles:
        frames = [se.pred_frame(e) for e in events]
        out = []
        for family in FAMILIES:
            gold = [e for e in row["events"] if e["family"] == family]
            pred = [e for e in frames if e["family"] == family]
            for g, p in se.align(gold, pred):
                if se.date_ok(g.get("when"), p.get("when")) is False:
                    kind = miss_kind(g["when"], p.get("when"))
                    counts[(lang, kind)] += 1
                    out.append((kind, f"{family} {g['value']}/{p['value']} gold={g['when']} pred={p.get('when')}",
                                g.get("evidence", ""), p["evidence"]))
        if not out:
            continue
        print(f"== {lang} {row['url']}")
        for kind, what, ge, pe in out:
            print(f"  {kind:7} {what}")
            print(f"     gold: {ge[:300]}")
            if pe != ge:
                print(f"     pred: {pe[:300]}")
    for (lang, kind), n in sorted(counts.items()):
        print(f"{n:4}  {lang} {kind}")


if __name__ == "__main__":
    main()
