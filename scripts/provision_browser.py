"""Find or install the Chromium that the browser tests drive, and record where it is.

``make test`` runs this before pytest, so a fresh machine with python3 and make needs nothing
else. In order, it takes:

1. ``$CHROMIUM`` when it names an executable;
2. a Chromium already on the machine (``chromium``, ``chromium-browser``, ``google-chrome``…);
3. Debian's ``chromium`` package, installed with apt-get when running as root on Debian;
4. Playwright's own Chromium build (``python -m playwright install chromium``).

The path goes to standard output and into ``var/chromium-path``, where ``tests/conftest.py``
reads it. When none can be had, it says why and what to do, exits 1, and the browser tests then
fail with the same advice (they never skip).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess  # nosec B404 - runs fixed argvs only (apt-get, playwright)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "var" / "chromium-path"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
ADVICE = (
    "Install a Chromium and run `make test` again: as root on Debian or Ubuntu, "
    "`apt-get install chromium`; elsewhere, your system's Chromium package, or "
    "`.venv/bin/python -m playwright install chromium` where downloads are allowed. "
    "Or point CHROMIUM=/path/to/chromium at one you have."
)


def executable(path: str | None) -> str | None:
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return None


def from_environment() -> str | None:
    return executable(os.environ.get("CHROMIUM"))


def from_path() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _is_debian() -> bool:
    return Path("/etc/debian_version").exists() and shutil.which("apt-get") is not None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def from_apt(log) -> str | None:
    if not (_is_root() and _is_debian()):
        return None
    log("Installing Debian's chromium package for the browser tests (apt-get, once)…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
    ):
        done = subprocess.run(  # noqa: S603  # nosec B603 - a fixed apt-get argv, no outside input
            command, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            log(f"apt-get failed ({' '.join(command[:2])}): " + " | ".join(tail))
            return None
    return from_path()


def from_playwright(log) -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    log("Downloading Playwright's Chromium for the browser tests (once)…")
    done = subprocess.run(  # nosec B603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "playwright", "install", "chromium"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-2:]
        log("Playwright could not download its Chromium: " + " | ".join(tail))
        return None
    with sync_playwright() as playwright:
        return executable(playwright.chromium.executable_path)


def provision(*, install: bool, log) -> str | None:
    """Return the path of a usable Chromium, installing one if ``install`` allows."""
    found = from_environment() or from_path()
    if found or not install:
        return found
    return from_apt(log) or from_playwright(log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-install", action="store_true", help="only look, install nothing")
    parser.add_argument("--record", default=str(RECORD), help="where to write the path")
    args = parser.parse_args(argv)

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    path = provision(install=not args.no_install, log=log)
    record = Path(args.record)
    record.parent.mkdir(parents=True, exist_ok=True)
    if path is None:
        record.unlink(missing_ok=True)
        log("No Chromium for the browser tests. " + ADVICE)
        return 1
    record.write_text(path + "\n", encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
