"""The demo's messages quote testimony in their own language, or its approved translation."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.models import Message
from narratives.selectors import quote_in_language

pytestmark = pytest.mark.django_db


def test_every_sample_message_quotes_words_in_its_own_language(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    call_command("seed_demo", stdout=StringIO())
    arabic = 0
    for message in Message.objects.filter(is_sample=True):
        for link in message.excerpt_links.select_related("excerpt__narrative"):
            assert quote_in_language(link.excerpt, message.language), message.headline
            arabic += message.language == "ar"
    assert arabic >= 1
