from django.urls import path

from selfcheck import views

app_name = "selfcheck"

urlpatterns = [
    path("", views.self_check, name="page"),
    path("share/", views.share, name="share"),
]
