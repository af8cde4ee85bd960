from django.urls import path

from translations import views

urlpatterns = [
    path("", views.TranslationStatusView.as_view(), name="status"),
    path("export/<str:fmt>/", views.export_status, name="export"),
    path("review/<int:page_id>/", views.submit_for_review_view, name="submit_for_review"),
]
