"""API keys: who a presented ``X-API-Key`` belongs to, with keys stored hashed.

An entry is ``owner:key`` (plain text, as before) or ``owner:<hash>`` where the hash
is one line that ``parley keys hash`` prints, made with the standard library only:

- ``scrypt$<n>$<r>$<p>$<salt>$<hash>``: `hashlib.scrypt` (the default, n=2**14, r=8, p=1);
- ``pbkdf2_sha256$<iterations>$<salt>$<hash>``: `hashlib.pbkdf2_hmac`.

Salt and hash are URL-safe base64 without padding. Entries come from
``PARLEY_API_KEYS`` (commas or new lines) and ``PARLEY_API_KEYS_FILE`` (one per line,
``#`` comments); an owner may have several keys, which is how keys are rotated (see
the README). Every comparison is constant-time (`hmac.compare_digest`) and every
entry is compared, so timing says nothing about which key nearly matched.

A hash costs ~50 ms on purpose, so a verified key is remembered (by its SHA-256, in
memory) and hashing runs in a thread, at most two at a time: the API's event loop
never waits on it and a flood of wrong keys costs at most two cores of hashing.

>>> ring = KeyRing.parse("alice:k1," + "bob:" + hash_key("k2", scheme="pbkdf2_sha256", iterations=1000))
>>> ring.verify("k1"), ring.verify("k2"), ring.verify("k3")
('alice', 'bob', None)
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import os
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["KeyRing", "KeyEntry", "hash_key", "SCHEMES"]

SCHEMES = ("scrypt", "pbkdf2_sha256")
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
PBKDF2_ITERATIONS = 600_000  # OWASP 2023 figure for PBKDF2-HMAC-SHA256
_CACHE_SIZE = 4096


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_key(key: str, *, scheme: str = "scrypt", salt: bytes | None = None, iterations: int = PBKDF2_ITERATIONS) -> str:
    """The stored form of `key` (what goes after ``owner:``), salted with 16 random bytes."""
    salt = salt if salt is not None else os.urandom(16)
    if scheme == "scrypt":
        digest = hashlib.scrypt(key.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
        return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"
    if scheme == "pbkdf2_sha256":
        digest = hashlib.pbkdf2_hmac("sha256", key.encode("utf-8"), salt, iterations, dklen=32)
        return f"pbkdf2_sha256${iterations}${_b64(salt)}${_b64(digest)}"
    raise ValueError(f"unknown key hash scheme {scheme!r}; use one of {', '.join(SCHEMES)}")


@dataclass(frozen=True)
class KeyEntry:
    """One accepted key of `owner`: `scheme` "plain" (digest = SHA-256 of the key) or a hash scheme."""

    owner: str
    scheme: str
    digest: bytes
    salt: bytes = b""
    params: tuple[int, ...] = ()

    @classmethod
    def parse(cls, owner: str, stored: str) -> KeyEntry:
        scheme = stored.split("$", 1)[0]
        if "$" not in stored or scheme not in SCHEMES:  # a plain key (it may contain "$")
            return cls(owner, "plain", hashlib.sha256(stored.encode("utf-8")).digest())
        parts = stored.split("$")
        try:
            if scheme == "scrypt" and len(parts) == 6:
                n, r, p = (int(x) for x in parts[1:4])
                if n < 2 or n & (n - 1) or r < 1 or p < 1 or n * r > 2 ** 20:
                    raise ValueError("scrypt parameters out of range")
                return cls(owner, scheme, _unb64(parts[5]), _unb64(parts[4]), (n, r, p))
            if scheme == "pbkdf2_sha256" and len(parts) == 4:
                iterations = int(parts[1])
                if not 1 <= iterations <= 10_000_000:
                    raise ValueError("iterations out of range")
                return cls(owner, scheme, _unb64(parts[3]), _unb64(parts[2]), (iterations,))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"API key hash of {owner!r} is malformed: {exc}") from None
        raise ValueError(f"API key hash of {owner!r} is not scrypt$n$r$p$salt$hash or "
                         "pbkdf2_sha256$iterations$salt$hash (make one with `parley keys hash`)")

    def digest_of(self, key: bytes) -> bytes:
        if self.scheme == "plain":
            return hashlib.sha256(key).digest()
        if self.scheme == "scrypt":
            n, r, p = self.params
            return hashlib.scrypt(key, salt=self.salt, n=n, r=r, p=p, maxmem=128 * r * n * 2 + 1024 * 1024,
                                  dklen=len(self.digest))
        return hashlib.pbkdf2_hmac("sha256", key, self.salt, self.params[0], dklen=len(self.digest))


class KeyRing:
    """The accepted keys: ``owner(presented)`` -> the owner or None."""

    def __init__(self, entries: Iterable[KeyEntry] = ()) -> None:
        self.entries = tuple(entries)
        self._owners: dict[bytes, str] = {}  # at most one per entry: only a right key lands here
        self._wrong: OrderedDict[bytes, None] = OrderedDict()
        self._hashing: asyncio.Semaphore | None = None

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        """``"owner1:key1,owner2:scrypt$...` (commas or new lines, ``#`` comments)."""
        entries = []
        for item in spec.replace("\n", ",").split(","):
            item = item.strip()
            if not item or item.startswith("#"):
                continue
            owner, sep, stored = item.partition(":")
            if not sep or not owner.strip() or not stored.strip():
                raise ValueError(f"API key entry {item[:12]!r}... is not owner:key or owner:<hash>")
            entries.append(KeyEntry.parse(owner.strip(), stored.strip()))
        return cls(entries)

    @classmethod
    def from_mapping(cls, keys: Mapping[str, str]) -> KeyRing:
        """From ``{plain key: owner}`` (the shape `parse_api_keys` returns)."""
        return cls(KeyEntry.parse(owner, key) for key, owner in keys.items())

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def plain_owners(self) -> list[str]:
        """Owners with a key stored in plain text (worth a warning)."""
        return sorted({e.owner for e in self.entries if e.scheme == "plain"})

    def verify(self, presented: str) -> str | None:
        """The owner of `presented`, comparing with every entry in constant time (slow: hashes)."""
        if not presented:
            return None
        key = presented.encode("utf-8", "surrogateescape")
        found = None
        for entry in self.entries:
            if hmac.compare_digest(entry.digest_of(key), entry.digest) and found is None:
                found = entry.owner
        return found

    async def owner(self, presented: str) -> str | None:
        """`verify`, remembered by the key's SHA-256 and hashed in a thread."""
        if not presented or not self.entries:
            return None
        tag = hashlib.sha256(presented.encode("utf-8", "surrogateescape")).digest()
        if tag in self._owners:
            return self._owners[tag]
        if tag in self._wrong:
            return None
        if all(e.scheme == "plain" for e in self.entries):
            found = self.verify(presented)
        else:
            if self._hashing is None:
                self._hashing = asyncio.Semaphore(2)
            async with self._hashing:
                found = await asyncio.to_thread(self.verify, presented)
        if found is not None:
            self._owners[tag] = found
        else:
            self._wrong[tag] = None
            while len(self._wrong) > _CACHE_SIZE:
                self._wrong.popitem(last=False)
        return found
