"""The review UI's revision pages: a narrative's revisions (and its excerpts' and their
translations'), the compare of two, and the revert (through ``services``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import revisions
from core.languages import is_rtl
from core.models import Revision
from core.types import AuthenticatedHttpRequest
from narratives import services
from narratives.egress import gate_summary
from narratives.models import Excerpt, ExcerptTranslation, Narrative
from narratives.views import _narrative_or_404, _perform, analyst_required

# The revisioned fields that hold words (a translation's language code is not scanned).
TEXTS = ("title", "text")


@dataclass(frozen=True)
class RevisionGroup:
    """The revisions of one object on the page, and whether it can be reverted here."""

    key: str
    heading: str
    obj: Model
    rows: list[revisions.RevisionRow]
    revertible: bool
    language: str


def _objects(narrative: Narrative) -> list[Model]:
    """The narrative, its excerpts (retired ones too: their words were the person's) and
    their translations, whose revisions this narrative's pages show."""
    excerpts = list(narrative.excerpts.order_by("start", "pk"))
    translations = list(
        ExcerptTranslation.objects.filter(excerpt__in=excerpts).order_by("excerpt_id", "language")
    )
    return [narrative, *excerpts, *translations]


def _heading(obj: Model) -> tuple[str, str, bool, str]:
    """The group's anchor, heading, whether it is revertible here, and its text's language."""
    if isinstance(obj, Narrative):
        return "narrative", _("The narrative"), True, obj.language
    if isinstance(obj, Excerpt):
        return (
            obj.public_id,
            _("Excerpt %(id)s") % {"id": obj.public_id},
            False,
            obj.narrative.language,
        )
    obj = cast(ExcerptTranslation, obj)  # _objects lists only these three
    return (
        f"{obj.excerpt.public_id}-{obj.language}",
        _("Translation of %(id)s into %(language)s")
        % {"id": obj.excerpt.public_id, "language": obj.get_language_display()},
        True,
        obj.language,
    )


@analyst_required
@require_GET
def narrative_revisions(request: HttpRequest, public_id: str) -> HttpResponse:
    narrative = _narrative_or_404(public_id)
    groups = []
    for obj in _objects(narrative):
        key, heading, revertible, language = _heading(obj)
        found = revisions.rows(obj)
        if found or obj is narrative:
            groups.append(RevisionGroup(key, heading, obj, found, revertible, language))
    return render(
        request,
        "review/revisions.html",
        {
            "narrative": narrative,
            "groups": groups,
            "editable": narrative.status in services.EDITABLE,
        },
    )


@analyst_required
@require_GET
def compare_revisions(request: HttpRequest, public_id: str) -> HttpResponse:
    narrative = _narrative_or_404(public_id)
    objects = _objects(narrative)
    try:
        older = revisions.revision_among(objects, request.GET.get("a"))
        newer = revisions.revision_among(objects, request.GET.get("b"))
    except Revision.DoesNotExist:
        raise Http404(_("No such revision of this narrative.")) from None
    if (older.content_type_id, older.object_id) != (newer.content_type_id, newer.object_id):
        raise Http404(_("Those two revisions are of different texts: compare revisions of one."))
    if older.number > newer.number:
        older, newer = newer, older
    model = revisions.model_of(older)
    obj = next(o for o in objects if revisions.belongs_to(older, o))
    _key, heading, revertible, language = _heading(obj)
    old_values, new_values = revisions.values(older), revisions.values(newer)
    return render(
        request,
        "review/revisions_compare.html",
        {
            "narrative": narrative,
            "heading": heading,
            "older": older,
            "newer": newer,
            "comparison": revisions.compare(model, old_values, new_values),
            "gate": [gate_summary(old_values, TEXTS), gate_summary(new_values, TEXTS)],
            "language": language,
            "rtl": is_rtl(language),
            "revertible": revertible and narrative.status in services.EDITABLE,
        },
    )


@analyst_required
@require_POST
def revert_revision(
    request: AuthenticatedHttpRequest, public_id: str, revision_id: int
) -> HttpResponse:
    narrative = _narrative_or_404(public_id)
    revision = get_object_or_404(Revision.objects.select_related("content_type"), pk=revision_id)
    back = reverse("review:revisions", args=[narrative.public_id])
    target = next((o for o in _objects(narrative) if revisions.belongs_to(revision, o)), None)
    if isinstance(target, Excerpt):
        messages.error(
            request,
            _(
                "An excerpt follows the narrative's text: revert the narrative to bring back "
                "its earlier words."
            ),
        )
        return redirect(back)
    if isinstance(target, ExcerptTranslation):
        translation: ExcerptTranslation = target
        _perform(
            request,
            lambda: services.revert_translation(
                user=request.user, translation=translation, revision=revision
            ),
            _(
                "Reverted the translation to revision %(number)s: it awaits another "
                "analyst's approval."
            )
            % {"number": revision.number},
            refusals=(ValidationError,),
        )
        return redirect(back)
    # The narrative's, or another object's: the service refuses the latter, saying why.
    _perform(
        request,
        lambda: services.revert_narrative(
            user=request.user, narrative=narrative, revision=revision
        ),
        _(
            "Reverted the narrative to revision %(number)s: it goes through review again, "
            "and another analyst approves it."
        )
        % {"number": revision.number},
        refusals=(ValidationError,),
    )
    return redirect(back)
