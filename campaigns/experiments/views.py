"""The analysts' side of experiments: the plans waiting for approval, and one page per
experiment to read the plan and its history and approve it or send it back (four eyes).
Editors plan experiments in the admin; analysts, who do not use the admin, review them here.
Views call services only."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from campaigns.experiments import selectors, services
from campaigns.experiments.models import Experiment
from core.types import AuthenticatedHttpRequest
from narratives.forms import form_error_message
from narratives.views import analyst_required

QUEUE_LIMIT = 200


class ExperimentCommentForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("What needs to change?"), max_length=5000, widget=forms.Textarea
    )


def _experiment_or_404(public_id: str) -> Experiment:
    return get_object_or_404(
        Experiment.objects.select_related("campaign", "author", "approved_by"),
        public_id=public_id,
    )


def experiment_url(experiment: Experiment) -> str:
    return reverse("message_review:experiment", args=[experiment.public_id])


@analyst_required
@require_GET
def experiment_queue(request: HttpRequest) -> HttpResponse:
    shown = (Experiment.Status.IN_REVIEW, Experiment.Status.RUNNING)
    experiments = (
        Experiment.objects.filter(status__in=shown)
        .select_related("campaign", "author")
        .order_by("status", "-updated_at")[:QUEUE_LIMIT]
    )
    return render(request, "review/experiments/queue.html", {"experiments": experiments})


@analyst_required
@require_GET
def experiment_detail(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    experiment = _experiment_or_404(public_id)
    workflow = services.EXPERIMENT_WORKFLOW
    may_review = experiment.status == Experiment.Status.IN_REVIEW and workflow.permits(
        request.user, "approve"
    )
    return render(
        request,
        "review/experiments/detail.html",
        {
            "experiment": experiment,
            "variants": list(selectors.experiment_variants(experiment)),
            "history": list(selectors.experiment_history(experiment)),
            "may_review": may_review,
            "form": ExperimentCommentForm(),
        },
    )


def _run(request: HttpRequest, experiment: Experiment, call, success: str) -> HttpResponse:
    try:
        call()
    except services.ExperimentError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You may not do that."))
    else:
        messages.success(request, success)
    return redirect(experiment_url(experiment))


@analyst_required
@require_POST
def approve_experiment(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    experiment = _experiment_or_404(public_id)
    return _run(
        request,
        experiment,
        lambda: services.approve_experiment(user=request.user, experiment=experiment),
        _("Approved. The editor can now start the experiment."),
    )


@analyst_required
@require_POST
def send_back_experiment(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    experiment = _experiment_or_404(public_id)
    form = ExperimentCommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_message(form))
        return redirect(experiment_url(experiment))
    return _run(
        request,
        experiment,
        lambda: services.send_back_experiment(
            user=request.user, experiment=experiment, comment=form.cleaned_data["comment"]
        ),
        _("Sent back to the editor with your comment."),
    )
