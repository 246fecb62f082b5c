"""Every form refuses a POST without its CSRF token: the review UI, the account pages, the admin."""

from __future__ import annotations

import pytest
from django.test import Client

from campaigns.models import MessageExcerpt
from narratives.models import Excerpt
from tests.factories import (
    PASSWORD,
    CampaignFactory,
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    SourceRecordFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def objects(analyst, editor):
    narrative = NarrativeFactory(author=analyst, status="in_review")
    SourceRecordFactory(narrative=narrative)
    excerpt = ExcerptFactory(narrative=narrative, status=Excerpt.Status.PROPOSED)
    message = MessageFactory(author=editor)
    MessageExcerpt.objects.create(message=message, excerpt=ExcerptFactory())
    return {"narrative": narrative, "excerpt": excerpt, "message": message}


def _refused(response) -> bool:
    return response.status_code == 403 and b"CSRF" in response.content


def test_account_pages_refuse_posts_without_a_token(csrf_client, analyst):
    for path in ("/accounts/login/", "/admin/login/"):
        response = csrf_client.post(path, {"username": "t_analyst", "password": PASSWORD})
        assert _refused(response), path
        assert "_auth_user_id" not in csrf_client.session
    csrf_client.force_login(analyst)
    for path in ("/accounts/2fa/setup/", "/accounts/2fa/verify/", "/accounts/logout/"):
        assert _refused(csrf_client.post(path, {"token": "123456"})), path
    assert "_auth_user_id" in csrf_client.session  # the logout was refused too


def test_the_login_works_with_its_token(csrf_client, analyst):
    csrf_client.get("/accounts/login/")
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        "/accounts/login/",
        {"username": "t_analyst", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


REVIEW_POSTS = [
    ("edit/", {"title": "x", "text": "y"}),
    ("redact/", {"start": 0, "end": 3}),
    ("dismiss/", {"start": 0, "end": 3, "reason": "not identifying"}),
    ("reasons/", {"primary": 1}),
    ("excerpts/", {"start": 0, "end": 5}),
    ("excerpts/{excerpt}/remove/", {}),
    ("submit/", {}),
    ("approve/", {}),
    ("request-changes/", {"comment": "fix it"}),
]


@pytest.mark.parametrize(("suffix", "data"), REVIEW_POSTS)
def test_review_forms_refuse_posts_without_a_token(csrf_client, analyst, objects, suffix, data):
    narrative = objects["narrative"]
    before = (narrative.status, narrative.title, narrative.text)
    csrf_client.force_login(analyst)
    path = f"/review/narratives/{narrative.public_id}/" + suffix.format(
        excerpt=objects["excerpt"].public_id
    )
    assert _refused(csrf_client.post(path, data)), path
    narrative.refresh_from_db()
    assert (narrative.status, narrative.title, narrative.text) == before


def test_admin_forms_refuse_posts_without_a_token(csrf_client, editor, custodian, objects):
    message = objects["message"]
    campaign = CampaignFactory()
    csrf_client.force_login(editor)
    for path, data in [
        ("/admin/campaigns/message/add/", {"headline": "x"}),
        (f"/admin/campaigns/message/{message.pk}/change/", {"headline": "changed"}),
        (f"/admin/campaigns/message/{message.pk}/delete/", {"post": "yes"}),
        (
            "/admin/campaigns/message/",
            {"action": "delete_selected", "_selected_action": [message.pk], "post": "yes"},
        ),
        ("/admin/campaigns/message/preview/", {"headline": "x"}),
        (f"/admin/campaigns/campaign/{campaign.pk}/change/", {"name": "changed"}),
        ("/admin/campaigns/visualtemplate/add/", {"name": "t"}),
        ("/admin/password_change/", {"old_password": PASSWORD}),
        ("/admin/logout/", {}),
    ]:
        assert _refused(csrf_client.post(path, data)), path
    message.refresh_from_db()
    campaign.refresh_from_db()
    assert message.headline != "changed" and campaign.name != "changed"

    csrf_client.force_login(custodian)
    record = objects["narrative"].source_record
    for path, data in [
        ("/admin/narratives/sourcerecord/add/", {"real_name": "x"}),
        (
            "/admin/narratives/sourcerecord/",
            {"action": "record_consent_withdrawal", "_selected_action": [record.pk]},
        ),
    ]:
        assert _refused(csrf_client.post(path, data)), path
    record.refresh_from_db()
    assert record.consent_withdrawn_at is None
