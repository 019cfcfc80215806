"""What a fresh install gets: the declared dependencies, the lock files, and HTML that reads.

CI (`.ci/run` -> `make test`) installs from requirements-dev.lock into a new venv, so
`test_tag_reads_html_in_a_fresh_process` is the "fresh install tags an HTML article" check.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
DEV_LOCK = ROOT / "requirements-dev.lock"
RUNTIME_LOCK = ROOT / "requirements.lock"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def _pins(lock: Path) -> dict[str, set[str]]:
    """{name: {versions}}; a universal lock may pin a name twice under exclusive markers."""
    pins: dict[str, set[str]] = {}
    for line in lock.read_text().splitlines():
        m = _PIN.match(line)
        if m:
            pins.setdefault(canonicalize_name(m.group(1)), set()).add(m.group(2))
    return pins


def _declared(extra: str | None = None) -> list[Requirement]:
    raw = PYPROJECT["dependencies"] if extra is None else PYPROJECT["optional-dependencies"][extra]
    return [Requirement(r) for r in raw]


def test_the_html_cleaner_is_declared() -> None:
    # jusText (under trafilatura) imports lxml.html.clean, which lxml >= 5.2 no longer carries
    reqs = {canonicalize_name(r.name): r for r in _declared()}
    assert "lxml-html-clean" in reqs or "html_clean" in reqs.get("lxml", Requirement("x")).extras


def test_the_dev_lock_satisfies_pyproject() -> None:
    pins = _pins(DEV_LOCK)
    for req in _declared() + _declared("dev"):
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not in {DEV_LOCK.name}: run `make lock`"
        assert any(req.specifier.contains(v, prereleases=True) for v in pins[name]), (
            f"{DEV_LOCK.name} pins {name}=={pins[name]}, outside {req}: run `make lock`")
    assert "lxml-html-clean" in pins


def test_the_runtime_lock_is_the_dev_lock_without_dev_extras() -> None:
    dev, runtime = _pins(DEV_LOCK), _pins(RUNTIME_LOCK)
    for name, versions in runtime.items():
        assert versions <= dev.get(name, set()), f"{name}: {RUNTIME_LOCK.name} and {DEV_LOCK.name} disagree"
    for req in _declared():
        assert canonicalize_name(req.name) in runtime, f"{req.name} missing from {RUNTIME_LOCK.name}"
    assert "pytest" not in runtime and "lxml-html-clean" in runtime


def test_every_lock_line_is_hashed() -> None:
    for lock in (DEV_LOCK, RUNTIME_LOCK):
        text = lock.read_text()
        assert len(re.findall(r"^\S+==", text, re.M)) == len(re.findall(r"^\S+==.*\n\s+--hash=sha256:", text, re.M))


def test_install_paths_use_the_locks() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^LOCK\s*:=\s*requirements-dev\.lock", makefile, re.M)
    assert "--require-hashes -r $(LOCK)" in makefile and "--no-deps -e ." in makefile
    stamp = next(line for line in makefile.splitlines() if line.startswith("STAMP"))
    assert "$(LOCK)" in stamp, "the venv stamp must change when the lock does"
    assert "--require-hashes -r requirements.lock" in (ROOT / "Dockerfile").read_text()
    assert "make lock" in (ROOT / "README.md").read_text()


def test_tag_reads_html_in_a_fresh_process() -> None:
    """`parley tag` on an `html` article, in a new interpreter: it failed with ImportError
    (lxml.html.clean) wherever the resolver picked lxml >= 5.2 without lxml_html_clean."""
    article = {"id": "h1", "html": "<html><head><title>Talks</title></head><body><article>"
                                   "<p>Envoys met in Geneva on Monday to resume the talks.</p>"
                                   "</article></body></html>"}
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "streams.cli", "tag", "--include-text"],
                          input=json.dumps(article).encode(), capture_output=True, cwd=ROOT, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    row = json.loads(proc.stdout)
    assert "error" not in row, row
    assert row["id"] == "h1" and row["lang"] == "en"
    assert "Envoys met in Geneva" in row["text"] and "<p>" not in row["text"]
