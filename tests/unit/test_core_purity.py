"""processors/ is the pure core: no Kafka, Faust, Elasticsearch, HTTP or socket
imports, checked on the source (any import, at any depth) and at run time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import processors

CORE = Path(processors.__file__).parent
FORBIDDEN = {"faust", "mode", "kafka", "aiokafka", "elasticsearch", "elastic_transport", "aiohttp", "requests",
             "httpx", "urllib3", "socket", "smtplib", "http", "prometheus_client", "ssl", "asyncio"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_driver_is_imported_in_the_core_source():
    offenders = {str(p.relative_to(CORE)): sorted(_imports(p) & FORBIDDEN) for p in CORE.rglob("*.py")}
    assert not {k: v for k, v in offenders.items() if v}


def test_tagging_loads_no_driver_at_run_time():
    code = (
        "import sys\n"
        "from processors import tag_article\n"
        "tag_article({'id': 'x', 'text': 'Indonesia dan Malaysia sepakat gencatan senjata di perbatasan.'})\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(FORBIDDEN - {'socket', 'ssl', 'http', 'asyncio'})!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=CORE.parent)
    assert out.stdout.strip() == ""
