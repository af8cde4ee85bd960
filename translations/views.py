"""Admin views: the translation status table and its exports, "submit for review", and the
upload of PO files into a translation."""

import csv
import io

from django import forms
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from translations.access import can_work_in
from translations.machine_admin import warn_before_review
from translations.review import (
    can_submit_for_review,
    can_update_from_english,
    submit_for_review,
    translated_object,
    update_from_english,
)
from translations.status import STATES, TranslationStatus


class StatusFilterForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    type = forms.ChoiceField(label=gettext_lazy("Content type"), required=False)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)

    def __init__(self, *args, content_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["language"].choices = everything + [
            (code, get_language_info(code)["name_translated"])
            for code, _name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ]
        self.fields["type"].choices = everything + list(content_types)
        self.fields["state"].choices = everything + [(k, v) for k, v in STATES.items()]


def _status_from_request(request):
    # The content-type choices come from the database: validate after building them.
    status = TranslationStatus(user=request.user)
    form = StatusFilterForm(request.GET or None, content_types=status.content_type_choices())
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        status = TranslationStatus(
            languages=[data["language"]] if data["language"] else None,
            content_type=data["type"] or None,
            state=data["state"] or None,
            user=request.user,
        )
    elif form.is_bound:
        # Invalid filters match nothing.
        status = TranslationStatus(content_type="-", user=request.user)
        status.filter_state = "-"
    return form, status


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        # Wagtail's base items end at "Home"; the last item is what the header shows.
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, status = _status_from_request(self.request)
        query = self.request.GET.urlencode()
        languages = [
            {"code": code, "name": get_language_info(code)["name_translated"]}
            for code in status.languages
        ]
        rows = [
            {"row": row, "cells": [row.cells[lang["code"]] for lang in languages]}
            for row in status.rows
        ]
        context.update(
            form=form,
            languages=languages,
            rows=rows,
            summaries=status.summaries(),
            query=f"?{query}" if query else "",
            states=STATES,
        )
        return context


def _table(status):
    header = [_("Title"), _("Type"), _("Kind")]
    for code in status.languages:
        name = get_language_info(code)["name_translated"]
        header += [name, _("%(language)s progress (%%)") % {"language": name}]
    lines = [header]
    for row in status.rows:
        line = [
            row.title,
            capfirst(row.type_label),
            _("Page") if row.kind == "page" else _("Snippet"),
        ]
        for code in status.languages:
            cell = row.cells[code]
            line += [str(cell.label), "" if cell.progress is None else cell.progress]
        lines.append(line)
    return lines


def export_status(request, fmt):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form, status = _status_from_request(request)
    lines = _table(status)
    filename = "translation-status"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = csv.writer(response)
        writer.writerows(_safe(line) for line in lines)
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Translation status")[:31]
    for line in lines:
        sheet.append(_safe(line))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _safe(line):
    """Spreadsheet programs run text starting with = + - @ as a formula: quote it."""
    values = [v if isinstance(v, int) else str(v) for v in line]
    return [f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in values]


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
        {"page": page, "workflow": page.get_workflow(), "next": next_url},
    )


@require_POST
def upload_pofile(request, translation_id):
    """The translation editor's "Upload PO file", in front of wagtail-localize's view (same
    URL): every bad file gets a message saying what is wrong, and nothing is imported from it
    (see ``translations/pofile.py``)."""
    from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
    from wagtail_localize.models import Translation
    from wagtail_localize.views.edit_translation import user_can_edit_instance

    from translations.pofile import import_upload

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
    from wagtail_localize.models import Translation

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
    from wagtail_localize.models import Translation

    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"),
        source_id=source_id,
        target_locale__language_code=language,
    )
    if can_work_in(request.user, translation.source.locale_id):
        return redirect("wagtail_localize:update_translations", source_id)
    return redirect("translations:update_from_english", translation.pk)
