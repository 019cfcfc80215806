"""The errors the core raises. One root, so a caller can catch Parley's own failures."""

from __future__ import annotations

__all__ = ["ParleyError", "InputError", "EmptyTextError", "QueryError", "SubscriptionError", "DeliveryError",
           "TargetRefused"]


class ParleyError(Exception):
    """Root of every error Parley raises on purpose."""

    #: a short machine-readable reason, used as the dead-letter reason and in CLI output
    reason: str = "error"


class InputError(ParleyError):
    """An article that cannot be tagged as given (wrong type, missing text, ...)."""

    reason = "bad_input"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class EmptyTextError(InputError):
    """The article has no text left once markup and control characters are removed."""

    reason = "empty_text"


class QueryError(ParleyError):
    """An alert query that does not parse; `position` is the 0-based character offset."""

    reason = "bad_query"

    def __init__(self, message: str, *, position: int = 0, query: str = "") -> None:
        super().__init__(message)
        self.position = position
        self.query = query

    def __str__(self) -> str:
        msg = super().__str__()
        if not self.query:
            return f"{msg} (at position {self.position})"
        caret = " " * self.position + "^"
        return f"{msg} at position {self.position}:\n  {self.query}\n  {caret}"


class SubscriptionError(ParleyError):
    """A subscription that is not valid as given; `field` names the offending field."""

    reason = "bad_subscription"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class DeliveryError(ParleyError):
    """A delivery attempt failed; `retryable` says whether trying again may help."""

    reason = "delivery_failed"

    def __init__(self, message: str, *, retryable: bool = True, status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status


class TargetRefused(DeliveryError):
    """The target is not allowed (SSRF guard, Kafka topic outside the prefix); never retried."""

    reason = "target_refused"

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)
