from typing import Any

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Model
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.roles import ADMIN_ROLES, ANALYST, EDITOR, has_role
from core.security import is_verified, requires_two_factor


class PickerAutocompleteView(AutocompleteJsonView):
    """Label each choice with the object's ``picker_label()`` where it has one.

    ``__str__`` is what the admin's history keeps (``LogEntry.object_repr``) and must name no
    text; a picker may show more, to those allowed to pick (an approved excerpt's words).
    """

    def serialize_result(self, obj: Model, to_field_name: str) -> dict[str, Any]:
        result: dict[str, Any] = super().serialize_result(obj, to_field_name)  # type: ignore[misc]  # Django has it since 3.2; django-stubs lacks it
        label = getattr(obj, "picker_label", None)
        if callable(label):
            result["text"] = label()
        return result


class CmsAdminSite(admin.AdminSite):
    site_header = _("Counter-messaging content system")
    site_title = _("Counter-messaging admin")
    index_title = _("Administration")

    # "View site" leads to the review UI's page for the people who work in both: the
    # publishing calendar (a URL name, so core imports nothing of the app that serves it).
    # Others (custodians) get no link: nothing outside the admin is theirs.
    VIEW_SITE_URL_NAME = "message_review:calendar"

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().each_context(request)
        context["site_url"] = self.view_site_url(request)
        return context

    def view_site_url(self, request: HttpRequest) -> str | None:
        user = request.user
        if not (user.is_superuser or has_role(user, EDITOR, ANALYST)):
            return None
        try:
            return reverse(self.VIEW_SITE_URL_NAME)
        except NoReverseMatch:
            return None

    def autocomplete_view(self, request):
        return PickerAutocompleteView.as_view(admin_site=self)(request)

    def has_permission(self, request: HttpRequest) -> bool:
        """Let in active staff who are superusers, editors or custodians; nobody else.

        Where two factors are required, only once this session verified one (the middleware
        sends the user to verify first; this is the second lock on the same door).
        """
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if requires_two_factor(user) and not is_verified(user):
            return False
        return user.is_superuser or has_role(user, *ADMIN_ROLES)
