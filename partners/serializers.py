"""The public representations: what leaves the system through the API and webhooks.

Only fields named here leave. Narrative attributes leave only as released by disclosure
control (never the raw gender, age band, country or month), and nothing is ever read from the
vault.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from django.conf import settings
from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from campaigns.media import rendition_urls
from campaigns.models import Campaign, RenditionFormat
from campaigns.selectors import servable_renditions
from core.languages import CONTENT_LANGUAGES
from narratives.models import Excerpt, Reason
from narratives.selectors import (
    attribution_for,
    clean_translations,
    disclosure_index,
    quote_in_language,
    released_attributes,
    servable_excerpts,
    servable_narratives,
    vault_match_check,
)

STRICT_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_BATCH = 100
# Rows of experiment counts in one upload: 4 variants × 90 days and more.
MAX_EXPERIMENT_ROWS = 1000
LANGUAGE_CODES = [code for code, _ in CONTENT_LANGUAGES]


def _index(context):
    if "disclosure" not in context:
        context["disclosure"] = disclosure_index()
    return context["disclosure"]


def _vault_match(context):
    """One vault check per response, shared by every item on the page."""
    if "vault_match" not in context:
        context["vault_match"] = vault_match_check()
    return context["vault_match"]


if TYPE_CHECKING:
    _SerializerBase = serializers.Serializer
else:
    _SerializerBase = object


class SparseFieldsMixin(_SerializerBase):
    """Drop the fields the caller did not ask for (``?fields=a,b``; the id always stays)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # With ?fields= any property but the id may be absent: say so in the schema.
        for name, field in self.fields.items():
            if name != "id":
                field.required = False
        wanted = self.context.get("fields") if isinstance(self.context, dict) else None
        if wanted:
            for name in list(self.fields):
                if name not in wanted and name != "id":
                    self.fields.pop(name)


# --- Reasons --------------------------------------------------------------------------------


class SubReasonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reason
        fields = ["code", "name", "description"]


class ReasonSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    id = serializers.CharField(source="code", help_text="The reason's code.")
    sub_reasons = SubReasonSerializer(source="children", many=True, read_only=True)

    class Meta:
        model = Reason
        fields = ["id", "code", "name", "description", "sub_reasons"]


class ReasonRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    # The metaclass takes declared fields off the class: this shadows no Field attribute.
    parent = serializers.CharField(  # type: ignore[assignment]
        allow_null=True, help_text="The top-level reason's code."
    )

    def to_representation(self, reason):
        return {"code": reason.code, "parent": reason.parent.code if reason.parent_id else None}


# --- Narratives -----------------------------------------------------------------------------


class ReleasedLabelsSerializer(serializers.Serializer):
    gender = serializers.CharField()
    age = serializers.CharField()
    origin = serializers.CharField()
    period = serializers.CharField()


class ReleasedLevelsSerializer(serializers.Serializer):
    gender = serializers.IntegerField()
    age = serializers.IntegerField()
    origin = serializers.IntegerField()
    period = serializers.IntegerField()


class ReleasedAttributesSerializer(serializers.Serializer):
    """Attributes generalised until at least k approved narratives share them."""

    gender = serializers.CharField(help_text="male, female, or person when generalised away.")
    age = serializers.CharField(help_text="An age band, possibly a wider one, or any.")
    origin = serializers.CharField(help_text="A country code, a region, or abroad.")
    period = serializers.CharField(help_text="When the person left: month, quarter, year, span.")
    labels = ReleasedLabelsSerializer()
    levels = ReleasedLevelsSerializer()
    suppressed = serializers.BooleanField()


class ServableListSerializer(serializers.ListSerializer):
    """Leave out every item that may not be served now: ``servable`` keeps the others, with
    one vault check for the whole page."""

    servable: Callable[[Any, Callable[[str], bool]], list[Any]]

    def to_representation(self, data):
        items = data.all() if isinstance(data, models.manager.BaseManager) else data
        return super().to_representation(self.servable(items, _vault_match(self.context)))


