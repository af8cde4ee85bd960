"""The open-data page and the exports, in every language (``portal/urls.py`` includes them in
its language-prefixed patterns; the API itself is ``views.api_router``, at /api/v2/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.open_data, name="open_data"),
    path("resources.json", views.export_json, name="open_data_json"),
    path("resources.csv", views.export_csv, name="open_data_csv"),
]
