"""write_verified against the real FileSystemStorage: by rename (how the filesystem is used)
and by upload-then-read-back (the path object storage takes, run here on the filesystem)."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.files.storage import FileSystemStorage
from PIL import Image

from campaigns import storage as rendition_storage
from campaigns.imagecheck import ImageCheckFailed, check_image
from campaigns.storage import StoredFileRejected, sha256_of, write_verified


def _png(size=(64, 32)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buf, "PNG")
    return buf.getvalue()


def _check_64x32(data: bytes) -> None:
    check_image(data, mime_type="image/png", width=64, height=32)


@pytest.fixture
def fs(tmp_path):
    return FileSystemStorage(location=tmp_path / "media")


def _entries(fs, directory="r") -> list[str]:
    return sorted(os.listdir(fs.path(directory)))


def test_a_checked_file_appears_under_its_final_name_with_its_hash(fs):
    data = _png()
    stored = write_verified("r/card.png", data, _check_64x32, storage=fs)
    assert stored == rendition_storage.StoredFile("r/card.png", len(data), sha256_of(data))
    assert fs.open("r/card.png").read() == data
    assert _entries(fs) == ["card.png"]  # no temporary file left behind


def test_bytes_that_fail_the_check_leave_no_file_at_all(fs):
    truncated = _png()[:-40]
    with pytest.raises(ImageCheckFailed):
        write_verified("r/card.png", truncated, _check_64x32, storage=fs)
    assert _entries(fs) == []


def test_a_crash_between_write_and_check_leaves_no_final_file(fs):
    def worker_dies(data):
        raise KeyboardInterrupt  # stands for the process going away mid-publish

    with pytest.raises(KeyboardInterrupt):
        write_verified("r/card.png", _png(), worker_dies, storage=fs)
    assert not fs.exists("r/card.png")
    assert _entries(fs) == []


def test_a_crash_mid_check_keeps_the_previous_whole_file(fs):
    old = _png((64, 32))
    write_verified("r/card.png", old, _check_64x32, storage=fs)

    def worker_dies(data):
        raise KeyboardInterrupt

    new = _png((64, 32))[:-1] + b"\x00"  # different bytes
    with pytest.raises(KeyboardInterrupt):
        write_verified("r/card.png", new, worker_dies, storage=fs)
    assert fs.open("r/card.png").read() == old


def test_an_existing_truncated_file_is_replaced_not_trusted(fs):
    data = _png()
    os.makedirs(fs.path("r"))
    with open(fs.path("r/card.png"), "wb") as handle:
        handle.write(data[: len(data) // 2])
    stored = write_verified("r/card.png", data, _check_64x32, storage=fs)
    assert stored.name == "r/card.png"
    assert fs.open("r/card.png").read() == data


def test_an_existing_identical_file_is_kept(fs):
    data = _png()
    write_verified("r/card.png", data, _check_64x32, storage=fs)
    inode = os.stat(fs.path("r/card.png")).st_ino
    write_verified("r/card.png", data, _check_64x32, storage=fs)
    assert os.stat(fs.path("r/card.png")).st_ino == inode


def test_an_empty_file_is_refused(fs):
    with pytest.raises(StoredFileRejected):
        write_verified("r/card.png", b"", lambda data: None, storage=fs)
    assert not fs.exists("r/card.png")


def test_temporaries_left_by_a_crashed_write_are_removed_later(fs):
    os.makedirs(fs.path("r"))
    stale = fs.path("r/.card.png.0123456789abcdef.tmp")
    fresh = fs.path("r/.card.png.fedcba9876543210.tmp")  # another worker's write in progress
    for path in (stale, fresh):
        with open(path, "wb") as handle:
            handle.write(b"half")
    old = time.time() - rendition_storage.STALE_TEMPORARY_SECONDS - 1
    os.utime(stale, (old, old))
    write_verified("r/card.png", _png(), _check_64x32, storage=fs)
    assert _entries(fs) == [".card.png.fedcba9876543210.tmp", "card.png"]


# The object-storage path uses only the generic Storage API (exists, save, open, delete).


def test_upload_path_checks_in_memory_before_anything_is_stored(fs):
    with pytest.raises(ImageCheckFailed):
        rendition_storage._publish_by_upload(fs, "r/card.png", _png()[:-40], _check_64x32)
    assert not fs.exists("r")


def test_upload_path_stores_under_the_final_key_and_reads_it_back(fs):
    data = _png()
    stored = rendition_storage._publish_by_upload(fs, "r/card.png", data, _check_64x32)
    assert stored == rendition_storage.StoredFile("r/card.png", len(data), sha256_of(data))
    assert fs.open("r/card.png").read() == data


def test_upload_path_never_reuses_a_different_object_under_the_final_key(fs):
    data = _png()
    fs.save("r/card.png", io.BytesIO(data[:100]))
    stored = rendition_storage._publish_by_upload(fs, "r/card.png", data, _check_64x32)
    # The storage picked a fresh name (S3 with file_overwrite=False does the same).
    assert stored.name != "r/card.png"
    assert fs.open(stored.name).read() == data


def test_upload_path_deletes_what_storage_got_wrong(fs, monkeypatch):
    data = _png()
    real_read = rendition_storage.read_stored
    # The storage answers the read-back with other bytes than were uploaded.
    monkeypatch.setattr(
        rendition_storage,
        "read_stored",
        lambda name, storage: real_read(name, storage=storage)[:-1],
    )
    with pytest.raises(StoredFileRejected):
        rendition_storage._publish_by_upload(fs, "r/card.png", data, _check_64x32)
    assert not fs.exists("r/card.png")
