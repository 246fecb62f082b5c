"""URLs of the partner API and its documentation, mounted at ``/api/``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from partners import api, api_experiments, api_metrics, api_webhooks

app_name = "api"

v1 = [
    path("reasons/", api.ReasonList.as_view(), name="reason-list"),
    path("reasons/<str:code>/", api.ReasonDetail.as_view(), name="reason-detail"),
    path("narratives/", api.NarrativeList.as_view(), name="narrative-list"),
    path("narratives/<str:public_id>/", api.NarrativeDetail.as_view(), name="narrative-detail"),
    path("excerpts/", api.ExcerptList.as_view(), name="excerpt-list"),
    path("excerpts/<str:public_id>/", api.ExcerptDetail.as_view(), name="excerpt-detail"),
    path("campaigns/", api.CampaignList.as_view(), name="campaign-list"),
    path("campaigns/<str:public_id>/", api.CampaignDetail.as_view(), name="campaign-detail"),
    path("messages/", api.MessageList.as_view(), name="message-list"),
    path("messages/<str:public_id>/", api.MessageDetail.as_view(), name="message-detail"),
    path("changes/", api.ChangeList.as_view(), name="change-list"),
    path("metrics/", api_metrics.MetricReportCreate.as_view(), name="metric-create"),
    path("metrics/batch/", api_metrics.MetricBatchCreate.as_view(), name="metric-batch"),
    path("experiments/", api_experiments.ExperimentList.as_view(), name="experiment-list"),
    path(
        "experiments/<str:public_id>/",
        api_experiments.ExperimentDetail.as_view(),
        name="experiment-detail",
    ),
    path(
        "experiments/<str:public_id>/assignment/",
        api_experiments.ExperimentAssignment.as_view(),
        name="experiment-assignment",
    ),
    path(
        "experiments/<str:public_id>/metrics/",
        api_experiments.ExperimentCounts.as_view(),
        name="experiment-metrics",
    ),
    path("webhook/test/", api_webhooks.WebhookTest.as_view(), name="webhook-test"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="schema",
    ),
    path(
        "docs/",
        # The split view loads its init script from a URL: the plain one inlines it, which
        # the Content-Security-Policy (script-src 'self') blocks, leaving a blank page.
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", authentication_classes=[], permission_classes=[]
        ),
        name="docs",
    ),
]
