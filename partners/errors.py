"""One error shape for the whole API: ``{"detail": "...", "errors": {name: [...]}}``."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.views import exception_handler


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors":
                name = prefix or "body"
            for sub, messages in _flatten(value, name).items():
                found.setdefault(sub, []).extend(messages)
        return found
    if isinstance(detail, list):
        found = {}
        for value in detail:
            for sub, messages in _flatten(value, prefix).items():
                found.setdefault(sub, []).extend(messages)
        return found
    return {prefix or "body": [str(detail)]}


def api_exception_handler(exc, context):
    """DRF's handler, then the body reshaped; unexpected exceptions stay 500s without detail."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        name, messages = next(iter(errors.items()), ("body", ["Invalid input."]))
        response.data = {"detail": f"{name}: {messages[0]}", "errors": errors}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
    return response
