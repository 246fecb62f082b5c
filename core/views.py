import logging
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import i18n as django_i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.health import health_report
from core.i18n import interface_languages, set_interface_language

logger = logging.getLogger(__name__)

# When this process started: until the heartbeats could first have gone stale, a 503 is the
# stack still coming up (the worker's first heartbeat is seconds away), not a fault.
STARTED = time.monotonic()


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report the database, the broker, and how long ago beat and a worker last ticked."""
    healthy, report = health_report()
    response = JsonResponse(report, status=200 if healthy else 503)
    if not healthy:
        # The probe's answer is the report: logged here, once, as a warning naming what is
        # down (INFO while starting up), never as Django's ERROR "Service Unavailable".
        down = sorted(
            name for name, part in report.items() if isinstance(part, dict) and not part["ok"]
        )
        starting = time.monotonic() - STARTED < settings.HEARTBEAT_STALE_AFTER
        logger.log(
            logging.INFO if starting else logging.WARNING,
            "healthz: %s down%s",
            ", ".join(down) or "a check",
            " (starting up)" if starting else "",
        )
        response._has_been_logged = True  # type: ignore[attr-defined]  # django.utils.log.log_response
    return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (cookie and redirect), and for a signed-in user the choice
    stored on the account, so that it follows them to every session."""
    response = django_i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in interface_languages():
        set_interface_language(user=request.user, language=language)
    return response
