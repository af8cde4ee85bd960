"""Soft skills and partner organisations go through their language's review, as pages do.

The snippets are draftable (``home.models.snippets.ReviewedSnippet``): the translation editor
keeps a translator's text in wagtail-localize's segments; "Submit translation for review" saves
it as a draft revision (the public keeps the approved text, see ``translations.drafts``) and
starts the language's "Translation review" workflow, whose reviewers approve (which publishes
the revision) or request changes, from their dashboard.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages
from wagtail.admin.widgets.button import ListingButton
from wagtail.models import TranslatableMixin, WorkflowMixin

from translations.access import can_work_in
from translations.review import submit_for_review, translation_for

LABEL = gettext_lazy("Submit translation for review")


def can_submit_snippet_for_review(user, obj):
    if not isinstance(obj, WorkflowMixin) or not isinstance(obj, TranslatableMixin):
        return False
    if obj.locale.language_code == settings.LANGUAGE_CODE or not can_work_in(user, obj.locale_id):
        return False
    opts = type(obj)._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    if obj.workflow_in_progress or obj.get_workflow() is None:
        return False
    return translation_for(obj) is not None


def _snippet(app_label, model_name, pk):
    try:
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    if model is None or not issubclass(model, WorkflowMixin):
        raise Http404
    obj = model.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if obj is None:
        raise Http404
    return obj


def submit_snippet_for_review_view(request, app_label, model_name, pk):
    obj = _snippet(app_label, model_name, pk)
    if not can_submit_snippet_for_review(request.user, obj):
        raise PermissionDenied
    opts = type(obj)._meta
    edit_url = reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[obj.pk])
    if request.method == "POST":
        workflow = submit_for_review(obj, request.user)
        messages.success(
            request,
            _("“%(title)s” has been submitted to “%(workflow)s”.")
            % {"title": str(obj), "workflow": workflow.name},
        )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "translations/confirm_submit.html",
        {
            "object": obj,
            "subtitle": str(obj),
            "workflow": obj.get_workflow(),
            "action": submit_url(obj),
            "edit_url": edit_url,
        },
    )


def submit_url(obj):
    opts = type(obj)._meta
    return reverse(
        "translations:submit_snippet_for_review", args=[opts.app_label, opts.model_name, obj.pk]
    )


def listing_buttons(snippet, user, next_url=None):
    """ "Submit translation for review" in the snippet list's "…" menu."""
    if can_submit_snippet_for_review(user, snippet):
        yield ListingButton(LABEL, submit_url(snippet), icon_name="resubmit", priority=70)
