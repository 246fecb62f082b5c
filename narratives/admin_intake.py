"""The custodian's admin pages for the vault: the intake form as the admin shows it (pickers,
nothing sensitive pre-set) and the lookup of a record by its external reference.

The reference is looked up through its keyed hash (``narratives.crypto.blind_index``), the
one the vault stores: it is posted, never put in a URL (URLs reach access logs), never
stored, logged or shown back. Each lookup is audited (found or not, never the reference).
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.countries import country_choices
from core.languages import CONTENT_LANGUAGES
from core.models import User
from narratives.intake import IntakeForm
from narratives.models import Narrative, Reason
from narratives.services import find_source_record

CHOOSE = ("", gettext_lazy("Choose…"))


def reason_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The reasons by top-level reason, each group starting with the top-level one."""
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    reasons = Reason.objects.select_related("parent").order_by("position", "name")
    for reason in reasons:
        top = reason.top_level
        group = groups.setdefault(top.pk, (top.name, []))
        label = reason.name if reason.parent_id else _("%(reason)s (any)") % {"reason": reason.name}
        group[1].append((reason.code, label))
    return list(groups.values())


class ReasonPicker(forms.MultipleChoiceField):
    """Ticked reason codes (a value may also list codes separated by ';', as import files
    do)."""

    default_error_messages = {"invalid_choice": gettext_lazy("Not one of the listed reasons.")}

    def to_python(self, value):
        items = super().to_python(value)
        return [code.strip() for item in items for code in item.split(";") if code.strip()]


class MonthInput(forms.TextInput):
    input_type = "month"  # the browser's month picker sends YYYY-MM, as MonthField reads


class CustodianIntakeForm(IntakeForm):
    """The intake form as the custodian's page shows it: every coded value is picked from a
    list, and the person's attributes (language, gender, age band) start empty and must be
    chosen (“Unknown” is a choice), so nothing is filed by default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        picked: dict[str, list[tuple[str, Any]]] = {
            "language": CONTENT_LANGUAGES,
            "source_kind": Narrative.SourceKind.choices,
            "gender": Narrative.Gender.choices,
            "age_band": Narrative.AgeBand.choices,
        }
        for name, choices in picked.items():
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = [CHOOSE, *choices]
            field.required = True
        self.fields["country"] = forms.ChoiceField(
            label=_("Country of origin"),
            choices=country_choices(),
            required=False,
            # Never the value: a misplaced entry could be someone's name.
            error_messages={
                "invalid_choice": _(
                    "Not an ISO 3166-1 alpha-2 country code. Pick the country from the list."
                )
            },
            help_text=_("The country the person comes from; “Unknown” if not known."),
        )
        groups = reason_choices()
        self.fields["reasons"] = ReasonPicker(
            label=_("Reasons for leaving"),
            choices=groups,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Tick every reason the source gives for leaving."),
        )
        self.fields["primary_reason"] = forms.ChoiceField(
            label=_("Primary reason"),
            choices=[("", _("The first one ticked")), *groups],
            required=False,
            help_text=_("The main reason, if the source gives one."),
            error_messages={"invalid_choice": _("Not one of the listed reasons.")},
        )
        for name in ("left", "made_public"):
            self.fields[name].widget = MonthInput()


class ReferenceLookupForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("External reference"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=gettext_lazy(
            "Your own reference for the source, as you filed it (case and spacing do not matter)."
        ),
    )


def find_by_reference(request: HttpRequest, admin_site, opts) -> HttpResponse:
    """Post a reference; go to its vault record, or say none has it (the page's form comes
    back empty: the reference is never echoed)."""
    not_found = False
    if request.method == "POST":
        form = ReferenceLookupForm(request.POST)
        if form.is_valid():
            record = find_source_record(
                user=cast(User, request.user), reference=form.cleaned_data["reference"]
            )
            if record is not None:
                return HttpResponseRedirect(
                    reverse("admin:narratives_sourcerecord_change", args=[record.pk])
                )
            not_found = True
            form = ReferenceLookupForm()
    else:
        form = ReferenceLookupForm()
    context = {
        **admin_site.each_context(request),
        "title": _("Find a vault record by its reference"),
        "form": form,
        "not_found": not_found,
        "opts": opts,
    }
    return TemplateResponse(request, "admin/narratives/find_reference.html", context)
