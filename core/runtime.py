"""The runtime folder (``VAR_DIR``) and the secrets generated once into it (embedded mode).

Settings do no I/O when they are imported: they name the folders, and a secret that the
environment does not give is a lazy value (:func:`generated_secret`) that reads its file,
creating it first if need be, when it is first used. The explicit step is :func:`prepare`,
which ``core``'s ``AppConfig.ready()`` runs in every process (``manage.py``, the web
server, the workers, the tests): it makes the folders and resolves the secrets, so both
exist before any command, request or task runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import cast

from django.utils.functional import SimpleLazyObject


def read_or_create_secret(var_dir: Path, name: str, make: Callable[[], str]) -> str:
    """Return a secret kept in ``var_dir``, creating it (mode 0600) on first use."""
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / name.lower()
    if not path.exists():
        # Write a private temporary file, then link it into place: link() fails if another
        # process got there first, so every process ends up reading the same secret.
        tmp = var_dir / f".{name.lower()}.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(make())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()


def generated_secret(var_dir: Path, name: str, make: Callable[[], str]) -> str:
    """A secret for the settings: :func:`read_or_create_secret` on first use, a ``str``
    in every respect from then on."""
    return cast(str, SimpleLazyObject(lambda: read_or_create_secret(var_dir, name, make)))


def prepare(directories: Iterable[Path], secrets: Iterable[str]) -> None:
    """Make the runtime folders and resolve the settings' secrets (creating those missing)."""
    for directory in directories:
        Path(directory).mkdir(parents=True, exist_ok=True)
    for secret in secrets:
        str(secret)
