"""Outside check of issue 11: an input of a live message changes, and the old card stays out.

"A campaign, template or excerpt edit sends the affected messages back to review, and until
they are approved again partners and visitors keep receiving the last approved rendition or
nothing, never an unreviewed one."
"""

from __future__ import annotations

import pytest
from django.test import Client

from campaigns import media
from campaigns import services as campaign_services
from campaigns.models import Message
from campaigns.selectors import servable_renditions
from narratives import services as narrative_services
from tests.factories import CampaignFactory
from tests.security.test_outside_variants import _record

pytestmark = pytest.mark.django_db


def test_retiring_a_quoted_excerpt_takes_down_the_cards_that_draw_it(world, analyst, make_key):
    """Leak: an analyst withdraws an approved excerpt (``remove_excerpt``: it is retired,
    because a message uses it), typically because it says too much. The live message quoting
    it stays published and its approved renditions, which draw that quote, stay servable:
    ``/media/r/<token>/...`` and the ``renditions`` of ``/api/v1/messages/<id>/`` keep handing
    the retired words out as an image, while the API's ``excerpts`` already hides them."""
    key = make_key()
    first_quote = world.excerpts[0]  # position 0 of the live message: drawn on its cards
    assert servable_renditions().filter(message=world.live).exists()

    narrative_services.remove_excerpt(user=analyst, excerpt=first_quote)
    first_quote.refresh_from_db()
    assert first_quote.status == "retired"

    still_served = [
        media.rendition_url(r) for r in servable_renditions().filter(message=world.live)
    ]
    partner = Client(headers={"Authorization": f"Api-Key {key}"})
    listed = partner.get(f"/api/v1/messages/{world.live.public_id}/").content.decode()
    in_api = [url for url in still_served if url in listed]
    assert still_served == [], f"retired quote still drawn on {still_served}; in the API: {in_api}"


def test_moving_a_live_message_to_another_campaign_sends_it_back_to_review(
    world, custodian, editor, make_key
):
    """Leak: a live message's ``campaign`` is an editor field but not an outbound one
    (``campaigns.services.OUTBOUND_FIELDS``), so moving the message to another campaign (the
    admin's campaign field; ``save_message(changed_fields=["campaign"])``) keeps it
    published. The new campaign was never scanned with it: its call to action and help-line,
    here a vault name and phone, are served at once by ``/api/v1/messages/`` (``cta_text``)
    and ``/api/v1/campaigns/``, and drawn on the next cards."""
    _record(custodian, real_name="Qwynn Zarthuli", contacts="+33 6 98 76 54 32")
    key = make_key()
    # A campaign with no message yet: nothing has ever scanned it.
    elsewhere = CampaignFactory(
        name="Spring outreach",
        cta_text="Ask for Qwynn Zarthuli",
        cta_helpline="+33 6 98 76 54 32",
        audience_languages=["en"],
    )
    message = Message.objects.get(pk=world.live.pk)
    message.campaign = elsewhere
    campaign_services.save_message(user=editor, message=message, changed_fields=["campaign"])

    partner = Client(headers={"Authorization": f"Api-Key {key}"})
    served = "".join(
        partner.get(path).content.decode() for path in ("/api/v1/messages/", "/api/v1/campaigns/")
    )
    assert [v for v in ("Qwynn Zarthuli", "+33 6 98 76 54 32") if v in served] == []
