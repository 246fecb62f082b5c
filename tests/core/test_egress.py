"""The egress registry lists every outbound surface: adding one without registering it fails.

Each test compares the registry with what the code really sends: the API's published schema
and its real responses, the webhook bodies, ``CardSpec``'s attributes, the URL patterns and
the admin's models; and checks that every registered text is among those the gate scans.
"""

from __future__ import annotations

import dataclasses
import fnmatch

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from campaigns import services as campaign_services
from campaigns.models import MessageExcerpt, VisualTemplate
from campaigns.rendering import CardSpec
from campaigns.selectors import outbound_texts
from core.egress import Kind, registry
from partners import services
from tests.factories import CampaignFactory, ExcerptFactory, MessageFactory

# Schema components -> the resource names the registry uses.
COMPONENTS = {
    "Campaign": "campaign",
    "Message": "message",
    "Excerpt": "excerpt",
    "Narrative": "narrative",
    "Reason": "reason",
    "ChangesPage": "changes",
    "MetricReportOut": "metric_report",
    "MetricReport": "metric_report_in",
    "MetricBatchOut": "metric_batch",
    "MetricBatch": "metric_batch_in",
    "Error": "error",
    "WebhookTestOut": "webhook_test",
    "Experiment": "experiment",
    "Assignment": "assignment",
    "ExperimentCounts": "experiment_counts_in",
    "ExperimentCountsOut": "experiment_counts",
}


def _resolve(schema: dict, components: dict) -> tuple[str | None, dict]:
    ref = schema.get("$ref")
    if ref is None and len(schema.get("allOf", ())) == 1:
        ref = schema["allOf"][0].get("$ref")
    if ref is None:
        return None, schema
    name = ref.rsplit("/", 1)[-1]
    return name, components[name]


def _schema_paths(schema: dict, components: dict, resource: str, prefix: str, found: set):
    name, schema = _resolve(schema, components)
    if name in COMPONENTS and prefix:  # a resource nested in another one (changes -> data)
        return
    if name is not None and name.startswith("Paginated"):
        for key in schema["properties"]:
            found.add(f"page.{key}")
        item = schema["properties"]["results"]["items"]
        item_name, _ = _resolve(item, components)
        _schema_paths(item, components, COMPONENTS[item_name], "", found)
        return
    if "items" in schema:
        _schema_paths(schema["items"], components, resource, prefix, found)
        return
    for key, sub in schema.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        found.add(f"{resource}.{path}")
        _schema_paths(sub, components, resource, path, found)


