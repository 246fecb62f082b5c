"""Static files, media (local or a private S3 bucket) and upload limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from config.settings.environment import BASE_DIR, VAR_DIR, env

# --- Static and media -----------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

# Media URLs name database rows, never files (campaigns/media.py): Django answers every one
# of them, checks the row, and streams the file or, with object storage, redirects to a
# presigned URL. Never let a web server or a public bucket serve MEDIA_ROOT directly.
MEDIA_PREVIEW_SECONDS = env.int("MEDIA_PREVIEW_SECONDS", default=300)
MEDIA_SIGNED_URL_SECONDS = env.int("MEDIA_SIGNED_URL_SECONDS", default=60)
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
_media_backend: dict[str, Any]
if MEDIA_STORAGE == "filesystem":
    _media_backend = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    if env.str("MEDIA_S3_CUSTOM_DOMAIN", default=""):
        raise ImproperlyConfigured(
            "MEDIA_S3_CUSTOM_DOMAIN serves files without signatures: unset it; the bucket "
            "must stay private and files are handed out through presigned URLs."
        )
    _media_backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_BUCKET"),
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("MEDIA_S3_REGION", default=None),
            # A private bucket: objects get no ACL of their own (the bucket's policy, which
            # must block public access, applies) and every URL is presigned and short-lived.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": MEDIA_SIGNED_URL_SECONDS,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")

STORAGES = {
    "default": _media_backend,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FORMS_URLFIELD_ASSUME_HTTPS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
