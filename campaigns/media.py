"""Media by lookup: every media URL names a database row, never a file.

* ``/media/r/<token>/<version>.<ext>``: a rendition, by its random token and the start of
  its input hash (a re-render is a new URL, so no cache keeps the old image), served only while
  ``selectors.servable_renditions()`` holds it (its message is live); otherwise a 404, to
  anyone, exactly as for a token that does not exist.
* ``/media/preview/<signed>``: a staff preview of any ready rendition; the token is signed
  with a short expiry (``MEDIA_PREVIEW_SECONDS``) and the caller must be staff.
* ``/media/logos/<template id>``: a template's logo, for staff.
* ``/media/logos/campaign/<campaign id>``: a campaign's logo, for staff.
* ``/media/backgrounds/<template id>``: a template's background photo, for staff.

Nothing taken from the URL is ever joined to a path: the row names the file. Traversal in any
encoding (``..``, ``%2e%2e``, ``..%2f``, backslashes, NUL, overlong UTF-8) matches no route and
is a 404. With object storage the bucket is private: the view checks the row the same way and
answers with a redirect to a presigned URL that expires within ``MEDIA_SIGNED_URL_SECONDS``.
"""

from __future__ import annotations

import functools
import mimetypes
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from campaigns import selectors
from campaigns.models import Campaign, Rendition, VisualTemplate
from core.models import User
from core.roles import ANALYST, CUSTODIAN, EDITOR, has_role

app_name = "media"

STAFF_ROLES = (EDITOR, ANALYST, CUSTODIAN)
PREVIEW_SALT = "campaigns.media.preview"
VERSION_LENGTH = 20
EXTENSIONS = {"image/png": "png", "image/webp": "webp", "image/jpeg": "jpg"}
_View = Callable[..., HttpResponseBase]


def is_staff(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or has_role(user, *STAFF_ROLES)))


def extension(rendition: Rendition) -> str:
    return EXTENSIONS.get(rendition.mime_type, "img")


def version(rendition: Rendition) -> str:
    return rendition.input_hash[:VERSION_LENGTH]


def rendition_url(rendition: Rendition) -> str:
    """The public URL of a rendition (it answers only while the rendition is servable)."""
    return reverse(
        "media:rendition",
        kwargs={
            "token": rendition.token,
            "version_": version(rendition),
            "ext": extension(rendition),
        },
    )


_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Stand-ins reverse() puts where a rendition's parts go (slugs: it quotes none of them).
_PARTS = {"token": "TOKEN0part", "version_": "VERSION0part", "ext": "EXT0part"}  # nosec B105: URL stand-ins, no secret


def rendition_urls(absolute: Callable[[str], str] = str) -> Callable[[Rendition], str]:
    """:func:`rendition_url` (made absolute by ``absolute``) for many renditions at the cost
    of one ``reverse()``: the URL pattern's parts are slugs, which neither reverse() nor an
    IRI-to-URI step changes, so each rendition's URL is the pattern with its own put in. A
    rendition whose parts are no slugs gets ``absolute(rendition_url(...))``, as before."""
    pattern = absolute(reverse("media:rendition", kwargs=_PARTS))
    pieces = pattern.split(_PARTS["token"])
    if len(pieces) != 2 or any(pattern.count(part) != 1 for part in _PARTS.values()):
        return lambda rendition: absolute(rendition_url(rendition))
    head, tail = pieces
    middle, last = tail.split(_PARTS["version_"])
    between, end = last.split(_PARTS["ext"])

    def url(rendition: Rendition) -> str:
        token, version_, ext = rendition.token, version(rendition), extension(rendition)
        if not (_SLUG.fullmatch(token) and _SLUG.fullmatch(version_) and _SLUG.fullmatch(ext)):
            return absolute(rendition_url(rendition))
        return f"{head}{token}{middle}{version_}{between}{ext}{end}"

    return url


def preview_url(rendition: Rendition) -> str:
    """A staff preview URL of a rendition, valid for ``MEDIA_PREVIEW_SECONDS``."""
    signed = signing.TimestampSigner(salt=PREVIEW_SALT).sign(rendition.token)
    return reverse("media:preview", kwargs={"signed": signed})


def background_photo_url(template: VisualTemplate) -> str:
    """The staff URL of a template's background photo."""
    url = reverse("media:background_photo", kwargs={"template_id": template.pk})
    return url + f"?v={template.version}"


def logo_url(template: VisualTemplate) -> str:
    """The staff URL of a template's logo (the version keeps browsers from showing an old one)."""
    return reverse("media:logo", kwargs={"template_id": template.pk}) + f"?v={template.version}"


