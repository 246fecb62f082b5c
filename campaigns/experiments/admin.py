"""The experiments' admin: editors plan an experiment and its variants, then take it through
its workflow with one page per step (a comment where the step needs one), each a service
call. The plan is read-only once submitted and for good once started."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.experiments import selectors, services
from campaigns.experiments.models import Experiment, OutcomeCode, Variant
from campaigns.models import Message
from core.admin_access import LabelledTabularInline
from core.types import AuthenticatedHttpRequest

# Where the admin's form may change the plan (the services allow an approved plan too, and
# send it back to review).
FORM_EDITABLE = frozenset(
    {Experiment.Status.DRAFT, Experiment.Status.CHANGES_REQUESTED, Experiment.Status.APPROVED}
)
PLAN_FORM_FIELDS = ["campaign", *services.PLAN_FIELDS]
SHOWN_FIELDS = [
    "public_id",
    "status",
    "planned_units",
    "expected_days",
    "author",
    "approved_by",
    "approved_at",
    "started_at",
    "stopped_at",
    "stop_reason",
]
# The steps the change page offers, each with its page; the review steps are the analysts'.
STEPS = ("submit", "approve", "request_changes", "start", "amend", "stop")


class ExperimentForm(forms.ModelForm):
    secondary_outcomes = forms.MultipleChoiceField(
        label=gettext_lazy("secondary outcomes"),
        choices=OutcomeCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Experiment
        fields = PLAN_FORM_FIELDS

    def clean(self):
        cleaned = super().clean() or {}
        planned = Experiment(
            baseline_rate=cleaned.get("baseline_rate", self.instance.baseline_rate),
            min_effect=cleaned.get("min_effect", self.instance.min_effect),
        )
        try:
            services.check_plan_numbers(planned)
        except services.ExperimentError as exc:
            raise forms.ValidationError(exc.messages) from None
        return cleaned


class VariantFormSet(forms.BaseInlineFormSet):
    """Refuse, on the form, a message a variant may not show (the service checks it too)."""

    def clean(self):
        super().clean()
        experiment = self.instance
        if experiment.campaign_id is None:
            return
        for form in self.forms:
            message = getattr(form, "cleaned_data", {}).get("message")
            if not isinstance(message, Message) or form in self.deleted_forms:
                continue  # none chosen, or a read-only row
            try:
                services.check_message(experiment, message)
            except services.ExperimentError as exc:
                form.add_error("message", exc.messages)


class StepForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class AmendForm(forms.Form):
    question = forms.CharField(label=gettext_lazy("question"), widget=forms.Textarea)
    hypothesis = forms.CharField(
        label=gettext_lazy("hypothesis"), required=False, widget=forms.Textarea
    )
    planned_end = forms.DateField(
        label=gettext_lazy("planned end"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    comment = forms.CharField(
        label=gettext_lazy("Why is it amended?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class VariantInline(LabelledTabularInline):
    model = Variant
    formset = VariantFormSet
    extra = 0
    max_num = 4
    fields = ["position", "message", "weight", "key"]
    readonly_fields = ["key"]
    ordering = ["position", "pk"]
    verbose_name_plural = gettext_lazy(
        "Variants (two to four approved messages of the campaign; position 0 is the control)"
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "message":
            kwargs["queryset"] = Message.objects.filter(
                status__in=services.USABLE_MESSAGE_STATUSES
            ).select_related("campaign")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _editable(self, obj: Experiment | None) -> bool:
        return obj is None or obj.status in FORM_EDITABLE

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ExperimentAdmin(admin.ModelAdmin):
    form = ExperimentForm
    change_form_template = "admin/campaigns/experiment/change_form.html"
    list_display = ["public_id", "campaign", "status", "primary_outcome", "started_at"]
    list_filter = ["status", ("campaign", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["public_id", "campaign__name"]
    list_select_related = ["campaign"]
    autocomplete_fields = ["campaign"]
    readonly_fields = SHOWN_FIELDS
    fieldsets = [
        (None, {"fields": ["campaign", "question", "hypothesis"]}),
        (
            gettext_lazy("Plan"),
            {
                "fields": [
                    "primary_outcome",
                    "secondary_outcomes",
                    ("baseline_rate", "min_effect"),
                    ("planned_units", "expected_days"),
                    "allocation",
                    "planned_end",
                ]
            },
        ),
        (
            gettext_lazy("Status"),
            {
                "fields": [
                    "public_id",
                    "status",
                    ("author", "approved_by", "approved_at"),
                    ("started_at", "stopped_at"),
                    "stop_reason",
                ]
            },
        ),
    ]
    inlines = [VariantInline]

    def has_delete_permission(self, request, obj=None):
        # An experiment is stopped, never deleted: its plan and history stay.
        return False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status not in FORM_EDITABLE:
            fields += PLAN_FORM_FIELDS
        elif obj is not None:
            fields.append("campaign")  # its variants are the campaign's messages
        return fields

    # --- Saving through the services ---------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The admin's transaction rolls the whole save back on a refusal; say why, and show
        # the page again.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.ExperimentError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            created = services.create_experiment(
                user=request.user,
                campaign=data["campaign"],
                question=data["question"],
                hypothesis=data.get("hypothesis", ""),
                primary_outcome=data["primary_outcome"],
                secondary_outcomes=data.get("secondary_outcomes") or [],
                baseline_rate=data.get("baseline_rate"),
                min_effect=data.get("min_effect"),
                allocation=data.get("allocation") or Experiment.Allocation.OURS,
                planned_end=data.get("planned_end"),
            )
            form.instance = created
            obj.pk, obj.public_id = created.pk, created.public_id
            return
        changes = {
            name: data[name]
            for name in form.changed_data
            if name in services.PLAN_FIELDS and name in data
        }
        if changes:
            services.update_experiment_plan(user=request.user, experiment=obj, changes=changes)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Variant:
            return super().save_formset(request, form, formset, change)
        experiment = Experiment.objects.get(pk=form.instance.pk)
        user = request.user
        # What the admin's own history says was done (construct_change_message reads these).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.deleted_forms:
            if row.instance.pk is not None:
                formset.deleted_objects.append(row.instance)
                services.remove_variant(user=user, variant=row.instance)
        for row in formset.forms:
            if row in formset.deleted_forms or not row.has_changed():
                continue
            data = row.cleaned_data
            if row.instance.pk is None:
                variant = services.add_variant(
                    user=user,
                    experiment=experiment,
                    message=data["message"],
                    weight=data.get("weight") or 1,
                )
                if "position" in row.changed_data:
                    services.change_variant(user=user, variant=variant, position=data["position"])
                formset.new_objects.append(variant)
            else:
                formset.changed_objects.append((row.instance, row.changed_data))
                services.change_variant(
                    user=user,
                    variant=row.instance,
                    weight=data.get("weight"),
                    message=data.get("message"),
                    position=data.get("position"),
                )
        return None

    # --- The workflow's steps ----------------------------------------------------------------

    def get_urls(self):
        step = path(
            "<path:object_id>/step/<str:step>/",
            self.admin_site.admin_view(self.step_view),
            name="campaigns_experiment_step",
        )
        return [step, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["experiment_steps"] = [
                (reverse("admin:campaigns_experiment_step", args=[obj.pk, name]), label)
                for name, label in self.offered_steps(request, obj)
            ]
            context["experiment_history"] = list(selectors.experiment_history(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def offered_steps(
        self, request: AuthenticatedHttpRequest, obj: Experiment
    ) -> list[tuple[str, str]]:
        """The steps this user may take from the experiment's status, with their labels."""
        workflow = services.EXPERIMENT_WORKFLOW
        offered = [
            (step.name, _(step.label))
            for step in workflow.steps_from(obj.status, among=STEPS)
            if workflow.permits(request.user, step.name)
        ]
        if obj.status == Experiment.Status.RUNNING and request.user.has_perm(
            services.CHANGE_PERMISSION
        ):
            offered.insert(0, ("amend", _("Amend (with a reason)")))
        return offered

    def step_view(
        self, request: AuthenticatedHttpRequest, object_id: str, step: str
    ) -> HttpResponse:
        """One step: GET asks (for a comment where the step takes one), POST takes it."""
        experiment = self.get_object(request, object_id)
        if experiment is None or step not in STEPS:
            raise PermissionDenied
        if not self.has_view_permission(request, experiment):
            raise PermissionDenied
        workflow = services.EXPERIMENT_WORKFLOW
        if step != "amend" and not workflow.permits(request.user, step):
            raise PermissionDenied
        change_url = reverse("admin:campaigns_experiment_change", args=[experiment.pk])
        amending = step == "amend"
        form_class: type[forms.Form] = AmendForm if amending else StepForm
        if request.method == "POST":
            form = form_class(request.POST)
            if form.is_valid():
                try:
                    self._take_step(request, experiment, step, form.cleaned_data)
                except services.ExperimentError as exc:
                    self.message_user(request, " ".join(exc.messages), messages.ERROR)
                else:
                    experiment.refresh_from_db()
                    self.message_user(
                        request,
                        _("The experiment is now %(status)s.")
                        % {"status": experiment.get_status_display().lower()},
                    )
                    return HttpResponseRedirect(change_url)
        elif amending:
            form = AmendForm(
                initial={
                    "question": experiment.question,
                    "hypothesis": experiment.hypothesis,
                    "planned_end": experiment.planned_end,
                }
            )
        else:
            form = StepForm()
        row = workflow.by_name.get(step)
        title = _(row.label) if row is not None else _("Amend (with a reason)")
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "button": title,
            "form": form,
            "needs_comment": bool(row is not None and row.reason_needed) or amending,
            "experiment": experiment,
            "opts": self.model._meta,
            "original": experiment,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/campaigns/experiment/step.html", context)

    def _take_step(
        self,
        request: AuthenticatedHttpRequest,
        experiment: Experiment,
        step: str,
        data: dict[str, Any],
    ) -> None:
        user = request.user
        comment = data.get("comment", "")
        calls: dict[str, Callable[[], object]] = {
            "submit": lambda: services.submit_experiment_for_approval(
                user=user, experiment=experiment
            ),
            "approve": lambda: services.approve_experiment(user=user, experiment=experiment),
            "request_changes": lambda: services.send_back_experiment(
                user=user, experiment=experiment, comment=comment
            ),
            "start": lambda: services.start_experiment(user=user, experiment=experiment),
            "stop": lambda: services.stop_experiment(
                user=user, experiment=experiment, reason=comment
            ),
            "amend": lambda: services.amend_running_experiment(
                user=user, experiment=experiment, reason=comment, changes=amended(experiment, data)
            ),
        }
        calls[step]()


def amended(experiment: Experiment, data: dict[str, Any]) -> dict[str, Any]:
    """The amendable fields the amendment form changed (a blank hypothesis left blank is none)."""
    changes = {}
    for name in services.AMENDABLE_FIELDS:
        value = data.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value != getattr(experiment, name) and not (
            value in ("", None) and not getattr(experiment, name)
        ):
            changes[name] = value
    return changes


admin.site.register(Experiment, ExperimentAdmin)
