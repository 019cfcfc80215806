"""API keys stored hashed (issue 9, item 7): the stdlib schemes, rotation with two keys per
owner, the keys file, the API's auth with a `KeyRing`, and `parley keys`."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner

from streams.alerting.api import make_api
from streams.alerting.config import AlertSettings
from streams.alerting.keys import KeyEntry, KeyRing, hash_key
from streams.cli import main
from streams.notify.sse import SseHub

from test_alert_api import MemoryRegistry

FAST = {"scheme": "pbkdf2_sha256", "iterations": 1000}


def test_hashes_are_salted_and_verify_in_both_schemes():
    s1, s2 = hash_key("k-1"), hash_key("k-1")
    assert s1 != s2 and s1.startswith("scrypt$16384$8$1$") and "k-1" not in s1
    p = hash_key("k-1", **FAST)
    assert p.startswith("pbkdf2_sha256$1000$")
    ring = KeyRing.parse(f"alice:{s1}\nbob:{p}")
    assert ring.verify("k-1") == "alice"  # both match: the first entry's owner, after comparing every entry
    assert KeyRing.parse(f"bob:{p}").verify("k-1") == "bob"
    assert ring.verify("k-2") is None and ring.verify("") is None and ring.plain_owners == []


def test_rotation_two_keys_for_one_owner_then_the_old_one_removed():
    old, new = hash_key("old-key", **FAST), hash_key("new-key", **FAST)
    during = KeyRing.parse(f"alice:{old}\nalice:{new}\nbob:plain-bob")
    assert during.verify("old-key") == during.verify("new-key") == "alice" and during.verify("plain-bob") == "bob"
    after = KeyRing.parse(f"alice:{new}\nbob:plain-bob")
    assert after.verify("old-key") is None and after.verify("new-key") == "alice"
    assert during.plain_owners == ["bob"]


def test_keys_file_and_env_together(tmp_path):
    path = tmp_path / "keys"
    path.write_text(f"# desk keys\nalice:{hash_key('file-key', **FAST)}\n\n", "utf-8")
    s = AlertSettings.from_env({"PARLEY_API_KEYS": "bob:env-key", "PARLEY_API_KEYS_FILE": str(path)})
    assert s.api_keys.verify("file-key") == "alice" and s.api_keys.verify("env-key") == "bob" and len(s.api_keys) == 2


@pytest.mark.parametrize("bad", ["alice:scrypt$16384$8$1$onlysalt", "alice:scrypt$3$8$1$c2FsdA$aGFzaA",
                                 "alice:pbkdf2_sha256$many$c2FsdA$aGFzaA", "nokey", ":k", "alice:"])
def test_malformed_entries_are_refused_at_start(bad):
    with pytest.raises(ValueError):
        KeyRing.parse(bad)


def test_a_plain_key_may_contain_a_dollar():
    assert KeyEntry.parse("o", "pa$$word").scheme == "plain"
    assert KeyRing.parse("o:pa$$word").verify("pa$$word") == "o"


def test_owner_lookup_is_cached_and_runs_off_the_loop(monkeypatch):
    ring = KeyRing.parse(f"alice:{hash_key('k', **FAST)}")
    calls = []
    real = KeyRing.verify

    def counting(self, presented):
        calls.append(presented)
        return real(self, presented)

    monkeypatch.setattr(KeyRing, "verify", counting)

    async def scenario():
        return [await ring.owner(k) for k in ("k", "k", "wrong", "wrong", "", "k")]

    assert asyncio.run(scenario()) == ["alice", "alice", None, None, None, "alice"]
    assert calls == ["k", "wrong"]


def test_api_accepts_hashed_keys_and_refuses_others():
    ring = KeyRing.parse(f"alice:{hash_key('ka-new', **FAST)},alice:ka-old,bob:{hash_key('kb')}")

    async def main_():
        app = make_api(MemoryRegistry(), ring, SseHub())
        async with TestClient(TestServer(app)) as c:
            ok = await c.post("/subscriptions", headers={"X-API-Key": "ka-new"}, json={"name": "n", "query": "talks"})
            assert ok.status == 201 and (await ok.json())["owner"] == "alice"
            listed = await (await c.get("/subscriptions", headers={"X-API-Key": "ka-old"})).json()
            assert len(listed["subscriptions"]) == 1
            bob = await (await c.get("/subscriptions", headers={"X-API-Key": "kb"})).json()
            assert bob == {"subscriptions": []}
            for wrong in ("", "ka-ne", "scrypt", "kb2", "KB"):
                assert (await c.get("/subscriptions", headers={"X-API-Key": wrong})).status == 401

    asyncio.run(main_())


def test_cli_keys_hash_and_new():
    runner = CliRunner()
    out = runner.invoke(main, ["keys", "hash", "--owner", "alice", "--scheme", "pbkdf2_sha256"], input="s3cret\n")
    assert out.exit_code == 0, out.output
    line = out.stdout.strip()
    assert line.startswith("alice:pbkdf2_sha256$") and "s3cret" not in line
    assert KeyRing.parse(line).verify("s3cret") == "alice"
    bare = runner.invoke(main, ["keys", "hash"], input="other")
    assert bare.exit_code == 0 and bare.stdout.startswith("scrypt$")
    assert runner.invoke(main, ["keys", "hash"], input="has space").exit_code != 0
    assert runner.invoke(main, ["keys", "hash", "--owner", "a:b"], input="k").exit_code != 0
    made = runner.invoke(main, ["keys", "new", "--owner", "bob"])
    assert made.exit_code == 0
    key = made.stderr.rsplit(": ", 1)[1].strip()
    assert len(key) >= 40 and KeyRing.parse(made.stdout.strip()).verify(key) == "bob"
