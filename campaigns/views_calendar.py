"""The publishing calendar page, for editors and analysts alike (read only).

Running experiments link to their review page for analysts, and to their admin page for
editors, who plan them there; someone who may open neither sees their ids only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from functools import wraps

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from campaigns import calendar
from campaigns.models import Campaign
from core.languages import CONTENT_LANGUAGES
from core.roles import ANALYST, EDITOR, has_role

SPAN_CHOICES = [("week", _("Week")), ("day", _("Day")), ("four_weeks", _("Four weeks"))]


class CalendarFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    span = forms.ChoiceField(label=_("Show"), choices=SPAN_CHOICES, required=False)
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.order_by("name"),
        required=False,
        empty_label=_("Any campaign"),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *CONTENT_LANGUAGES], required=False
    )


def experiment_link(user) -> str | None:
    """Where the calendar links an experiment for ``user``: "review", "admin" or nowhere."""
    if user.is_superuser or has_role(user, ANALYST):
        return "review"
    if user.is_staff and user.has_perm("campaigns.view_experiment"):
        return "admin"
    return None


def _experiment_url(experiment: calendar.ExperimentDay, link: str | None) -> str:
    """The experiment's page for the one reading the calendar, or none."""
    if link == "review":
        return reverse("message_review:experiment", args=[experiment.public_id])
    if link == "admin":
        return reverse("admin:campaigns_experiment_change", args=[experiment.pk])
    return ""


def staff_required(view: Callable) -> Callable:
    """Editors, analysts and superusers; anonymous users log in first."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_superuser or has_role(user, ANALYST, EDITOR)):
            raise PermissionDenied(gettext("The publishing calendar is for editors and analysts."))
        return view(request, *args, **kwargs)

    return wrapper


@staff_required
@require_GET
def publishing_calendar(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET)
    form.is_valid()  # the valid values are used; an invalid one is ignored, and said so
    data = form.cleaned_data
    notices = [
        gettext("Ignored an invalid %(field)s.") % {"field": form.fields[name].label}
        for name in form.errors
    ]
    first = data.get("start") or timezone.localdate()
    span = data.get("span") or "week"
    campaign = data.get("campaign")
    weeks = calendar.build(
        first,
        span,
        campaign_id=campaign.pk if campaign else None,
        language=data.get("language") or None,
    )
    link = experiment_link(request.user)
    for week in weeks:
        for day in week.days:
            day.experiments = [replace(e, url=_experiment_url(e, link)) for e in day.experiments]
    step = calendar.SPANS[span]
    start, _ = calendar.window(first, span)
    return render(
        request,
        "review/messages/calendar.html",
        {
            "form": form,
            "notices": notices,
            "weeks": weeks,
            "span": span,
            "today": timezone.localdate(),
            "previous": start.date() - timedelta(days=step),
            "next": start.date() + timedelta(days=step),
            "time_zone": timezone.get_current_timezone_name(),
        },
    )
