"""Speed of `processors.actors.find_actors` on ~3,000-character articles.

    .venv/bin/python bench/bench_actors.py [--rounds 300]

The articles are synthetic (written for this benchmark, one per language family:
English, Indonesian, Russian, Arabic, Chinese) with the density of actors of a
typical diplomacy story: a state, organisation or person every few sentences,
among ordinary prose. In the same run, the baseline is one `re.finditer(r"\\w+")`
tokenisation of the same text (the least any word-level finder must do). Prints
µs per article, and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import re
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from processors.actors import find_actors  # noqa: E402
from processors.textutil import fold  # noqa: E402

FILLER = {
    "en": "Officials said the schedule for the next round had not been fixed and that technical teams would keep "
          "working on the draft over the weekend, while observers warned that the text still left open questions "
          "about sequencing, monitoring and the return of displaced families to their villages. ",
    "id": "Para pejabat mengatakan jadwal putaran berikutnya belum ditetapkan dan tim teknis akan terus membahas "
          "rancangan naskah selama akhir pekan, sementara para pengamat menilai masih ada pertanyaan terbuka soal "
          "urutan langkah, pemantauan, dan kepulangan keluarga pengungsi ke desa mereka. ",
    "ru": "Чиновники сообщили, что сроки следующего раунда пока не определены, а технические группы продолжат "
          "работу над проектом документа в выходные; наблюдатели отмечают, что в тексте остаются открытые вопросы "
          "о последовательности шагов, мониторинге и возвращении перемещённых семей. ",
    "ar": "وقال مسؤولون إن موعد الجولة المقبلة لم يحدد بعد وإن الفرق الفنية ستواصل العمل على مسودة النص خلال عطلة "
          "نهاية الأسبوع، فيما حذر مراقبون من أن النص لا يزال يترك أسئلة مفتوحة بشأن تسلسل الخطوات والرقابة وعودة "
          "العائلات النازحة إلى قراها. ",
    "zh": "官员表示，下一轮谈判的时间尚未确定，技术团队将在周末继续完善文本草案；观察人士指出，文本在步骤顺序、监督机制以及"
          "流离失所家庭返乡等问题上仍有悬而未决之处。",
}
ACTORS = {
    "en": ["Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev met in Washington. ",
           "The UN Security Council welcomed the step, and the European Union offered monitors. ",
           "Qatar and Egypt kept mediating between Israel and Hamas, a Qatari official said in Doha. "],
    "id": ["Menteri Luar Negeri RI Sugiono bertemu Sekjen PBB di New York. ",
           "AS dan Uni Eropa menyambut baik kesepakatan itu, kata juru bicara Kemlu. ",
           "Presiden Prabowo Subianto menelepon Perdana Menteri Malaysia Anwar Ibrahim. "],
    "ru": ["Президент России Владимир Путин провёл телефонный разговор с Эрдоганом. ",
           "Глава МИД РФ Сергей Лавров встретился с представителями ООН в Москве. ",
           "В Вашингтоне и Киеве заявили о готовности к переговорам при посредничестве Турции. "],
    "ar": ["التقى وزير الخارجية التركي هاكان فيدان نظيره الروسي في موسكو. ",
           "ورحبت الأمم المتحدة والاتحاد الأوروبي بوقف إطلاق النار في غزة. ",
           "وقال مسؤول قطري إن حماس تدرس المقترح المصري. "],
    "zh": ["俄罗斯总统普京与土耳其总统埃尔多安通电话。", "联合国秘书长古特雷斯欢迎双方达成停火。", "中方和美方在北京举行会谈。"],
}


def article(lang: str, size: int = 3000) -> str:
    parts: list[str] = []
    i = 0
    while sum(map(len, parts)) < size:
        parts.append(FILLER[lang])
        parts.append(ACTORS[lang][i % len(ACTORS[lang])])
        i += 1
    return "".join(parts)[:size]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=300)
    args = ap.parse_args()
    word = re.compile(r"\w+")
    find_actors("warm up: Russia", "warm up: russia", "en")
    total = base_total = 0.0
    for lang in FILLER:
        text = article(lang)
        folded = fold(text)
        n = args.rounds
        us = min(timeit.repeat(lambda: find_actors(text, folded, lang), number=n, repeat=3)) / n * 1e6
        base = min(timeit.repeat(lambda: sum(1 for _ in word.finditer(text)), number=n, repeat=3)) / n * 1e6
        total += us
        base_total += base
        mentions = len(find_actors(text, folded, lang))
        print(f"lang={lang} chars={len(text)} mentions={mentions} find_actors_us={us:.1f} "
              f"baseline_us={base:.1f} ratio={us / base:.2f}")
    print(f"mean find_actors_us={total / len(FILLER):.1f} mean_baseline_us={base_total / len(FILLER):.1f} "
          f"ratio={total / base_total:.2f}")


if __name__ == "__main__":
    main()
