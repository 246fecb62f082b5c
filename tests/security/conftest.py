"""The API tests' published world, key maker and client, for the canary walk."""

from tests.api.conftest import api, make_key, world  # noqa: F401 - fixtures
