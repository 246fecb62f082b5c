"""The analysts' message review: a queue beside the narrative queue, and one page per message.

Analysts see what each message sends out, its renditions, the narratives behind its excerpts
and the leak check's findings; they approve it or send it back. Views call services only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from campaigns import media, selectors, services
from campaigns.forms import MessageCommentForm, MessageFindingForm, MessageQueueFilterForm
from campaigns.models import Message, MessageEvent, PublishEvent
from core.assignment import analysts
from core.languages import is_rtl
from core.types import AuthenticatedHttpRequest
from narratives.forms import form_error_message
from narratives.selectors import untranslated_quotes
from narratives.views import analyst_required, assign_with, paginate_without_count

PAGE_SIZE = 50


@analyst_required
@require_GET
def message_queue(request: HttpRequest) -> HttpResponse:
    form = MessageQueueFilterForm(request.GET)
    filters, page_number, notices = form.filters()
    mine = filters.pop("mine", False)
    if "status" not in request.GET:
        filters["status"] = Message.Status.IN_REVIEW  # what waits for an analyst
    page = paginate_without_count(
        selectors.review_queue(**filters, assignee=request.user.pk if mine else None),
        number=page_number,
        size=PAGE_SIZE,
    )
    return render(
        request,
        "review/messages/queue.html",
        {
            "form": form,
            "filters": filters,
            "notices": notices,
            "page": page,
            "mine": mine,
            "analysts": list(analysts()),
        },
    )


def _message_or_404(public_id: str) -> Message:
    return get_object_or_404(
        Message.objects.select_related("campaign", "author", "approved_by", "template"),
        public_id=public_id,
    )


@analyst_required
@require_GET
def message_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    message = _message_or_404(public_id)
    excerpts = selectors.message_excerpts(message)
    texts = selectors.outbound_texts(message, excerpts)
    findings = selectors.message_findings(message, excerpts)
    by_field: dict[str, list] = {}
    for finding in findings:
        by_field.setdefault(finding.field, []).append(finding)
    rows: list[MessageEvent | _PublishHistoryRow] = [
        *message.events.select_related("actor")[:200],
        *_publish_events(message),
    ]
    history = sorted(
        rows,
        key=lambda e: e.at,
        reverse=True,
    )
    # The review buttons this status shows, from the workflow's table.
    steps = {
        step.name: step
        for step in services.MESSAGE_WORKFLOW.steps_from(
            message.status, among=("approve", "request_changes")
        )
    }
    return render(
        request,
        "review/messages/detail.html",
        {
            "message": message,
            "rtl": is_rtl(message.language),
            "texts": [(text, by_field.get(text.field, [])) for text in texts],
            "findings": findings,
            "excerpts": excerpts,
            "untranslated": untranslated_quotes(excerpts, message.language),
            "renditions": _with_preview_urls(message.renditions.order_by("format", "slide")),
            "template_warnings": services.undrawn_message_fields(message, excerpts),
            "history": history,
            "steps": steps,
            "can_review": bool(steps),  # findings are dismissed during review only
        },
    )


def _with_preview_urls(renditions) -> list:
    """Attach a signed, short-lived preview URL to each ready rendition."""
    renditions = list(renditions)
    for rendition in renditions:
        ready = rendition.status == rendition.Status.READY and rendition.file
        rendition.preview_url = media.preview_url(rendition) if ready else ""
    return renditions


class _PublishHistoryRow:
    """A PublishEvent shown in the same history list as review events."""

    def __init__(self, event: PublishEvent) -> None:
        self.at = event.occurred_at
        self.actor = event.actor
        self.comment = event.reason
        self.label = event.get_kind_display()


def _publish_events(message: Message) -> list[_PublishHistoryRow]:
    return [_PublishHistoryRow(e) for e in message.publish_events.select_related("actor")]


def message_url(message: Message, anchor: str = "") -> str:
    url = reverse("message_review:detail", args=[message.public_id])
    return f"{url}#{anchor}" if anchor else url


def _message_action(form_class: type | None, anchor: str):
    """A POST-only view: check a form, run one service call, show the outcome, redirect."""

    def decorate(perform: Callable) -> Callable:
        @analyst_required
        @require_POST
        @wraps(perform)
        def view(request: HttpRequest, public_id: str) -> HttpResponse:
            message = _message_or_404(public_id)
            form = form_class(request.POST) if form_class else None
            if form is not None and not form.is_valid():
                messages.error(request, form_error_message(form))
                return redirect(message_url(message, anchor))
            try:
                success = perform(request, message, form.cleaned_data if form else {})
            except services.MessageError as error:
                messages.error(request, " ".join(error.messages))
            except PermissionDenied as error:
                messages.error(request, str(error) or _("You may not do that."))
            else:
                messages.success(request, success)
            return redirect(message_url(message, anchor))

        return view

    return decorate


@_message_action(None, "workflow")
def approve_message(request, message, data) -> str:
    services.approve_message(user=request.user, message=message)
    return _("Approved. The editor can now schedule it.")


@_message_action(MessageCommentForm, "workflow")
def request_message_changes(request, message, data) -> str:
    services.request_message_changes(user=request.user, message=message, comment=data["comment"])
    return _("Sent back to the editor with your comment.")


@_message_action(MessageFindingForm, "findings")
def dismiss_message_finding(request, message, data) -> str:
    services.dismiss_message_finding(
        user=request.user,
        message=message,
        field=data["field"],
        start=data["start"],
        end=data["end"],
        reason=data["reason"],
    )
    return _("Finding dismissed, with your reason recorded.")


@analyst_required
@require_POST
def assign_message(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    message = _message_or_404(public_id)
    return assign_with(
        request,
        assign=services.assign_message,
        claim=services.claim_message,
        item={"message": message},
        refusals=(services.MessageError,),
        default=message_url(message),
    )
