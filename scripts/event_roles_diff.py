#!/usr/bin/env python3
"""Who takes part and who mediates, frame by frame: for each predicted frame that
score_events.py aligns with a hand-written one, the gold and predicted parties and
mediators (what is missed, what is extra) and both evidence sentences.

    scripts/event_roles_diff.py GOLD_EVENTS.jsonl PRED.jsonl CORPUS.jsonl [--only mediators|parties]

PRED is `parley tag` output; CORPUS gives each article's language. The aligner is the
scorer's own (../shared/eval/score_events.py beside the clone, or --eval-dir), so the
pairs are the ones the scores count. A tool for reading failures, not a test.
"""

from __future__ import annotations


from eval_scorer import diff_parser, gold_and_predicted


def main() -> None:
    ap = diff_parser(__doc__)
    ap.add_argument("--only", choices=("mediators", "parties"))
    args = ap.parse_args()
    se, articles = gold_and_predicted(args)
    for row, lang, events in articles:
        frames = [se.pred_frame(e) for e in events]
        for fam in se.FAMILIES:
            gold = [e for e in row["events"] if e["family"] == fam]
            for g, p in se.align(gold, [e for e in frames if e["family"] == fam]):
                roles = {"mediators": (set(g.get("mediators") or []), set(p["mediators"])),
                         "parties": (set(g["parties"]), set(p["parties"]))}
                if all(a == b for name, (a, b) in roles.items() if args.only in (None, name)):
                    continue
                print(f"== {lang} {row['url']} {fam}")
                for name, (a, b) in roles.items():
                    print(f"   {name:9} gold={sorted(a)} pred={sorted(b)} missed={sorted(a - b)} extra={sorted(b - a)}")
                print(f"   gold: {g.get('evidence', '')[:300]}")
                print(f"   pred: {p['evidence'][:300]}")


if __name__ == "__main__":
    main()