def campaign_logo_url(campaign: Campaign) -> str:
    """The staff URL of a campaign's logo (named by its stored file's name, so a new logo is
    a new URL)."""
    stored = campaign.logo.name.rsplit("/", 1)[-1]
    version = signing.Signer(salt=PREVIEW_SALT).signature(stored)[:12]
    return reverse("media:campaign_logo", kwargs={"campaign_id": campaign.pk}) + f"?v={version}"


_GONE = "The file is gone; ask an editor to render the message again."


def _file_response(
    field_file: FieldFile, content_type: str, cache_control: str
) -> HttpResponseBase:
    storage = field_file.storage
    name = field_file.name
    if not name:
        raise Http404(_GONE)
    if isinstance(storage, FileSystemStorage):
        try:
            handle = storage.open(name, "rb")
        except OSError:
            raise Http404(_GONE) from None
        response: HttpResponseBase = FileResponse(handle, content_type=content_type)
    else:
        # A private bucket: hand out a presigned URL that expires within seconds.
        response = HttpResponseRedirect(
            storage.url(name, expire=settings.MEDIA_SIGNED_URL_SECONDS)  # type: ignore[call-arg]  # django-storages' S3Storage.url takes expire; Storage.url does not
        )
    response["Cache-Control"] = cache_control
    return response


@require_GET
def public_rendition(request: HttpRequest, token: str, version_: str, ext: str) -> HttpResponseBase:
    """Serve a rendition while its message is live; a 404 before, after, or for no such row."""
    rendition = selectors.servable_renditions().filter(token=token).first()
    if rendition is None or (version_, ext) != (version(rendition), extension(rendition)):
        raise Http404("No such image is published.")
    return _file_response(rendition.file, rendition.mime_type, "private, max-age=60")


def _staff_only(view: _View) -> _View:
    """Answer 404 to anyone but staff, as if there were no such image."""

    @functools.wraps(view)
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_staff(request.user):
            raise Http404("No such image.")
        return view(request, *args, **kwargs)

    return gated


@require_GET
@_staff_only
def rendition_preview(request: HttpRequest, signed: str) -> HttpResponseBase:
    """Serve any ready rendition to staff holding a fresh signed link."""
    try:
        token = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(
            signed, max_age=settings.MEDIA_PREVIEW_SECONDS
        )
    except signing.BadSignature:  # expired links too
        raise Http404("This preview link has expired; reload the page for a new one.") from None
    rendition = (
        Rendition.objects.filter(token=token, status=Rendition.Status.READY)
        .exclude(file="")
        .first()
    )
    if rendition is None:
        raise Http404("No such image.")
    return _file_response(rendition.file, rendition.mime_type, "private, no-store")


@require_GET
@_staff_only
def template_logo(request: HttpRequest, template_id: int) -> HttpResponseBase:
    """Serve a template's logo to staff."""
    template = VisualTemplate.objects.filter(pk=template_id).exclude(logo="").first()
    if template is None:
        raise Http404("This template has no logo.")
    content_type = mimetypes.guess_type(template.logo.name)[0] or "application/octet-stream"
    return _file_response(template.logo, content_type, "private, max-age=60")


@require_GET
@_staff_only
def campaign_logo(request: HttpRequest, campaign_id: int) -> HttpResponseBase:
    """Serve a campaign's logo to staff."""
    campaign = Campaign.objects.filter(pk=campaign_id).exclude(logo="").first()
    if campaign is None:
        raise Http404("This campaign has no logo.")
    content_type = mimetypes.guess_type(campaign.logo.name)[0] or "application/octet-stream"
    return _file_response(campaign.logo, content_type, "private, max-age=60")


@require_GET
@_staff_only
def template_background_photo(request: HttpRequest, template_id: int) -> HttpResponseBase:
    """Serve a template's background photo to staff."""
    template = VisualTemplate.objects.filter(pk=template_id).exclude(background_photo="").first()
    if template is None:
        raise Http404("This template has no background photo.")
    photo = template.background_photo
    content_type = mimetypes.guess_type(photo.name)[0] or "application/octet-stream"
    return _file_response(photo, content_type, "private, max-age=60")


urlpatterns = [
    path("r/<slug:token>/<slug:version_>.<slug:ext>", public_rendition, name="rendition"),
    path("preview/<str:signed>", rendition_preview, name="preview"),
    path("logos/<int:template_id>", template_logo, name="logo"),
    path("logos/campaign/<int:campaign_id>", campaign_logo, name="campaign_logo"),
    path("backgrounds/<int:template_id>", template_background_photo, name="background_photo"),
]
