"""The API tests' published world and key maker, and the webhook receiver, shared with the
partner tests."""

from tests.api.conftest import api, make_key, world  # noqa: F401 - fixtures
from tests.partners.test_webhooks import partner, queued, receiver  # noqa: F401 - fixtures
