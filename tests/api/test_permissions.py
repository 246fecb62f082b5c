"""Every endpoint against every kind of caller: the permission matrix."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from partners.scopes import SCOPES

ENDPOINTS = [
    ("GET", "/api/v1/reasons/", "read:reasons"),
    ("GET", "/api/v1/reasons/brutality/", "read:reasons"),
    ("GET", "/api/v1/narratives/", "read:narratives"),
    ("GET", "/api/v1/narratives/{narrative}/", "read:narratives"),
    ("GET", "/api/v1/excerpts/", "read:excerpts"),
    ("GET", "/api/v1/excerpts/{excerpt}/", "read:excerpts"),
    ("GET", "/api/v1/campaigns/", "read:campaigns"),
    ("GET", "/api/v1/campaigns/{campaign}/", "read:campaigns"),
    ("GET", "/api/v1/messages/", "read:messages"),
    ("GET", "/api/v1/messages/{message}/", "read:messages"),
    ("GET", "/api/v1/changes/", "read:messages"),
    ("POST", "/api/v1/metrics/", "write:metrics"),
]
CONTENT_SCOPES = {"read:messages", "read:narratives", "read:excerpts"}
PRINCIPALS = [
    "anonymous",
    "key_without_scope",
    "key_with_scope",
    "revoked_key",
    "expired_key",
    "staff_session",
    "non_staff_session",
]
EXPECTED = {
    "anonymous": {"GET": 401, "POST": 401},
    "key_without_scope": {"GET": 403, "POST": 403},
    "key_with_scope": {"GET": 200, "POST": 201},
    "revoked_key": {"GET": 401, "POST": 401},
    "expired_key": {"GET": 401, "POST": 401},
    "staff_session": {"GET": 200, "POST": 403},
    "non_staff_session": {"GET": 403, "POST": 403},
}


def _url(template: str, world) -> str:
    return template.format(
        narrative=world.narratives[0].public_id,
        excerpt=world.excerpts[0].public_id,
        campaign=world.campaign.public_id,
        message=world.live.public_id,
    )


@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize(("method", "template", "scope"), ENDPOINTS)
def test_permission_matrix(
    principal, method, template, scope, world, make_key, editor, analyst, time_machine
):
    client = Client()
    headers = {}
    if principal.endswith("key") or principal.startswith("key"):
        if principal == "key_without_scope":
            # Every other scope; the feed opens with any content scope, so leave all out.
            needed = CONTENT_SCOPES if "changes" in template else {scope}
            scopes = [s for s in SCOPES if s not in needed]
        else:
            scopes = [scope]
        key = make_key(
            scopes,
            revoked=principal == "revoked_key",
            expires_at=timezone.now() + timedelta(hours=1) if principal == "expired_key" else None,
        )
        headers["Authorization"] = f"Api-Key {key}"
        if principal == "expired_key":
            time_machine.move_to(timezone.now() + timedelta(hours=2))
    elif principal == "staff_session":
        client.force_login(editor)
    elif principal == "non_staff_session":
        client.force_login(analyst)

    url = _url(template, world)
    if method == "GET":
        response = client.get(url, headers=headers)
    else:
        body = {
            "message": world.live.public_id,
            "day": timezone.now().date().isoformat(),
            "impressions": 10,
            "reach": 5,
            "clicks": 1,
            "shares": 0,
        }
        response = client.post(url, body, content_type="application/json", headers=headers)

    assert response.status_code == EXPECTED[principal][method], response.content
    expected_type = "application/json" if response.status_code < 400 else "application/problem+json"
    assert response["Content-Type"] == expected_type
    if response.status_code == 401:
        assert response["WWW-Authenticate"] == 'Api-Key realm="api"'
        assert set(response.json()) == {"type", "title", "status", "detail", "code", "request_id"}


def test_changes_needs_one_content_scope(world, make_key, api):
    assert api.get("/api/v1/changes/", key=make_key(["read:reasons"])).status_code == 403
    for scope in ("read:messages", "read:narratives", "read:excerpts"):
        assert api.get("/api/v1/changes/", key=make_key([scope])).status_code == 200


def test_wrong_key_shapes_are_401_naming_nothing(world, make_key, api):
    key = make_key()
    prefix = key.split("_")[1]
    for bad in (
        "nonsense",
        key[:-1] + ("A" if key[-1] != "A" else "B"),  # right prefix, wrong secret
        f"cms_{prefix}_",
        "cms_zzzzzzzz_" + "A" * 43,
    ):
        response = api.get("/api/v1/reasons/", key=bad)
        assert response.status_code == 401
        assert response.json()["detail"] == "Invalid, revoked or expired API key."
    assert api.get("/api/v1/reasons/", key=key).status_code == 200


def test_inactive_partner_key_stops_working(world, make_key, api):
    key = make_key()
    assert api.get("/api/v1/reasons/", key=key).status_code == 200
    partner = make_key.last.partner
    partner.is_active = False
    partner.save()
    assert api.get("/api/v1/reasons/", key=key).status_code == 401


def test_staff_session_needs_csrf_for_posts(world, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/api/v1/metrics/", {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_schema_and_docs_are_served_without_internet_assets(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"ApiKey" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_unsupported_methods_are_405_for_callers_who_may_use_the_api(world, make_key, api):
    key = make_key()
    headers = {"Authorization": f"Api-Key {key}"}
    assert api.delete("/api/v1/messages/", headers=headers).status_code == 405
    assert (
        api.post(
            "/api/v1/reasons/", {}, content_type="application/json", headers=headers
        ).status_code
        == 405
    )
    assert api.get("/api/v1/metrics/", key=key).status_code == 405
    assert api.delete("/api/v1/messages/").status_code == 401


def test_forbidden_says_which_scope(world, make_key, api):
    response = api.get("/api/v1/messages/", key=make_key(["read:reasons"]))
    assert response.json()["detail"] == "This API key lacks the scope read:messages."


@pytest.mark.parametrize("path", ["/api/v1/messages/", "/api/v1/changes/", "/api/v1/reasons/"])
def test_a_staff_user_without_a_role_gets_nothing(world, path):
    # Issue 14 #6: is_staff alone is not a role.
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory(username="t_roleless", is_staff=True))
    response = client.get(path)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "no role" in response.json()["detail"]
