"""`parley keys`: make API keys and the hashed lines the API accepts in place of plain keys."""

from __future__ import annotations

import secrets
import sys

import click

__all__ = ["keys"]


@click.group(help="""API keys for the subscriptions API, stored hashed.

Put the lines these commands print in the file named by PARLEY_API_KEYS_FILE (one
`owner:<hash>` per line, # comments) and restart the workers / `parley api`. An owner
may have several lines: that is how a key is rotated (see the README, "Rotating API keys").
""")
def keys() -> None:
    pass


def _line(owner: str | None, stored: str) -> str:
    return f"{owner}:{stored}" if owner else stored


@keys.command("hash", help="""Print the hashed form of a key (read from stdin, or prompted for).

The key is never taken from the command line, so it stays out of shell history and
process lists: `printf %s "$KEY" | parley keys hash --owner alice >> keys.txt`.
""")
@click.option("--owner", help="Print `owner:<hash>`, a line for PARLEY_API_KEYS_FILE.")
@click.option("--scheme", type=click.Choice(["scrypt", "pbkdf2_sha256"]), default="scrypt", show_default=True)
def hash_cmd(owner: str | None, scheme: str) -> None:
    from ..alerting.keys import hash_key

    if owner is not None and (":" in owner or "," in owner or not owner.strip()):
        raise click.BadParameter("an owner has no ':' or ','", param_hint="--owner")
    if sys.stdin.isatty():
        key = click.prompt("API key", hide_input=True, confirmation_prompt=True)
    else:
        key = sys.stdin.read().rstrip("\r\n")
    if not key or "," in key or any(c.isspace() for c in key):
        raise click.ClickException("a key must be non-empty, without spaces or commas")
    click.echo(_line(owner, hash_key(key, scheme=scheme)))


@keys.command("new", help="""Make a random key: the key (give it to its owner) on stderr, the line to store on stdout.

    parley keys new --owner alice >> /etc/parley/api-keys    # the key is shown once, on the terminal
""")
@click.option("--owner", required=True, help="Who the key belongs to.")
@click.option("--scheme", type=click.Choice(["scrypt", "pbkdf2_sha256"]), default="scrypt", show_default=True)
def new_cmd(owner: str, scheme: str) -> None:
    from ..alerting.keys import hash_key

    if ":" in owner or "," in owner or not owner.strip():
        raise click.BadParameter("an owner has no ':' or ','", param_hint="--owner")
    key = secrets.token_urlsafe(32)
    click.echo(f"API key for {owner} (shown once): {key}", err=True)
    click.echo(_line(owner, hash_key(key, scheme=scheme)))
