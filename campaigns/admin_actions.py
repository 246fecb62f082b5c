"""The message changelist's bulk actions: submit, schedule, unschedule and withdraw many
messages at once, each through its service, each result reported on its own line.

Schedule and withdraw ask for what the service needs first (the times, the reason) on an
intermediate page, as Django's own delete confirmation does; nothing changes until that form
is posted back valid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from campaigns import services
from campaigns.models import Message

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class BulkScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(label=gettext_lazy("Publish at"), widget=DATETIME_WIDGET)
    unpublish_at = forms.DateTimeField(
        label=gettext_lazy("Unpublish at"), required=False, widget=DATETIME_WIDGET
    )


class BulkWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why are these messages withdrawn?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def run_each(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Message],
    call: Callable[[Message], Any],
) -> tuple[int, int]:
    """Call the service on each message in turn; report each result; return (done, refused).

    Each call is its own transaction (the services are atomic), so one refusal leaves the
    others done.
    """
    done = refused = 0
    for message in queryset.order_by("pk"):
        label = f"{message.public_id} “{message.headline}”"
        try:
            call(message)
        except (services.MessageError, PermissionDenied) as exc:
            text = exc.messages[0] if hasattr(exc, "messages") else str(exc)
            modeladmin.message_user(
                request,
                _("%(message)s: %(refusal)s") % {"message": label, "refusal": text},
                messages.ERROR,
            )
            refused += 1
            continue
        message.refresh_from_db(fields=["status"])
        modeladmin.message_user(
            request,
            _("%(message)s: now %(status)s.")
            % {"message": label, "status": message.get_status_display().lower()},
            messages.SUCCESS,
        )
        done += 1
    return done, refused


def ask_first(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Message],
    form_class: type[forms.Form],
    title: str,
    button: str,
) -> tuple[forms.Form | None, TemplateResponse | None]:
    """The intermediate step: the valid form once posted back, or the page that asks."""
    if "apply" in request.POST:
        form = form_class(request.POST)
        if form.is_valid():
            return form, None
    else:
        form = form_class()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "button": button,
        "form": form,
        "queryset": queryset.order_by("pk"),
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "time_zone": timezone.get_current_timezone_name(),
    }
    return None, TemplateResponse(request, "admin/campaigns/message/bulk_action.html", context)


@admin.action(
    description=gettext_lazy("Submit selected messages for review"), permissions=["change"]
)
def submit_selected(modeladmin, request, queryset):
    user = request.user
    run_each(modeladmin, request, queryset, lambda m: services.submit_message(user=user, message=m))


def ask_then_run(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Message],
    form_class: type[forms.Form],
    labels: tuple[str, str],
    service: Callable[[Message, dict], Any],
) -> TemplateResponse | None:
    """Ask for what ``service`` needs (``labels``: the page's title and button), then call
    it on each message with the form's cleaned data."""
    form, page = ask_first(modeladmin, request, queryset, form_class, *labels)
    if form is None:
        return page
    data = form.cleaned_data
    run_each(modeladmin, request, queryset, lambda m: service(m, data))
    return None


@admin.action(description=gettext_lazy("Schedule selected messages…"), permissions=["schedule"])
def schedule_selected(modeladmin, request, queryset):
    return ask_then_run(
        modeladmin,
        request,
        queryset,
        BulkScheduleForm,
        # The button's verb, not the form's "Schedule" fieldset (a noun in French and Arabic).
        (_("Schedule messages"), pgettext("button", "Schedule")),
        lambda m, data: services.schedule_message(
            user=request.user,
            message=m,
            publish_at=data["publish_at"],
            unpublish_at=data["unpublish_at"],
        ),
    )


@admin.action(description=gettext_lazy("Unschedule selected messages"), permissions=["schedule"])
def unschedule_selected(modeladmin, request, queryset):
    user = request.user
    run_each(
        modeladmin, request, queryset, lambda m: services.unschedule_message(user=user, message=m)
    )


@admin.action(description=gettext_lazy("Withdraw selected messages…"), permissions=["withdraw"])
def withdraw_selected(modeladmin, request, queryset):
    return ask_then_run(
        modeladmin,
        request,
        queryset,
        BulkWithdrawForm,
        (_("Withdraw messages"), _("Withdraw now")),
        lambda m, data: services.withdraw_message(
            user=request.user, message=m, reason=data["reason"]
        ),
    )


class MessageActionsMixin:
    """The permissions the actions above name (``change`` is the admin's own): an action is
    offered only to whom the workflow allows its step."""

    def has_schedule_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(services.MESSAGE_WORKFLOW.by_name["schedule"].permission)

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(services.MESSAGE_WORKFLOW.by_name["withdraw"].permission)


MESSAGE_ACTIONS = [submit_selected, schedule_selected, unschedule_selected, withdraw_selected]
