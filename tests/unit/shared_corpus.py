"""The labelled corpus and the scorers in ../shared beside the clone, for the quality tests.

A missing corpus or scorer fails the test that needs it (never a skip): CI runs beside it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS_DIR = SHARED / "corpus"
EVAL_DIR = SHARED / "eval"


def corpus(name: str) -> Path:
    """../shared/corpus/<name>, or the test fails saying where it was looked for."""
    path = CORPUS_DIR / name
    if not path.exists():
        pytest.fail(f"the labelled corpus is missing: expected {path} (shared/ beside the clone)")
    return path


def scorer(name: str) -> ModuleType:
    """../shared/eval/<name>.py loaded as a module (score, score_events), once per session."""
    key = f"parley_shared_{name}"
    if key in sys.modules:
        return sys.modules[key]
    path = EVAL_DIR / f"{name}.py"
    if not path.exists():
        pytest.fail(f"the scorer is missing: expected {path} (shared/ beside the clone)")
    spec = importlib.util.spec_from_file_location(key, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
