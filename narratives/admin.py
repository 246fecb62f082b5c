from typing import cast

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.admin_access import LabelledTabularInline
from core.admin_revisions import RevisionHistoryMixin
from core.models import Revision
from core.roles import CUSTODIAN, has_role
from narratives import services
from narratives.admin_intake import CustodianIntakeForm, find_by_reference
from narratives.egress import gate_summary, mask_vault_values
from narratives.models import (
    Excerpt,
    ExcerptQuerySet,
    ExcerptTranslation,
    Narrative,
    NarrativeReason,
    Reason,
    SourceRecord,
    VaultAccess,
)
from narratives.selectors import foreign_match_alerts
from narratives.translations import check_translation_text, save_translation
from narratives.vault import VAULT_FIELD_NAMES


@admin.register(Reason)
class ReasonAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent", "position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code", "description"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


class NarrativeReasonInline(LabelledTabularInline):
    model = NarrativeReason
    extra = 0
    autocomplete_fields = ["reason"]


@admin.register(Narrative)
class NarrativeAdmin(RevisionHistoryMixin, admin.ModelAdmin):
    list_display = [
        "public_id",
        "title",
        "status",
        "language",
        "source_kind",
        "gender",
        "country",
        "left_on",
        "is_sample",
        "updated_at",
    ]
    list_filter = ["status", "language", "source_kind", "gender", "age_band", "is_sample"]
    search_fields = ["public_id", "title"]
    readonly_fields = [
        "public_id",
        "status",
        "author",
        "assignee",  # set through the review queue (services.assign_narrative)
        "approved_by",
        "approved_at",
        "retired_at",
        "retired_reason",
        "created_at",
        "updated_at",
    ]
    inlines = [NarrativeReasonInline]
    date_hierarchy = "updated_at"

    # The history page lists the narrative's revisions, vault values masked; analysts
    # compare them with the scanner's findings and revert in the review UI.
    def revisioned_objects(self, obj):
        return [(Narrative._meta.verbose_name, obj, False)]

    def shown_value(self, obj, name, value):
        return mask_vault_values(value, _("[withheld]"))

    def gate(self, target, values):
        return gate_summary(values, ["title", "text"])

    list_per_page = 50
    show_full_result_count = False


class ExcerptTranslationForm(forms.ModelForm):
    class Meta:
        model = ExcerptTranslation
        fields = ["language", "text"]

    def clean_text(self):
        text = self.cleaned_data["text"]
        check_translation_text(text)
        return text

    def clean(self):
        cleaned = super().clean()
        excerpt = getattr(self.instance, "excerpt", None)
        if self.has_changed() and excerpt is not None and excerpt.status != Excerpt.Status.APPROVED:
            raise forms.ValidationError("Only an excerpt approved for reuse can be translated.")
        return cleaned


class ExcerptTranslationInline(admin.StackedInline):
    """Saved as a new version awaiting approval; analysts approve it in the review UI."""

    model = ExcerptTranslation
    form = ExcerptTranslationForm
    extra = 0
    fields = ["language", "text", "status"]
    readonly_fields = ["status"]


