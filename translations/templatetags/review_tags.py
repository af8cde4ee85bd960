"""The review loop inside wagtail-localize's translation editor
(``templates/wagtail_localize/admin/edit_translation.html``)."""

import json

from django import template
from django.urls import reverse

from wagtail.admin.ui.side_panels import StatusSidePanel
from wagtail.models import Page, WorkflowMixin
from wagtail.snippets.side_panels import SnippetStatusSidePanel

from translations.editor_dates import localised_date
from translations.review import (
    can_submit_for_review,
    can_update_from_english,
    changed_segments,
    changes_requested,
    source_changed,
)
from translations.snippet_review import can_submit_snippet_for_review, submit_url

register = template.Library()


def safe_props(props, may_publish, instance=None):
    """The editor's React props; for people who may not publish, without the destructive
    actions ("Convert to alias page", "Delete") that would otherwise be their main button; the
    last publication date in the user's language (wagtail-localize writes English months)."""
    data = json.loads(props)
    revision = getattr(instance, "live_revision", None)
    if revision is not None and data.get("object", {}).get("lastPublishedDate"):
        data["object"]["lastPublishedDate"] = localised_date(revision.created_at)
    if may_publish:
        return json.dumps(data)
    data.setdefault("perms", {})["canDelete"] = False
    data.setdefault("links", {})["convertToAliasUrl"] = None
    return json.dumps(data)


@register.simple_tag(takes_context=True)
def review_panel(context):

    request = context["request"]
    translation = context["translation"]
    instance = context["instance"]
    props = context["props"]
    if isinstance(instance, WorkflowMixin) and not isinstance(instance, Page):
        _snippet_status_panels(context.get("side_panels") or [])
        return snippet_review_panel(request, translation, instance, props)
    if not isinstance(instance, Page):
        return {"props": props}
    page_perms = context.get("page_perms") or instance.permissions_for_user(request.user)
    may_publish = page_perms.can_publish()
    return {
        "props": safe_props(props, may_publish, instance),
        "own_footer": not may_publish,
        "can_submit": can_submit_for_review(request.user, instance),
        "submit_url": reverse("translations:submit_for_review", args=[instance.pk]),
        "in_review": instance.workflow_in_progress,
        "preview_url": reverse("wagtail_localize:preview_translation", args=[translation.pk]),
        "changes_requested": changes_requested(instance),
        "changed": changed_segments(translation),
        "can_update": source_changed(translation)
        and can_update_from_english(request.user, translation),
    }


def snippet_review_panel(request, translation, instance, props):
    """The same for a reviewed soft skill or partner (``translations.snippet_review``)."""

    opts = type(instance)._meta
    may_publish = request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
    return {
        "props": safe_props(props, may_publish, instance),
        "own_footer": not may_publish,
        "can_submit": can_submit_snippet_for_review(request.user, instance),
        "submit_url": submit_url(instance),
        "in_review": instance.workflow_in_progress,
        "preview_url": None,
        "changes_requested": changes_requested(instance),
        "changed": changed_segments(translation),
        "can_update": source_changed(translation)
        and can_update_from_english(request.user, translation),
    }


def _snippet_status_panels(side_panels):
    """wagtail-localize's editor gives a snippet Wagtail's generic status panel, which does not
    take the snippet's workflow URLs from the page (``context_processors``) and fails to render
    for an item in review; Wagtail's own snippet editor uses its snippet status panel."""
    for panel in side_panels:
        if type(panel) is StatusSidePanel:
            panel.__class__ = SnippetStatusSidePanel
