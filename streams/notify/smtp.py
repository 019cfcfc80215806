"""E-mail over SMTP: multipart plain + HTML, sent with smtplib in a worker thread."""

from __future__ import annotations

import asyncio
import smtplib
from typing import Any, Mapping

from processors.delivery import DeliveryError, email_message

from .base import Delivered

__all__ = ["EmailNotifier"]


class EmailNotifier:
    kind = "email"

    def __init__(self, *, host: str, port: int, sender: str, user: str = "", password: str = "",
                 starttls: bool = False, timeout: float = 10.0) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.user, self.password, self.starttls, self.timeout = user, password, starttls, timeout

    def _send_sync(self, alert: Mapping[str, Any], to: list[str], key: str) -> None:
        msg = email_message(alert, sender=self.sender, to=to)
        msg["X-Parley-Idempotency-Key"] = key
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(msg)

    async def send(self, alert: Mapping[str, Any], channel: Mapping[str, Any], *, key: str) -> Delivered:
        to = channel["to"] if isinstance(channel["to"], list) else [channel["to"]]
        try:
            await asyncio.to_thread(self._send_sync, alert, list(to), key)
        except smtplib.SMTPResponseException as exc:
            raise DeliveryError(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}", retryable=exc.smtp_code >= 400 and exc.smtp_code < 500,
                                status=exc.smtp_code) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"recipients refused: {list(exc.recipients)}", retryable=False) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"SMTP {self.host}:{self.port}: {exc.__class__.__name__}: {exc}") from exc
        return Delivered(f"mailed {len(to)}")

    async def close(self) -> None:
        return None
