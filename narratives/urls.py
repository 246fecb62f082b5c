"""URLs of the analysts' review UI, mounted at ``/review/`` with the evidence dashboard's
(``config.urls``)."""

from django.urls import path

from narratives import revision_views, translation_views, views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("narratives/<str:public_id>/", views.narrative_detail, name="narrative"),
    path("narratives/<str:public_id>/edit/", views.edit_narrative, name="edit"),
    path("narratives/<str:public_id>/redact/", views.redact_finding, name="redact"),
    path("narratives/<str:public_id>/dismiss/", views.dismiss_finding, name="dismiss"),
    path("narratives/<str:public_id>/reasons/", views.tag_narrative, name="tag"),
    path("narratives/<str:public_id>/excerpts/", views.mark_excerpt, name="mark_excerpt"),
    path(
        "narratives/<str:public_id>/excerpts/<str:excerpt_id>/remove/",
        views.remove_excerpt,
        name="remove_excerpt",
    ),
    path(
        "narratives/<str:public_id>/excerpts/<str:excerpt_id>/translations/",
        translation_views.save_translation,
        name="save_translation",
    ),
    path(
        "narratives/<str:public_id>/excerpts/<str:excerpt_id>/translations/<str:language>/approve/",
        translation_views.approve_translation,
        name="approve_translation",
    ),
    path(
        "narratives/<str:public_id>/revisions/",
        revision_views.narrative_revisions,
        name="revisions",
    ),
    path(
        "narratives/<str:public_id>/revisions/compare/",
        revision_views.compare_revisions,
        name="compare_revisions",
    ),
    path(
        "narratives/<str:public_id>/revisions/<int:revision_id>/revert/",
        revision_views.revert_revision,
        name="revert_revision",
    ),
    path("narratives/<str:public_id>/submit/", views.submit_narrative, name="submit"),
    path("narratives/<str:public_id>/assign/", views.assign_narrative, name="assign"),
    path("narratives/<str:public_id>/approve/", views.approve_narrative, name="approve"),
    path(
        "narratives/<str:public_id>/request-changes/",
        views.request_changes,
        name="request_changes",
    ),
]
