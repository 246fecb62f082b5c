"""RFC 9457 problem details: the one error shape of the API, and the request id every
response carries.

A problem is ``application/problem+json`` with ``type`` (a URN naming the ``code``),
``title`` (fixed per code), ``status``, ``detail`` (what to do), a stable ``code`` and the
``request_id`` (also in the ``X-Request-ID`` header), plus ``errors`` for a 400. No member
ever repeats a value the caller sent.
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

PROBLEM_CONTENT_TYPE = "application/problem+json"
REQUEST_ID_HEADER = "X-Request-ID"
API_PREFIX = "/api/"

TITLES = {
    "invalid_parameter": "Invalid query parameter",
    "invalid_body": "Invalid request body",
    "malformed_body": "Malformed JSON body",
    "bad_request": "Bad request",
    "unauthenticated": "Authentication required",
    "forbidden": "Forbidden",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "not_acceptable": "Not acceptable",
    "idempotency_key_in_use": "Idempotency key in use",
    "payload_too_large": "Payload too large",
    "unsupported_media_type": "Unsupported media type",
    "uri_too_long": "URI too long",
    "idempotency_key_reused": "Idempotency key reused",
    "no_webhook": "No webhook",
    "rate_limited": "Too many requests",
    "internal_error": "Internal error",
    "service_unavailable": "Service unavailable",
}


# Each request's id, kept beside the request rather than patched onto it; gone with it.
_REQUEST_IDS: weakref.WeakKeyDictionary[HttpRequest, str] = weakref.WeakKeyDictionary()


def request_id(request: HttpRequest) -> str:
    """This request's id (made on first use): never taken from the caller."""
    rid = _REQUEST_IDS.get(request)
    if rid is None:
        rid = _REQUEST_IDS[request] = uuid.uuid4().hex
    return rid


def problem_body(
    request: HttpRequest, *, status: int, code: str, detail: str, errors: dict | None = None
) -> dict:
    body = {
        "type": f"urn:problem:{code}",
        "title": TITLES.get(code, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": request_id(request),
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    request: HttpRequest, *, status: int, code: str, detail: str, errors: dict | None = None
) -> HttpResponse:
    return JsonResponse(
        problem_body(request, status=status, code=code, detail=detail, errors=errors),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


class RequestIdMiddleware:
    """First in the chain: every response, errors and 304s included, names its request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id(request)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = rid
        return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400`` (a query with too many fields, a bad Host): a problem under /api/."""
    if is_api(request):
        return problem_response(
            request, status=400, code="bad_request", detail="The request is malformed; fix it."
        )
    return defaults.bad_request(request, exception)
