"""After erasure, a person's words are in no table, file, broker message, cache entry or log.

Unique canaries are planted in every vault field and in everything built on the person's
story: the narrative, an excerpt, its translation, review comments, a dismissal reason, a
message quoting it (its own texts, review comment and dismissal), rendered images (real
files), webhook deliveries (one sent, one pending) and cached API state. Consent is then
withdrawn, and everything is scanned: every row of every table (raw, and through the ORM so
encrypted fields are read decrypted, and every Fernet token found anywhere is decrypted),
every file under MEDIA_ROOT and VAR_DIR (the SQLite database and its WAL included), every key
of the broker and the cache (embedded files or Redis), and every log record.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import pickle  # nosec B403 - reads back what this test's own cache wrote
import re
import uuid
import zlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import (
    Experiment,
    ExperimentChange,
    MessageEvent,
    MessageExcerpt,
    MessageFindingDismissal,
    Variant,
)
from core import erasure, revisions
from core.models import Revision
from narratives import crypto
from narratives import services as narrative_services
from narratives.fields import EncryptedTextField
from narratives.models import (
    ExcerptTranslation,
    ExcerptTranslationVersion,
    FindingDismissal,
    NarrativeEvent,
    SourceRecord,
)
from partners import services as partner_services
from partners import tasks as partner_tasks
from tests.factories import (
    ExcerptFactory,
    MessageFactory,
    NarrativeFactory,
    UserFactory,
    VisualTemplateFactory,
)
from tests.partners.test_webhooks import Receiver

pytestmark = [pytest.mark.django_db(transaction=True)]

RUN = uuid.uuid4().hex[:10].upper()
FERNET_TOKEN = re.compile(rb"gAAAAA[A-Za-z0-9_=-]{40,}")


def canary(label: str) -> str:
    return f"ZQX{RUN}{label.upper()}"


VAULT_FIELDS = [
    f.attname for f in SourceRecord._meta.concrete_fields if isinstance(f, EncryptedTextField)
]


# --- What the scan reads ----------------------------------------------------------------------


def _texts(value, depth: int = 0) -> Iterator[str]:
    """Every readable text in a value: as stored, decompressed, unpickled, base64-decoded,
    JSON-parsed and Fernet-decrypted, recursively (a broker message is base64 JSON; a cache
    entry is zlib-compressed pickle; a vault value is a Fernet token)."""
    if depth > 4 or value is None:
        return
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes | bytearray):
        value = bytes(value)
        yield value.decode("utf-8", "ignore")
        yield value.decode("utf-16-le", "ignore")
        for token in FERNET_TOKEN.findall(value):
            yield from _decrypted(token.decode())
        for unpack in (zlib.decompress, pickle.loads):
            try:
                unpacked = unpack(value)
            except Exception:  # noqa: S112 - not that encoding: try the next
                continue
            yield from _texts(
                unpacked if isinstance(unpacked, bytes) else repr(unpacked), depth + 1
            )
        return
    if isinstance(value, dict | list | tuple):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _texts(item, depth + 1)
        return
    text = str(value)
    yield text
    for token in FERNET_TOKEN.findall(text.encode()):
        yield from _decrypted(token.decode())
    stripped = text.strip()
    if stripped[:1] in "[{":
        yield from _texts(_or_none(json.loads, stripped), depth + 1)
    if len(stripped) >= 16 and re.fullmatch(r"[A-Za-z0-9+/=_-]+", stripped):
        padded = stripped + "=" * (-len(stripped) % 4)
        yield from _texts(_or_none(base64.b64decode, padded), depth + 1)


def _or_none(decode, value):
    """``decode(value)``, or None where the value is not in that encoding."""
    try:
        return decode(value)
    except (binascii.Error, ValueError):
        return None


def _decrypted(token: str) -> Iterator[str]:
    try:
        plain = crypto.decrypt(token)
    except Exception:
        return
    yield plain


def every_table() -> Iterator[tuple[str, object]]:
    """Every column of every row of every table in the database, as stored."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column in row:
                    yield table, column


def every_model_row() -> Iterator[tuple[str, object]]:
    """Every field of every row through the ORM: encrypted fields come back decrypted."""
    for model in apps.get_models(include_auto_created=True):
        names = [f.attname for f in model._meta.concrete_fields]
        for row in model._base_manager.values_list(*names):
            for value in row:
                yield model._meta.label, value


def every_file() -> Iterator[tuple[str, bytes]]:
    roots = {Path(settings.MEDIA_ROOT).resolve(), Path(settings.VAR_DIR).resolve()}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                yield str(path), path.read_bytes()


