"""SQL-looking input in every filter and search box: no error, no extra rows."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from campaigns.models import Message
from narratives.models import Narrative
from tests.factories import MessageFactory, NarrativeFactory

pytestmark = pytest.mark.django_db

INJECTIONS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    "1; DROP TABLE narratives_narrative; --",
    '" OR ""="',
    "1) UNION SELECT username, password FROM core_user --",
    "%' AND 1=0 UNION SELECT NULL --",
    "\\'; SELECT pg_sleep(5); --",
]


@pytest.fixture
def data(analyst):
    hidden = NarrativeFactory(title="Visible only unfiltered", approved=True)
    MessageFactory(headline="A message nobody searched for")
    return hidden


def test_the_rows_are_there_without_a_filter(client, analyst, superuser, data):
    # The positive control: the "no extra data" checks below look for these rows.
    client.force_login(analyst)
    assert b"Visible only unfiltered" in client.get("/review/").content
    client.force_login(superuser)
    assert b"Visible only unfiltered" in client.get("/admin/narratives/narrative/").content
    assert b"A message nobody searched for" in client.get("/admin/campaigns/message/").content


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", ["q", "status", "reason", "language", "page"])
def test_review_queue_filters(client, analyst, data, name, value):
    client.force_login(analyst)
    response = client.get("/review/?" + urlencode({name: value}))
    assert response.status_code == 200
    if name == "q":
        assert b"Visible only unfiltered" not in response.content
    else:  # an invalid choice is reported and ignored, never fatal
        assert b"not understood" in response.content
    assert Narrative.objects.count() == 1


ADMIN_CHANGELISTS = [
    "/admin/narratives/narrative/",
    "/admin/narratives/excerpt/",
    "/admin/narratives/reason/",
    "/admin/campaigns/campaign/",
    "/admin/campaigns/message/",
    "/admin/campaigns/visualtemplate/",
    "/admin/campaigns/publication/",
    "/admin/campaigns/publishevent/",
    "/admin/campaigns/rendition/",
    "/admin/core/user/",
    "/admin/core/auditentry/",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("url", ADMIN_CHANGELISTS)
def test_admin_search_and_filters(client, superuser, data, url, value):
    client.force_login(superuser)
    search = client.get(url + "?" + urlencode({"q": value}))
    assert search.status_code == 200, url
    assert b"Visible only unfiltered" not in search.content
    assert b"A message nobody searched for" not in search.content
    # An unknown or malformed filter sends the admin back to the unfiltered list (?e=1),
    # never to an error page.
    for param in ("status", "action", "status__exact", "o"):
        response = client.get(url + "?" + urlencode({param: value}))
        assert response.status_code in (200, 302), (url, param)
    assert Narrative.objects.count() == 1 and Message.objects.count() == 1
