"""The analysts' side of experiments: the plans waiting for approval, and one page per
experiment to read the plan and its history and approve it or send it back (four eyes).
Editors plan experiments in the admin; analysts, who do not use the admin, review them here.
Views call services only."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from campaigns.experiments import report, selectors, services
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


def report_url(experiment: Experiment) -> str:
    return reverse("message_review:experiment_report", args=[experiment.public_id])


def experiment_reader_required(view: Callable) -> Callable:
    """Let in whoever may view experiments (analysts, editors, superusers); send anonymous
    users to log in, refuse everyone else."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.has_perm("campaigns.view_experiment"):
            raise PermissionDenied(_("The experiment report is for editors and analysts."))
        return view(request, *args, **kwargs)

    return wrapper


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


@experiment_reader_required
@require_GET
def experiment_report(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    """The report: the pre-registered plan, its history, the charts and the verdict.
    ``?print=1`` is the printable page (no navigation)."""
    experiment = _experiment_or_404(public_id)
    printable = request.GET.get("print") == "1"
    return render(
        request,
        "review/experiments/report.html",
        {
            "report": report.build_report(experiment),
            "experiment": experiment,
            "printable": printable,
            "base_template": "review/experiments/print_base.html" if printable else "base.html",
        },
    )


@experiment_reader_required
@require_GET
def experiment_report_csv(request: AuthenticatedHttpRequest, public_id: str) -> HttpResponse:
    """The daily counts per variant as CSV, small outcome counts written "< k"."""
    experiment = _experiment_or_404(public_id)
    response = HttpResponse(report.report_csv(experiment), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.csv_filename(experiment)}"'
    response["Cache-Control"] = "private, no-store"
    return response
