from django.urls import path

from translations import snippet_review, views
from translations.status.report import TranslationStatusView

urlpatterns = [
    path("", TranslationStatusView.as_view(), name="status"),
    path("results/", TranslationStatusView.as_view(results_only=True), name="status_results"),
    path("review/<int:page_id>/", views.submit_for_review_view, name="submit_for_review"),
    path(
        "review/<slug:app_label>/<slug:model_name>/<str:pk>/",
        snippet_review.submit_snippet_for_review_view,
        name="submit_snippet_for_review",
    ),
    path(
        "update/<int:translation_id>/",
        views.update_from_english_view,
        name="update_from_english",
    ),
    path("sync/<int:source_id>/<str:language>/", views.sync_language_view, name="sync_language"),
]
