"""Outside check of issue 11: after erasure, what the admin wrote down is still there.

The world of ``test_erasure_canaries`` (a person's vault record, their narrative, an excerpt
and a published message quoting it, all with canaries) is built, and then an editor does
what editors do in the admin: opens the message and saves a small change. Consent is then
withdrawn and every table, file, broker key and cache entry is scanned, as in that test.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from campaigns import services as campaign_services
from campaigns.models import Message, MessageExcerpt
from narratives import services as narrative_services
from partners import services as partner_services
from tests.factories import ExcerptFactory, MessageFactory, UserFactory
from tests.security.test_egress_canaries import try_to_release
from tests.security.test_erasure_canaries import find_canaries, plant

pytestmark = [pytest.mark.django_db(transaction=True)]


class ChangeForm(HTMLParser):
    """The fields of the admin change form as the browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        kind = a.get("type", "text")
        if tag == "input" and a.get("name") and kind not in ("submit", "button", "file"):
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(a["name"], a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[self._textarea] = ""
        elif tag == "select":
            self._select = a["name"]
            self.data.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def test_erasure_reaches_the_admin_log_of_a_message_an_editor_saved(reasons):
    """Leak: ``django_admin_log`` keeps the erased person's words. Route: an editor saves a
    published message quoting the person in ``/admin/campaigns/message/<id>/change/``; the
    admin writes a LogEntry whose ``object_repr`` is ``str(message)``, the headline. Erasure
    (``withdraw_consent`` -> ``core.erasure``) tombstones the headline on the message row but
    no erasure handler touches ``django_admin_log``, so the headline stays there (and in the
    database file) after the person is erased."""
    custodian = UserFactory(username="c_custodian", role="Custodian", is_staff=True)
    analyst = UserFactory(username="c_analyst", role="Analyst")
    editor = UserFactory(username="c_editor", role="Editor", is_staff=True)
    world = plant(custodian, analyst, editor)
    canaries, message = world["canaries"], world["message"]

    client = Client()
    client.force_login(editor)
    url = f"/admin/campaigns/message/{message.pk}/change/"
    form = ChangeForm()
    form.feed(client.get(url).content.decode())
    assert form.data["headline"] == canaries["headline"]
    form.data["alt_text"] = "A quote card, white on blue."
    assert client.post(url, form.data).status_code == 302
    assert LogEntry.objects.filter(object_id=str(message.pk)).exists()

    narrative_services.withdraw_consent(user=custodian, source_record=world["record"])
    left = [place for place in find_canaries(canaries) if "admin" in place]
    assert left == [], "\n".join(left)


@pytest.mark.parametrize("how", ["copied_into_another_message", "excerpt_link_removed"])
def test_erasure_reaches_the_persons_words_in_a_message_that_no_longer_links_them(how, reasons):
    """Leak: erasure finds messages only through their current excerpt links
    (``campaigns.erasure.quoting_messages``). A live message whose body carries the person's
    quoted words without a link to their excerpt (an editor copied the quote into the body of
    a message that quotes someone else, or swapped the excerpt of a message for another but kept the
    "As one of them said: ..." body) survives erasure: the person's words stay in
    ``campaigns_message`` and ``/api/v1/messages/`` keeps serving them to partners."""
    custodian = UserFactory(username="c_custodian", role="Custodian", is_staff=True)
    analyst = UserFactory(username="c_analyst", role="Analyst")
    analyst2 = UserFactory(username="c_analyst2", role="Analyst")
    editor = UserFactory(username="c_editor", role="Editor", is_staff=True)
    world = plant(custodian, analyst, editor)
    canaries = world["canaries"]
    quote = canaries["excerpt"]
    someone_else = ExcerptFactory()
    if how == "copied_into_another_message":
        message = MessageFactory(
            author=editor, body=f"As one of them said: {quote}.", status="draft"
        )
        MessageExcerpt.objects.create(message=message, excerpt=someone_else)
        campaign_services.submit_message(user=editor, message=message)
    else:
        message = Message.objects.get(pk=world["message"].pk)
        MessageExcerpt.objects.filter(message=message).update(excerpt=someone_else)
        # As the admin's inline does after the excerpt changed: back to review.
        campaign_services.save_message(user=editor, message=message, excerpts_changed=True)
    with override_settings(API_CHANGES_SETTLE_SECONDS=0):
        try_to_release(editor, analyst, analyst2)
    assert Message.objects.get(pk=message.pk).status in ("scheduled", "published")
    partner = partner_services.create_partner(name="Canary partner")
    key = partner_services.create_api_key(partner=partner, scopes=["read:messages"])
    api = Client(headers={"Authorization": f"Api-Key {key.key}"})
    assert quote in api.get("/api/v1/messages/").content.decode()

    narrative_services.withdraw_consent(user=custodian, source_record=world["record"])
    served = api.get(f"/api/v1/messages/{message.public_id}/").content.decode()
    left = [p for p in find_canaries({"excerpt": quote}) if "campaigns" in p]
    assert (quote in served, left) == (False, [])


def test_erasure_reaches_the_reason_an_editor_gave_for_withdrawing_a_quoting_message(reasons):
    """Leak: an editor withdraws a message quoting the person, giving as the reason the
    words that worried them (``withdraw_message(reason=...)``). Erasure clears the event's
    comment (``MessageEvent.comment``) but not ``Message.withdrawal_reason`` nor
    ``PublishEvent.reason``, which hold the same text; both are shown to editors in the admin
    (the message's change page, the publish events list) after the person is erased."""
    custodian = UserFactory(username="c_custodian", role="Custodian", is_staff=True)
    analyst = UserFactory(username="c_analyst", role="Analyst")
    editor = UserFactory(username="c_editor", role="Editor", is_staff=True)
    world = plant(custodian, analyst, editor)
    quote = world["canaries"]["excerpt"]
    campaign_services.withdraw_message(
        user=editor,
        message=Message.objects.get(pk=world["message"].pk),
        reason=f"Pulled: the words “{quote}” could tell his family who spoke.",
    )

    narrative_services.withdraw_consent(user=custodian, source_record=world["record"])
    left = [p for p in find_canaries({"excerpt": quote}) if "campaigns" in p]
    assert left == [], "\n".join(left)


def _stored_pages() -> list[tuple[str, bytes]]:
    """Every page the database keeps on disk for the product's tables, free space included:
    on PostgreSQL the heap and TOAST pages read through ``pageinspect``; on SQLite the
    database file and its WAL."""
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        return [
            (str(path), path.read_bytes())
            for path in (name, name.with_name(name.name + "-wal"))
            if path.exists()
        ]
    pages = []
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute(
            "SELECT c.oid::regclass::text FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 't') AND n.nspname IN ('public', 'pg_toast') "
            "AND pg_relation_size(c.oid) > 0"
        )
        for (relation,) in cursor.fetchall():
            cursor.execute("SELECT pg_relation_size(%s::regclass) / 8192", [relation])
            (blocks,) = cursor.fetchone()
            for block in range(blocks):
                cursor.execute("SELECT get_raw_page(%s, 'main', %s)", [relation, block])
                pages.append((relation, bytes(cursor.fetchone()[0])))
    return pages


def test_erasure_leaves_no_old_row_version_in_the_database_files(reasons):
    """Leak (PostgreSQL): erasure UPDATEs the narrative, excerpt and message rows in place
    (``narratives.erasure``, ``campaigns.erasure``); PostgreSQL keeps the old row versions,
    plaintext title, text, excerpt and headline included, in the table's pages until a VACUUM
    (and VACUUM does not zero them either). The ``core.database_pages`` handler only
    checkpoints SQLite's WAL. After erasure, the person's words are still in the files
    PostgreSQL keeps for ``narratives_narrative``, ``narratives_excerpt``,
    ``campaigns_message`` (readable by anyone who gets a copy of the data directory or a
    base backup)."""
    custodian = UserFactory(username="c_custodian", role="Custodian", is_staff=True)
    analyst = UserFactory(username="c_analyst", role="Analyst")
    editor = UserFactory(username="c_editor", role="Editor", is_staff=True)
    world = plant(custodian, analyst, editor)
    words = {k: v for k, v in world["canaries"].items() if not k.startswith("vault.")}

    narrative_services.withdraw_consent(user=custodian, source_record=world["record"])
    left = sorted(
        {
            f"{label} in {place}"
            for place, page in _stored_pages()
            for label, value in words.items()
            if value.encode() in page
        }
    )
    assert left == [], "\n".join(left)