def every_redis_key() -> Iterator[tuple[str, object]]:
    if not settings.REDIS_URL:
        return
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter(count=500):
        kind = client.type(key)
        if kind == b"string":
            values = [client.get(key)]
        elif kind == b"list":
            values = client.lrange(key, 0, -1)
        elif kind == b"set":
            values = list(client.smembers(key))
        elif kind == b"zset":
            values = client.zrange(key, 0, -1)
        elif kind == b"hash":
            values = [v for pair in client.hgetall(key).items() for v in pair]
        else:
            values = []
        yield f"redis:{key!r}", [key, *values]


def find_canaries(canaries: dict[str, str], extra_logs: str = "") -> list[str]:
    """Where any canary is still found, as ``"<label> in <place>"``."""
    found = []
    sources = [
        ("table", every_table()),
        ("model", every_model_row()),
        ("file", every_file()),
        ("redis", every_redis_key()),
    ]
    for kind, rows in sources:
        for place, value in rows:
            for text in _texts(value):
                for label, value_ in canaries.items():
                    if value_ in text:
                        found.append(f"{label} in {kind} {place}")
    for label, value_ in canaries.items():
        if value_ in extra_logs:
            found.append(f"{label} in the logs")
    return sorted(set(found))


# --- The person and everything built on their story ---------------------------------------------


def plant(custodian, analyst, editor) -> dict:
    canaries = {f"vault.{name}": canary(f"V{name.replace('_', '')}") for name in VAULT_FIELDS}
    for label in (
        "title",
        "narrative",
        "excerpt",
        "translation",
        "translation_version",
        "narrative_comment",
        "dismissal",
        "headline",
        "body",
        "alt_text",
        "message_comment",
        "message_dismissal",
    ):
        canaries[label] = canary(label.replace("_", ""))
    text = (
        f"I left in the spring. {canaries['excerpt']} The rest is silence. {canaries['narrative']}"
    )
    narrative = NarrativeFactory(approved=True, title=canaries["title"], text=text)
    record = SourceRecord(narrative=narrative, **{n: canaries[f"vault.{n}"] for n in VAULT_FIELDS})
    narrative_services.save_source_record(user=custodian, source_record=record)
    start = text.index(canaries["excerpt"])
    excerpt = ExcerptFactory(narrative=narrative, start=start, end=start + len(canaries["excerpt"]))
    ExcerptTranslation.objects.bulk_create(
        [ExcerptTranslation(excerpt=excerpt, language="fr", text=canaries["translation"])]
    )
    # An earlier text of the translation, kept as its first version.
    ExcerptTranslationVersion.objects.create(
        translation=ExcerptTranslation.objects.get(excerpt=excerpt),
        number=1,
        text=canaries["translation_version"],
    )
    NarrativeEvent.objects.create(
        narrative=narrative, actor=analyst, action="edited", comment=canaries["narrative_comment"]
    )
    FindingDismissal.objects.create(
        narrative=narrative, fingerprint="d" * 64, category="place", reason=canaries["dismissal"]
    )
    message = MessageFactory(
        author=editor,
        template=VisualTemplateFactory(formats=["square", "story"]),
        headline=canaries["headline"],
        body=f"As one of them said: {canaries['excerpt']}. {canaries['body']}",
        alt_text=canaries["alt_text"],
        status="published",
        publish_at=timezone.now() - timedelta(hours=1),
    )
    MessageExcerpt.objects.create(message=message, excerpt=excerpt)
    MessageEvent.objects.create(
        message=message, actor=analyst, action="approved", comment=canaries["message_comment"]
    )
    MessageFindingDismissal.objects.create(
        message=message,
        fingerprint="e" * 64,
        category="person",
        reason=canaries["message_dismissal"],
    )
    # An experiment testing the quoting message: its editors' words may quote the person.
    for label in ("experiment_question", "experiment_hypothesis", "experiment_comment"):
        canaries[label] = canary(label.replace("_", ""))
    canaries["experiment_stop"] = canary("experimentstop")
    experiment = Experiment.objects.create(
        campaign=message.campaign,
        question=canaries["experiment_question"],
        hypothesis=canaries["experiment_hypothesis"],
        primary_outcome="cta_clicks",
        status="stopped",
        started_at=timezone.now() - timedelta(days=2),
        stopped_at=timezone.now(),
        stop_reason=canaries["experiment_stop"],
        plan_at_start={
            "question": canaries["experiment_question"],
            "hypothesis": canaries["experiment_hypothesis"],
        },
    )
    Variant.objects.create(experiment=experiment, message=message, position=0)
    Variant.objects.create(
        experiment=experiment, message=MessageFactory(campaign=message.campaign), position=1
    )
    ExperimentChange.objects.create(
        experiment=experiment,
        actor=editor,
        action="amended",
        comment=canaries["experiment_comment"],
    )
    # Earlier revisions of each (core.revisions), holding words that are no longer live: the
    # narrative's text, the excerpt's and translation's, the quoting message's, and a message
    # that no longer quotes the person but whose earlier body pasted their words.
    translation = ExcerptTranslation.objects.get(excerpt=excerpt)
    copier = MessageFactory(author=editor, headline="Nothing of theirs now")
    for label, obj, name in (
        ("revision_title", narrative, "title"),
        ("revision_narrative", narrative, "text"),
        ("revision_excerpt", excerpt, "text"),
        ("revision_translation", translation, "text"),
        ("revision_message", message, "body"),
        ("revision_copy", copier, "body"),
    ):
        canaries[label] = canary(label.replace("_", ""))
        live = getattr(obj, name)
        words = f" {canaries['excerpt']}" if obj is copier else ""
        setattr(obj, name, f"{canaries[label]}{words}")
        revisions.record(obj, user=analyst)
        setattr(obj, name, live)
        revisions.record(obj, user=analyst)
    assert Revision.objects.filter(content__contains=canaries["revision_copy"]).exists()
    # The admin's history of each: rows written before ``__str__`` named no text still hold
    # a title, a headline, an excerpt's words in ``object_repr`` and ``change_message``.
    translation = ExcerptTranslation.objects.get(excerpt=excerpt)
    for label, obj in (
        ("log_narrative", narrative),
        ("log_record", record),
        ("log_excerpt", excerpt),
        ("log_translation", translation),
        ("log_message", message),
    ):
        canaries[label] = canary(label.replace("_", ""))
        LogEntry.objects.create(
            user=custodian,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=canaries[label],
            action_flag=CHANGE,
            change_message=json.dumps([{"added": {"name": "item", "object": canaries[label]}}]),
        )
    return {"canaries": canaries, "record": record, "message": message, "excerpt": excerpt}


