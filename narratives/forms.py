"""Forms of the analysts' review UI: they parse and check input; the services decide."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.languages import CONTENT_LANGUAGES
from core.models import User
from narratives.models import Narrative, Reason

QUEUE_PAGE_SIZE = 50


class QueueFilterForm(forms.Form):
    """The review queue's filters. Invalid values are reported and ignored, never fatal."""

    status = forms.ChoiceField(
        required=False, choices=[("", _("Any status")), *Narrative.Status.choices]
    )
    reason = forms.ChoiceField(required=False, label=_("Reason for leaving"))
    language = forms.ChoiceField(
        required=False, choices=[("", _("Any language")), *CONTENT_LANGUAGES]
    )
    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    mine = forms.BooleanField(required=False, label=_("Assigned to me"))
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000)

    FIELD_NAMES = {
        "status": _("status"),
        "reason": _("reason"),
        "language": _("language"),
        "q": _("search"),
        "mine": _("assigned to me"),
        "page": _("page number"),
    }

    def __init__(self, *args, reasons: list[Reason], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", gettext("Any reason"))]
        for reason in reasons:
            choices.append((reason.code, reason.name))
            choices.extend((child.code, f"— {child.name}") for child in reason.children.all())
        cast(forms.ChoiceField, self.fields["reason"]).choices = choices

    def filters(self) -> tuple[dict, int, list[str]]:
        """Return the valid filters, the page number, and a notice for each ignored value."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        notices = [
            gettext("The %(field)s given was not understood and has been ignored.")
            % {"field": self.FIELD_NAMES[name]}
            for name in self.errors
        ]
        filters = {
            "status": values["status"] or None,
            "reason": values["reason"] or None,
            "language": values["language"] or None,
            "search": (values["q"] or "").strip() or None,
            "mine": bool(values["mine"]),
        }
        return filters, values["page"] or 1, notices


class FindingForm(forms.Form):
    """One scanner finding, named by its code-point offsets in the current text."""

    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=0)


class DismissFindingForm(FindingForm):
    # Whether the reason is good enough is the service's rule; the form only carries it.
    reason = forms.CharField(required=False, max_length=1000, label=_("Why it is not identifying"))


class TagForm(forms.Form):
    reasons = forms.ModelMultipleChoiceField(queryset=Reason.objects.all(), required=False)
    primary = forms.ModelChoiceField(
        queryset=Reason.objects.all(),
        error_messages={"required": _("Choose the primary reason for leaving.")},
    )


class ExcerptForm(forms.Form):
    """A span of the text, in code points, as the page's script or the user typed it."""

    start = forms.IntegerField(min_value=0, label=_("From character"))
    end = forms.IntegerField(min_value=0, label=_("To character"))
    reasons = forms.ModelMultipleChoiceField(queryset=Reason.objects.all(), required=False)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end <= start:
            raise forms.ValidationError(_("Select a part of the narrative's text first."))
        return cleaned


def _unify_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class EditNarrativeForm(forms.Form):
    title = forms.CharField(max_length=200)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 18}), strip=False)

    def __init__(self, *args, narrative: Narrative, **kwargs):
        self.narrative = narrative
        kwargs.setdefault("initial", {"title": narrative.title, "text": narrative.text})
        super().__init__(*args, **kwargs)

    def clean_text(self) -> str:
        # Browsers send a textarea's line breaks as CRLF whatever they were. Saving that as is
        # would count as a change of every line (and shift every offset), so the text is
        # unchanged unless something other than line-break style changed.
        text = self.cleaned_data["text"]
        if _unify_newlines(text) == _unify_newlines(self.narrative.text):
            return self.narrative.text
        return _unify_newlines(text)


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


def form_error_message(form: forms.Form) -> str:
    """Return a form's errors as one sentence-per-error message for the page."""
    parts: list[str] = []
    for field, errors in form.errors.items():
        label = form[field].label if field in form.fields else None
        parts.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return " ".join(parts)


class AssignForm(forms.Form):
    """Who reviews an item in review: an analyst, nobody (blank), or oneself (``claim``)."""

    assignee = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label=_("Reviewer")
    )
    claim = forms.BooleanField(required=False)
    next = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any active user may be named: the service refuses whoever is not an analyst.
        cast(forms.ModelChoiceField, self.fields["assignee"]).queryset = User.objects.filter(
            is_active=True
        )
