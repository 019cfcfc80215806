"""HTTP endpoint of a worker: ``POST /articles`` puts articles on ``articles.raw``.

The body is one JSON object, a JSON array of objects, or JSON Lines; each article
needs ``text`` or ``html`` (plus optional ``url``/``id``, ``title``, ``lang``,
``published``, ``source``). Answers ``202 {"accepted": n, "ids": [...]}``, or
``400 {"error": "line 3: not JSON: ..."}`` and produces nothing when any item is bad::

    curl -s localhost:6066/articles -d '{"url": "https://example.org/a", "text": "..."}'
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from faust import web

from processors.errors import InputError

from .sources.articles import article_key, parse_body

__all__ = ["articles_view", "health_view"]


def articles_view(raw_topic: Any, on_accepted: Callable[[int], None] = lambda n: None) -> type[web.View]:
    """A Faust view class producing to ``raw_topic``; register with ``app.page("/articles")``."""

    class ArticlesView(web.View):
        async def post(self, request: web.Request) -> web.Response:
            try:
                articles = parse_body(await request.read())
            except InputError as exc:
                return self.json({"error": str(exc), "hint": "send a JSON object or JSON Lines with 'text' or 'html'"}, status=400)
            ids = []
            for article in articles:
                key = article_key(article)
                await raw_topic.send(key=key.encode("utf-8"), value=json.dumps(article, ensure_ascii=False).encode("utf-8"))
                ids.append(key)
            on_accepted(len(ids))
            return self.json({"accepted": len(ids), "ids": ids}, status=202)

        async def get(self, request: web.Request) -> web.Response:
            return self.json({"usage": "POST JSON object(s) or JSON Lines with 'text' or 'html' to /articles"})

    return ArticlesView


def health_view(checks: Callable[[], Mapping[str, bool]]) -> type[web.View]:
    """``GET /health`` of the worker: 200 ``{"ready": true, "checks": {...}}`` when every check
    holds (e.g. ``tagging``: its tagging processes are up), else 503 with the same body."""

    class HealthView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            parts = dict(checks())
            ready = all(parts.values())
            return self.json({"ready": ready, "checks": parts}, status=200 if ready else 503)

    return HealthView
