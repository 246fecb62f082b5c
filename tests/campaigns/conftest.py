"""The API tests' key maker and client, for the campaign tests that look from outside."""

import pytest

from partners import services as partner_services
from tests.api.conftest import api, make_key  # noqa: F401 - fixtures


@pytest.fixture
def partner_key(make_key):  # noqa: F811 - the fixture above
    """A partner's key that reads messages and campaigns, with a webhook endpoint."""
    key = make_key(["read:messages", "read:campaigns"])
    partner_services.set_webhook(partner=make_key.last.partner, url="http://127.0.0.1:9/hook")
    return key
