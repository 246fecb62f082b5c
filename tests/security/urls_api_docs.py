"""The project's URLs plus Swagger UI as /api/docs/ will serve it (CSP-safe split view)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    *project_urlpatterns,
]
