"""Media by lookup: a media URL names a database row, never a file.

A rendition is public only while its message is live; staff preview through signed links that
expire; files of withdrawn messages leave the media tree; traversal in any encoding is a 404.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import override_settings
from django.utils import timezone

from campaigns import inputs, media, services
from campaigns.models import Rendition
from tests.factories import MessageFactory, UserFactory, VisualTemplateFactory

pytestmark = pytest.mark.django_db


def rendered(**fields) -> Rendition:
    message = MessageFactory(template=VisualTemplateFactory(formats=["square"]), **fields)
    services.queue_renditions(message=message)
    rendition = message.renditions.get()
    services.render_rendition(rendition_id=rendition.pk, input_hash_=rendition.input_hash)
    rendition.refresh_from_db()
    return rendition


def live(**fields) -> Rendition:
    now = timezone.now()
    rendition = rendered(
        status="published",
        publish_at=now - timedelta(hours=1),
        unpublish_at=now + timedelta(hours=1),
        **fields,
    )
    # As approval does: the card shown is the one the reviewer cleared.
    Rendition.objects.filter(pk=rendition.pk).update(approved_hash=rendition.content_hash)
    rendition.refresh_from_db()
    return rendition


def test_a_draft_rendition_is_hidden_from_everyone_at_its_public_url(client, editor):
    rendition = rendered(status="draft")
    url = media.rendition_url(rendition)
    assert client.get(url).status_code == 404
    client.force_login(editor)  # staff preview through signed links, not the public URL
    assert client.get(url).status_code == 404


def test_staff_preview_a_draft_through_a_signed_link(client, editor, analyst):
    rendition = rendered(status="draft")
    url = media.preview_url(rendition)
    assert client.get(url).status_code == 404  # anonymous: the link alone is not enough
    for user in (editor, analyst):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert (
            b"".join(response.streaming_content) == default_storage.open(rendition.file.name).read()
        )


def test_a_preview_link_expires(client, editor):
    rendition = rendered(status="draft")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        url = media.preview_url(rendition)
        client.force_login(editor)
        assert client.get(url).status_code == 200
        clock.shift(timedelta(seconds=301))
        response = client.get(url)
    assert response.status_code == 404


def test_a_tampered_preview_link_is_a_404(client, editor):
    rendition = rendered(status="draft")
    other = rendered(status="draft")
    signed = media.preview_url(rendition).rsplit("/", 1)[1]
    forged = signed.replace(rendition.token, other.token)
    client.force_login(editor)
    assert client.get(f"/media/preview/{forged}").status_code == 404


def test_a_live_rendition_is_public_until_withdrawn_and_then_its_file_is_gone(
    client, editor, django_capture_on_commit_callbacks
):
    rendition = live()
    url = media.rendition_url(rendition)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_message(user=editor, message=rendition.message, reason="Out of date.")
    assert client.get(url).status_code == 404
    assert not default_storage.exists(rendition.file.name)
    assert not Rendition.objects.filter(pk=rendition.pk).exists()


def test_a_rendition_is_hidden_once_its_schedule_ended(client):
    rendition = live()
    url = media.rendition_url(rendition)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert client.get(url).status_code == 404


def test_the_wrong_extension_is_a_404(client):
    rendition = live()
    url = media.rendition_url(rendition)
    assert client.get(url.replace(".png", ".jpg")).status_code == 404
    assert client.get(url.replace(rendition.input_hash[:20], "0" * 20)).status_code == 404


TRAVERSALS = [
    "/media/logos/../renditions/{file}",
    "/media/logos/%2e%2e/renditions/{file}",
    "/media/logos/%2E%2E/renditions/{file}",
    "/media/logos/..%2frenditions/{file}",
    "/media/logos/..%2Frenditions/{file}",
    "/media/logos%2f..%2frenditions/{file}",
    "/media/logos//../renditions/{file}",
    "/media/logos/./../renditions/{file}",
    "/media/logos/..\\renditions/{file}",
    "/media/logos/..%5crenditions/{file}",
    "/media/logos/%c0%ae%c0%ae/renditions/{file}",
    "/media/logos/%c0%ae%c0%ae%c0%afrenditions/{file}",
    "/media/logos/%252e%252e/renditions/{file}",
    "/media/renditions/{file}",
    "/media/{file_path}",
    "/media/r/../renditions/{file}",
    "/media/r/{token}/{version}.png%00",
    "/media/r/{token}/{version}%00.png",
    "/media/r/{token}/..%2f{version}.png",
    "/media/preview/..%2f..%2frenditions/{file}",
    "/media/logos/1/../../renditions/{file}",
    "/media/../db.sqlite3",
    "/media/secret.txt",
]


@pytest.mark.parametrize("pattern", TRAVERSALS)
def test_traversal_in_any_encoding_is_a_404(client, pattern):
    rendition = rendered(status="draft")
    name = rendition.file.name  # renditions/<message>/square-….png
    assert default_storage.exists(name)
    path = pattern.format(
        file=name.removeprefix("renditions/"),
        file_path=name,
        token=rendition.token,
        version=rendition.input_hash[:20],
    )
    assert client.get(path).status_code == 404


def test_a_template_logo_is_served_by_template_to_staff_only(client, editor):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    template = VisualTemplateFactory()
    inputs.save_visual_template(
        template=template,
        logo_upload=SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png"),
    )
    url = media.logo_url(template)
    assert client.get(url).status_code == 404
    assert client.get("/media/" + template.logo.name).status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_the_api_hands_out_lookup_urls_that_work_without_a_session(client):
    from partners.selectors import with_message_output
    from partners.serializers import MessageSerializer

    rendition = live()
    message = with_message_output(type(rendition.message).objects.filter(pk=rendition.message_id))
    data = MessageSerializer(message.get(), context={}).data
    [entry] = data["renditions"]
    path = urlsplit(entry["url"]).path
    assert path == f"/media/r/{rendition.token}/{rendition.input_hash[:20]}.png"
    assert rendition.file.name not in entry["url"]
    assert client.get(path).status_code == 200


S3 = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "cms-private-test",
            "region_name": "eu-west-1",
            "access_key": "AKIAEXAMPLEEXAMPLE00",
            "secret_key": "example-secret-key-for-signing-only",
            "default_acl": None,
            "querystring_auth": True,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def test_with_object_storage_a_live_rendition_redirects_to_a_short_presigned_url(client):
    rendition = live()
    name = rendition.file.name
    with override_settings(STORAGES=S3, MEDIA_SIGNED_URL_SECONDS=60):
        response = client.get(media.rendition_url(rendition))
        assert response.status_code == 302
        target = urlsplit(response["Location"])
        query = parse_qs(target.query)
        assert target.path.endswith(name)
        assert query["X-Amz-Expires"] == ["60"]
        assert "X-Amz-Signature" in query
        rendition.message.status = "withdrawn"
        rendition.message.save()
        assert client.get(media.rendition_url(rendition)).status_code == 404


def test_a_partner_account_gets_no_draft_through_any_media_url(client):
    rendition = rendered(status="in_review")
    client.force_login(UserFactory(role="Partner"))
    assert client.get(media.rendition_url(rendition)).status_code == 404
    assert client.get(media.preview_url(rendition)).status_code == 404
