from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.models import Message
from core.languages import CONTENT_LANGUAGES


class MessageQueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *Message.Status.choices], required=False
    )
    language = forms.ChoiceField(
        choices=[("", _("Any language")), *CONTENT_LANGUAGES], required=False
    )
    mine = forms.BooleanField(required=False, label=_("Assigned to me"))
    page = forms.IntegerField(min_value=1, required=False)

    # How a notice names a value it ignored (the review queue's words).
    FIELD_NAMES = {
        "status": _("status"),
        "language": _("language"),
        "mine": _("assigned to me"),
        "page": _("page number"),
    }

    def filters(self) -> tuple[dict, int, list[str]]:
        """Return the valid filters, the page number, and a notice for each value ignored."""
        notices = []
        if self.is_valid():
            data = self.cleaned_data
        else:
            data = {
                name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
            }
            notices = [
                gettext("The %(field)s given was not understood and has been ignored.")
                % {"field": self.FIELD_NAMES[name]}
                for name in self.errors
            ]
        filters = {
            "status": data.get("status") or None,
            "language": data.get("language") or None,
            "mine": bool(data.get("mine")),
        }
        return filters, data.get("page") or 1, notices


class MessageFindingForm(forms.Form):
    field = forms.CharField(max_length=100)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    reason = forms.CharField(max_length=2000, widget=forms.Textarea)


class MessageCommentForm(forms.Form):
    comment = forms.CharField(max_length=5000, widget=forms.Textarea)
