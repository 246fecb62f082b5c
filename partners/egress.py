"""What leaves through the partner API and webhooks, registered in ``core.egress``.

Names: ``api:<resource>.<key path>`` for each key a representation carries (nested keys
joined with dots, list items without an index), ``webhook:<key path>`` for webhook bodies.
``gated_as`` names the outbound texts of ``campaigns.selectors.outbound_texts`` that the gate
scanned at the message's approval and publication.
"""

from __future__ import annotations

from campaigns.experiments.models import Experiment
from campaigns.models import Campaign, Message
from core.egress import EDITORS, PARTNERS, STAFF, Audience, Kind, register, register_admin
from narratives.models import Excerpt, Narrative, Reason

NOT_TEXT = "an id, code, number, flag or time: no free text"

REASON_FIELDS = {
    "id": NOT_TEXT,
    "code": NOT_TEXT,
    "name": "Reason.name: the seeded taxonomy, edited by analysts",
    "description": "Reason.description: the taxonomy, edited by analysts",
    "sub_reasons.code": NOT_TEXT,
    "sub_reasons.name": "Reason.name of a sub-reason",
    "sub_reasons.description": "Reason.description of a sub-reason",
}
RELEASED = {
    f"attributes.{key}": "disclosure control's release: generalised until k narratives share it"
    for key in (
        "gender",
        "age",
        "origin",
        "period",
        "suppressed",
        *(f"labels.{k}" for k in ("gender", "age", "origin", "period")),
        *(f"levels.{k}" for k in ("gender", "age", "origin", "period")),
    )
}
NARRATIVE_FIELDS = {
    "id": NOT_TEXT,
    "title": "Narrative.title, scanned with the text at the narrative's approval",
    "text": "Narrative.text (anonymized), scanned at the narrative's approval",
    "language": NOT_TEXT,
    "attributes": "disclosure-controlled attributes, or null",
    **RELEASED,
    "primary_reason": NOT_TEXT,
    "reasons.code": NOT_TEXT,
    "reasons.parent": NOT_TEXT,
    "changed_at": NOT_TEXT,
}
EXCERPT_FIELDS = {
    "id": NOT_TEXT,
    "narrative": NOT_TEXT,
    "language": NOT_TEXT,
    "text": "Excerpt.text: a span of the approved narrative",
    "attribution": "the attribution line from released attributes",
    "translations.language": NOT_TEXT,
    "translations.text": "ExcerptTranslation.text",
    "translations.attribution": "the attribution line in the translation's language",
    "reasons.code": NOT_TEXT,
    "reasons.parent": NOT_TEXT,
    "changed_at": NOT_TEXT,
}
CAMPAIGN_FIELDS = {
    "id": NOT_TEXT,
    "name": "Campaign.name",
    "goal": NOT_TEXT,
    "audience_stage": NOT_TEXT,
    "audience_regions": "Campaign.audience_regions (region codes)",
    "audience_languages": NOT_TEXT,
    "audience_age_min": NOT_TEXT,
    "audience_age_max": NOT_TEXT,
    "key_message": "Campaign.key_message",
    "messenger_type": NOT_TEXT,
    "cta_text": "Campaign.cta_text",
    "cta_url": "Campaign.cta_url",
    "cta_helpline": "Campaign.cta_helpline",
    "starts_on": NOT_TEXT,
    "ends_on": NOT_TEXT,
    "changed_at": NOT_TEXT,
}
# A campaign is served only while one of its messages is live, and every edit to these
# fields sends its messages back to review: each was scanned with that message.
CAMPAIGN_GATED: dict[str, tuple[str, ...]] = {
    "name": ("campaign.name",),
    "key_message": ("campaign.key_message",),
    "cta_text": ("campaign.cta_text",),
    "cta_url": ("campaign.cta_url",),
    "cta_helpline": ("campaign.cta_helpline",),
    "audience_regions": ("campaign.audience_regions",),
}
MESSAGE_FIELDS = {
    "id": NOT_TEXT,
    "campaign": NOT_TEXT,
    "language": NOT_TEXT,
    "headline": "Message.headline",
    "body": "Message.body",
    "cta_text": "Message.cta_text, or the campaign's",
    "cta_url": "Message.cta_url, or the campaign's",
    "alt_text": "Message.alt_text",
    "publish_at": NOT_TEXT,
    "unpublish_at": NOT_TEXT,
    "changed_at": NOT_TEXT,
    "reasons": NOT_TEXT,
    "excerpts.id": NOT_TEXT,
    "excerpts.language": NOT_TEXT,
    "excerpts.text": "the quoted excerpt, translated into the message's language if it can be",
    "excerpts.attribution": "the attribution line of the quote",
    "renditions.format": NOT_TEXT,
    "renditions.slide": NOT_TEXT,
    "renditions.url": "the approved rendition's media URL",
    "renditions.mime_type": NOT_TEXT,
    "renditions.width": NOT_TEXT,
    "renditions.height": NOT_TEXT,
    "renditions.alt_text": (
        "Message.alt_text, or a carousel slide's alt text (campaigns.selectors.slide_alt_texts)"
    ),
}
MESSAGE_GATED: dict[str, tuple[str, ...]] = {
    "headline": ("headline",),
    "body": ("body",),
    "cta_text": ("cta_text", "campaign.cta_text"),
    "cta_url": ("cta_url", "campaign.cta_url"),
    "alt_text": ("alt_text",),
    "excerpts.text": ("quote:*",),
    "excerpts.attribution": ("attribution:*",),
    "renditions.alt_text": ("alt_text", "slide_alt:*"),
}
CHANGE_FIELDS = {
    "results.id": NOT_TEXT,
    "results.type": NOT_TEXT,
    "results.deleted": NOT_TEXT,
    "results.changed_at": NOT_TEXT,
    "results.data": (
        "the item as its own endpoint shows it (api:message, narrative, excerpt, experiment)"
    ),
    "next_cursor": NOT_TEXT,
    "has_more": NOT_TEXT,
}
# An experiment goes out as ids, codes, weights and times: its question, hypothesis and
# history are editors' words and stay inside (partners.api_experiments).
EXPERIMENT_FIELDS = dict.fromkeys(
    (
        "id",
        "campaign",
        "status",
        "allocation",
        "primary_outcome",
        "secondary_outcomes",
        "started_at",
        "stopped_at",
        "variants.key",
        "variants.message",
        "variants.weight",
        "variants.control",
    ),
    NOT_TEXT,
)
EXPERIMENT_COUNT_KEYS = (
    "variant",
    "day",
    "impressions",
    "reach",
    "cta_clicks",
    "helpline_contacts",
    "partner_outcome",
)
METRIC_FIELDS = dict.fromkeys(
    ("message", "day", "impressions", "reach", "clicks", "shares", "created", "updated_at"),
    NOT_TEXT,
)
PAGE_FIELDS = {
    "next_cursor": NOT_TEXT,
    "has_more": NOT_TEXT,
    "results": "the items, as their resource shows them",
}
ERROR_FIELDS = {
    "type": NOT_TEXT,
    "title": "fixed per code",
    "status": NOT_TEXT,
    "detail": "fixed wording naming the parameter; never the value sent",
    "code": NOT_TEXT,
    "request_id": "made by the server, never taken from the caller",
    "errors": "per parameter: fixed wording, never the value sent",
}
WEBHOOK_FIELDS = {
    "id": NOT_TEXT,
    "created_at": NOT_TEXT,
    "event": NOT_TEXT,
    "data": (
        "built at send time: the message as api:message shows it to the partner then (not sent "
        "if it is no longer live or a text holds a vault value), or for a withdrawal its id "
        "and time; for an experiment's start or stop, the experiment as api:experiment shows it"
    ),
    "data.withdrawn_at": NOT_TEXT,
    # An experiment's start or stop carries it as api:experiment shows it (ids and numbers).
    **{f"data.{key}": f"api:experiment.{key}" for key in EXPERIMENT_FIELDS},
    **{f"data.{key}": f"api:message.{key}" for key in MESSAGE_FIELDS},
}
# Serializer (by class name) -> the resource it represents.
SERIALIZER_RESOURCES = {
    "ReasonSerializer": "reason",
    "NarrativeSerializer": "narrative",
    "ExcerptSerializer": "excerpt",
    "CampaignSerializer": "campaign",
    "MessageSerializer": "message",
    "ChangesPageSerializer": "changes",
    "MetricReportSerializer": "metric_report_in",
    "MetricReportOutSerializer": "metric_report",
    "MetricBatchSerializer": "metric_batch_in",
    "MetricBatchOutSerializer": "metric_batch",
    "ErrorSerializer": "error",
    "WebhookTestOutSerializer": "webhook_test",
    "ExperimentSerializer": "experiment",
    "AssignmentSerializer": "assignment",
    "ExperimentCountsSerializer": "experiment_counts_in",
    "ExperimentCountsOutSerializer": "experiment_counts",
}
API_RESOURCES = {
    "reason": REASON_FIELDS,
    "narrative": NARRATIVE_FIELDS,
    "excerpt": EXCERPT_FIELDS,
    "campaign": CAMPAIGN_FIELDS,
    "message": MESSAGE_FIELDS,
    "changes": CHANGE_FIELDS,
    "metric_report": METRIC_FIELDS,
    "metric_report_in": {k: NOT_TEXT for k in METRIC_FIELDS if k not in ("created", "updated_at")},
    "metric_batch_in": {"reports": "the reports, each as api:metric_report_in"},
    "metric_batch": {"results": "the stored reports, each as api:metric_report"},
    "error": ERROR_FIELDS,
    "page": PAGE_FIELDS,
    "webhook_test": dict.fromkeys(("id", "event", "status", "created_at"), NOT_TEXT),
    "experiment": EXPERIMENT_FIELDS,
    "assignment": dict.fromkeys(("experiment", "variant", "message"), NOT_TEXT),
    "experiment_counts_in": {"counts": "the rows: a variant, a day and numbers"}
    | {f"counts.{key}": NOT_TEXT for key in EXPERIMENT_COUNT_KEYS},
    "experiment_counts": dict.fromkeys(("created", "replaced", "unchanged"), NOT_TEXT),
}
GATED: dict[str, dict[str, tuple[str, ...]]] = {
    "message": MESSAGE_GATED,
    "campaign": CAMPAIGN_GATED,
}


