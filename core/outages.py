"""Outages of the database, the cache or the broker (Redis) answered as 503 with
``Retry-After``.

A request that finds the database or Redis unreachable gets a 503 saying which is down and
when to retry: a problem (RFC 9457, ``core.problems``) under ``/api/``, JSON for
``/healthz``, a plain page elsewhere. Never a 500, and the log line names only what is down
and the exception's class: no path, no user, no query, no DSN.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

import kombu.exceptions
import redis.exceptions
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

from core.problems import is_api, problem_response

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
CACHE_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# What Celery raises when it cannot hand a task to the broker (Redis in production).
BROKER_ERRORS = (kombu.exceptions.OperationalError,)
OUTAGE_ERRORS = DATABASE_ERRORS + CACHE_ERRORS + BROKER_ERRORS

SERVICE_NAMES = {
    "database": "The database",
    "cache": "The cache (Redis)",
    "broker": "The task queue (broker)",
}
_JSON_PREFIXES = ("/api/", "/healthz")


def down_service(exc: BaseException) -> str | None:
    """Return ``"database"``, ``"cache"`` or ``"broker"`` when ``exc`` means that service is
    unreachable; None for anything else."""
    if isinstance(exc, DATABASE_ERRORS):
        return "database"
    if isinstance(exc, CACHE_ERRORS):
        return "cache"
    if isinstance(exc, BROKER_ERRORS):
        return "broker"
    return None


def retry_after() -> int:
    return max(1, int(settings.OUTAGE_RETRY_AFTER))


def unavailable_detail(service: str, *, what: str | None = None) -> str:
    """The sentence a caller reads: what is down, and when to try again."""
    subject = what or SERVICE_NAMES[service]
    return f"{subject} is unavailable. Retry in {retry_after()} seconds."


def outage_response(request: HttpRequest, service: str) -> HttpResponse:
    """A 503 for ``service`` being down: JSON for the API and the health check, HTML else."""
    seconds = retry_after()
    detail = unavailable_detail(service)
    if is_api(request):
        response: HttpResponse = problem_response(
            request, status=503, code="service_unavailable", detail=detail
        )
    elif request.path.startswith(_JSON_PREFIXES):
        response = JsonResponse({"detail": detail}, status=503)
    else:
        # A template of its own, not base.html: that one reads the user, the session and
        # the messages, which may be the very things that are down.
        html = render_to_string(
            "503.html",
            {"service": SERVICE_NAMES[service], "service_code": service, "seconds": seconds},
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return already_logged(response)


def already_logged(response: HttpResponse) -> HttpResponse:
    """Keep Django's request logger from logging this 503 again, as an ERROR carrying the
    request (path, headers) in its record: the outage has been logged at WARNING."""
    # Django's own flag against logging a response twice (django.utils.log.log_response).
    response._has_been_logged = True  # type: ignore[attr-defined]  # private; not in django-stubs
    return response


def log_outage(service: str, exc: BaseException) -> None:
    # Deliberately not the exception's message or the request: a DSN or a query may be in them.
    logger.warning("%s unavailable (%s): answered 503", service, type(exc).__name__)


class OutageMiddleware:
    """Turn the database or Redis being unreachable into a 503 instead of a 500.

    Sits right after the authentication middleware: it loads the session and the user here,
    where a failure can still be answered (the middleware after it reads them, and an
    exception raised inside another middleware would reach Django as a 500), and catches
    what the view raises in ``process_exception``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            try:
                user.is_authenticated  # noqa: B018 - evaluates the lazy user and its session
            except OUTAGE_ERRORS as exc:
                response = answer_outage(request, exc)
                if response is None:  # not a service being down after all
                    raise
                return response
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return answer_outage(request, exception)


def answer_outage(request: HttpRequest, exc: BaseException | None) -> HttpResponse | None:
    """Log and answer ``exc`` as a 503 when it means a service is down; None otherwise."""
    if exc is None:
        return None
    service = down_service(exc)
    if service is None:
        return None
    log_outage(service, exc)
    return outage_response(request, service)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: an outage raised outside any view (in a middleware) is still a 503."""
    answered = answer_outage(request, sys.exc_info()[1])
    if answered is not None:
        return answered
    if is_api(request):
        return problem_response(
            request,
            status=500,
            code="internal_error",
            detail="Something went wrong on our side; retry later, quoting the request id.",
        )
    return defaults.server_error(request)
