"""The signed-in user's notices and what waits for them: one page, and marking read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from core import notices
from core.models import Notice
from core.types import AuthenticatedHttpRequest

PAGE_SIZE = 100


@login_required
@require_GET
def notice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(Notice.objects.filter(recipient=request.user)[:PAGE_SIZE])
    return render(
        request,
        "notices.html",
        {
            "notices": [(notice, notices.sentence(notice)) for notice in rows],
            "waiting": notices.waiting_for(request.user),
        },
    )


@login_required
@require_POST
def notice_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark a notice read, then open its object's page (or go back to the notices)."""
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    try:
        notices.mark_read(user=request.user, notice=notice)
    except PermissionDenied as error:  # pragma: no cover - the lookup is the user's own
        messages.error(request, str(error))
    if request.POST.get("open") and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect(notice.url)
    return redirect("notices")


@login_required
@require_POST
def notices_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = notices.mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("Marked %(count)s notice read.", "Marked %(count)s notices read.", count)
        % {"count": count}
        if count
        else _("No unread notices."),
    )
    return redirect("notices")
