"""The admin's "View site" leads to the publishing calendar, for those who may read it; a
custodian gets no link (the calendar is not theirs) and never a 404."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def view_site_href(client) -> str | None:
    html = client.get("/admin/").content.decode()
    match = re.search(r'<a href="([^"]*)">View site</a>', html)
    return match[1] if match else None


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_view_site_goes_to_the_calendar(client, request, who):
    client.force_login(request.getfixturevalue(who))
    href = view_site_href(client)
    assert href == "/review/messages/calendar/"
    assert client.get(href).status_code == 200


def test_a_custodian_sees_no_view_site_link(client, custodian):
    client.force_login(custodian)
    assert client.get("/admin/").status_code == 200
    assert view_site_href(client) is None
