"""The test tiers live in folders without packages: pytest imports each file by its
basename, so two tiers may not hold files of the same name (collection would stop)."""

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_no_two_test_files_share_a_name():
    names = Counter(p.name for p in TESTS.rglob("test_*.py"))
    assert [n for n, k in names.items() if k > 1] == []
