"""The API tests' published world, key maker and client, for the canary walk."""

import pytest

from tests.api.conftest import api, make_key, world  # noqa: F401 - fixtures

# Open leaks found by the outside check (issue 11) that are not closed yet. Each stays a
# strict expected failure: the day a fix closes one, its test passes, the strict xfail fails
# the suite, and the entry must be removed here. Nothing is skipped.

OPEN_LEAKS: set[str] = set()  # none open today


def pytest_collection_modifyitems(items):
    for item in items:
        if item.name in OPEN_LEAKS:
            item.add_marker(
                pytest.mark.xfail(strict=True, reason="open leak (issue 11, outside check)")
            )
