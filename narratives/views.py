"""The analysts' review UI: a queue of narratives and one page per narrative.

Views parse input with forms, call a selector or a service, and render or redirect. Nothing
here reads the vault except through ``selectors.open_findings``, which gives only the scanner's
findings in the narrative's own (anonymized) text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from itertools import pairwise
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.assignment import analysts
from core.languages import is_rtl, language_choices
from core.roles import ANALYST, has_role
from core.types import AuthenticatedHttpRequest
from narratives import selectors, services
from narratives.anonymize import Finding
from narratives.anonymize import placeholder as redaction_placeholder
from narratives.forms import (
    QUEUE_PAGE_SIZE,
    AssignForm,
    DismissFindingForm,
    EditNarrativeForm,
    ExcerptForm,
    FindingForm,
    QueueFilterForm,
    RequestChangesForm,
    TagForm,
    form_error_message,
)
from narratives.models import Excerpt, Narrative, NarrativeEvent
from narratives.services import WORKFLOW, NarrativeError
from narratives.translations import findings_in

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

# --- Access --------------------------------------------------------------------------------


def analyst_required(view: Callable) -> Callable:
    """Let in analysts and superusers; send anonymous users to log in, refuse everyone else."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_superuser or has_role(user, ANALYST)):
            raise PermissionDenied(_("The review tool is for analysts."))
        return view(request, *args, **kwargs)

    return wrapper


# --- Queue ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue, found without counting every matching row."""

    rows: list[Narrative]
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.rows) - 1


def paginate_without_count(queryset, *, number: int, size: int) -> QueuePage:
    """Fetch one row more than a page holds, to know whether another page follows.

    Django's Paginator counts every matching row (a full scan of 100,000 narratives on each
    page view); the queue only needs "previous" and "next".
    """
    offset = (number - 1) * size
    rows = list(queryset[offset : offset + size + 1])
    return QueuePage(rows=rows[:size], number=number, size=size, has_next=len(rows) > size)


@analyst_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    reasons = list(selectors.top_level_reasons())
    form = QueueFilterForm(request.GET, reasons=reasons)
    filters, page_number, notices = form.filters()
    mine = filters.pop("mine", False)
    page = paginate_without_count(
        selectors.review_queue(**filters, assignee=request.user.pk if mine else None),
        number=page_number,
        size=QUEUE_PAGE_SIZE,
    )
    counts = selectors.queue_counts()
    statuses = [(value, label, counts.get(value, 0)) for value, label in Narrative.Status.choices]
    return render(
        request,
        "review/queue.html",
        {
            "form": form,
            "filters": filters,
            "notices": notices,
            "page": page,
            "statuses": statuses,
            "total": sum(counts.values()),
            "filtered": any(filters.values()) or mine,
            "mine": mine,
            "analysts": list(analysts()),
            "assign_form": AssignForm(),
        },
    )


# --- One narrative -------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of the text with the same highlighting; offsets in code points."""

    start: int
    end: int
    text: str
    finding: int | None = None  # number of the open finding it belongs to, from 1
    category: str = ""
    finding_starts: bool = False
    in_excerpt: bool = False


def text_segments(text: str, findings: list[Finding], excerpts: list[Excerpt]) -> list[Segment]:
    """Cut the text where a finding or an excerpt starts or ends, and at each CRLF.

    The page's script maps a selection back to code points through each segment's offsets.
    A browser reads a CRLF in HTML as one LF, so each CRLF gets a segment of its own, which
    keeps the offsets of everything after it true.
    """
    length = len(text)
    cuts = {0, length}
    for finding in findings:
        cuts.update((finding.start, finding.end))
    for excerpt in excerpts:
        cuts.update((min(excerpt.start, length), min(excerpt.end, length)))
    position = text.find("\r\n")
    while position != -1:
        cuts.update((position, position + 2))
        position = text.find("\r\n", position + 2)
    points = sorted(cuts)
    segments = []
    for start, end in pairwise(points):
        number, category, starts = None, "", False
        for index, finding in enumerate(findings, start=1):
            if finding.start <= start and end <= finding.end:
                number, category, starts = index, finding.category, finding.start == start
                break
        in_excerpt = any(e.start <= start and end <= e.end for e in excerpts)
        segments.append(Segment(start, end, text[start:end], number, category, starts, in_excerpt))
    return segments


