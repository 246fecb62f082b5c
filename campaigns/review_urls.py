from django.urls import path

from campaigns import views, views_calendar
from campaigns.experiments import views as experiment_views

app_name = "message_review"

urlpatterns = [
    path("", views.message_queue, name="queue"),
    path("calendar/", views_calendar.publishing_calendar, name="calendar"),
    # Before "<public_id>/": "experiments" is not a message.
    path("experiments/", experiment_views.experiment_queue, name="experiments"),
    path("experiments/<str:public_id>/", experiment_views.experiment_detail, name="experiment"),
    path(
        "experiments/<str:public_id>/report/",
        experiment_views.experiment_report,
        name="experiment_report",
    ),
    path(
        "experiments/<str:public_id>/report/csv/",
        experiment_views.experiment_report_csv,
        name="experiment_report_csv",
    ),
    path(
        "experiments/<str:public_id>/approve/",
        experiment_views.approve_experiment,
        name="experiment_approve",
    ),
    path(
        "experiments/<str:public_id>/send-back/",
        experiment_views.send_back_experiment,
        name="experiment_send_back",
    ),
    path("<str:public_id>/", views.message_detail, name="detail"),
    path("<str:public_id>/approve/", views.approve_message, name="approve"),
    path("<str:public_id>/request-changes/", views.request_message_changes, name="request_changes"),
    path("<str:public_id>/dismiss/", views.dismiss_message_finding, name="dismiss"),
    path("<str:public_id>/assign/", views.assign_message, name="assign"),
]
