"""Regenerate dashboards/kibana/parley.ndjson from dashboards/kibana/src/*.yaml.

    .venv/bin/python dashboards/kibana/build.py          # write the NDJSON
    .venv/bin/python dashboards/kibana/build.py --check  # exit 1 if it is stale

Same as `parley dashboards build` / `parley dashboards build --check`. The builder
itself is streams/dashboards/ (spec.py reads the sources, kibana.py makes the
saved objects); tests/unit/test_dashboards.py fails when the committed NDJSON is not
what the sources build.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from streams.dashboards import NDJSON_PATH, build_ndjson  # noqa: E402


def main(argv: list[str]) -> int:
    text = build_ndjson()
    if "--check" in argv:
        current = NDJSON_PATH.read_text(encoding="utf-8") if NDJSON_PATH.exists() else ""
        if current != text:
            print(f"{NDJSON_PATH} is stale: run `parley dashboards build`", file=sys.stderr)
            return 1
        print(f"{NDJSON_PATH} is up to date")
        return 0
    NDJSON_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {NDJSON_PATH} ({len(text.splitlines())} saved objects)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
