"""The review UI's translation forms: analysts add, edit and approve excerpt translations.

Each view parses a form, calls one service of ``narratives.services.translations`` and
redirects back to the narrative's page, where the excerpt lists its translations.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.languages import language_choices
from core.types import AuthenticatedHttpRequest
from narratives import services
from narratives.forms import form_error_message
from narratives.models import Excerpt, ExcerptTranslation
from narratives.translations import SavedTranslation, TranslationError
from narratives.views import _narrative_or_404, _perform, analyst_required, narrative_url

TRANSLATION_MAX_LENGTH = 4000


class TranslationForm(forms.Form):
    language = forms.ChoiceField(choices=language_choices, label=gettext_lazy("Language"))
    text = forms.CharField(max_length=TRANSLATION_MAX_LENGTH, label=gettext_lazy("Translation"))


class ApproveTranslationForm(forms.Form):
    version = forms.IntegerField(min_value=1, label=gettext_lazy("Version"))


def _excerpt(public_id: str, excerpt_id: str) -> Excerpt:
    narrative = _narrative_or_404(public_id)
    return get_object_or_404(narrative.excerpts.select_related("narrative"), public_id=excerpt_id)


def _run(
    request: AuthenticatedHttpRequest, call: Callable[[], SavedTranslation], success: str
) -> None:
    """Run a service call (``views._perform``); warn of any detector findings in the text."""
    saved = _perform(request, call, success, refusals=(TranslationError,))
    if isinstance(saved, SavedTranslation) and saved.findings:
        messages.warning(
            request,
            _(
                "The leak scanner sees possible identifiers in it (%(findings)s): check them. "
                "A message quoting it is scanned again before it goes out."
            )
            % {"findings": ", ".join(saved.findings)},
        )


@analyst_required
@require_POST
def save_translation(
    request: AuthenticatedHttpRequest, public_id: str, excerpt_id: str
) -> HttpResponse:
    excerpt = _excerpt(public_id, excerpt_id)
    form = TranslationForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_message(form))
    else:
        _run(
            request,
            lambda: services.save_excerpt_translation(
                user=request.user,
                excerpt=excerpt,
                language=form.cleaned_data["language"],
                text=form.cleaned_data["text"],
            ),
            _("Saved the translation. Another analyst must approve it before it is quoted."),
        )
    return redirect(narrative_url(excerpt.narrative, excerpt.public_id))


@analyst_required
@require_POST
def approve_translation(
    request: AuthenticatedHttpRequest, public_id: str, excerpt_id: str, language: str
) -> HttpResponse:
    excerpt = _excerpt(public_id, excerpt_id)
    translation = ExcerptTranslation.objects.filter(excerpt=excerpt, language=language).first()
    form = ApproveTranslationForm(request.POST)
    current = translation and translation.versions.values_list("number", flat=True).first()
    if translation is None:
        messages.error(request, _("There is no translation in that language to approve: add one."))
    elif not form.is_valid():
        messages.error(request, form_error_message(form))
    elif form.cleaned_data["version"] != current:
        messages.error(
            request,
            _("The translation changed since you opened it: read it again, then approve."),
        )
    else:
        found: ExcerptTranslation = translation
        _run(
            request,
            lambda: services.approve_translation(user=request.user, translation=found),
            _("Approved the translation: messages in that language may quote it now."),
        )
    return redirect(narrative_url(excerpt.narrative, excerpt.public_id))
