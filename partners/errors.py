"""One error shape for the whole API: RFC 9457 problem details (``core.problems``), with a
stable ``code``, a fixed ``title``, a ``detail`` saying what to do and, for a 400, ``errors``
naming every parameter or body field at fault. No message repeats what the caller sent."""

from __future__ import annotations

from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.problems import PROBLEM_CONTENT_TYPE, problem_body

# Fixed texts: DRF's own would repeat the method or the media type the caller sent.
FIXED = {
    exceptions.MethodNotAllowed: (
        "method_not_allowed",
        "This endpoint does not take this method; the Allow header lists the ones it takes.",
    ),
    exceptions.NotAcceptable: (
        "not_acceptable",
        "Responses are JSON: send Accept: application/json, or no Accept header.",
    ),
    exceptions.UnsupportedMediaType: (
        "unsupported_media_type",
        "Send the body as JSON, with Content-Type: application/json.",
    ),
    exceptions.Throttled: (
        "rate_limited",
        "Request was throttled: this key has used its requests for now; retry after the "
        "seconds in Retry-After.",
    ),
    exceptions.NotFound: ("not_found", "No such item for you; check the id."),
}
CODES = {
    exceptions.ParseError: "malformed_body",
    exceptions.AuthenticationFailed: "unauthenticated",
    exceptions.NotAuthenticated: "unauthenticated",
    exceptions.PermissionDenied: "forbidden",
}
BY_STATUS = {
    400: "bad_request",
    409: "idempotency_key_in_use",
    413: "payload_too_large",
    422: "idempotency_key_reused",
    503: "service_unavailable",
}


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


def _code_and_detail(exc, response) -> tuple[str, str, dict | None]:
    for kind, (code, detail) in FIXED.items():
        if isinstance(exc, kind):
            return code, detail, None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        name, messages = next(iter(errors.items()), ("body", ["Invalid input."]))
        code = getattr(exc, "problem_code", "invalid_body")
        return code, f"{name}: {messages[0]}", errors
    matched = next((c for kind, c in CODES.items() if isinstance(exc, kind)), None)
    if matched is None:
        matched = getattr(exc, "problem_code", None) or BY_STATUS.get(response.status_code, "error")
    code = matched
    data = response.data
    detail = str(data.get("detail", "")) if isinstance(data, dict) else ""
    return code, detail or "The request failed.", None


def api_exception_handler(exc, context):
    """DRF's handler (status, Retry-After, WWW-Authenticate), then the body as a problem;
    unexpected exceptions stay 500s, answered by ``core.outages.server_error``."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    code, detail, errors = _code_and_detail(exc, response)
    request = context["request"]
    body = problem_body(
        request._request if hasattr(request, "_request") else request,
        status=response.status_code,
        code=code,
        detail=detail,
        errors=errors,
    )
    problem = Response(body, status=response.status_code, content_type=PROBLEM_CONTENT_TYPE)
    for header, value in response.items():
        if header.lower() != "content-type":
            problem[header] = value
    return problem
