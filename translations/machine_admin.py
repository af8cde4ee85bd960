"""Where the admin shows machine translations nobody has reviewed (``machine_review.py``).

* the translation editor of a page or snippet: a warning at the top ("N segments are machine
  translations nobody has reviewed."); each segment keeps wagtail-localize's own label
  ("Translated with <tool> on <date>" / "Machine translated on <date>") until a person saves it;
* the translation editor's preview: the same sentence in a banner at the top of the page;
* "Submit translation for review" (``translations.views.submit_for_review_view`` calls
  ``warn_before_review``): the confirmation says so before the translator submits;
* a reviewer's approval marks them reviewed (``approved_by_reviewer``, connected here).
Imported by ``translations/wagtail_hooks.py``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import TranslatableMixin
from wagtail.signals import workflow_approved
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import preview_translation as localize_preview

from translations.access import can_work_in
from translations.machine_review import (
    approved_by_reviewer,
    unreviewed_count,
    unreviewed_message,
    unreviewed_segments,
)

workflow_approved.connect(approved_by_reviewer, dispatch_uid="translations_machine_approved")


def _warning(count):
    return "{} {}".format(
        unreviewed_message(count),
        _("Read each of them in the translation editor and correct or save it."),
    )


def warn_before_review(request, page):
    """One warning on the "Submit for review" confirmation when machine drafts are left."""
    count = unreviewed_count(page)
    if count:
        messages.warning(request, _warning(count))
    return count


def _warn_in_editor(request, instance):
    if request.method != "GET" or not isinstance(instance, TranslatableMixin):
        return
    count = unreviewed_count(instance)
    if count:
        messages.warning(request, _warning(count))


@hooks.register("before_edit_page", order=-80)
def machine_segments_in_page_editor(request, page):
    _warn_in_editor(request, page)


@hooks.register("before_edit_snippet", order=-80)
def machine_segments_in_snippet_editor(request, instance):
    _warn_in_editor(request, instance)


def preview_translation(request, translation_id, mode=None):
    """wagtail-localize's preview of a translation, with a banner when machine drafts are left."""

    translation = get_object_or_404(Translation, pk=translation_id)
    if not can_work_in(request.user, translation.target_locale_id):
        raise PermissionDenied
    # In the user's admin language: rendering the preview switches to the page's language.
    count = unreviewed_segments(translation.source_id, translation.target_locale_id).count()
    message = unreviewed_message(count)
    response = localize_preview(request, translation_id, mode)
    if getattr(response, "status_code", 200) != 200:
        return response
    if hasattr(response, "render"):
        response.render()
    if not count or "text/html" not in response.get("Content-Type", ""):
        return response
    banner = format_html(
        '<div class="machine-translation-banner" role="alert" style="background:#fff3cd;'
        "color:#533f03;border-bottom:2px solid #c9a227;padding:.75rem 1rem;font:600 1rem/1.4 "
        'sans-serif;position:relative;z-index:10000">{}</div>',
        message,
    )
    charset = response.charset or "utf-8"
    body = response.content.decode(charset)
    if "machine-translation-banner" in body:  # the page template shows it already
        return response
    start = body.find("<body")
    end = body.find(">", start) + 1 if start != -1 else 0
    response.content = (body[:end] + str(banner) + body[end:]).encode(charset)
    return response


@hooks.register("register_admin_urls", order=-100)
def replace_preview_url():
    """Listed before wagtail-localize's URLs, like our PO upload and download."""

    return [
        path(
            "localize/translate/<int:translation_id>/preview/",
            preview_translation,
            name="translations_preview_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/preview/<str:mode>/",
            preview_translation,
            name="translations_preview_translation",
        ),
    ]
