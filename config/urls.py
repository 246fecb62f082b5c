from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from core import notice_views, otp_views
from core.views import healthz, set_language
from evidence import urls as evidence_urls
from narratives import urls as review_urls
from partners.routing import unknown_path

# A database or Redis outage that escapes every view is still a 503 (core.outages).
handler500 = "core.outages.server_error"
# Under /api/ a malformed request is a problem document too (core.problems).
handler400 = "core.problems.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Analysts are not staff: they sign in here, not on the admin's login page.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    path("accounts/2fa/setup/", otp_views.setup, name="otp_setup"),
    path("accounts/2fa/verify/", otp_views.verify, name="otp_verify"),
    path("accounts/2fa/enrol/<str:token>/", otp_views.enrol, name="otp_enrol"),
    path("accounts/2fa/recovery/", otp_views.recovery_codes, name="otp_recovery"),
    path("accounts/2fa/devices/", otp_views.devices, name="otp_devices"),
    path("accounts/enrolment-links/", otp_views.issue_enrolment_link, name="otp_issue_link"),
    # Django's set_language (django.conf.urls.i18n's one view), wrapped to remember the
    # choice on the signed-in user's account (core.i18n).
    path("i18n/setlang/", set_language, name="set_language"),
    path("notices/", notice_views.notice_list, name="notices"),
    path("notices/<int:pk>/read/", notice_views.notice_read, name="notice_read"),
    path("notices/read-all/", notice_views.notices_read_all, name="notices_read_all"),
    path("review/messages/", include("campaigns.review_urls")),
    # The review UI and the evidence dashboard share the "review" namespace.
    path("review/", include((review_urls.urlpatterns + evidence_urls.urlpatterns, "review"))),
    path("healthz", healthz, name="healthz"),
    path("api/", include("partners.urls")),
    # Right after the API: the rest of /api/ is a JSON 404, or the endpoint a path names
    # without its trailing slash, served in place (partners.routing); never a redirect.
    re_path(r"^api/(?P<rest>.*)$", unknown_path, name="api-unknown"),
    # Media by lookup, in every mode (object storage too): see campaigns/media.py.
    path("media/", include("campaigns.media")),
]
