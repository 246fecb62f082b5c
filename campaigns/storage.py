"""Publish a file under its final name only once its bytes are whole and checked.

``write_verified`` is the one way rendition files reach storage. Readers (the media view, the
API's URLs, object-storage clients) only ever see a name that holds complete, checked bytes:

- On the filesystem (``FileSystemStorage``) the bytes go to a hidden temporary file beside the
  final one, are flushed to disk, read back and checked (the caller's ``verify`` plus size and
  sha256), and only then renamed over the final name with ``os.replace``, which is atomic on
  POSIX. A worker killed at any point leaves either no final file or a whole one; a stray
  temporary file from such a crash is removed by the next write of the same name.
- On object storage (django-storages S3 and the like) an upload becomes visible whole or not
  at all, so the bytes are checked in memory first, uploaded straight under the final key, and
  then read back: a stored size or hash that differs deletes the object and fails the write.

An existing file under the final name is never trusted: it is kept only if its sha256 equals
the new bytes' (then nothing is written); otherwise it is replaced (filesystem) or the bytes
go under a fresh name that the storage picks, which is returned (object storage).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage

# A temporary file older than this is left over from a crashed write, not one in progress.
STALE_TEMPORARY_SECONDS = 600


class StoredFileRejected(Exception):
    """The bytes, or what storage holds after writing them, failed the check; nothing was
    published under the final name. ``str(exc)`` says why (never the content)."""


@dataclass(frozen=True)
class StoredFile:
    name: str
    size: int
    sha256: str


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_stored(name: str, *, storage: Storage | None = None) -> bytes:
    """Return the bytes stored under ``name``."""
    storage = storage or default_storage
    with storage.open(name, "rb") as handle:
        return handle.read()


def write_verified(
    name: str,
    data: bytes,
    verify: Callable[[bytes], None],
    *,
    storage: Storage | None = None,
) -> StoredFile:
    """Store ``data`` under ``name`` once ``verify(data)`` and the read-back pass; return what
    was stored (the name may differ on object storage, see the module docstring).

    ``verify`` raises to refuse the bytes; any exception from it propagates after cleanup.
    """
    storage = storage or default_storage
    if not data:
        raise StoredFileRejected("refusing to store an empty file")
    if isinstance(storage, FileSystemStorage):
        return _publish_by_rename(storage, name, data, verify)
    return _publish_by_upload(storage, name, data, verify)


def _existing_matches(storage: Storage, name: str, digest: str) -> bool:
    try:
        if not storage.exists(name):
            return False
        return sha256_of(read_stored(name, storage=storage)) == digest
    except OSError:
        return False


def _publish_by_rename(
    storage: FileSystemStorage, name: str, data: bytes, verify: Callable[[bytes], None]
) -> StoredFile:
    digest = sha256_of(data)
    final = Path(storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(final)
    if _existing_matches(storage, name, digest):
        return StoredFile(name=name, size=len(data), sha256=digest)
    temporary = final.with_name(f".{final.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        written = temporary.read_bytes()
        if len(written) != len(data) or sha256_of(written) != digest:
            raise StoredFileRejected("the file read back differs from what was written")
        verify(written)
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_directory(final.parent)
    if storage.file_permissions_mode is not None:
        os.chmod(final, storage.file_permissions_mode)
    return StoredFile(name=name, size=len(data), sha256=digest)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; without it a power cut could undo the publish.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale_temporaries(final: Path) -> None:
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    for leftover in final.parent.glob(f".{final.name}.*.tmp"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except FileNotFoundError:
            pass  # another worker removed it first


def delete_stored(name: str, *, storage: Storage | None = None) -> None:
    """Delete ``name`` and, on the filesystem, any temporary file a crashed write of it left
    (it holds the same image, so erasure must not leave it behind)."""
    storage = storage or default_storage
    storage.delete(name)
    if isinstance(storage, FileSystemStorage):
        final = Path(storage.path(name))
        for leftover in final.parent.glob(f".{final.name}.*.tmp"):
            leftover.unlink(missing_ok=True)


def _publish_by_upload(
    storage: Storage, name: str, data: bytes, verify: Callable[[bytes], None]
) -> StoredFile:
    digest = sha256_of(data)
    verify(data)  # before anything is uploaded: a bad file never gets a key
    if _existing_matches(storage, name, digest):
        return StoredFile(name=name, size=len(data), sha256=digest)
    # If a different object holds the final key, the storage either overwrites it in one PUT
    # (file_overwrite) or picks a fresh name; either way readers never see part of an upload.
    saved = storage.save(name, ContentFile(data))
    try:
        stored = read_stored(saved, storage=storage)
    except OSError:
        stored = b""
    if len(stored) != len(data) or sha256_of(stored) != digest:
        storage.delete(saved)
        raise StoredFileRejected("the stored object differs from what was uploaded")
    return StoredFile(name=saved, size=len(data), sha256=digest)
