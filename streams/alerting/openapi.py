"""The OpenAPI 3 document of the subscriptions API (served at /openapi.json)."""

from __future__ import annotations

from typing import Any

__all__ = ["OPENAPI"]

_ERR = {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_SUB = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Subscription"}}}}
_ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]

OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Parley alert subscriptions", "version": "1.0.0",
             "description": "Keyword alerts on diplomacy, peace talks and ceasefires in the news, any language. "
                            "Query syntax: words, \"phrases\", AND/OR/NOT, (), prefix*, ~concept, tag:, status:, "
                            "stage:, country:, actor:, lang:, source:."},
    "security": [{"ApiKey": []}],
    "paths": {
        "/subscriptions": {
            "get": {"summary": "List your subscriptions", "operationId": "listSubscriptions",
                    "responses": {"200": {"description": "your subscriptions", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"subscriptions": {"type": "array", "items": {
                            "$ref": "#/components/schemas/Subscription"}}}}}}}, "401": _ERR}},
            "post": {"summary": "Create a subscription", "operationId": "createSubscription",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": {
                         "$ref": "#/components/schemas/SubscriptionInput"}}}},
                     "responses": {"201": {"description": "created", **_SUB}, "400": _ERR, "401": _ERR}},
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
            "responses": {"200": {"description": "text/event-stream of alert JSON",
                                  "content": {"text/event-stream": {"schema": {"type": "string"}}}}, "404": _ERR}}},
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
                "active": {"type": "boolean"}}},
            "SubscriptionInput": {"allOf": [{"$ref": "#/components/schemas/SubscriptionPatch"},
                                            {"type": "object", "required": ["name", "query"]}]},
            "Subscription": {"allOf": [{"$ref": "#/components/schemas/SubscriptionPatch"}, {"type": "object", "properties": {
                "id": {"type": "string"}, "owner": {"type": "string"},
                "created_at": {"type": "string", "format": "date-time"},
                "updated_at": {"type": "string", "format": "date-time"}}}]},
            "Error": {"type": "object", "required": ["error"], "properties": {
                "error": {"type": "string"}, "field": {"type": "string", "nullable": True},
                "position": {"type": "integer", "description": "0-based offset of a query error"},
                "detail": {"type": "string"}}},
        },
    },
}