@admin.register(Excerpt)
class ExcerptAdmin(RevisionHistoryMixin, admin.ModelAdmin):
    list_display = ["public_id", "__str__", "status", "narrative_language", "updated_at"]
    list_filter = ["status", "narrative__language", "reasons"]
    search_fields = ["public_id", "text"]
    readonly_fields = [
        "public_id",
        "narrative",
        "start",
        "end",
        "text",
        "approved_by",
        "approved_at",
    ]
    filter_horizontal = ["reasons"]
    inlines = [ExcerptTranslationInline]
    list_select_related = ["narrative"]
    show_full_result_count = False

    @admin.display(description=gettext_lazy("language"), ordering="narrative__language")
    def narrative_language(self, obj):
        return obj.narrative.get_language_display()

    # The history page: the excerpt's revisions (it follows its narrative's text, which
    # analysts revert in the review UI) and its translations' (revertible here).
    def revisioned_objects(self, obj):
        return [
            (Excerpt._meta.verbose_name, obj, False),
            *(
                (
                    _("Translation into %(language)s") % {"language": t.get_language_display()},
                    t,
                    True,
                )
                for t in obj.translations.order_by("language")
            ),
        ]

    def shown_value(self, obj, name, value):
        # An earlier revision may predate a redaction: editors never see a vault value.
        return mask_vault_values(value, _("[withheld]"))

    def gate(self, target, values):
        return gate_summary(values, ["text"])

    def revert_revision(self, request, target, revision: Revision) -> str:
        if not isinstance(target, ExcerptTranslation):
            raise services.NarrativeError(
                _(
                    "That revision belongs to another excerpt's text or translation: open "
                    "that excerpt's history to revert to it."
                )
            )
        services.revert_translation(user=request.user, translation=target, revision=revision)
        return _(
            "Reverted the translation to revision %(number)s: it awaits an analyst's approval."
        ) % {"number": revision.number}

    def save_formset(self, request, form, formset, change):
        if formset.model is not ExcerptTranslation:
            return super().save_formset(request, form, formset, change)
        for translation in formset.save(commit=False):
            saved = save_translation(user=request.user, translation=translation)
            if saved.findings:
                self.message_user(
                    request,
                    _(
                        "The %(language)s translation has possible identifiers "
                        "(%(categories)s): check them. A message quoting it is scanned again "
                        "before it goes out."
                    )
                    % {
                        "language": translation.get_language_display(),
                        "categories": ", ".join(saved.findings),
                    },
                    messages.WARNING,
                )
        for translation in formset.deleted_objects:
            translation.delete()

    def get_queryset(self, request):
        # Proposed excerpts are spans of drafts nobody has cleared yet (vault names may still
        # be in them), and retired ones may be withdrawn words: outside the custodians, the
        # admin shows only what editors may use. This queryset backs the list, its search,
        # the change and history pages and the message form's autocomplete alike.
        queryset = cast(ExcerptQuerySet, super().get_queryset(request))
        if not may_see_every_excerpt(request.user):
            queryset = queryset.reusable()
        return queryset.prefetch_related("translations")  # the picker names their languages

    def get_search_results(self, request, queryset, search_term):
        # "reason:CODE" and "lang:CODE" in the search box filter by reason (a top-level code
        # includes its sub-reasons) and by language; the rest is searched as usual.
        words, reason_codes, languages = [], [], []
        for word in search_term.split():
            key, _colon, value = word.partition(":")
            if key.lower() == "reason" and value:
                reason_codes.append(value)
            elif key.lower() in {"lang", "language"} and value:
                languages.append(value)
            else:
                words.append(word)
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, " ".join(words)
        )
        for code in reason_codes:
            queryset = queryset.filter(Q(reasons__code=code) | Q(reasons__parent__code=code))
            may_have_duplicates = True
        if languages:
            # In that language, or with an approved translation into it: quotable there.
            queryset = queryset.filter(
                Q(narrative__language__in=languages)
                | Q(
                    translations__language__in=languages,
                    translations__status=ExcerptTranslation.Status.APPROVED,
                )
            )
            may_have_duplicates = True
        # Message editors pick from excerpts that are approved for reuse, and only those.
        if request.GET.get("model_name") == "messageexcerpt":
            queryset = queryset.reusable()
        return queryset, may_have_duplicates


def may_see_every_excerpt(user) -> bool:
    """Custodians hold the source: they may see excerpts whatever their review state."""
    return has_role(user, CUSTODIAN)


