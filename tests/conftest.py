from __future__ import annotations

import pytest

from core.roles import ANALYST, CUSTODIAN, EDITOR, PARTNER
from tests.factories import UserFactory

ROLE_USERNAMES = {EDITOR: "t_editor", ANALYST: "t_analyst", CUSTODIAN: "t_custodian"}


@pytest.fixture
def editor(db):
    return UserFactory(username="t_editor", role=EDITOR, is_staff=True)


@pytest.fixture
def analyst(db):
    return UserFactory(username="t_analyst", role=ANALYST)


@pytest.fixture
def custodian(db):
    return UserFactory(username="t_custodian", role=CUSTODIAN, is_staff=True)


@pytest.fixture
def partner_user(db):
    return UserFactory(username="t_partner", role=PARTNER)


@pytest.fixture
def superuser(db):
    return UserFactory(username="t_root", is_staff=True, is_superuser=True)
