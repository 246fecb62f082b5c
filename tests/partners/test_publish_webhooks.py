"""Publishing, unpublishing and withdrawal reach partners' webhooks through the outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns import publishing
from campaigns import services as campaign_services
from campaigns.models import MessageExcerpt
from partners import services
from partners.models import WebhookDelivery
from tests.factories import CampaignFactory, ExcerptFactory, MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    partner = services.create_partner(name="Exit NGO")
    partner.webhook_url = "https://hooks.example.org/cms"
    partner.webhook_secret = "s3cret-for-signing-webhooks"
    partner.save()
    services.create_api_key(partner=partner, scopes=["read:messages"])
    return partner


def scheduled_message(**fields):
    message = MessageFactory(
        campaign=CampaignFactory(audience_regions=["western_europe"]),
        status="scheduled",
        publish_at=timezone.now() - timedelta(seconds=1),
        leak_checked_at=timezone.now(),
        **fields,
    )
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    return message


def test_publish_unpublish_and_withdraw_each_write_one_outbox_row(partner, editor):
    message = scheduled_message(unpublish_at=timezone.now() + timedelta(hours=1))
    publishing.sweep()
    deliveries = WebhookDelivery.objects.filter(partner=partner, object_id=message.public_id)
    assert list(deliveries.values_list("event", flat=True)) == ["message.published"]
    assert deliveries.get().payload["data"]["id"] == message.public_id

    campaign_services.withdraw_message(user=editor, message=message, reason="Risk flagged.")
    assert sorted(deliveries.values_list("event", flat=True)) == [
        "message.published",
        "message.withdrawn",
    ]

    other = scheduled_message(unpublish_at=timezone.now() + timedelta(seconds=1))
    publishing.sweep()
    publishing.sweep(now=timezone.now() + timedelta(seconds=5))
    events = WebhookDelivery.objects.filter(object_id=other.public_id).values_list(
        "event", flat=True
    )
    assert sorted(events) == ["message.published", "message.withdrawn"]


def test_region_restrictions_accept_codes_and_names(partner):
    from partners.selectors import region_code

    assert region_code("Western Europe") == region_code("western_europe") == "western_europe"
