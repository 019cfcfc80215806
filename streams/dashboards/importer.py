"""Import saved objects into Kibana through its saved-objects API.

    POST {kibana}/api/saved_objects/_import?overwrite=true
    kbn-xsrf: parley
    Content-Type: multipart/form-data; boundary=...   (one part named "file")

(Kibana docs, "Import objects API": multipart `file`, `overwrite` query parameter,
`kbn-xsrf` header; the answer is 200 with `success`, `successCount` and, when some
objects failed, `errors: [{id, type, meta: {title}, error: {type, ...}}]`; a bad
request is 4xx with `{statusCode, error, message}`.)

With overwrite=true the same file imported twice gives the same objects, so the
docker-compose setup job can run it on every start. Only the standard library is
used: one POST does not need an HTTP client dependency.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from processors.errors import ParleyError

__all__ = [
    "KibanaError",
    "KibanaUnreachable",
    "KibanaRefused",
    "ImportResult",
    "import_saved_objects",
    "multipart_file",
    "public_url",
]

START_HINT = "is it running? docker compose up kibana"


class KibanaError(ParleyError):
    """Kibana did not take the dashboards."""

    reason = "kibana"


class KibanaUnreachable(KibanaError):
    """No HTTP answer from Kibana (refused, timed out, unknown host) or "not ready yet"."""

    reason = "kibana_unreachable"

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"cannot reach Kibana at {url}: {detail} — {START_HINT}")
        self.url = url
        self.detail = detail


class KibanaRefused(KibanaError):
    """Kibana answered but did not import everything; `errors` are Kibana's, per object."""

    reason = "kibana_refused"

    def __init__(self, message: str, *, status: int, errors: list[dict[str, Any]] | None = None,
                 success_count: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.errors = errors or []
        self.success_count = success_count

    def lines(self) -> list[str]:
        """One line per object Kibana refused: type/id "title": error type and details."""
        out = []
        for err in self.errors:
            title = (err.get("meta") or {}).get("title") or err.get("title") or ""
            detail = err.get("error") or {}
            kind = detail.get("type", "unknown")
            extra = ""
            if kind == "missing_references":
                extra = " missing " + ", ".join(f"{r.get('type')}/{r.get('id')}" for r in detail.get("references", []))
            elif detail.get("message"):
                extra = f" {detail['message']}"
            elif detail.get("reason"):
                extra = f" {detail['reason']}"
            out.append(f"{err.get('type')}/{err.get('id')} {title!r}: {kind}{extra}")
        return out


@dataclass(frozen=True)
class ImportResult:
    success_count: int
    results: list[dict[str, Any]] = field(default_factory=list)


def multipart_file(content: bytes, filename: str, boundary: str) -> bytes:
    """A multipart/form-data body with one part, `file` (what curl --form file=@x sends)."""
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/ndjson\r\n\r\n"
    ).encode()
    return head + content + f"\r\n--{boundary}--\r\n".encode()


def _split_auth(url: str) -> tuple[str, str | None]:
    """Strip user:password@ from the URL into a Basic authorization header value."""
    parts = urllib.parse.urlsplit(url)
    if not parts.username:
        return url.rstrip("/"), None
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
    return clean.rstrip("/"), "Basic " + base64.b64encode(token.encode()).decode()


def public_url(url: str) -> str:
    """`url` without any user:password, for messages."""
    return _split_auth(url)[0]


def _post_once(url: str, body: bytes, headers: Mapping[str, str], timeout: float, shown: str) -> dict[str, Any]:
    request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        raw, status = exc.read(), exc.code
    except urllib.error.URLError as exc:
        raise KibanaUnreachable(shown, str(exc.reason)) from exc
    except (TimeoutError, ConnectionError, OSError) as exc:
        raise KibanaUnreachable(shown, str(exc) or type(exc).__name__) from exc
    try:
        payload = json.loads(raw or b"{}")
    except json.JSONDecodeError:
        payload = {"message": raw[:300].decode("utf-8", "replace")}
    if status == 503:
        raise KibanaUnreachable(shown, f"HTTP 503 {payload.get('message') or 'Kibana server is not ready yet'}")
    if status >= 400:
        message = payload.get("message") or payload.get("error") or f"HTTP {status}"
        hint = " (check the user and password in the URL)" if status in (401, 403) else ""
        raise KibanaRefused(f"Kibana at {shown} refused the import: HTTP {status} {message}{hint}", status=status)
    if not payload.get("success", False):
        errors = payload.get("errors") or []
        raise KibanaRefused(
            f"Kibana at {shown} imported {payload.get('successCount', 0)} objects and refused {len(errors)}",
            status=status,
            errors=errors,
            success_count=int(payload.get("successCount", 0)),
        )
    return payload


def import_saved_objects(
    kibana_url: str,
    ndjson: bytes,
    *,
    filename: str = "parley.ndjson",
    space: str | None = None,
    timeout: float = 30.0,
    wait_seconds: float = 0.0,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ImportResult:
    """Import `ndjson` into Kibana, overwriting objects with the same ids.

    `wait_seconds` > 0 retries while Kibana is unreachable or not ready yet (the
    compose setup job starts with Kibana); a refusal is never retried.
    Raises KibanaUnreachable or KibanaRefused.
    """
    base, auth = _split_auth(kibana_url)
    shown = base
    path = f"/s/{space}" if space else ""
    url = f"{base}{path}/api/saved_objects/_import?overwrite=true"
    boundary = f"parley-{uuid.uuid4().hex}"
    body = multipart_file(ndjson, filename, boundary)
    headers = {
        "kbn-xsrf": "parley",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Accept": "application/json",
    }
    if auth:
        headers["Authorization"] = auth
    deadline = clock() + wait_seconds
    delay = 1.0
    while True:
        try:
            payload = _post_once(url, body, headers, timeout, shown)
            return ImportResult(int(payload.get("successCount", 0)), list(payload.get("successResults") or []))
        except KibanaUnreachable:
            if clock() + delay > deadline:
                raise
            sleep(delay)
            delay = min(delay * 2, 10.0)
