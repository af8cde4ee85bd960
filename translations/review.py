"""Submitting a translated page for review.

wagtail-localize's translation editor offers "Publish" only; a translator (who may not publish)
saves the translation as a draft revision and starts the page's workflow, "Translation review
(<Language>)", whose task only that language's reviewers can approve. Approval publishes the
translation as its reviewer is shown it (``publish_reviewed``): what the translation editor and
its preview hold at that moment, i.e. the submitted text with any change made since.

The rest of the loop: a reviewer's "Request changes" puts the workflow in "needs changes"; the
translator revises and submits again, which resumes that workflow (Wagtail allows one in progress
or needs-changes workflow per page). The reviewer's comment is shown in the translation editor and
on the dashboard (``review_notes``). A translator brings their language up to date with the
English page (``update_from_english``) without touching other languages or the public page.
"""

from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.models import Page, TaskState, TranslatableMixin, WorkflowMixin, WorkflowState
from wagtail.workflows import publish_workflow_state
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from translations.access import ALL, can_work_in, locale_ids
from translations.status import translatable_snippet_models


def translation_for(page):
    """The enabled wagtail-localize translation whose target is ``page``, if any."""

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
def submit_for_review(obj, user):
    """Save the translation of a page, soft skill or partner as a draft (the public keeps the
    approved version: ``translations.drafts``) and start its language's review workflow, or
    resume it when a reviewer sent it back; returns the workflow."""
    translation_for(obj).save_target(user=user, publish=False)
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    obj = model.objects.get(pk=obj.pk)
    state = obj.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # Sent back by a reviewer: Wagtail's own resubmission resumes that workflow, restarting
        # its task on the latest revision (starting a second one is refused).
        state.resume(user)
        return state.workflow
    workflow = obj.get_workflow()
    workflow.start(obj, user)
    return workflow


def publish_reviewed(workflow_state, user=None):
    """Wagtail's "finish workflow" action (``WAGTAIL_FINISH_WORKFLOW_ACTION``). Wagtail publishes
    the latest revision, which for a translation is the text saved when it was submitted; the
    reviewer is shown the translation editor's segments, which the translator may have changed
    since. The draft is made again from those segments first, so that the text the reviewer
    approved, and no other, goes online. (A stopped translation, edited in Wagtail's own form,
    is published as that form shows it: its latest revision.)"""
    obj = workflow_state.content_object
    translation = translation_for(obj) if isinstance(obj, TranslatableMixin) else None
    if translation is not None:
        with suppress(ValidationError):  # text that cannot be saved: the submitted one
            translation.save_target(user=user, publish=False)
        obj.refresh_from_db(fields=["latest_revision"])  # the object Wagtail publishes from
    publish_workflow_state(workflow_state, user=user)


def changes_requested(page):
    """The reviewer's "Request changes" on ``page`` still waiting for the translator: the
    rejected ``TaskState`` (``comment``, ``finished_by``, ``finished_at``), or None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return None
    return task_state


@dataclass
class SentBack:
    """A translation a reviewer sent back, for the translator's dashboard."""

    title: str
    language: str
    edit_url: str
    task_state: TaskState


def sent_back(user, limit=20):
    """Translations (pages, soft skills, partners) in ``user``'s languages that a reviewer sent
    back, newest first."""

    allowed = locale_ids(user)
    if not allowed:
        return []
    found = []
    for model in [Page, *translatable_snippet_models()]:
        if not issubclass(model, WorkflowMixin):
            continue
        ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
        states = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES, base_content_type=ct
        ).select_related("current_task_state__finished_by")
        by_pk = {int(s.object_id): s for s in states if str(s.object_id).isdigit()}
        objects = model.objects.filter(pk__in=by_pk).exclude(
            locale__language_code=settings.LANGUAGE_CODE
        )
        if allowed != ALL:
            objects = objects.filter(locale_id__in=allowed)
        for obj in objects.select_related("locale"):
            task_state = by_pk[obj.pk].current_task_state
            if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
                continue
            if isinstance(obj, Page):
                title, url = (
                    obj.get_admin_display_title(),
                    reverse("wagtailadmin_pages:edit", args=[obj.pk]),
                )
            else:
                opts = model._meta
                title = str(obj)
                url = reverse(
                    f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[obj.pk]
                )
            found.append(SentBack(title, obj.locale.get_display_name(), url, task_state))
    found.sort(
        key=lambda item: item.task_state.finished_at or item.task_state.started_at, reverse=True
    )
    return found[:limit]