class ServableNarrativeListSerializer(ServableListSerializer):
    """Leave out every narrative whose title or text matches the vault as it is now."""

    servable = staticmethod(servable_narratives)


class NarrativeSerializer(SparseFieldsMixin, serializers.Serializer):
    class Meta:
        list_serializer_class = ServableNarrativeListSerializer

    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    text = serializers.CharField(help_text="The anonymized narrative.")
    language = serializers.ChoiceField(choices=LANGUAGE_CODES)
    attributes = serializers.SerializerMethodField(
        help_text="Disclosure-controlled attributes; null while fewer than k narratives exist."
    )
    primary_reason = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()
    changed_at = serializers.DateTimeField()

    @extend_schema_field(ReleasedAttributesSerializer(allow_null=True))
    def get_attributes(self, narrative):
        return released_attributes(narrative, index=_index(self.context))

    @extend_schema_field(OpenApiTypes.STR)
    def get_primary_reason(self, narrative) -> str | None:
        for link in narrative.reason_links.all():
            if link.is_primary:
                return link.reason.code
        return None

    @extend_schema_field(ReasonRefSerializer(many=True))
    def get_reasons(self, narrative):
        return [ReasonRefSerializer(link.reason).data for link in narrative.reason_links.all()]


# --- Excerpts -------------------------------------------------------------------------------


class TranslationSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CODES)
    text = serializers.CharField()
    attribution = serializers.CharField()


class ServableExcerptListSerializer(ServableListSerializer):
    """Leave out every excerpt whose text matches the vault as it is now."""

    servable = staticmethod(servable_excerpts)


class ExcerptSerializer(SparseFieldsMixin, serializers.Serializer):
    class Meta:
        list_serializer_class = ServableExcerptListSerializer

    id = serializers.CharField(source="public_id")
    narrative = serializers.CharField(source="narrative.public_id")
    language = serializers.ChoiceField(choices=LANGUAGE_CODES, source="narrative.language")
    text = serializers.CharField()
    attribution = serializers.SerializerMethodField(
        help_text="Attribution line in the excerpt's language, disclosure-controlled."
    )
    translations = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()
    changed_at = serializers.DateTimeField()

    def get_attribution(self, excerpt) -> str:
        narrative = excerpt.narrative
        return attribution_for(narrative, narrative.language, index=_index(self.context))

    @extend_schema_field(TranslationSerializer(many=True))
    def get_translations(self, excerpt):
        index = _index(self.context)
        return [
            {
                "language": t.language,
                "text": t.text,
                "attribution": attribution_for(excerpt.narrative, t.language, index=index),
            }
            for t in clean_translations(excerpt.translations.all(), _vault_match(self.context))
        ]

    @extend_schema_field(ReasonRefSerializer(many=True))
    def get_reasons(self, excerpt):
        return [ReasonRefSerializer(r).data for r in excerpt.reasons.all()]


# --- Campaigns ------------------------------------------------------------------------------


class CampaignSerializer(SparseFieldsMixin, serializers.ModelSerializer):
    id = serializers.CharField(source="public_id")
    changed_at = serializers.DateTimeField()
    audience_regions = serializers.ListField(child=serializers.CharField())
    audience_languages = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Campaign
        # Planning fields (objectives, risk assessment, monitoring plan, safeguarding
        # contact, owner) stay inside.
        fields = [
            "id",
            "name",
            "goal",
            "audience_stage",
            "audience_regions",
            "audience_languages",
            "audience_age_min",
            "audience_age_max",
            "key_message",
            "messenger_type",
            "cta_text",
            "cta_url",
            "cta_helpline",
            "starts_on",
            "ends_on",
            "changed_at",
        ]


# --- Messages -------------------------------------------------------------------------------


def absolute_url(url: str, context) -> str:
    if url.startswith(("http://", "https://")):
        return url
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(url)
    return urljoin(settings.API_PUBLIC_URL.rstrip("/") + "/", url.lstrip("/"))


class RenditionSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=list(RenditionFormat.values))
    slide = serializers.IntegerField(
        help_text="A carousel's slide, numbered from 0 in posting order; 0 for other cards."
    )
    url = serializers.URLField()
    mime_type = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    alt_text = serializers.CharField()


class QuotedExcerptSerializer(serializers.Serializer):
    id = serializers.CharField()
    language = serializers.CharField(help_text="The language the quote is shown in.")
    text = serializers.CharField()
    attribution = serializers.CharField()


class MessageSerializer(SparseFieldsMixin, serializers.Serializer):
    id = serializers.CharField(source="public_id")
    campaign = serializers.CharField(source="campaign.public_id")
    language = serializers.ChoiceField(choices=LANGUAGE_CODES)
    headline = serializers.CharField()
    body = serializers.CharField()
    cta_text = serializers.SerializerMethodField()
    cta_url = serializers.SerializerMethodField()
    alt_text = serializers.CharField()
    publish_at = serializers.DateTimeField()
    unpublish_at = serializers.DateTimeField(allow_null=True)
    changed_at = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()
    excerpts = serializers.SerializerMethodField()
    renditions = serializers.SerializerMethodField()

    def get_cta_text(self, message) -> str:
        return message.cta_text or message.campaign.cta_text

    def get_cta_url(self, message) -> str:
        return message.cta_url or message.campaign.cta_url

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_changed_at(self, message):
        changed = getattr(message, "changed_at", None) or message.updated_at
        return serializers.DateTimeField().to_representation(changed)

    def _links(self, message):
        links = getattr(message, "reusable_excerpt_links", None)
        if links is None:  # not prefetched (a webhook payload built from one row)
            links = list(
                message.excerpt_links.filter(excerpt__in=Excerpt.objects.reusable())
                .select_related("excerpt__narrative")
                .prefetch_related("excerpt__translations", "excerpt__reasons__parent")
            )
        return links

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_reasons(self, message):
        codes = set()
        for link in self._links(message):
            for reason in link.excerpt.reasons.all():
                codes.add(reason.code)
        return sorted(codes)

    @extend_schema_field(QuotedExcerptSerializer(many=True))
    def get_excerpts(self, message):
        index = _index(self.context)
        quoted = []
        for link in self._links(message):
            excerpt = link.excerpt
            translated = quote_in_language(excerpt, message.language)
            if translated is not None:
                language, text = message.language, translated
            else:  # a message is approved only with every quote in its language
                language, text = excerpt.narrative.language, excerpt.text
            quoted.append(
                {
                    "id": excerpt.public_id,
                    "language": language,
                    "text": text,
                    "attribution": attribution_for(
                        excerpt.narrative, message.language, index=index
                    ),
                }
            )
        return quoted

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, message):
        renditions = getattr(message, "ready_renditions", None)
        if renditions is None:
            renditions = list(servable_renditions().filter(message=message))
        # One reverse() per response, not one per rendition (a fifth of a list's time).
        urls = self.context.get("rendition_urls")
        if urls is None:
            # Over the request alone: a function in the context that held the context (or
            # this serializer) would be a reference cycle holding the page.
            request = {"request": self.context["request"]} if "request" in self.context else {}
            urls = self.context["rendition_urls"] = rendition_urls(
                functools.partial(absolute_url, context=request)
            )
        return [
            {
                "format": r.format,
                "slide": r.slide,
                "url": urls(r),
                "mime_type": r.mime_type,
                "width": r.width,
                "height": r.height,
                # A carousel slide's own (its quote, its call to action); else the message's.
                "alt_text": r.alt_text or message.alt_text,
            }
            for r in renditions
            if r.file
        ]


# --- Changes --------------------------------------------------------------------------------


