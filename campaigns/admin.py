import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import downloads, inputs, media, services
from campaigns.admin_actions import MESSAGE_ACTIONS, MessageActionsMixin
from campaigns.limits import COUNTED_FIELDS, all_text_limits, default_layout, length_problems
from campaigns.models import (
    LIVE_STATUSES,
    Campaign,
    Message,
    MessageExcerpt,
    Publication,
    PublishEvent,
    Rendition,
    VisualTemplate,
    is_overdue,
    live_q,
    overdue_q,
    waiting_q,
)
from campaigns.rendering.spec import FORMATS, MAX_SLIDES
from campaigns.revisions import shown as revision_shown
from campaigns.selectors import TEMPLATE_DRAWN_FIELDS
from campaigns.uploads import UploadRejected, sanitize_image_upload
from core.admin_access import LabelledTabularInline
from core.admin_revisions import RevisionHistoryMixin
from core.languages import CONTENT_LANGUAGES
from core.models import Revision
from narratives.disclosure.regions import REGION_NAMES
from narratives.egress import gate_summary, mask_vault_values
from narratives.models import Excerpt

PLATFORMS = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("tiktok", "TikTok"),
    ("telegram", "Telegram"),
    ("whatsapp", "WhatsApp"),
    ("youtube", "YouTube"),
    ("x", "X"),
    ("web", "Web"),
]
EDITABLE_SCHEDULE = {"draft", "in_review", "changes_requested", "approved"}
# The formats by name and size, in the interface's language ("carré 1080×1080").
FORMAT_NAMES = {
    "square": gettext_lazy("square"),
    "landscape": gettext_lazy("landscape"),
    "story": gettext_lazy("story"),
}
FORMAT_CHOICES = [
    (f, format_lazy("{} {}×{}", FORMAT_NAMES.get(f, f), w, h)) for f, (w, h) in FORMATS.items()
]


def logo_field(purpose: object = "") -> forms.FileField:
    # A plain file field: the image is checked by our sanitiser (content sniffing, size and
    # pixel caps before decoding) rather than decoded by Pillow first.
    return forms.FileField(
        label=gettext_lazy("logo"),
        required=False,
        help_text=format_lazy(
            "{}{}", purpose, gettext_lazy("PNG, JPEG or WebP; metadata is removed on upload.")
        ),
    )


def clean_logo_upload(upload, **limits):
    """Refuse, as a form error, an upload the image sanitiser would refuse (``limits``: the
    sanitiser's, as inputs.UPLOAD_LIMITS gives them for a logo or a background photo)."""
    if upload is None or upload is False or not hasattr(upload, "read"):
        return upload
    try:
        sanitize_image_upload(upload.read(), **limits)
    except UploadRejected as exc:
        raise forms.ValidationError(str(exc)) from None
    upload.seek(0)
    return upload


def new_logo(form: forms.ModelForm, obj: Campaign | VisualTemplate, name: str = "logo"):
    """The image (logo, or a template's background photo) the form uploads, if any; the stored
    one stays on ``obj`` until the service puts the sanitised copy in its place."""
    upload = form.cleaned_data.get(name)
    if hasattr(upload, "read") and name in form.changed_data:
        setattr(obj, name, form.initial.get(name) or "")
        return upload
    return None


