"""The API tests' key maker and client, for the campaign tests that look from outside."""

from tests.api.conftest import api, make_key  # noqa: F401 - fixtures
