"""Notice e-mails through Django's SMTP backend to a real SMTP server process (aiosmtpd),
read back from the Maildir it writes; and a server that is down loses nothing."""

from __future__ import annotations

import email
import email.policy
import mailbox
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.exceptions import Retry
from django.test import override_settings

from core.models import Notice
from core.tasks import send_notice_email
from narratives import services
from tests.factories import NarrativeFactory, UserFactory

pytestmark = pytest.mark.django_db

CANARY = "Qutaybah Canary-Marwani"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """``python -m aiosmtpd`` on a spare port, delivering into a Maildir."""

    def __init__(self, port: int, maildir: Path) -> None:
        self.port, self.maildir = port, maildir
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{self.port}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(self.maildir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"aiosmtpd exited: {self.process.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        pytest.fail("aiosmtpd did not start listening within 30 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def received(self) -> list[email.message.EmailMessage]:
        box = mailbox.Maildir(self.maildir, create=False)
        return [
            email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
            for key in box.iterkeys()
        ]


@pytest.fixture
def smtp(tmp_path):
    server = SmtpServer(free_port(), tmp_path / "maildir")
    yield server
    server.stop()


def smtp_settings(port: int):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
    )


def submitted_notice(author, reader) -> tuple[Notice, str]:
    narrative = NarrativeFactory(
        title=f"What {CANARY} said", text=f"{CANARY} left in 2015.", author=author
    )
    services.submit_narrative(user=author, narrative=narrative)
    return Notice.objects.get(recipient=reader), narrative.public_id


def test_a_notice_email_reaches_a_real_smtp_server_in_the_readers_language(smtp, analyst):
    reader = UserFactory(username="t_lecteur", role="Analyst", email="lecteur@example.org")
    reader.interface_language = "fr"
    reader.save()
    notice, ref = submitted_notice(analyst, reader)
    smtp.start()
    with smtp_settings(smtp.port):
        send_notice_email.run(notice.pk)
    (received,) = smtp.received()
    assert received["To"] == "lecteur@example.org"
    subject, body = str(received["Subject"]), received.get_content()
    assert ref in subject and "soumis" in subject
    assert f"http://127.0.0.1:8000/review/narratives/{ref}/" in body
    assert "Canary" not in subject + body and "t_analyst" not in subject + body
    notice.refresh_from_db()
    assert notice.email == Notice.Email.SENT and notice.emailed_at is not None


def test_while_the_smtp_server_is_down_the_email_waits_and_is_sent_once_it_is_up(
    smtp, analyst, analyst2
):
    notice, ref = submitted_notice(analyst, analyst2)
    with smtp_settings(smtp.port):
        # Nothing listens on the port yet: as in a worker, the task puts its retry on the
        # broker (a later countdown) and tells the worker so.
        send_notice_email.push_request(
            id="notice-email-test", args=[notice.pk], kwargs={}, retries=0, called_directly=False
        )
        try:
            with pytest.raises(Retry) as retry:
                send_notice_email.run(notice.pk)
        finally:
            send_notice_email.pop_request()
        assert retry.value.when == 5
        notice.refresh_from_db()
        assert (notice.email, notice.email_attempts) == (Notice.Email.PENDING, 1)
        smtp.start()
        send_notice_email.run(notice.pk)
        send_notice_email.run(notice.pk)  # a duplicate delivery of the task sends nothing more
    (received,) = smtp.received()
    assert ref in str(received["Subject"])
    assert Notice.objects.get(pk=notice.pk).email == Notice.Email.SENT
