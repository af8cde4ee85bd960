"""Submitting a translated page for review.

wagtail-localize's translation editor offers "Publish" only; a translator (who may not publish)
saves the translation as a draft revision and starts the page's workflow, "Translation review
(<Language>)", whose task only that language's reviewers can approve. Approval publishes the
submitted revision.
"""

from django.conf import settings
from django.db import transaction

from translations.access import can_work_in


def translation_for(page):
    """The enabled wagtail-localize translation whose target is ``page``, if any."""
    from wagtail_localize.models import Translation

    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def can_submit_for_review(user, page):
    if page.depth < 2 or page.alias_of_id is not None:
        return False
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return False
    if not can_work_in(user, page.locale_id) or not page.permissions_for_user(user).can_edit():
        return False
    if page.workflow_in_progress or page.get_workflow() is None:
        return False
    return translation_for(page) is not None


@transaction.atomic
def submit_for_review(page, user):
    """Save the translation as a draft and start the review workflow; returns the workflow."""
    translation = translation_for(page)
    live_revision = page.live_revision if page.live else None
    translation.save_target(user=user, publish=False)
    if live_revision is not None:
        _keep_live_content(page, live_revision)
    page = page.specific_class.objects.get(pk=page.pk)
    workflow = page.get_workflow()
    workflow.start(page, user)
    return workflow


def _keep_live_content(page, live_revision):
    """wagtail-localize writes a draft translation into the page row too, which would put it
    on the public site before review. Put the live content back; the draft stays a revision."""
    draft = page.specific_class.objects.get(pk=page.pk)
    restored = live_revision.as_object()
    restored.live = True
    restored.live_revision = live_revision
    restored.has_unpublished_changes = True
    restored.latest_revision = draft.latest_revision
    restored.latest_revision_created_at = draft.latest_revision_created_at
    restored.draft_title = draft.draft_title
    restored.save(clean=False)