def api_schema_fields() -> set[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    found: set[str] = set()
    for operations in schema["paths"].values():
        for operation in operations.values():
            bodies = [r.get("content", {}) for r in operation["responses"].values()]
            bodies.append(operation.get("requestBody", {}).get("content", {}))
            for content in bodies:
                media = content.get("application/json") or content.get(
                    "application/problem+json", {}
                )
                body = media.get("schema")
                if body is None:
                    continue
                name, _ = _resolve(body, components)
                resource = COMPONENTS.get(name, "page")
                _schema_paths(body, components, resource, "", found)
    return found


def key_paths(value, prefix: str = "") -> set[str]:
    """Every key path of a JSON value: nested keys joined with dots, list items unindexed."""
    found = set()
    if isinstance(value, dict):
        for key, sub in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found.add(path)
            found |= key_paths(sub, path)
    elif isinstance(value, list):
        for item in value:
            found |= key_paths(item, prefix)
    return found


def registered(kind: Kind, prefix: str) -> set[str]:
    return {name.removeprefix(prefix) for name in registry.names(kind)}


def unregistered(sent: set[str], names: set[str]) -> set[str]:
    """Paths neither registered nor a container of registered ones; a map's keys (the
    parameter names of ``error.errors``) count as the map."""
    containers = {name.rsplit(".", n)[0] for name in names for n in range(1, name.count(".") + 1)}
    sent = {"error.errors" if p.startswith("error.errors.") else p for p in sent}
    return sent - names - containers


def test_every_field_the_api_schema_publishes_is_registered():
    fields = api_schema_fields()
    assert "message.excerpts.text" in fields and "campaign.cta_helpline" in fields
    assert unregistered(fields, registered(Kind.API_FIELD, "api:")) == set()


def test_no_registered_api_field_is_stale():
    fields = api_schema_fields()
    assert registered(Kind.API_FIELD, "api:") - fields == set()


@pytest.mark.django_db
@override_settings(API_CHANGES_SETTLE_SECONDS=0)
def test_every_key_the_api_really_sends_is_registered(world, api, make_key):
    key = make_key()
    resources = {
        "/api/v1/reasons/": "reason",
        "/api/v1/narratives/": "narrative",
        "/api/v1/excerpts/": "excerpt",
        "/api/v1/campaigns/": "campaign",
        "/api/v1/messages/": "message",
    }
    api_fields = registered(Kind.API_FIELD, "api:")
    sent = set()
    for path, resource in resources.items():
        page = api.get(path, key=key).json()
        sent |= {f"page.{k}" for k in page}
        assert page["results"], path
        sent |= {f"{resource}.{p}" for p in key_paths(page["results"])}
    changes = api.get("/api/v1/changes/", key=key).json()
    for item in changes["results"]:
        if "data" in item:
            sent |= {f"{item['type']}.{p}" for p in key_paths(item["data"])}
    sent |= {f"changes.{p}" for p in key_paths(changes) if not p.startswith("results.data.")}
    sent |= {f"error.{p}" for p in key_paths(api.get("/api/v1/messages/?x=1", key=key).json())}
    assert unregistered(sent, api_fields) == set()


@pytest.mark.django_db
def test_every_key_a_webhook_carries_is_registered(world, make_key):
    make_key(["read:messages"])
    services.set_webhook(partner=make_key.last.partner, url="http://127.0.0.1:9/hook")
    payloads = [  # the bodies as they would be sent now
        services.webhook_payload(delivery, now=timezone.now())
        for event in ("message.published", "message.updated", "message.withdrawn")
        for delivery in services.enqueue_message_event(message=world.live, event=event)
    ]
    assert len(payloads) == 3
    sent = set().union(*(key_paths(p) for p in payloads))
    assert unregistered(sent, registered(Kind.WEBHOOK_FIELD, "webhook:")) == set()


def test_every_attribute_of_a_card_is_a_registered_rendition_input():
    attributes = {f.name for f in dataclasses.fields(CardSpec)}
    assert attributes == registered(Kind.RENDITION_INPUT, "rendition:")


def _gated_texts(texts, patterns) -> str:
    return "\n".join(
        t.text for t in texts if any(fnmatch.fnmatchcase(t.field, p) for p in patterns)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("layout", [c for c, _ in VisualTemplate.Layout.choices])
def test_every_text_a_card_draws_is_among_the_texts_the_gate_scans(layout):
    template = VisualTemplate.objects.create(name=f"T {layout}", layout=layout)
    template.logo.save("logo.png", ContentFile(_png()), save=True)
    template.background_photo.save("photo.png", ContentFile(_png()), save=True)
    campaign = CampaignFactory(cta_text="CAMPAIGN-CTA", cta_helpline="CAMPAIGN-HELPLINE")
    message = MessageFactory(
        campaign=campaign,
        template=template,
        headline="MESSAGE-HEADLINE",
        body="MESSAGE-BODY",
        cta_text="",
        cta_url="https://example.org/message-url",
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    texts = outbound_texts(message)
    for spec in campaign_services.card_specs(message).values():
        for surface in registry.surfaces(Kind.RENDITION_INPUT):
            value = getattr(spec, surface.name.removeprefix("rendition:"))
            if not surface.gated_as or not value:
                continue
            if isinstance(value, bytes):  # an image: its file's name is scanned
                image = getattr(template, surface.name.removeprefix("rendition:"))
                assert image.name.rsplit("/")[-1] in _gated_texts(texts, surface.gated_as)
                continue
            assert value in _gated_texts(texts, surface.gated_as), surface.name


@pytest.mark.django_db
def test_every_text_field_of_a_message_and_its_campaign_in_the_api_is_scanned(world, make_key):
    from partners.selectors import with_message_output
    from partners.serializers import CampaignSerializer, MessageSerializer

    message = with_message_output(type(world.live).objects.filter(pk=world.live.pk)).get()
    data = {
        "message": MessageSerializer(message, context={}).data,
        "campaign": CampaignSerializer(message.campaign, context={}).data,
    }
    # The API's lists, details and feed build messages on the flat path: the same item.
    from narratives.selectors import disclosure_index
    from partners import flat
    from partners.selectors import Audience, live_messages

    live = live_messages(audience=Audience.staff(), now=timezone.now()).filter(pk=message.pk)
    (item,) = flat.message_representations(list(flat.message_rows(live)), index=disclosure_index())
    # (Its change time is the stored one the lists page on; the bare row's is updated_at.)
    assert {k: v for k, v in item.items() if k != "changed_at"} == {
        k: v for k, v in data["message"].items() if k != "changed_at"
    }
    texts = outbound_texts(message)
    checked = 0
    for surface in registry.surfaces(Kind.API_FIELD):
        resource, _, path = surface.name.removeprefix("api:").partition(".")
        if resource not in data or not surface.gated_as:
            continue
        for value in _values(data[resource], path.split(".")):
            if value:
                assert str(value) in _gated_texts(texts, surface.gated_as), surface.name
                checked += 1
    assert checked >= 5


def _values(value, keys):
    if isinstance(value, list):
        for item in value:
            yield from _values(item, keys)
    elif not keys:
        if isinstance(value, list):
            yield from value
        else:
            yield value
    elif isinstance(value, dict) and keys[0] in value:
        yield from _values(value[keys[0]], keys[1:])


def _url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_a_registered_surface():
    covered = {name for s in registry.surfaces() for name in s.url_names}
    assert set(_url_names(get_resolver().url_patterns)) - covered == set()


def test_every_admin_page_is_a_registered_surface():
    models = {model._meta.label_lower for model in admin.site._registry}
    assert {f"admin:{label}" for label in models} - registry.names(Kind.PAGE) == set()


@pytest.mark.django_db
def test_every_registered_page_answers_without_a_server_error(world, editor, analyst):
    for user in (None, editor, analyst):
        client = Client()
        if user is not None:
            client.force_login(user)
        for surface in registry.surfaces():
            for path in surface.paths() if surface.paths else ():
                # 503 is an answer (the health check names what is down); 500 never is.
                assert client.get(path).status_code != 500, path


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()
