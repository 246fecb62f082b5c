from django.urls import path

from campaigns import views, views_calendar

app_name = "message_review"

urlpatterns = [
    path("", views.message_queue, name="queue"),
    path("calendar/", views_calendar.publishing_calendar, name="calendar"),
    path("<str:public_id>/", views.message_detail, name="detail"),
    path("<str:public_id>/approve/", views.approve_message, name="approve"),
    path("<str:public_id>/request-changes/", views.request_message_changes, name="request_changes"),
    path("<str:public_id>/dismiss/", views.dismiss_message_finding, name="dismiss"),
    path("<str:public_id>/assign/", views.assign_message, name="assign"),
]