class CampaignForm(forms.ModelForm):
    audience_regions = forms.MultipleChoiceField(
        choices=[(code, names["en"]) for code, names in REGION_NAMES.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_languages = forms.MultipleChoiceField(
        choices=CONTENT_LANGUAGES, required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    platforms = forms.MultipleChoiceField(
        choices=PLATFORMS, required=False, widget=forms.CheckboxSelectMultiple
    )
    formats = forms.MultipleChoiceField(
        choices=FORMAT_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    logo = logo_field(
        gettext_lazy("Drawn on the campaign's cards instead of the template's logo. ")
    )

    class Meta:
        model = Campaign
        # The admin's fieldsets decide what is shown; these are all the editable fields.
        fields = [
            f.name
            for f in Campaign._meta.get_fields()
            if getattr(f, "editable", False) and not f.auto_created and f.concrete
        ]

    def clean_logo(self):
        return clean_logo_upload(self.cleaned_data.get("logo"), **inputs.UPLOAD_LIMITS["logo"])


class VisualTemplateForm(forms.ModelForm):
    logo = logo_field()
    background_photo = forms.FileField(
        required=False,
        label=gettext_lazy("Background photo (photo card)"),
        help_text=gettext_lazy(
            "No faces must appear, nor anyone who could be recognised, nor a place that could "
            "be located: the photo goes out with every message drawn with this template. PNG, "
            "JPEG or WebP, up to 10 MB; metadata is removed on upload."
        ),
    )
    formats = forms.MultipleChoiceField(choices=FORMAT_CHOICES, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = VisualTemplate
        fields = ["name", *TEMPLATE_DRAWN_FIELDS, "is_active"]
        widgets = {
            "background_color": forms.TextInput(attrs={"type": "color"}),
            "text_color": forms.TextInput(attrs={"type": "color"}),
            "accent_color": forms.TextInput(attrs={"type": "color"}),
        }

    def clean_logo(self):
        return clean_logo_upload(self.cleaned_data.get("logo"), **inputs.UPLOAD_LIMITS["logo"])

    def clean_background_photo(self):
        return clean_logo_upload(
            self.cleaned_data.get("background_photo"), **inputs.UPLOAD_LIMITS["background_photo"]
        )

    def clean(self):
        cleaned = super().clean() or {}
        photo = cleaned.get("background_photo")
        has_photo = bool(photo) or (photo is None and bool(self.instance.background_photo))
        if cleaned.get("layout") == VisualTemplate.Layout.PHOTO_CARD and not has_photo:
            self.add_error(
                "background_photo", _("A photo card needs a background photo: upload one.")
            )
        return cleaned


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    form = CampaignForm
    list_display = ["name", "goal", "audience_stage", "starts_on", "ends_on", "owner", "is_sample"]
    list_filter = ["goal", "audience_stage", "messenger_type", "is_sample"]
    search_fields = ["name", "public_id", "key_message"]
    readonly_fields = ["public_id", "current_logo", "created_at", "updated_at"]
    date_hierarchy = "starts_on"
    fieldsets = [
        (None, {"fields": ["name", "public_id", "owner", "starts_on", "ends_on"]}),
        (gettext_lazy("Goal"), {"fields": ["goal", "objectives"]}),
        (
            gettext_lazy("Audience"),
            {
                "fields": [
                    "audience_stage",
                    "audience_regions",
                    "audience_languages",
                    ("audience_age_min", "audience_age_max"),
                    "platforms",
                ]
            },
        ),
        (gettext_lazy("Message"), {"fields": ["key_message", "counters_claim"]}),
        (gettext_lazy("Messenger"), {"fields": ["messenger_type", "messenger_credibility"]}),
        (
            gettext_lazy("Media"),
            {"fields": ["channels", "formats", "palette", "logo", "current_logo"]},
        ),
        (gettext_lazy("Call to action"), {"fields": ["cta_text", "cta_url", "cta_helpline"]}),
        (
            gettext_lazy("Monitoring and risk"),
            {"fields": ["monitoring_plan", "risk_assessment", "safeguarding_contact"]},
        ),
    ]

    @admin.display(description=gettext_lazy("current logo"))
    def current_logo(self, obj):
        if obj is None or not obj.pk or not obj.logo:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" class="cms-logo-thumb">',
            media.campaign_logo_url(obj),
            _("Logo of %(template)s") % {"template": obj.name},
        )

    def save_model(self, request, obj, form, change):
        # A change to what its messages send out (a new logo too) sends them back to review.
        inputs.save_campaign(user=request.user, campaign=obj, logo_upload=new_logo(form, obj))


@admin.register(VisualTemplate)
class VisualTemplateAdmin(admin.ModelAdmin):
    form = VisualTemplateForm
    list_display = ["name", "layout", "font_family", "output_format", "version", "is_active"]
    list_filter = ["layout", "font_family", "is_active"]
    search_fields = ["name"]
    readonly_fields = [
        "current_logo",
        "current_background_photo",
        "version",
        "created_at",
        "updated_at",
    ]

    @admin.display(description=gettext_lazy("current logo"))
    def current_logo(self, obj):
        # By template, through the media lookup: the file's own path is never a URL.
        if obj is None or not obj.pk or not obj.logo:
            return "—"
        # Sized by a class in static/css/admin.css: the CSP blocks style attributes.
        return format_html(
            '<img src="{}" alt="{}" class="cms-logo-thumb">',
            media.logo_url(obj),
            _("Logo of %(template)s") % {"template": obj.name},
        )

    @admin.display(description=gettext_lazy("current background photo"))
    def current_background_photo(self, obj):
        if obj is None or not obj.pk or not obj.background_photo:
            return "—"
        # Sized by a class in static/css/admin.css: the CSP blocks style attributes.
        return format_html(
            '<img src="{}" alt="{}" class="template-photo-thumb">',
            media.background_photo_url(obj),
            _("Background photo of the template"),
        )

    def save_model(self, request, obj, form, change):
        inputs.save_visual_template(
            template=obj,
            logo_upload=new_logo(form, obj),
            background_photo_upload=new_logo(form, obj, "background_photo"),
            user=request.user,
        )


class ExcerptChoiceField(forms.ModelChoiceField):
    """The message form's excerpt picker: each excerpt by its words."""

    def label_from_instance(self, obj: Excerpt) -> str:
        return obj.picker_label()


class MessageExcerptInline(LabelledTabularInline):
    model = MessageExcerpt
    extra = 0
    autocomplete_fields = ["excerpt"]
    ordering = ["position"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A link to an excerpt no longer reusable shows no text (and cannot be saved again).
        if db_field.name == "excerpt":
            kwargs["queryset"] = Excerpt.objects.reusable()
            kwargs["form_class"] = ExcerptChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    verbose_name_plural = gettext_lazy(
        "Excerpts (only those approved for reuse, each with the languages a message may quote "
        "it in: its own and its approved translations'; type reason:CODE or lang:CODE to "
        "filter, e.g. “reason:brutality lang:ar”)"
    )


RENDITION_FIELDS = (
    "image",
    "format",
    "slide_number",
    "alt_text",
    "status",
    "width",
    "height",
    "size_bytes",
    "error",
    "rendered_at",
)


class RenditionInline(LabelledTabularInline):
    model = Rendition
    verbose_name = gettext_lazy("rendition")
    verbose_name_plural = gettext_lazy("renditions")
    extra = 0
    can_delete = False
    fields = RENDITION_FIELDS
    readonly_fields = RENDITION_FIELDS

    @admin.display(description=gettext_lazy("image"))
    def image(self, obj):
        if obj.status != Rendition.Status.READY or not obj.file:
            return "—"
        # Sized by a class in static/css/admin.css: the CSP blocks style attributes.
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" class="rendition-thumb"></a>',
            media.preview_url(obj),
            media.preview_url(obj),
            obj.alt_text or _("%(format)s rendition") % {"format": obj.get_format_display()},
        )

    @admin.display(description=gettext_lazy("slide"))
    def slide_number(self, obj):
        # A carousel's slides are numbered from 1 as posted; other cards have none.
        return obj.slide + 1 if obj.alt_text else "—"

    def has_add_permission(self, request, obj=None):
        return False


class MessageForm(forms.ModelForm):
    """The message form: refuses a text longer than the chosen template's card takes (the
    limits of ``campaigns.limits``; the page's live counters show the same numbers)."""

    class Meta:
        model = Message
        fields = [*services.CONTENT_FIELDS, *services.SCHEDULE_FIELDS]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        template = cleaned.get("template")
        layout = template.layout if template is not None else default_layout()
        values = {
            name: cleaned[name]
            for name in COUNTED_FIELDS
            if name in self.fields and isinstance(cleaned.get(name), str)
        }
        quotes = bool(services.posted_excerpt_ids(self.data))
        for name, problem in length_problems(values, layout=layout, quotes=quotes).items():
            self.add_error(name, problem)
        return cleaned


# A message revision's texts the leak check reads (ids and choices are not text).
OUTBOUND_TEXTS = ("headline", "body", "statistic", "cta_text", "cta_url", "alt_text")


@admin.register(Message)
class MessageAdmin(RevisionHistoryMixin, MessageActionsMixin, admin.ModelAdmin):
    form = MessageForm
    change_form_template = "admin/campaigns/message/change_form.html"
    list_display = ["headline", "campaign", "language", "status", "publish_at", "unpublish_at"]
    list_filter = [
        "status",
        "language",
        ("campaign", admin.RelatedOnlyFieldListFilter),
        "is_sample",
    ]
    search_fields = ["headline", "public_id", "campaign__name"]
    autocomplete_fields = ["campaign", "template"]
    readonly_fields = [
        "public_id",
        "status",
        "author",
        "assignee",
        "approved_by",
        "approved_at",
        "published_at",
        "unpublished_at",
        "withdrawn_at",
        "withdrawal_reason",
        "publish_attempts",
        "publish_error",
        "publish_retry_at",
        "created_at",
        "updated_at",
        "live_preview",
    ]
    fieldsets = [
        (None, {"fields": [*services.CONTENT_FIELDS, "live_preview"]}),
        (gettext_lazy("Schedule"), {"fields": services.SCHEDULE_FIELDS}),
        (
            gettext_lazy("Status"),
            {
                "fields": [
                    "public_id",
                    "status",
                    ("author", "assignee"),
                    ("approved_by", "approved_at"),
                    ("published_at", "unpublished_at"),
                    ("withdrawn_at", "withdrawal_reason"),
                    ("publish_attempts", "publish_retry_at"),
                    "publish_error",
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]
    inlines = [MessageExcerptInline, RenditionInline]
    list_select_related = ["campaign"]
    date_hierarchy = "publish_at"

    class Media:
        js = ["js/message_preview.js", "js/message_char_counts.js"]

    # Bulk status changes from the changelist, each message through its service.
    actions = MESSAGE_ACTIONS

    # The history page: the message's revisions, compared and reverted (through review).
    def shown_value(self, obj, name, value):
        return mask_vault_values(revision_shown(name, value), _("[withheld]"))

    def gate(self, target, values):
        return gate_summary(values, OUTBOUND_TEXTS)

    def revert_revision(self, request, target, revision: Revision) -> str:
        message = services.revert_message(user=request.user, message=target, revision=revision)
        return _(
            "Reverted the message to revision %(number)s. It is now %(status)s: it goes through "
            "review again before it is published."
        ) % {"number": revision.number, "status": message.get_status_display().lower()}

    def has_delete_permission(self, request, obj=None):
        # A message is withdrawn, never deleted: its history (events, publications, cards)
        # stays, and the delete the admin offered was refused every time for that reason.
        return False

    # Status changes: the buttons in the change form, each a service call.
    WORKFLOW_BUTTONS = {
        "_submit_review": "submit",
        "_schedule": "schedule",
        "_unschedule": "unschedule",
        "_withdraw": "withdraw",
    }

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status not in EDITABLE_SCHEDULE:
            # A scheduled or live message changes its schedule through "Unschedule".
            fields += services.SCHEDULE_FIELDS
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        zone = timezone.get_current_timezone_name()
        for name in services.SCHEDULE_FIELDS:
            if name in form.base_fields:
                form.base_fields[name].help_text = _(
                    "Time zone: %(zone)s. The message is live from “publish at” until "
                    "“unpublish at”, decided at the moment of each request."
                ) % {"zone": zone}
        for name in COUNTED_FIELDS:
            if name in form.base_fields:
                # Counted as the editor types (static/js/message_char_counts.js).
                form.base_fields[name].widget.attrs["data-char-count"] = name
        return form

    @admin.display(description=gettext_lazy("Live preview"))
    def live_preview(self, obj):
        buttons = format_html_join(
            " ",
            '<button type="button" class="button" data-format="{}" aria-pressed="{}">{}</button>',
            ((fmt, "true" if fmt == "square" else "false", label) for fmt, label in FORMAT_CHOICES),
        )
        return format_html(
            '<div id="message-live-preview" data-url="{}" data-msg-rendering="{}" '
            'data-msg-failed="{}" data-msg-ready="{}">{} '
            '<label>{} <input type="number" min="1" max="{}" value="1" '
            'data-slide class="vIntegerField"></label>'
            '<p role="status" aria-live="polite"></p>'
            '<img alt="{}" hidden></div>',  # sized in static/css/admin.css
            reverse("admin:campaigns_message_preview"),
            _("Rendering…"),
            _("The preview could not be drawn."),
            # {format}: the pressed button's words, filled in by static/js/message_preview.js.
            _("Preview of the {format} format."),
            buttons,
            gettext_lazy("Carousel slide"),
            MAX_SLIDES,
            _("Preview of the rendition"),
        )

    def get_urls(self):
        preview = path(
            "preview/",
            self.admin_site.admin_view(self.preview_view),
            name="campaigns_message_preview",
        )
        download = path(
            "<path:object_id>/renditions.zip",
            self.admin_site.admin_view(self.renditions_zip_view),
            name="campaigns_message_renditions_zip",
        )
        return [preview, download, *super().get_urls()]

    def renditions_zip_view(self, request, object_id):
        """The message's cleared cards and alt text as one ZIP (``campaigns.downloads``)."""
        message = self.get_object(request, object_id)
        if message is None or not self.has_view_permission(request, message):
            raise PermissionDenied
        try:
            data = downloads.renditions_zip(message)
        except downloads.DownloadError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:campaigns_message_change", args=[message.pk])
            )
        disposition = f'attachment; filename="{downloads.archive_name(message)}"'
        return HttpResponse(
            data,
            content_type="application/zip",
            headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
        )

    def preview_view(self, request):
        """Render the message as the form stands, unsaved, and return the image."""
        if request.method != "POST":
            return JsonResponse({"error": _("POST the message form.")}, status=405)
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        try:
            image, mime, warnings = services.preview_message(data=request.POST)
        except services.PreviewError as exc:
            return JsonResponse({"error": str(exc)}, status=400)
        headers = {"Cache-Control": "no-store", "X-Template-Warnings": json.dumps(warnings)}
        return HttpResponse(image, content_type=mime, headers=headers)

    def save_model(self, request, obj, form, change):
        # Saved with its excerpts in save_related, by one service call: the inline's links
        # need the message's row, and the card's inputs are complete only with them.
        pass

    def save_related(self, request, form, formsets, change):
        # The service writes only what the editor changed (never a stale status).
        services.save_edited_message(
            user=request.user,
            message=form.instance,
            changed_fields=form.changed_data,
            save_excerpts=lambda: super(MessageAdmin, self).save_related(
                request, form, formsets, change
            ),
            excerpts_changed=any(
                formset.has_changed() for formset in formsets if formset.model is MessageExcerpt
            ),
        )

    def _take_pressed_step(self, request, obj) -> bool:
        """Run the workflow step whose button was pressed, if one was, and say what came of
        it; return whether one was."""
        step = next(
            (s for button, s in self.WORKFLOW_BUTTONS.items() if button in request.POST), None
        )
        if step is None:
            return False
        user = request.user
        calls = {
            "submit": lambda: services.submit_message(user=user, message=obj),
            "schedule": lambda: services.schedule_message(
                user=user, message=obj, publish_at=obj.publish_at, unpublish_at=obj.unpublish_at
            ),
            "unschedule": lambda: services.unschedule_message(user=user, message=obj),
            "withdraw": lambda: services.withdraw_message(
                user=user, message=obj, reason=request.POST.get("withdrawal_reason_input", "")
            ),
        }
        try:
            calls[step]()
        except (services.MessageError, PermissionDenied) as exc:
            text = exc.messages[0] if hasattr(exc, "messages") else str(exc)
            self.message_user(request, text, messages.ERROR)
            return True
        obj.refresh_from_db()
        self.message_user(
            request,
            _("The message is now %(status)s.") % {"status": obj.get_status_display().lower()},
        )
        return True

    def response_change(self, request, obj):
        if self._take_pressed_step(request, obj):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if self._take_pressed_step(request, obj):
            return HttpResponseRedirect(reverse("admin:campaigns_message_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Which buttons each status shows comes from the workflow's table.
        # Every filled field the chosen template does not draw, as a warning on the form.
        if obj is not None and obj.pk and request.method == "GET":
            for warning in services.undrawn_message_fields(obj):
                messages.warning(request, warning)
        workflow = services.MESSAGE_WORKFLOW
        status = obj.status if obj is not None else Message.Status.DRAFT
        button_of = {step: button for button, step in self.WORKFLOW_BUTTONS.items()}
        context["workflow_buttons"] = [
            (button_of[step.name], _(step.label))
            for step in workflow.steps_from(status, among=button_of)
            if step.name != "withdraw"  # withdrawal has its own row, with the reason
        ]
        context["can_withdraw"] = (
            obj is not None
            and workflow.allows(status, "withdraw")
            and workflow.permits(request.user, "withdraw")
        )
        context["withdraw_label"] = _(workflow.by_name["withdraw"].label)
        context["time_zone"] = timezone.get_current_timezone_name()
        # The live character counters' limits, by layout, and each template's layout.
        context["char_limits"] = json.dumps(all_text_limits())
        context["template_layouts"] = json.dumps(
            {str(pk): layout for pk, layout in VisualTemplate.objects.values_list("pk", "layout")}
        )
        context["default_layout"] = default_layout()
        if obj is not None:
            context["renditions_zip_url"] = reverse(
                "admin:campaigns_message_renditions_zip", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the admin shows and nobody edits there: the services write it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(PublishEvent)
class PublishEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "kind", "message", "scheduled_for", "lag", "actor", "worker"]
    list_filter = ["kind"]
    search_fields = ["message__headline", "message__public_id"]
    list_select_related = ["message", "actor"]
    date_hierarchy = "occurred_at"

    @admin.display(description=gettext_lazy("lag (s)"))
    def lag(self, obj):
        return f"{obj.lag_seconds:.1f}"


class PublicationStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("scheduled", _("Scheduled")),
            ("overdue", _("Overdue")),
            ("failed", _("Failed")),
            ("live", _("Live now")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "scheduled":
            return queryset.filter(waiting_q(now))
        if self.value() == "overdue":
            return queryset.filter(overdue_q(now))
        if self.value() == "failed":
            return queryset.exclude(publish_error="")
        if self.value() == "live":
            return queryset.filter(live_q(now))
        return queryset


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    """Scheduled, overdue and failed publications at a glance."""

    list_display = [
        "headline",
        "status",
        "publish_at",
        "unpublish_at",
        "published_at",
        "overdue",
        "publish_attempts",
        "publish_error",
    ]
    list_filter = [PublicationStateFilter, "status"]
    search_fields = ["headline", "public_id"]
    ordering = ["publish_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status__in=LIVE_STATUSES)

    @admin.display(boolean=True, description=gettext_lazy("overdue"))
    def overdue(self, obj):
        return is_overdue(obj, timezone.now())


@admin.register(Rendition)
class RenditionAdmin(admin.ModelAdmin):
    list_display = [
        "message",
        "format",
        "slide",
        "status",
        "width",
        "height",
        "size_bytes",
        "rendered_at",
    ]
    list_filter = ["status", "format"]
    search_fields = ["message__headline", "message__public_id"]
    list_select_related = ["message"]
    readonly_fields = [f.name for f in Rendition._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The experiments' admin lives in their package; imported here so the admin site finds it.
from campaigns.experiments import admin as experiments_admin  # noqa: E402, F401
