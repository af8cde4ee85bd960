"""Admin views: "submit for review", "Update from English", the status page's sync link, and
the upload of PO files into a translation. (The status page itself: ``translations.status``.)"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance

from translations.access import can_work_in
from translations.machine_admin import warn_before_review
from translations.pofile import import_upload
from translations.review import (
    can_submit_for_review,
    can_update_from_english,
    submit_for_review,
    translated_object,
    update_from_english,
)


def submit_for_review_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_submit_for_review(request.user, page):
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if request.method == "POST":
        workflow = submit_for_review(page, request.user)
        messages.success(
            request,
            _("“%(title)s” has been submitted to “%(workflow)s”.")
            % {"title": page.get_admin_display_title(), "workflow": workflow.name},
        )
        if next_url:
            return redirect(next_url)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    warn_before_review(request, page)  # machine translations nobody has reviewed
    return TemplateResponse(
        request,
        "translations/confirm_submit.html",
        {
            "object": page,
            "subtitle": page.get_admin_display_title(),
            "workflow": page.get_workflow(),
            "action": reverse("translations:submit_for_review", args=[page.pk]),
            "next": next_url,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


@require_POST
def upload_pofile(request, translation_id):
    """The translation editor's "Upload PO file", in front of wagtail-localize's view (same
    URL): every bad file gets a message saying what is wrong, and nothing is imported from it
    (see ``translations/pofile.py``)."""

    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    # The same limits as wagtail-localize's view, plus the user's languages (which the
    # middleware checks for wagtail-localize's own URLs).
    if not can_work_in(request.user, translation.target_locale_id):
        raise PermissionDenied
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    if not user_can_edit_instance(request.user, instance):
        raise PermissionDenied

    outcome = import_upload(translation, request.FILES.get("file"), request.user)
    for text in outcome.errors:
        messages.error(request, text)
    for text in outcome.successes:
        messages.success(request, text)
    for text in outcome.warnings:
        messages.warning(request, text)
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def _translation_or_404(translation_id):

    return get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )


def update_from_english_view(request, translation_id):
    """ "Update from English" for one language: its translators and reviewers bring their
    translation of a page, soft skill or partner up to date with the live English one. Nothing
    is published."""
    translation = _translation_or_404(translation_id)
    if not can_update_from_english(request.user, translation):
        raise PermissionDenied
    target = translated_object(translation)
    edit_url = _edit_url(target)
    title = target.get_admin_display_title() if isinstance(target, Page) else str(target)
    if request.method == "POST":
        updated = update_from_english(translation, request.user)
        if updated is None:
            messages.error(
                request, _("The English page is not published: there is nothing to update from.")
            )
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” has been updated from the English page. New and changed text is "
                    "waiting for you below; visitors keep seeing the published translation until "
                    "a reviewer approves the new one."
                )
                % {"title": title},
            )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "translations/confirm_update.html",
        {"object": target, "title": title, "edit_url": edit_url, "translation": translation},
    )


def _edit_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    opts = type(obj)._meta
    return reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[obj.pk])


def sync_language_view(request, source_id, language):
    """The Translation status page's "Sync from English" for one language: editors (who work in
    the English tree) get wagtail-localize's sync of every language; a language's translators
    and reviewers get "Update from English" for their language."""

    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"),
        source_id=source_id,
        target_locale__language_code=language,
    )
    if can_work_in(request.user, translation.source.locale_id):
        return redirect("wagtail_localize:update_translations", source_id)
    return redirect("translations:update_from_english", translation.pk)