def announce_review_outcome(request, response):
    """After a reviewer's workflow action in the admin, say what it did (Wagtail says nothing)."""

    match = getattr(request, "resolver_match", None)
    if (
        request.method != "POST"
        or match is None
        or match.view_name != "wagtailadmin_pages:workflow_action"
        or response.status_code >= 400
        or not request.user.is_authenticated
    ):
        return
    task_state = (
        TaskState.objects.filter(pk=match.kwargs.get("task_state_id"), finished_by=request.user)
        .select_related("workflow_state")
        .first()
    )
    if task_state is None:
        return
    page = Page.objects.filter(pk=match.kwargs.get("page_id")).first()
    if page is None:
        return
    title = page.get_admin_display_title()
    action = match.kwargs.get("action_name")
    if action == "approve" and task_state.status == TaskState.STATUS_APPROVED:
        if task_state.workflow_state.status == WorkflowState.STATUS_APPROVED:
            text = _("“%(title)s” has been approved and published.")
        else:
            text = _("“%(title)s” has been approved.")
        messages.success(request, text % {"title": title})
    elif action == "reject" and task_state.status == TaskState.STATUS_REJECTED:
        messages.success(
            request,
            _("Changes requested on “%(title)s”: the translators see your comment.")
            % {"title": title},
        )


def source_changed(translation):
    """The English original was published (or, for a snippet, changed) after this
    translation's source was last read."""
    source = translation.source
    model = _source_model(source)
    manager = Page.objects if issubclass(model, Page) else model.objects
    instance = manager.filter(translation_key=source.object_id, locale_id=source.locale_id).first()
    if instance is None:
        return False
    times = [getattr(instance, "last_published_at", None)]
    if not isinstance(instance, Page):
        times.append(getattr(instance, "updated_at", None))
    changed = max((t for t in times if t is not None), default=None)
    return changed is not None and changed > source.last_updated_at


def _source_model(source):
    return source.specific_content_type.model_class() or Page


def translated_object(translation):
    """The page (specific) or snippet that ``translation`` writes into, or None."""
    source = translation.source
    model = _source_model(source)
    manager = Page.objects if issubclass(model, Page) else model.objects
    obj = manager.filter(
        translation_key=source.object_id, locale_id=translation.target_locale_id
    ).first()
    return obj.specific if isinstance(obj, Page) else obj


def can_update_from_english(user, translation):
    if not translation.enabled or not can_work_in(user, translation.target_locale_id):
        return False
    source = translation.source
    if source.locale.language_code != settings.LANGUAGE_CODE:
        return False
    target = translated_object(translation)
    if target is None or getattr(target, "alias_of_id", None) is not None:
        return False
    if isinstance(target, Page):
        return target.permissions_for_user(user).can_edit()
    opts = type(target)._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


@transaction.atomic
def update_from_english(translation, user):
    """Read the live English page (or soft skill, partner) again and re-create this one
    translation as a draft.

    Only ``translation``'s language changes: its editor shows the new and changed segments (the
    ones already translated are kept), its page gets a new draft revision, and its public page
    stays as the reviewer approved it (``translations.drafts``). Other languages see the new
    English segments the next time they update (the source is shared), but none of their pages
    changes. Returns the target, or None when the English original is not live.
    """
    source = translation.source
    model = _source_model(source)
    manager = Page.objects if issubclass(model, Page) else model.objects
    english = manager.filter(translation_key=source.object_id, locale_id=source.locale_id).first()
    if english is None or not getattr(english, "live", True):
        return None
    source.update_from_db()
    translation.save_target(user=user, publish=False)
    return translated_object(translation)


@dataclass
class ChangedSegment:
    english_before: str
    english_now: str
    previous_translation: str


def changed_segments(translation):
    """Segments of ``translation`` whose English changed since they were translated.

    wagtail-localize keeps a translation per (English text, place in the page, language): when
    the English at a place changes, the new text has no translation there yet and the editor
    shows an empty box, while the translation of the former English text at the same place is
    still stored. Each untranslated segment with such a former translation is listed with the
    English before, the English now and that previous translation (the latest one, when the
    English changed more than once). Segments new in English have no former translation and are
    not listed. Two queries.
    """

    locale_id = translation.target_locale_id
    segments = list(
        StringSegment.objects.filter(source_id=translation.source_id)
        .select_related("string")
        .order_by("order")
    )
    if not segments:
        return []
    contexts = [s.context_id for s in segments]
    stored = (
        StringTranslation.objects.filter(locale_id=locale_id, context_id__in=contexts)
        .exclude(data="")
        .select_related("translation_of")
        .order_by("updated_at")
    )
    current = {(s.string_id, s.context_id) for s in segments}
    translated = set()
    previous = {}
    for st in stored:
        if (st.translation_of_id, st.context_id) in current:
            translated.add((st.translation_of_id, st.context_id))
        else:
            previous[st.context_id] = st  # ordered by date: the latest one wins
    changes = []
    for segment in segments:
        key = (segment.string_id, segment.context_id)
        former = previous.get(segment.context_id)
        if key in translated or former is None:
            continue
        changes.append(
            ChangedSegment(
                english_before=former.translation_of.data,
                english_now=segment.string.data,
                previous_translation=former.data,
            )
        )
    return changes
