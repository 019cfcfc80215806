"""Write processors/data/t2s.tsv: traditional -> simplified Chinese, one character each.

Run once (needs `pip install opencc-python-reimplemented`, a dev-time tool only):

    .venv/bin/python scripts/build_t2s.py

`textutil.fold` loads the table so that 會見 and 会见 match the same lexicon
entry; both the texts and every lexicon pattern pass through fold, so a
Japanese form (協議) folds the same way in both and still matches.
"""

from __future__ import annotations

import os
from pathlib import Path

import opencc

src = Path(os.path.dirname(opencc.__file__)) / "dictionary" / "TSCharacters.txt"
out = Path(__file__).resolve().parents[1] / "processors" / "data" / "t2s.tsv"
rows = []
for line in src.read_text(encoding="utf-8").splitlines():
    if not line.strip():
        continue
    trad, simp = line.split("\t")
    first = simp.split(" ")[0]
    if len(trad) == 1 and len(first) == 1 and trad != first:
        rows.append(f"{trad}\t{first}")
out.write_text("# traditional\tsimplified (from OpenCC's TSCharacters; scripts/build_t2s.py)\n" + "\n".join(rows) + "\n", encoding="utf-8")
print(f"{len(rows)} characters -> {out}")