class CustodianOnlyMixin(admin.ModelAdmin):
    """Only members of the Custodian group; superuser status alone does not open the vault."""

    def _is_custodian(self, request) -> bool:
        return has_role(request.user, CUSTODIAN)

    def has_module_permission(self, request):
        return self._is_custodian(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._is_custodian(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._is_custodian(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._is_custodian(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SourceRecord)
class SourceRecordAdmin(CustodianOnlyMixin, admin.ModelAdmin):
    # Encrypted fields cannot be searched or ordered; the list shows only non-identifying data.
    list_display = ["__str__", "narrative", "consent_expires_on", "consent_withdrawn_at"]
    list_filter = ["consent_withdrawn_at", "consent_expires_on"]
    search_fields = ["narrative__public_id"]
    autocomplete_fields = ["narrative"]
    readonly_fields = ["consent_withdrawn_at", "created_by", "created_at", "updated_at"]
    list_select_related = ["narrative"]
    fields = [
        "narrative",
        *VAULT_FIELD_NAMES,
        "consent_withdrawn_at",
        "created_by",
        "created_at",
        "updated_at",
    ]

    actions = ["record_consent_withdrawal"]

    def get_urls(self):
        find = path(
            "find/",
            self.admin_site.admin_view(self.find_view),
            name="narratives_sourcerecord_find",
        )
        return [find, *super().get_urls()]

    def find_view(self, request):
        """Look a record up by its external reference (posted, compared by keyed hash)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return find_by_reference(request, self.admin_site, self.model._meta)

    def add_view(self, request, form_url="", extra_context=None):
        """File a new source the same way ``import_narratives`` does: draft plus vault part."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CustodianIntakeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            result = services.create_narrative(user=request.user, data=form.cleaned_data)
            if result.created:
                self.message_user(
                    request,
                    _("Filed narrative %(id)s as a draft.") % {"id": result.narrative.public_id},
                )
            else:
                self.message_user(
                    request,
                    _("That reference is already filed as %(id)s; nothing changed.")
                    % {"id": result.narrative.public_id},
                    messages.WARNING,
                )
            return HttpResponseRedirect(reverse("admin:narratives_sourcerecord_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("File a new source"),
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/narratives/intake.html", context)

    @admin.action(
        description=gettext_lazy("Record withdrawal of consent (retires everything built on it)")
    )
    def record_consent_withdrawal(self, request, queryset):
        if not request.user.has_perm("narratives.withdraw_consent"):
            raise PermissionDenied
        for record in queryset.select_related("narrative"):
            services.withdraw_consent(user=request.user, source_record=record)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "Consent withdrawn for %(count)s record.",
                "Consent withdrawn for %(count)s records.",
                count,
            )
            % {"count": count},
        )

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and self._is_custodian(request):
            days = settings.VAULT_MATCH_ALERT_DAYS
            for username, count in foreign_match_alerts():
                self.message_user(
                    request,
                    ngettext(
                        "Vault probe alert: %(username)s's drafts matched other records' vault "
                        "values %(count)s time in %(days)s days. Someone may be testing guesses "
                        "against the vault: see the audit trail (vault.foreign_match) and talk "
                        "to them.",
                        "Vault probe alert: %(username)s's drafts matched other records' vault "
                        "values %(count)s times in %(days)s days. Someone may be testing guesses "
                        "against the vault: see the audit trail (vault.foreign_match) and talk "
                        "to them.",
                        count,
                    )
                    % {"username": username, "count": count, "days": days},
                    messages.WARNING,
                )
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            record = self.get_object(request, object_id)
            if record is not None:
                services.record_vault_access(
                    user=request.user, source_record=record, action=VaultAccess.Action.VIEW
                )
        return response

    def save_model(self, request, obj, form, change):
        services.save_source_record(user=request.user, source_record=obj)


@admin.register(VaultAccess)
class VaultAccessAdmin(CustodianOnlyMixin, admin.ModelAdmin):
    list_display = ["at", "username", "action", "narrative_public_id"]
    list_filter = ["action"]
    search_fields = ["username", "narrative_public_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
