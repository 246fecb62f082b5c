"""Admin for partners, keys, metrics and webhook deliveries.

Who sees what: superusers manage partners, keys and webhooks; editors may read the metrics
partners report and the webhook deliveries (to see whether partners got a message). Nobody
edits metrics or deliveries by hand.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.admin_access import GatedAdmin, LabelledTabularInline
from core.roles import EDITOR, has_role
from partners import services
from partners.models import ApiKey, MetricReport, Partner, WebhookDelivery
from partners.scopes import SCOPE_CHOICES


def _is_superuser(request) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


def _is_reader(request) -> bool:
    return _is_superuser(request) or has_role(request.user, EDITOR)


class SuperuserOnlyAdmin(GatedAdmin):
    def may_see(self, request):
        return _is_superuser(request)

    def may_write(self, request):
        return _is_superuser(request)


class ReadOnlyForReadersAdmin(GatedAdmin):
    def may_see(self, request):
        return _is_reader(request)


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "name",
            "is_active",
            "languages",
            "regions",
            "webhook_url",
            "contact_email",
            "notes",
        ]

    def clean_webhook_url(self):
        url = self.cleaned_data.get("webhook_url", "")
        if url:
            from partners.webhooks import validate_webhook_url

            validate_webhook_url(url)
        return url


# A partner's keys, as its page lists them: nothing there is edited.
KEY_INLINE_FIELDS = ("prefix", "name", "scopes", "expires_at", "revoked_at", "last_used_at")


class ApiKeyInline(LabelledTabularInline):
    model = ApiKey
    extra = 0
    can_delete = False
    fields = KEY_INLINE_FIELDS
    readonly_fields = KEY_INLINE_FIELDS
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(SuperuserOnlyAdmin):
    form = PartnerForm
    list_display = ["name", "public_id", "is_active", "languages", "regions", "has_webhook"]
    list_filter = ["is_active"]
    search_fields = ["name", "public_id"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    inlines = [ApiKeyInline]
    actions = ["rotate_webhook_secret"]

    @admin.display(boolean=True, description=gettext_lazy("webhook"))
    def has_webhook(self, obj) -> bool:
        return obj.has_webhook

    def save_model(self, request, obj, form, change):
        url_changed = "webhook_url" in form.changed_data
        new_url = obj.webhook_url
        super().save_model(request, obj, form, change)
        if url_changed:
            secret = services.set_webhook(partner=obj, url=new_url)
            if secret:
                obj._new_webhook_secret = secret

    def response_add(self, request, obj, post_url_continue=None):
        return self._show_secret(request, obj) or super().response_add(request, obj)

    def response_change(self, request, obj):
        return self._show_secret(request, obj) or super().response_change(request, obj)

    def _show_secret(self, request, obj):
        secret = getattr(obj, "_new_webhook_secret", None)
        if not secret:
            return None
        # Rendered once into this response; never stored in clear or put in a message cookie.
        return TemplateResponse(
            request,
            "admin/partners/secret_shown_once.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Webhook secret"),
                "notice": _(
                    "Copy this webhook signing secret now: it is not stored in clear and will "
                    "not be shown again."
                ),
                "secret": secret,
                "obj": obj,
                "opts": self.model._meta,
            },
        )

    @admin.action(description=gettext_lazy("Rotate the webhook secret (shown once)"))
    def rotate_webhook_secret(self, request, queryset):
        partners = [p for p in queryset if p.webhook_url]
        if len(partners) != 1:
            self.message_user(
                request, _("Pick exactly one partner with a webhook URL."), messages.ERROR
            )
            return None
        partner = partners[0]
        partner._new_webhook_secret = services.set_webhook(partner=partner, url=partner.webhook_url)
        return self._show_secret(request, partner)


class ApiKeyAddForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("scopes"),
        choices=[(scope, gettext_lazy(description)) for scope, description in SCOPE_CHOICES],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ApiKey
        fields = ["partner", "name", "scopes", "expires_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(SuperuserOnlyAdmin):
    list_display = [
        "__str__",
        "partner",
        "name",
        "scopes",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["partner", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "partner__name"]
    readonly_fields = [
        "prefix",
        "partner",
        "scopes",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    fields = [
        "partner",
        "name",
        "prefix",
        "scopes",
        "expires_at",
        "revoked_at",
        "last_used_at",
        "created_by",
        "created_at",
    ]
    actions = ["revoke"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiKeyAddForm
            kwargs["fields"] = ["partner", "name", "scopes", "expires_at"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_fields(self, request, obj=None):
        return ["partner", "name", "scopes", "expires_at"] if obj is None else self.fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            created = services.create_api_key(
                partner=form.cleaned_data["partner"],
                scopes=form.cleaned_data["scopes"],
                name=form.cleaned_data.get("name", ""),
                expires_at=form.cleaned_data.get("expires_at"),
                actor=request.user,
            )
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        obj.pk = created.api_key.pk
        obj._new_key = created.key

    def response_add(self, request, obj, post_url_continue=None):
        return TemplateResponse(
            request,
            "admin/partners/secret_shown_once.html",
            {
                **self.admin_site.each_context(request),
                "title": _("New API key"),
                "notice": _(
                    "Copy this API key now: it is not stored in clear and will not be shown again."
                ),
                "secret": obj._new_key,
                "obj": obj,
                "opts": self.model._meta,
            },
        )

    @admin.action(description=gettext_lazy("Revoke selected keys"))
    def revoke(self, request, queryset):
        count = 0
        for api_key in queryset.filter(revoked_at__isnull=True):
            services.revoke_api_key(api_key=api_key, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("Revoked %(count)s key.", "Revoked %(count)s keys.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(MetricReport)
class MetricReportAdmin(ReadOnlyForReadersAdmin):
    list_display = [
        "day",
        "partner",
        "message",
        "impressions",
        "reach",
        "clicks",
        "shares",
        "updated_at",
    ]
    list_filter = ["partner", "day"]
    search_fields = ["message__public_id", "message__headline", "partner__name"]
    date_hierarchy = "day"
    list_select_related = ["partner", "message"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyForReadersAdmin):
    list_display = [
        "public_id",
        "partner",
        "event",
        "object_id",
        "status",
        "attempts",
        "response_status",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status", "event", "partner"]
    search_fields = ["public_id", "object_id", "partner__name"]
    exclude = ["payload"]
    readonly_fields = [
        "public_id",
        "partner",
        "event",
        "object_id",
        "status",
        "attempts",
        "next_attempt_at",
        "last_attempt_at",
        "delivered_at",
        "response_status",
        "error",
        "created_at",
    ]
    list_select_related = ["partner"]
    actions = ["redeliver"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not _is_superuser(request):
            actions.pop("redeliver", None)
        return actions

    @admin.action(description=gettext_lazy("Send again now"))
    def redeliver(self, request, queryset):
        if not _is_superuser(request):
            return
        for delivery in queryset:
            services.redeliver(delivery=delivery)
        self.message_user(request, _("Queued again."), messages.SUCCESS)
