"""The four role groups, and who may enter the admin site and the vault."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from core.roles import ROLE_PERMISSIONS, ROLES
from narratives.models import VaultAccess
from tests.factories import SourceRecordFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_migrations_create_every_role_with_exactly_its_permissions():
    for role in ROLES:
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(ROLE_PERMISSIONS[role]), role


def test_only_custodians_hold_vault_permissions():
    for role in ROLES:
        vault = {p for p in ROLE_PERMISSIONS[role] if "sourcerecord" in p}
        assert bool(vault) == (role == "Custodian"), role


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("editor", 200),
        ("custodian", 200),
        ("superuser", 200),
        ("analyst", 302),
        ("partner_user", 302),
    ],
)
def test_admin_index_is_open_to_editors_custodians_and_superusers_only(
    client, request, fixture, expected
):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get("/admin/").status_code == expected


def test_staff_flag_alone_does_not_open_the_admin(client):
    client.force_login(UserFactory(username="staff_no_role", is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302


def test_editor_sees_campaign_admin_but_not_the_vault(client, editor):
    client.force_login(editor)
    assert client.get("/admin/campaigns/message/").status_code == 200
    assert client.get("/admin/campaigns/campaign/add/").status_code == 200
    assert client.get("/admin/narratives/sourcerecord/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "Source records" not in index


def test_superuser_without_custodian_role_cannot_open_the_vault(client, superuser):
    record = SourceRecordFactory()
    client.force_login(superuser)
    assert client.get("/admin/narratives/sourcerecord/").status_code == 403
    response = client.get(f"/admin/narratives/sourcerecord/{record.pk}/change/")
    assert response.status_code in {302, 403}
    assert record.real_name not in response.content.decode()


def test_custodian_reads_the_vault_and_each_read_is_logged(client, custodian):
    record = SourceRecordFactory()
    client.force_login(custodian)
    listing = client.get("/admin/narratives/sourcerecord/")
    assert listing.status_code == 200
    # The list shows no identifying value.
    assert record.real_name not in listing.content.decode()
    page = client.get(f"/admin/narratives/sourcerecord/{record.pk}/change/")
    assert page.status_code == 200
    assert record.real_name in page.content.decode()
    access = VaultAccess.objects.get()
    assert (access.username, access.action, access.source_record_id) == (
        "t_custodian",
        "view",
        record.pk,
    )
    assert access.narrative_public_id == record.narrative.public_id


def test_vault_access_log_is_append_only(custodian):
    record = SourceRecordFactory()
    access = VaultAccess.objects.create(
        source_record=record,
        narrative_public_id=record.narrative.public_id,
        user=custodian,
        username=custodian.username,
        action="view",
    )
    with pytest.raises(ValueError, match="append-only"):
        access.save()
    with pytest.raises(ValueError, match="append-only"):
        access.delete()


def test_editor_can_create_a_campaign_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/campaigns/campaign/add/",
        {
            "name": "Spring prevention",
            "goal": "prevent_joining",
            "audience_stage": "prevention",
            "audience_regions": ["western_europe"],
            "audience_languages": ["en", "fr"],
            "platforms": ["instagram"],
            "formats": ["square", "story"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from campaigns.models import Campaign

    campaign = Campaign.objects.get(name="Spring prevention")
    assert campaign.owner == editor
    assert campaign.audience_languages == ["en", "fr"]
    assert campaign.formats == ["square", "story"]
