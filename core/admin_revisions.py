"""Revisions in the admin: the history page lists them, compares two, and reverts to one.

A model admin mixes in :class:`RevisionHistoryMixin` and says which objects its history
page covers (``revisioned_objects``: an excerpt and its translations, say), what a stored
value may show (``shown_value``: a related row's name, vault values masked) and how a revert
is done (``revert_revision``: a service call, which sends the object back through review).
Nothing here writes a revision: the services do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import revisions
from core.models import Revision

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

    _Base = admin.ModelAdmin
else:
    _Base = object


@dataclass(frozen=True)
class AdminRevisionGroup:
    heading: StrOrPromise
    rows: list[revisions.RevisionRow]
    revertible: bool


class RevisionHistoryMixin(_Base):
    object_history_template = "admin/revisions/object_history.html"

    def revisioned_objects(self, obj: Any) -> list[tuple[StrOrPromise, Model, bool]]:
        """The objects whose revisions the history page shows: (heading, object, whether a
        revert is offered)."""
        return [(obj._meta.verbose_name, obj, True)]

    def shown_value(self, obj: Model, name: str, value: str) -> str:
        """What the page may show of a stored value."""
        return value

    def gate(self, target: Model, values: dict[str, str]) -> object | None:
        """What the leak check finds in one revision's texts (categories and counts only),
        shown under the compare; ``None``: nothing shown."""
        return None

    def revert_revision(self, request: HttpRequest, target: Model, revision: Revision) -> str:
        """Revert ``target`` to ``revision`` through its service; return the success message."""
        raise PermissionDenied(_("These revisions cannot be reverted here."))

    def _urlname(self, view: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self) -> list:
        wrap: Callable = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_revisions_view),
                name=self._urlname("compare_revisions"),
            ),
            path(
                "<path:object_id>/history/<int:revision_id>/revert/",
                wrap(require_POST(self.revert_revision_view)),
                name=self._urlname("revert_revision"),
            ),
            *super().get_urls(),
        ]

    def _object_or_404(self, request: HttpRequest, object_id: str) -> Any:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such object: it may have been deleted or never existed."))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if obj is not None and self.has_view_or_change_permission(request, obj):
            may_change = self.has_change_permission(request, obj)
            context["revision_groups"] = [
                AdminRevisionGroup(heading, revisions.rows(target), revertible and may_change)
                for heading, target, revertible in self.revisioned_objects(obj)
            ]
            context["compare_url"] = reverse(
                f"admin:{self._urlname('compare_revisions')}", args=[obj.pk]
            )
            context["revert_urlname"] = f"admin:{self._urlname('revert_revision')}"
        return super().history_view(request, object_id, context)

    def compare_revisions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self._object_or_404(request, object_id)
        targets = self.revisioned_objects(obj)
        objects = [target for _, target, _ in targets]
        try:
            older = revisions.revision_among(objects, request.GET.get("a"))
            newer = revisions.revision_among(objects, request.GET.get("b"))
        except Revision.DoesNotExist:
            raise Http404(_("No such revision of this object.")) from None
        if (older.content_type_id, older.object_id) != (newer.content_type_id, newer.object_id):
            raise Http404(
                _("Those two revisions are of different objects: compare revisions of one.")
            )
        if older.number > newer.number:
            older, newer = newer, older
        heading, target, revertible = next(t for t in targets if revisions.belongs_to(older, t[1]))
        old_values, new_values = revisions.values(older), revisions.values(newer)
        comparison = revisions.compare(
            revisions.model_of(older),
            old_values,
            new_values,
            shown=lambda name, value: self.shown_value(target, name, value),
        )
        gate = [self.gate(target, old_values), self.gate(target, new_values)]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": _("Compare revisions"),
            "heading": heading,
            "older": older,
            "newer": newer,
            "comparison": comparison,
            "gate": gate if all(summary is not None for summary in gate) else None,
            "revertible": revertible and self.has_change_permission(request, obj),
            "revert_url": reverse(
                f"admin:{self._urlname('revert_revision')}", args=[obj.pk, older.pk]
            ),
            "history_url": reverse(f"admin:{self._urlname('history')}", args=[obj.pk]),
        }
        return TemplateResponse(request, "admin/revisions/compare.html", context)

    def revert_revision_view(
        self, request: HttpRequest, object_id: str, revision_id: int
    ) -> HttpResponse:
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        revision = Revision.objects.filter(pk=revision_id).first()
        if revision is None:
            raise Http404(_("No such revision."))
        history = reverse(f"admin:{self._urlname('history')}", args=[obj.pk])
        targets = self.revisioned_objects(obj)
        match = next((t for t in targets if revisions.belongs_to(revision, t[1])), None)
        if match is not None and not match[2]:
            messages.error(request, _("This object's revisions cannot be reverted here."))
            return HttpResponseRedirect(history)
        # Another object's revision goes to the service too, which refuses it, saying why.
        target = match[1] if match is not None else obj
        try:
            done = self.revert_revision(request, target, revision)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not do that."))
        else:
            messages.success(request, done)
        return HttpResponseRedirect(history)
