"""Admin classes whose permissions come from two predicates: who may see, who may write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest


class GatedAdmin(admin.ModelAdmin):
    """`may_see` answers module and view permission; `may_write` add, change and delete.

    Both refuse by default, so a subclass that only says who may see is read-only.
    """

    def may_see(self, request: HttpRequest) -> bool:
        return False

    def may_write(self, request: HttpRequest) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.may_see(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_see(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.may_write(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_write(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_write(request)


class LabelledInlineFormSetMixin:
    """Name every field of a tabular inline's rows for assistive technology.

    A tabular inline shows each field's label once, as a column header, and renders the row's
    inputs (the "Delete?" box too) without a ``<label>``: give each input its label as
    ``aria-label``, in the request's language.
    """

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)  # type: ignore[misc]  # BaseFormSet's, mixed in below
        for field in form.fields.values():
            if not field.widget.is_hidden and field.label:
                field.widget.attrs.setdefault("aria-label", str(field.label))


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose rows' inputs each have an accessible name."""

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (LabelledInlineFormSetMixin, formset), {})
