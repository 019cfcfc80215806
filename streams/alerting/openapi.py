"""The OpenAPI 3 document of the subscriptions API (served at /openapi.json)."""

from __future__ import annotations

from typing import Any

__all__ = ["OPENAPI"]

_ERR = {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_SUB = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Subscription"}}}}
_ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
_429 = {"description": "too many requests: per-key rate (PARLEY_API_RATE/BURST), requests without a valid key "
                       "per client address (PARLEY_API_FAIL_RATE/BURST) or event streams per key (PARLEY_MAX_STREAMS)",
        "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}

OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Parley alert subscriptions", "version": "1.0.0",
             "description": "Keyword alerts on diplomacy, peace talks and ceasefires in the news, any language. "
                            "Query syntax: words, \"phrases\", AND/OR/NOT, (), prefix*, ~concept, tag:, status:, "
                            "stage:, country:, actor:, lang:, source:."},
    "security": [{"ApiKey": []}],
    "paths": {
        "/subscriptions": {
            "get": {"summary": "List your subscriptions, oldest first, a page at a time",
                    "operationId": "listSubscriptions",
                    "parameters": [
                        {"name": "limit", "in": "query", "required": False,
                         "description": "page size (default PARLEY_PAGE_SIZE, 100)",
                         "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
                        {"name": "cursor", "in": "query", "required": False,
                         "description": "the `next` of the previous page (opaque)", "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "a page of your subscriptions", "content": {"application/json": {
                        "schema": {"type": "object", "required": ["subscriptions"], "properties": {
                            "subscriptions": {"type": "array", "items": {"$ref": "#/components/schemas/Subscription"}},
                            "next": {"type": "string", "description": "cursor of the next page; absent on the last"}}}}}},
                        "400": _ERR, "401": _ERR, "429": _429}},
            "post": {"summary": "Create a subscription", "operationId": "createSubscription",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": {
                         "$ref": "#/components/schemas/SubscriptionInput"}}}},
                     "responses": {"201": {"description": "created", **_SUB}, "400": _ERR, "401": _ERR,
                                   "403": {**_ERR, "description": "subscription limit of the owner reached "
                                                                  "(PARLEY_MAX_SUBSCRIPTIONS, default 100)"},
                                   "429": _429}},
        },
        "/subscriptions/{id}": {
            "parameters": _ID,
            "get": {"summary": "Get one subscription", "operationId": "getSubscription",
                    "responses": {"200": {"description": "the subscription", **_SUB}, "404": _ERR}},
            "put": {"summary": "Replace a subscription (name and query required)", "operationId": "replaceSubscription",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/SubscriptionInput"}}}},
                    "responses": {"200": {"description": "updated", **_SUB}, "400": _ERR, "404": _ERR}},
            "patch": {"summary": "Change some fields of a subscription", "operationId": "updateSubscription",
                      "requestBody": {"required": True, "content": {"application/json": {"schema": {
                          "$ref": "#/components/schemas/SubscriptionPatch"}}}},
                      "responses": {"200": {"description": "updated", **_SUB}, "400": _ERR, "404": _ERR}},
            "delete": {"summary": "Delete a subscription", "operationId": "deleteSubscription",
                       "responses": {"204": {"description": "deleted"}, "404": _ERR}},
        },
        "/subscriptions/{id}/pause": {"parameters": _ID, "post": {
            "summary": "Pause (active=false)", "operationId": "pauseSubscription",
            "responses": {"200": {"description": "paused", **_SUB}, "404": _ERR}}},
        "/subscriptions/{id}/resume": {"parameters": _ID, "post": {
            "summary": "Resume (active=true)", "operationId": "resumeSubscription",
            "responses": {"200": {"description": "resumed", **_SUB}, "404": _ERR}}},
        "/subscriptions/{id}/events": {"parameters": _ID, "get": {
            "summary": "Server-Sent Events: this subscription's alerts live (event: alert | digest | update)",
            "operationId": "streamAlerts",
            "description": "Each event's `id` is `<kafka timestamp ms>-<partition>-<offset>`. Reconnect with "
                           "`Last-Event-ID` (as EventSource does) to get first the events missed since then that "
                           "this server still holds (the last PARLEY_SSE_REPLAY per subscription), then live ones.",
            "parameters": [
                {"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string"},
                 "description": "id of the last event received"},
                {"name": "last_event_id", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "the same, for clients that cannot set headers"}],
            "responses": {"200": {"description": "text/event-stream of alert JSON",
                                  "content": {"text/event-stream": {"schema": {"type": "string"}}}}, "404": _ERR,
                          "429": _429}}},
        "/health": {"get": {
            "summary": "Readiness; with a valid key also your subscription count", "operationId": "health",
            "security": [{}, {"ApiKey": []}],
            "responses": {
                "200": {"description": "ready", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/Health"}}}},
                "503": {"description": "not ready (same body)", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/Health"}}}},
                "429": _429}}},
    },
    "components": {
        "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        "schemas": {
            "Channel": {"type": "object", "required": ["type"], "properties": {
                "type": {"type": "string", "enum": ["webhook", "slack", "email", "sse", "kafka"]},
                "url": {"type": "string", "description": "webhook / slack: an http(s) URL of a public address (private, "
                        "loopback, shared and non-ASCII or numeric spellings of IPs are refused with 400, "
                        "reason target_refused, unless PARLEY_ALLOW_TARGETS admits them)"},
                "secret": {"type": "string", "description": "webhook HMAC key (X-Parley-Signature)"},
                "to": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                       "description": "email"},
                "topic": {"type": "string", "description": "kafka: a topic whose name starts with the operator's "
                          "PARLEY_KAFKA_CHANNEL_PREFIX (default parley.alerts.out.)"}}},
            "Throttle": {"type": "object", "nullable": True, "required": ["max", "window_s"], "properties": {
                "max": {"type": "integer", "minimum": 1, "maximum": 10000},
                "window_s": {"type": "integer", "minimum": 1, "maximum": 604800}}},
            "SubscriptionPatch": {"type": "object", "additionalProperties": False, "properties": {
                "name": {"type": "string", "maxLength": 200}, "query": {"type": "string"},
                "channels": {"type": "array", "maxItems": 10, "items": {"$ref": "#/components/schemas/Channel"}},
                "throttle": {"$ref": "#/components/schemas/Throttle"},
                "digest": {"type": "string", "nullable": True, "enum": ["hourly", "daily", None]},
                "active": {"type": "boolean"},
                "rule": {"nullable": True, "description": "null: one alert per matching story; or a spike or "
                         "breaking-news rule over the query's matches (throttle and digest must then be null); "
                         "impossible settings answer 400 with field 'rule'",
                         "oneOf": [{"$ref": "#/components/schemas/SpikeRule"},
                                   {"$ref": "#/components/schemas/BreakingRule"}]}}},
            "SpikeRule": {"type": "object", "additionalProperties": False, "required": ["kind", "window_s", "height"],
                          "description": "ElastAlert2's spike rule: the current window's count against the window "
                                         "before it, once per source and story",
                          "properties": {
                "kind": {"type": "string", "enum": ["spike"]},
                "window_s": {"type": "integer", "minimum": 60, "maximum": 604800,
                             "description": "each window, seconds (ElastAlert2 timeframe)"},
                "height": {"type": "number", "exclusiveMinimum": True, "minimum": 1, "maximum": 1000,
                           "description": "current / reference at least this (up), or at most its inverse (down)"},
                "direction": {"type": "string", "enum": ["up", "down", "both"], "default": "up"},
                "min_current": {"type": "integer", "minimum": 0, "default": 1,
                                "description": "ElastAlert2 threshold_cur; at least 1 for up"},
                "min_reference": {"type": "integer", "minimum": 0, "default": 0,
                                  "description": "ElastAlert2 threshold_ref; at least 1 for down"},
                "group_by": {"type": "string", "nullable": True,
                             "enum": ["country", "country_pair", "family", "lang", "source", None],
                             "description": "one pair of windows per value (ElastAlert2 query_key)"},
                "unit": {"type": "string", "enum": ["article", "event"], "default": "article",
                         "description": "count articles or event frames, each once per source and story"},
                "grace_s": {"type": "integer", "minimum": 0, "default": 300,
                            "description": "an article more than this behind the newest time seen is late "
                                           "(not counted); at most window_s"}}},
            "BreakingRule": {"type": "object", "additionalProperties": False, "required": ["kind"],
                             "description": "one story (near-duplicate text or same events, any language) "
                                            "reported by `sources` distinct sources within `within_s`",
                             "properties": {
                "kind": {"type": "string", "enum": ["breaking"]},
                "sources": {"type": "integer", "minimum": 2, "maximum": 1000, "default": 3},
                "within_s": {"type": "integer", "minimum": 60, "maximum": 86400, "default": 1800}}},
            "SubscriptionInput": {"allOf": [{"$ref": "#/components/schemas/SubscriptionPatch"},
                                            {"type": "object", "required": ["name", "query"]}]},
            "Subscription": {"allOf": [{"$ref": "#/components/schemas/SubscriptionPatch"}, {"type": "object", "properties": {
                "id": {"type": "string"}, "owner": {"type": "string"},
                "created_at": {"type": "string", "format": "date-time"},
                "updated_at": {"type": "string", "format": "date-time"}}}]},
            "Health": {"type": "object", "required": ["ready", "checks"], "properties": {
                "ready": {"type": "boolean"},
                "checks": {"type": "object", "additionalProperties": {"type": "boolean"},
                           "description": "e.g. subscriptions (loaded) and tagging (the worker can tag)"},
                "subscriptions": {"type": "integer", "description": "yours; only with a valid key"}}},
            "Error": {"type": "object", "required": ["error"], "properties": {
                "error": {"type": "string"}, "field": {"type": "string", "nullable": True},
                "position": {"type": "integer", "description": "0-based offset of a query error"},
                "detail": {"type": "string"},
                "limit": {"type": "integer", "description": "the limit that was reached"},
                "retry_after": {"type": "string", "description": "as the Retry-After header"}}},
        },
    },
}
