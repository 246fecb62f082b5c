"""Rendition URLs made from one reverse() a response (campaigns.media.rendition_urls) are
byte for byte those reverse() and build_absolute_uri() make for each rendition."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from bench import api_data
from campaigns.media import rendition_url, rendition_urls
from campaigns.models import Rendition
from partners.serializers import absolute_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "host, secure, prefix",
    [("localhost", False, ""), ("api.example.org:8443", True, ""), ("cms.example", True, "/cms")],
)
def test_one_reverse_makes_the_same_urls_as_one_per_rendition(host, secure, prefix, settings):
    settings.ALLOWED_HOSTS = ["*"]
    api_data.populate(10)
    odd = Rendition.objects.first()
    Rendition.objects.filter(pk=odd.pk).update(mime_type="image/x-unknown")  # ext "img"
    renditions = list(Rendition.objects.order_by("pk"))
    request = RequestFactory().get("/api/v1/messages/", HTTP_HOST=host, secure=secure)
    request.META["SCRIPT_NAME"] = prefix

    with override_settings(FORCE_SCRIPT_NAME=prefix or None):
        from django.urls import set_script_prefix

        set_script_prefix(prefix + "/")
        try:
            for context in ({"request": request}, {}):
                urls = rendition_urls(lambda url, context=context: absolute_url(url, context))
                made = [urls(r) for r in renditions]
                expected = [absolute_url(rendition_url(r), context) for r in renditions]
                assert made == expected
        finally:
            set_script_prefix("/")
    assert len(set(made)) == len(renditions) == 30
    assert prefix + "/" in made[0]


def test_a_rendition_whose_parts_are_no_slugs_gets_the_url_reverse_makes(settings):
    api_data.populate(1)
    rendition = Rendition.objects.first()
    rendition.token = "tok%2Fen"  # not a slug: reverse() refuses it, and so does the maker
    urls = rendition_urls()
    with pytest.raises(Exception) as made:
        urls(rendition)
    with pytest.raises(Exception) as reversed_:
        rendition_url(rendition)
    assert type(made.value) is type(reversed_.value)
