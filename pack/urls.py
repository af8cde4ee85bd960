from django.urls import path

from pack import views

app_name = "pack"

urlpatterns = [
    path("", views.pack_page, name="page"),
    path("add/", views.add, name="add"),
    path("remove/", views.remove, name="remove"),
    path("pdf/", views.pdf, name="pdf"),
]
