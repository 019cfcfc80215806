"""The shared scorer (../shared/eval/score_events.py beside the clone), loaded by path for the
diagnostic scripts that read failures frame by frame (event_roles_diff.py, peace_diff.py, mode_diff.py,
where_diagnostic.py): their pairs are the ones the scores count."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"


def load_scorer(eval_dir: Path = EVAL_DIR) -> ModuleType:
    """score_events.py of `eval_dir` as a module."""
    path = eval_dir / "score_events.py"
    if not path.is_file():
        raise SystemExit(f"no scorer at {path}: pass --eval-dir DIR (the directory holding score_events.py)")
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