def _api_paths():
    yield from ("/api/v1/reasons/", "/api/v1/narratives/", "/api/v1/excerpts/")
    yield from ("/api/v1/campaigns/", "/api/v1/messages/", "/api/v1/changes/")
    yield "/api/v1/changes/?updated_since=2000-01-01T00:00:00Z"
    yield from (f"/api/v1/reasons/{c}/" for c in Reason.objects.values_list("code", flat=True))
    for model, resource in (
        (Narrative, "narratives"),
        (Excerpt, "excerpts"),
        (Campaign, "campaigns"),
        (Message, "messages"),
    ):
        for public_id in model.objects.values_list("public_id", flat=True):
            yield f"/api/v1/{resource}/{public_id}/"
    yield "/api/v1/experiments/"
    for public_id in Experiment.objects.values_list("public_id", flat=True):
        yield f"/api/v1/experiments/{public_id}/"
        yield f"/api/v1/experiments/{public_id}/assignment/?unit={'0' * 32}"


def register_surfaces() -> None:
    for resource, fields in API_RESOURCES.items():
        gated = GATED.get(resource, {})
        for name, source in fields.items():
            register(
                f"api:{resource}.{name}",
                Kind.API_FIELD,
                PARTNERS,
                source,
                gated_as=gated.get(name, ()),
            )
    for name, source in WEBHOOK_FIELDS.items():
        gated_as = MESSAGE_GATED.get(name.removeprefix("data."), ())
        register(f"webhook:{name}", Kind.WEBHOOK_FIELD, PARTNERS, source, gated_as=gated_as)
    register(
        "page:api",
        Kind.PAGE,
        PARTNERS,
        "the partner API's JSON: the api:* fields above",
        paths=_api_paths,
        url_names=(
            "api:reason-list",
            "api:reason-detail",
            "api:narrative-list",
            "api:narrative-detail",
            "api:excerpt-list",
            "api:excerpt-detail",
            "api:campaign-list",
            "api:campaign-detail",
            "api:message-list",
            "api:message-detail",
            "api:change-list",
            "api:metric-create",
            "api:metric-batch",
            "api:webhook-test",
            "api:experiment-list",
            "api:experiment-detail",
            "api:experiment-assignment",
            "api:experiment-metrics",
            # Any other path under /api/: a fixed 404 problem, or the endpoint it names
            # without its trailing slash.
            "api-unknown",
        ),
    )
    register(
        "page:api-docs",
        Kind.PAGE,
        frozenset({Audience.ANONYMOUS, Audience.PARTNER}),
        "the OpenAPI schema and its viewer: field names and help texts only",
        paths=lambda: ["/api/schema/", "/api/docs/"],
        url_names=("api:schema", "api:docs"),
    )
    register_admin("partners.Partner", (), "partners and their webhooks: superusers only")
    register_admin("partners.ApiKey", (), "API keys: superusers only")
    register_admin("partners.MetricReport", EDITORS, "the figures partners report")
    register_admin(
        "partners.WebhookDelivery", EDITORS, "deliveries: status and errors, never the payload"
    )
    register(
        "log:partners",
        Kind.LOG,
        STAFF,
        "partners.services log lines: partner, key and delivery ids only, never payloads",
    )
