"""The API tests' published world and key maker, shared with the partner tests."""

from tests.api.conftest import api, make_key, world  # noqa: F401 - fixtures