EVENT_DETAIL_KEYS = {
    # Only non-identifying facts are in ``detail``; show the ones an analyst cares about.
    "category": gettext_lazy("category"),
    "fields": gettext_lazy("changed"),
    "reasons": gettext_lazy("reasons"),
    "primary": gettext_lazy("primary"),
    "excerpt": gettext_lazy("excerpt"),
    "why": gettext_lazy("why"),
}


def event_summary(event: NarrativeEvent) -> str:
    parts = []
    for key, label in EVENT_DETAIL_KEYS.items():
        value = event.detail.get(key)
        if value:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(f"{label}: {shown}")
    return "; ".join(parts)


def _status_label(status: str) -> StrOrPromise:
    return Narrative.Status(status).label if status in Narrative.Status.values else status


def _narrative_or_404(public_id: str) -> Narrative:
    return get_object_or_404(selectors.review_queue(), public_id=public_id)


@analyst_required
@require_GET
def narrative_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    narrative = _narrative_or_404(public_id)
    findings = selectors.open_findings(narrative)
    excerpts = list(
        narrative.excerpts.exclude(status=Excerpt.Status.RETIRED).prefetch_related(
            "reasons", "translations__versions", "translations__translated_by"
        )
    )
    for excerpt in excerpts:  # what the approver must check: the scanner's findings in each
        for translation in excerpt.translations.all():
            if translation.status == translation.Status.IN_REVIEW:
                translation.findings = findings_in(translation.text)  # for _translations.html
    links = list(narrative.reason_links.all())
    events = [
        (
            event,
            event_summary(event),
            _status_label(event.from_status),
            _status_label(event.to_status),
        )
        for event in narrative.events.select_related("actor").order_by("-at", "-pk")[:200]
    ]
    status = narrative.status
    return render(
        request,
        "review/narrative.html",
        {
            "narrative": narrative,
            "rtl": is_rtl(narrative.language),
            "segments": text_segments(narrative.text, findings, excerpts),
            # Each with the placeholder a redaction writes, in the narrative's language.
            "findings": [
                (number, finding, redaction_placeholder(finding.category, narrative.language))
                for number, finding in enumerate(findings, start=1)
            ],
            "excerpts": excerpts,
            "reasons": list(selectors.top_level_reasons()),
            "tagged": {link.reason_id for link in links},
            "primary": next((link.reason_id for link in links if link.is_primary), None),
            "events": events,
            "editable": status in services.EDITABLE,
            # The review buttons this status shows, from the workflow's table.
            "steps": {step.name: step for step in WORKFLOW.steps_from(status)},
            "excerpt_form": ExcerptForm(),
            "changes_form": RequestChangesForm(),
            "languages": [c for c in language_choices() if c[0] != narrative.language],
        },
    )