class ChangeSerializer(serializers.Serializer):
    id = serializers.CharField()
    type = serializers.ChoiceField(choices=["excerpt", "experiment", "message", "narrative"])
    deleted = serializers.BooleanField()
    changed_at = serializers.DateTimeField()
    # The metaclass takes declared fields off the class: Serializer.data stays a property.
    data = serializers.DictField(  # type: ignore[assignment]
        required=False,
        help_text="The item as its own endpoint shows it; absent for tombstones.",
    )


class ChangesPageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_cursor = serializers.CharField(
        allow_null=True,
        help_text="Pass as ?cursor= to continue. Never null once the feed has a position "
        "(even caught up, with has_more false): keep the last one to poll for newer changes.",
    )
    has_more = serializers.BooleanField(
        help_text="Whether more changes are ready now: ask again at once with next_cursor."
    )


# --- Metrics --------------------------------------------------------------------------------

MAX_COUNT = 10**15


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer: no strings, no floats, no booleans."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    """A JSON string: no numbers."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field(
    {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
)
class StrictDateField(serializers.DateField):
    """YYYY-MM-DD, ASCII digits, nothing else."""

    def to_internal_value(self, value):
        if not isinstance(value, str) or not STRICT_DATE_RE.fullmatch(value):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value)


class StrictSerializer(serializers.Serializer):
    """Unknown fields are an error (not named back: they are the caller's)."""

    def to_internal_value(self, data):
        if isinstance(data, dict) and set(data) - set(self.fields):
            raise serializers.ValidationError(
                {
                    api_settings.NON_FIELD_ERRORS_KEY: [
                        f"Unknown field; send only {', '.join(self.fields)}."
                    ]
                }
            )
        return super().to_internal_value(data)


class MetricReportSerializer(StrictSerializer):
    message = StrictCharField(max_length=40, help_text="The message's id (msg_…).")
    day = StrictDateField(help_text="The day reported, ISO 8601 (YYYY-MM-DD).")
    impressions = StrictIntegerField(min_value=0, max_value=MAX_COUNT)
    reach = StrictIntegerField(
        min_value=0, max_value=MAX_COUNT, help_text="At most the impressions."
    )
    clicks = StrictIntegerField(
        min_value=0, max_value=MAX_COUNT, help_text="At most the impressions."
    )
    shares = StrictIntegerField(min_value=0, max_value=MAX_COUNT)


class MetricBatchSerializer(StrictSerializer):
    # many=True hands max_length to the ListSerializer; the stub types the child's arguments.
    reports = MetricReportSerializer(  # type: ignore[call-arg]
        many=True, allow_empty=False, max_length=MAX_BATCH
    )


class MetricReportOutSerializer(serializers.Serializer):
    message = serializers.CharField(source="message.public_id")
    day = serializers.DateField()
    impressions = serializers.IntegerField()
    reach = serializers.IntegerField()
    clicks = serializers.IntegerField()
    shares = serializers.IntegerField()
    created = serializers.BooleanField(
        source="was_created", help_text="False when this replaced an earlier report."
    )
    updated_at = serializers.DateTimeField()


class MetricBatchOutSerializer(serializers.Serializer):
    results = MetricReportOutSerializer(many=True, help_text="In the order sent.")


class ErrorSerializer(serializers.Serializer):
    """An RFC 9457 problem document."""

    type = serializers.CharField(help_text="A URN naming the code: urn:problem:<code>.")
    title = serializers.CharField(help_text="Fixed per code.")
    status = serializers.IntegerField(help_text="The HTTP status.")
    detail = serializers.CharField(
        help_text="What went wrong and what to do; for a 400, it "
        "starts with the parameter or field at fault."
    )
    code = serializers.CharField(help_text="Stable: code against this, not the texts.")
    request_id = serializers.CharField(help_text="As in the X-Request-ID header.")
    # The metaclass takes declared fields off the class: Serializer.errors stays a property.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For a 400: every parameter or body field at fault, with its messages.",
    )