def render(message) -> list[str]:
    campaign_services.queue_renditions(message=message)  # its tasks go to the real broker
    names = []
    for rendition in message.renditions.all():
        done = campaign_services.render_rendition(
            rendition_id=rendition.pk, input_hash_=rendition.input_hash
        )
        names.append(done.file.name)
    assert names and all(default_storage.exists(name) for name in names)
    return names


def test_after_erasure_no_canary_is_left_anywhere(caplog, reasons):
    caplog.set_level(logging.DEBUG)
    cache.clear()
    custodian = UserFactory(username="c_custodian", role="Custodian", is_staff=True)
    analyst = UserFactory(username="c_analyst", role="Analyst")
    editor = UserFactory(username="c_editor", role="Editor", is_staff=True)
    world = plant(custodian, analyst, editor)
    canaries, message = world["canaries"], world["message"]
    files = render(message)

    with Receiver() as receiver, override_settings(WEBHOOK_ALLOW_LOOPBACK=True):
        partner = partner_services.create_partner(name="Canary partner")
        key = partner_services.create_api_key(
            partner=partner, scopes=["read:messages", "read:excerpts"]
        )
        receiver.secret = partner_services.set_webhook(partner=partner, url=receiver.url)
        with transaction.atomic():
            (sent,) = partner_services.enqueue_message_event(
                message=message, event="message.published"
            )
            partner_services.enqueue_message_event(message=message, event="message.updated")
        partner_tasks.deliver_webhook(sent.pk)
        # Cached API state, from real requests.
        api = Client(headers={"Authorization": f"Api-Key {key.key}"})
        listed = api.get("/api/v1/messages/")
        assert listed.status_code == 200
        assert canaries["headline"] in listed.content.decode()
        assert api.get("/api/v1/excerpts/").status_code == 200

        before = find_canaries(canaries)
        assert any(f.startswith("translation in") for f in before)  # the scan sees plaintext
        assert any(f.startswith("vault.real_name in model") for f in before)  # and decrypts
        # The outbox names events only: the words are built into a body when it is sent.
        assert not any("partners_webhookdelivery" in f for f in before)

        narrative_services.withdraw_consent(user=custodian, source_record=world["record"])
        for pk in partner_services.due_deliveries():
            partner_tasks.deliver_webhook(pk)
        delivered = json.dumps([r["body"] for r in receiver.requests[1:]])

    assert not any(default_storage.exists(name) for name in files)
    assert not any(value in delivered for value in canaries.values())
    after = (
        api.get("/api/v1/messages/").content.decode()
        + api.get("/api/v1/excerpts/").content.decode()
    )
    assert not any(value in after for value in canaries.values())
    logs = "\n".join([caplog.text, *(repr(record.__dict__) for record in caplog.records)])
    left = find_canaries(canaries, extra_logs=logs)
    assert left == [], "\n".join(left)


def test_every_app_declares_what_it_holds_of_a_person():
    declared = {entry.name.split(".")[0] for entry in erasure.handlers()}
    assert {"narratives", "campaigns", "partners"} <= declared
    for entry in erasure.handlers():
        assert entry.holds and callable(entry.handler)
