"""Every path under ``/api/`` that no endpoint serves: the endpoint it names without its
trailing slash (served in place: a redirect would lose a POST body), or a JSON 404."""

from __future__ import annotations

from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt

from core.problems import problem_response


@csrf_exempt  # the endpoint served in place checks CSRF itself (DRF's session auth)
def unknown_path(request, rest: str = ""):
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unknown_path:
            return match.func(request, *match.args, **match.kwargs)
    return problem_response(
        request,
        status=404,
        code="not_found",
        detail="No endpoint here; the API is under /api/v1/ and /api/docs/ lists its paths.",
    )
