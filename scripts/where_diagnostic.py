#!/usr/bin/env python3
"""Where the events are, frame by frame: gold against `parley tag` output.

    .venv/bin/python scripts/where_diagnostic.py GOLD_EVENTS.jsonl PRED.jsonl CORPUS.jsonl [--all]

For every predicted frame that ../shared/eval/score_events.py aligns with a gold frame
that has a place, prints the gold place, the predicted one and the sentences of both
(only the wrong ones unless --all), then counts the failures by family and kind:
`none` (no place found), `side` (a place in a state that is one of the gold frame's
parties: an actor's capital or region, a truce's other side) and `other` (a third
state: a dateline, a mediator's venue, a place from another clause). Reading the
listing tells the finer causes (a gazetteer miss in a script, a case ending, ...).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from eval_scorer import EVAL_DIR, load_scorer



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("corpus", help="the articles (for their language)")
    ap.add_argument("--all", action="store_true", help="print the right places too")
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="the directory holding score_events.py")
    args = ap.parse_args()
    se = load_scorer(args.eval_dir)
    pred = {(r.get("url") or r.get("id")): r for r in se.read(args.pred)}
    langs = {r["url"]: r.get("lang", "?") for r in se.read(args.corpus)}
    right = total = 0
    kinds: Counter[tuple[str, str]] = Counter()
    for row in se.read(args.gold):
        events = (pred.get(row["url"]) or {}).get("events") or []
        frames = [se.pred_frame(e) for e in events]
        for family in se.FAMILIES:
            gold = [g for g in row["events"] if g["family"] == family]
            mine = [(e, f) for e, f in zip(events, frames) if f["family"] == family]
            for g, f in se.align(gold, [f for _, f in mine]):
                gw = g.get("where") or {}
                if not gw.get("country"):
                    continue
                total += 1
                pw = f.get("where") or {}
                ok = gw["country"] == pw.get("country")
                right += ok
                if not ok:
                    kind = "none" if not pw else "side" if pw.get("country") in g["parties"] else "other"
                    kinds[(family, kind)] += 1
                if ok and not args.all:
                    continue
                event = next(e for e, fr in mine if fr is f)
                print(f"{'OK ' if ok else 'BAD'} [{langs.get(row['url'], '?')}] {family} {row['url'][:90]}")
                print(f"   gold: {gw.get('name')} {gw.get('country')}   pred: {pw.get('name')} {pw.get('country')}")
                print(f"   gold evidence: {g.get('evidence', '')[:240]}")
                for m in (event.get("mentions") or [])[:4]:
                    print(f"   pred mention:  {m['sentence'][:240]}")
                print()
    print(f"where {right}/{total} = {right / max(total, 1):.3f}")
    for (family, kind), n in sorted(kinds.items()):
        print(f"  {family:20} {kind:6} {n}")


if __name__ == "__main__":
    main()
