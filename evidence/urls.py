"""The dashboard's URLs, mounted with the review UI's at ``/review/`` (``config.urls``)."""

from django.urls import path

from evidence import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
