"""Real receivers for the alert tests: an HTTP server for webhooks and an SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pipeline_support import free_port


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class HookServer:
    """Answers 200 on every path except those starting with /fail (500). Records every request."""

    port: int = field(default_factory=free_port)
    hits: list[Hit] = field(default_factory=list)

    def start(self) -> "HookServer":
        hits, lock = self.hits, threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.time()))
                self.send_response(500 if self.path.startswith("/fail") else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def on(self, path: str) -> list[Hit]:
        return [h for h in list(self.hits) if h.path == path]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class MailServer:
    """aiosmtpd in its own thread; `messages` are parsed email.message.EmailMessage objects."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[Any] = []

    def start(self) -> "MailServer":
        from aiosmtpd.controller import Controller

        box = self.messages

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                box.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


@dataclass
class HangingHook:
    """A webhook receiver that hangs (reads the request, never answers) until `heal()`; then answers 200.

    `delivered` holds the requests answered 200, i.e. the deliveries that succeeded.
    """

    port: int = field(default_factory=free_port)
    hung: list[Hit] = field(default_factory=list)
    delivered: list[Hit] = field(default_factory=list)

    def start(self) -> "HangingHook":
        hung, delivered, lock = self.hung, self.delivered, threading.Lock()
        self.healed = healed = threading.Event()
        self.stopping = stopping = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.time())
                if not healed.is_set():
                    with lock:
                        hung.append(hit)
                    stopping.wait(120)  # the sender times out long before; never answered
                    return
                with lock:
                    delivered.append(hit)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def heal(self) -> None:
        self.healed.set()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
