"""Speed of the place, date and figure finders on ~3 KB articles, and the gazetteer's size.

    .venv/bin/python bench/bench_extractors.py [--rounds 100] [--dateparser] [--corpus FILE.jsonl]

The articles are synthetic (written for this benchmark, in English, Indonesian,
Russian, Arabic, Persian, Chinese and Japanese), each padded with ordinary prose
to 3,000 bytes of UTF-8, with a few places, dates and figures per paragraph. In
the same run, the baseline is one `re.finditer(r"\\w+")` tokenisation of the same
text (the least any word-level finder must do). Prints µs per article and the
ratio to the baseline; then the gazetteer's build time, pattern count and the
resident memory it adds. `--dateparser` also times `dateparser.search.search_dates`
on the same articles (a few rounds: it is slow), to show why it is not on the hot path.
`--corpus` also times the finders over real articles (JSON Lines with `text` and
`lang`, e.g. ../shared/corpus/dev.jsonl), as µs per 3 KB of UTF-8.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
import timeit
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from processors.textutil import fold  # noqa: E402

PUBLISHED = date(2024, 3, 14)
PARAGRAPHS = {
    "en": "Envoys met in Geneva last Tuesday, and again on May 22, 2023, after the 2020 war; at least 6,500 people "
          "were killed and 2,000 peacekeepers were sent to Nagorno-Karabakh. Officials said the schedule for the "
          "next round had not been fixed and that teams would keep working over the weekend. ",
    "id": "Menlu kedua negara bertemu Senin (27/6/2022) di Jenewa, setelah perundingan 22 Mei lalu di Jakarta; "
          "sebanyak 2.000 pasukan penjaga perdamaian Rusia tiba dan 11 orang tewas. Para pejabat mengatakan jadwal "
          "putaran berikutnya belum ditetapkan dan tim teknis akan terus membahas rancangan naskah. ",
    "ru": "Переговоры в Женеве прошли во вторник, 22 мая 2023 года; в Минске погибли 6500 человек, в регион вошли "
          "2 тыс. миротворцев. Чиновники сообщили, что сроки следующего раунда пока не определены, а технические "
          "группы продолжат работу над проектом документа. ",
    "ar": "اجتمع الوفدان في جنيف يوم الاثنين الماضي وفي الدوحة في 15 مايو 2023، وأسفر القصف عن مقتل ١٥ شخصا وإصابة ٢٠ "
          "آخرين. وقال مسؤولون إن موعد الجولة المقبلة لم يحدد بعد وإن الفرق الفنية ستواصل العمل على مسودة النص. ",
    "fa": "دو هیئت روز دوشنبه در ژنو دیدار کردند و در ۲۲ مه ۲۰۲۳ توافقی امضا شد؛ ۲ هزار سرباز اعزام و ۱۵ کشته گزارش "
          "شد. مقامات گفتند زمان دور بعدی هنوز مشخص نشده است و گروه‌های فنی کار روی پیش‌نویس را ادامه می‌دهند. ",
    "zh": "双方代表团周一在日内瓦举行会谈，2023年5月22日在北京签署协议；2000名维和人员抵达，冲突造成至少30人死亡。"
          "官员表示，下一轮谈判的时间尚未确定，技术团队将在周末继续完善文本草案。",
    "ja": "両国の代表は月曜日にジュネーブで会談し、2023年5月22日に東京で合意に署名した。2000人の平和維持部隊が到着し、"
          "死者は30人に上った。次回の日程はまだ決まっていない。",
}


def article(lang: str, size: int = 3000) -> str:
    out = ""
    while len((out + PARAGRAPHS[lang]).encode()) <= size:
        out += PARAGRAPHS[lang]
    return out


def per_call_us(fn, rounds: int) -> float:
    """Best of five runs, in CPU time of this process (the machine is shared: wall time
    would count other workers' turns)."""
    return min(timeit.repeat(fn, number=rounds, repeat=5, timer=time.process_time)) / rounds * 1e6


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=100, help="calls per timing (default 100)")
    ap.add_argument("--dateparser", action="store_true", help="also time dateparser.search.search_dates")
    ap.add_argument("--corpus", type=Path, help="also time the finders over the articles of this JSON Lines file")
    args = ap.parse_args()

    before = rss_mb()
    t0 = time.perf_counter()
    from processors.places import find_places, gazetteer

    gaz = gazetteer()
    build_s = time.perf_counter() - t0
    after = rss_mb()
    from processors.dates import find_dates
    from processors.figures import find_figures

    word = re.compile(r"\w+")
    print(f"{'lang':<5}{'bytes':>7}{'baseline':>10}{'places':>9}{'dates':>9}{'figures':>9}   ratio p/d/f")
    totals = [0.0, 0.0, 0.0, 0.0]
    for lang in PARAGRAPHS:
        text = article(lang)
        folded = fold(text)
        assert find_places(text, folded, lang) and find_dates(text, folded, lang, PUBLISHED) and find_figures(text, folded, lang)
        base = per_call_us(lambda: sum(1 for _ in word.finditer(folded)), args.rounds)
        p = per_call_us(lambda: find_places(text, folded, lang), args.rounds)
        d = per_call_us(lambda: find_dates(text, folded, lang, PUBLISHED), args.rounds)
        f = per_call_us(lambda: find_figures(text, folded, lang), args.rounds)
        for i, v in enumerate((base, p, d, f)):
            totals[i] += v
        print(f"{lang:<5}{len(text.encode()):>7}{base:>10.1f}{p:>9.1f}{d:>9.1f}{f:>9.1f}   "
              f"{p / base:.1f}/{d / base:.1f}/{f / base:.1f}")
    n = len(PARAGRAPHS)
    print(f"{'mean':<5}{'':>7}{totals[0] / n:>10.1f}{totals[1] / n:>9.1f}{totals[2] / n:>9.1f}{totals[3] / n:>9.1f}   "
          f"{totals[1] / totals[0]:.1f}/{totals[2] / totals[0]:.1f}/{totals[3] / totals[0]:.1f}   (µs per 3 KB article)")
    print(f"gazetteer: {len(gaz.places)} places, {len(gaz)} patterns, built in {build_s:.2f} s, "
          f"max RSS {before:.0f} -> {after:.0f} MB (+{after - before:.0f} MB)")

    if args.corpus:
        import json

        rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
        arts = [(r["text"], fold(r["text"]), r.get("lang") or "en") for r in rows]
        size = sum(len(t.encode()) for t, _, _ in arts)
        finders = {
            "baseline": lambda: [sum(1 for _ in word.finditer(f)) for _, f, _ in arts],
            "places": lambda: [find_places(t, f, lang) for t, f, lang in arts],
            "dates": lambda: [find_dates(t, f, lang, PUBLISHED) for t, f, lang in arts],
            "figures": lambda: [find_figures(t, f, lang) for t, f, lang in arts],
        }
        cells = [f"{name} {per_call_us(fn, 3) / size * 3000:.0f}" for name, fn in finders.items()]
        print(f"corpus {args.corpus.name}: {len(arts)} articles, µs per 3 KB: " + ", ".join(cells))

    if args.dateparser:
        from dateparser.search import search_dates

        for lang in ("en", "id", "ru"):
            text = article(lang)
            search_dates(text, languages=[lang])
            us = per_call_us(lambda: search_dates(text, languages=[lang]), 2)
            print(f"dateparser.search_dates {lang}: {us / 1000:.1f} ms per 3 KB article")


if __name__ == "__main__":
    main()