class WebhookTestOutSerializer(serializers.Serializer):
    """What POST /api/v1/webhook/test/ answers: the queued delivery."""

    id = serializers.CharField(
        source="public_id", help_text="The delivery id: the ping carries it as X-CMS-Delivery."
    )
    event = serializers.CharField(help_text="Always ping.")
    status = serializers.CharField(help_text="pending: queued, sent in a moment.")
    created_at = serializers.DateTimeField()


# --- Experiments ----------------------------------------------------------------------------


class ExperimentVariantSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="The variant's key: what an assignment answers and counts name."
    )
    message = serializers.CharField(
        source="message.public_id", help_text="The message this variant shows (msg_…)."
    )
    weight = serializers.IntegerField(
        help_text="Its share of units is its weight over the sum of the weights."
    )
    control = serializers.SerializerMethodField(
        help_text="True for the control, the variant the others are compared with."
    )

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_control(self, variant) -> bool:
        return variant.position == 0


class ExperimentSerializer(SparseFieldsMixin, serializers.Serializer):
    """An experiment as a partner sees it: ids, weights and codes, no free text."""

    id = serializers.CharField(source="public_id", help_text="The experiment's id (exp_…).")
    campaign = serializers.CharField(source="campaign.public_id")
    status = serializers.ChoiceField(
        choices=["running", "stopped"],
        help_text="running: assign and report; stopped: stop showing the variants as an "
        "experiment, and report the days up to stopped_at.",
    )
    allocation = serializers.ChoiceField(
        choices=["ours", "partner"],
        help_text="ours: ask GET /api/v1/experiments/{id}/assignment/?unit=… for each unit; "
        "partner: split on your own platform in proportion to the weights (an ad split test) "
        "and report the counts per variant, which report the allocation too.",
    )
    primary_outcome = serializers.CharField(
        help_text="The outcome the variants are judged on: cta_clicks, helpline_contacts or "
        "partner_outcome."
    )
    secondary_outcomes = serializers.ListField(child=serializers.CharField())
    started_at = serializers.DateTimeField()
    stopped_at = serializers.DateTimeField(allow_null=True)
    variants = ExperimentVariantSerializer(many=True, help_text="The control first.")


class AssignmentSerializer(serializers.Serializer):
    experiment = serializers.CharField(help_text="The experiment's id (exp_…).")
    variant = serializers.CharField(help_text="The key of the variant the unit is assigned to.")
    message = serializers.CharField(help_text="The message to show the unit (msg_…).")


class ExperimentCountSerializer(StrictSerializer):
    variant = StrictCharField(max_length=20, help_text="The variant's key.")
    day = StrictDateField(help_text="The day counted, ISO 8601 (YYYY-MM-DD), from the start on.")
    impressions = StrictIntegerField(min_value=0, max_value=MAX_COUNT)
    reach = StrictIntegerField(
        min_value=0, max_value=MAX_COUNT, required=False, help_text="At most the impressions."
    )
    cta_clicks = StrictIntegerField(
        min_value=0, max_value=MAX_COUNT, required=False, help_text="At most the impressions."
    )
    helpline_contacts = StrictIntegerField(
        min_value=0, max_value=MAX_COUNT, required=False, help_text="At most the impressions."
    )
    partner_outcome = StrictIntegerField(
        min_value=0,
        max_value=MAX_COUNT,
        required=False,
        help_text="Your own outcome measure, counted among the impressions.",
    )


class ExperimentCountsSerializer(StrictSerializer):
    # many=True hands max_length to the ListSerializer; the stub types the child's arguments.
    counts = ExperimentCountSerializer(  # type: ignore[call-arg]
        many=True, allow_empty=False, max_length=MAX_EXPERIMENT_ROWS
    )


class ExperimentCountsOutSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="Rows new to us.")
    replaced = serializers.IntegerField(help_text="Rows that replaced an earlier report.")
    unchanged = serializers.IntegerField(help_text="Rows the same as reported before.")
