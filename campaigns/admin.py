from django.contrib import admin

from campaigns.models import Campaign, Message, MessageExcerpt, Rendition, VisualTemplate


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "goal", "audience_stage", "starts_on", "ends_on", "owner", "is_sample"]
    list_filter = ["goal", "audience_stage", "messenger_type", "is_sample"]
    search_fields = ["name", "public_id", "key_message"]
    readonly_fields = ["public_id", "created_at", "updated_at"]
    date_hierarchy = "starts_on"
    fieldsets = [
        (None, {"fields": ["name", "public_id", "owner", "starts_on", "ends_on"]}),
        ("Goal", {"fields": ["goal", "objectives"]}),
        (
            "Audience",
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
        ("Message", {"fields": ["key_message", "counters_claim"]}),
        ("Messenger", {"fields": ["messenger_type", "messenger_credibility"]}),
        ("Media", {"fields": ["channels", "formats"]}),
        ("Call to action", {"fields": ["cta_text", "cta_url", "cta_helpline"]}),
        (
            "Monitoring and risk",
            {"fields": ["monitoring_plan", "risk_assessment", "safeguarding_contact"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change and obj.owner_id is None:
            obj.owner = request.user
        super().save_model(request, obj, form, change)


@admin.register(VisualTemplate)
class VisualTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "layout", "font_family", "output_format", "version", "is_active"]
    list_filter = ["layout", "font_family", "is_active"]
    search_fields = ["name"]
    readonly_fields = ["version", "created_at", "updated_at"]


class MessageExcerptInline(admin.TabularInline):
    model = MessageExcerpt
    extra = 0
    autocomplete_fields = ["excerpt"]
    ordering = ["position"]


class RenditionInline(admin.TabularInline):
    model = Rendition
    extra = 0
    can_delete = False
    fields = ["format", "status", "file", "width", "height", "size_bytes", "error", "rendered_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
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
        "approved_by",
        "approved_at",
        "published_at",
        "unpublished_at",
        "withdrawn_at",
        "withdrawal_reason",
        "created_at",
        "updated_at",
    ]
    inlines = [MessageExcerptInline, RenditionInline]
    list_select_related = ["campaign"]
    date_hierarchy = "publish_at"

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Rendition)
class RenditionAdmin(admin.ModelAdmin):
    list_display = ["message", "format", "status", "width", "height", "size_bytes", "rendered_at"]
    list_filter = ["status", "format"]
    search_fields = ["message__headline", "message__public_id"]
    list_select_related = ["message"]
    readonly_fields = [f.name for f in Rendition._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