@analyst_required
@require_http_methods(["GET", "POST"])
def edit_narrative(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    narrative = _narrative_or_404(public_id)
    form = EditNarrativeForm(request.POST or None, narrative=narrative)
    if request.method == "POST" and form.is_valid():
        done = _perform(
            request,
            lambda: services.edit_narrative(
                user=request.user,
                narrative=narrative,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            ),
            _("Saved your changes."),
        )
        if done:
            return redirect(narrative_url(narrative))
    elif request.method == "POST":
        messages.error(request, form_error_message(form))
    return render(
        request,
        "review/edit.html",
        {"narrative": narrative, "rtl": is_rtl(narrative.language), "form": form},
    )


# --- Actions: POST, then back to the narrative's page ----------------------------------------


def narrative_url(narrative: Narrative, anchor: str = "") -> str:
    url = reverse("review:narrative", args=[narrative.public_id])
    return f"{url}#{anchor}" if anchor else url


def _perform(
    request: HttpRequest,
    call: Callable[[], object],
    success: StrOrPromise,
    refusals: tuple[type[ValidationError], ...] = (NarrativeError,),
) -> object | None:
    """Run a service call; show its refusal (one of ``refusals``, or a permission denied), or
    ``success``, as a message on the next page. Return what the call returned, or ``None``."""
    try:
        result = call()
    except refusals as error:
        messages.error(request, " ".join(error.messages))
        return None
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do that."))
        return None
    messages.success(request, success)
    return result if result is not None else True


def _action(
    form_class: type[forms.Form] | None,
    anchor: str,
    service: Callable[..., object],
    success: StrOrPromise,
) -> Callable[..., HttpResponse]:
    """A POST-only view that checks a form, passes what it holds to ``service`` for the
    narrative (the form's fields are the service's arguments), and redirects back."""

    @analyst_required
    @require_POST
    def view(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
        narrative = _narrative_or_404(public_id)
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            messages.error(request, form_error_message(form))
        else:
            data = form.cleaned_data if form is not None else {}
            _perform(
                request, lambda: service(user=request.user, narrative=narrative, **data), success
            )
        return redirect(narrative_url(narrative, anchor))

    return view


# The review page's forms: each posts to one service call.
redact_finding = _action(
    FindingForm, "findings", services.redact_finding, gettext_lazy("Redacted the finding.")
)
dismiss_finding = _action(
    DismissFindingForm, "findings", services.dismiss_finding, gettext_lazy("Dismissed the finding.")
)
tag_narrative = _action(
    TagForm, "reasons", services.tag_narrative, gettext_lazy("Saved the reasons for leaving.")
)
mark_excerpt = _action(
    ExcerptForm, "excerpts", services.mark_excerpt, gettext_lazy("Marked the excerpt.")
)
submit_narrative = _action(
    None, "workflow", services.submit_narrative, gettext_lazy("Submitted for review.")
)
approve_narrative = _action(
    None, "workflow", services.approve_narrative, gettext_lazy("Approved the narrative.")
)
request_changes = _action(
    RequestChangesForm,
    "workflow",
    services.request_changes,
    gettext_lazy("Sent the narrative back for changes."),
)


@analyst_required
@require_POST
def remove_excerpt(
    request: AuthenticatedHttpRequest, public_id: str, excerpt_id: str
) -> HttpResponse:
    narrative = _narrative_or_404(public_id)
    excerpt = get_object_or_404(narrative.excerpts, public_id=excerpt_id)
    _perform(
        request,
        lambda: services.remove_excerpt(user=request.user, excerpt=excerpt),
        _("Removed the excerpt."),
    )
    return redirect(narrative_url(narrative, "excerpts"))


def safe_next(request: HttpRequest, value: str, default: str) -> str:
    """The page to go back to after a POST: ``value`` if it is on this site, else ``default``."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default


def assign_with(
    request: AuthenticatedHttpRequest,
    *,
    assign: Callable[..., object],
    claim: Callable[..., object],
    item: dict[str, object],
    refusals: tuple[type[ValidationError], ...],
    default: str,
) -> HttpResponse:
    """Run an assignment form's service call (claim, assign or unassign) for ``item`` and go
    back to the page it was posted from."""
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_message(form))
        return redirect(default)
    data = form.cleaned_data
    if data["claim"]:
        call = lambda: claim(user=request.user, **item)  # noqa: E731
        success = _("You are now its reviewer.")
    else:
        call = lambda: assign(user=request.user, assignee=data["assignee"], **item)  # noqa: E731
        success = _("Saved the reviewer.")
    _perform(request, call, success, refusals)
    return redirect(safe_next(request, data["next"], default))


@analyst_required
@require_POST
def assign_narrative(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    narrative = _narrative_or_404(public_id)
    return assign_with(
        request,
        assign=services.assign_narrative,
        claim=services.claim_narrative,
        item={"narrative": narrative},
        refusals=(NarrativeError,),
        default=narrative_url(narrative),
    )
