"""Notifiers: one module per channel kind, all shaped by :class:`streams.notify.base.Notifier`."""

__all__ = ["Notifier", "Delivered"]

from .base import Delivered, Notifier  # noqa: E402
