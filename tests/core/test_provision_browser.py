"""`make test` finds or installs the browser the browser tests drive (scripts/provision_browser.py)."""

from __future__ import annotations

import os
import stat

import pytest

from scripts import provision_browser


def _fake_browser(folder, name="chromium"):
    path = folder / name
    path.write_text("#!/bin/sh\necho Chromium 1.0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def bare_machine(monkeypatch, tmp_path):
    """A PATH with no browser on it, no CHROMIUM, and no way to install one."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(provision_browser, "_is_root", lambda: False)
    monkeypatch.setattr(provision_browser, "from_playwright", lambda log: None)
    return empty


def test_chromium_from_the_environment_wins(bare_machine, tmp_path, monkeypatch):
    browser = _fake_browser(tmp_path, "my-chrome")
    _fake_browser(bare_machine)
    monkeypatch.setenv("CHROMIUM", str(browser))
    assert provision_browser.provision(install=False, log=print) == str(browser)


def test_a_chromium_on_the_path_is_used_without_installing(bare_machine):
    browser = _fake_browser(bare_machine, "chromium-browser")
    assert provision_browser.provision(install=True, log=print) == str(browser)


def test_a_non_executable_file_is_not_a_browser(bare_machine, tmp_path, monkeypatch):
    not_a_browser = tmp_path / "chromium"
    not_a_browser.write_text("")
    monkeypatch.setenv("CHROMIUM", str(not_a_browser))
    assert provision_browser.provision(install=False, log=print) is None


def test_as_root_on_debian_it_installs_debians_chromium(bare_machine, monkeypatch):
    calls = []

    def apt_get(command, **kwargs):
        calls.append(command[:2])
        if command[1] == "install":
            _fake_browser(bare_machine)
        return type("Done", (), {"returncode": 0, "stdout": "", "stderr": ""})()

    monkeypatch.setattr(provision_browser, "_is_root", lambda: True)
    monkeypatch.setattr(provision_browser, "_is_debian", lambda: True)
    monkeypatch.setattr(provision_browser.subprocess, "run", apt_get)
    found = provision_browser.provision(install=True, log=print)
    assert found == os.path.join(bare_machine, "chromium")
    assert calls == [["apt-get", "update"], ["apt-get", "install"]]


def test_with_no_browser_to_be_had_it_says_what_to_do(bare_machine, tmp_path, capsys):
    record = tmp_path / "var" / "chromium-path"
    record.parent.mkdir()
    record.write_text("/stale/chromium\n")
    assert provision_browser.main(["--record", str(record)]) == 1
    err = capsys.readouterr().err
    assert "apt-get install chromium" in err and "CHROMIUM=" in err
    assert not record.exists()


def test_the_found_path_is_recorded_for_the_test_run(bare_machine, tmp_path, capsys):
    browser = _fake_browser(bare_machine)
    record = tmp_path / "chromium-path"
    assert provision_browser.main(["--record", str(record), "--no-install"]) == 0
    assert record.read_text().strip() == str(browser)
    assert capsys.readouterr().out.strip() == str(browser)
