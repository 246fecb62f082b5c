"""The worker's parent loads the leak scanner's data before it forks (narratives' ready())."""

from __future__ import annotations

from celery.signals import worker_init

from narratives import apps


def test_narratives_connects_the_preload_to_worker_init():
    keys = [key for key, _ in worker_init.receivers]
    assert any(key[0] == "narratives-preload-scanner" for key in keys)


def test_the_preload_loads_the_scanner_data_when_asked(settings, monkeypatch):
    calls = []
    monkeypatch.setattr("narratives.anonymize.preload", lambda: calls.append("loaded"))
    settings.SCANNER_PRELOAD = False
    apps._preload_scanner()
    assert calls == []
    settings.SCANNER_PRELOAD = True
    apps._preload_scanner()
    assert calls == ["loaded"]
