"""A translation saved as a draft never changes what the public sees.

wagtail-localize's ``TranslationSource.create_or_update_translation(publish=False)`` — behind
``Translation.save_target``, "Translate this page", "Sync translated pages", subtree
translation, machine translation and our "Submit for review" — ingests the translated segments
into the target object and then ``save()``s it. On a page or snippet that is already live, that
``save()`` writes the unreviewed text into the live row, i.e. onto the public site, and for a
draftable snippet it even sets ``live = False``. Every route that re-creates or updates a
translation goes through that one method, so the guard sits there: after a draft save, a live
target's row is put back to its live revision; the draft stays the latest revision, waiting
for review. Publishing (``publish=True``) is left alone: who may publish is checked by Wagtail's
permissions and by ``translations.middleware``.
"""

from functools import wraps

from django.db import transaction

from wagtail.models import DraftStateMixin, Page
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.models import TranslationSource

_ORIGINAL = TranslationSource.create_or_update_translation


def _live_target(source, locale):
    """The live, non-alias target of ``source`` in ``locale`` (with a live revision), or None."""
    model = source.specific_content_type.model_class()
    if model is None or not issubclass(model, DraftStateMixin):
        return None
    target = (
        model.objects.filter(translation_key=source.object_id, locale=locale, live=True)
        .select_related("live_revision")
        .first()
    )
    if target is None or getattr(target, "alias_of_id", None) is not None:
        return None
    if target.live_revision is None:
        # Live without a revision (made in code): record the live content first.
        revision = target.save_revision(changed=False, clean=False, log_action=False)
        target.live_revision = revision
        type(target).objects.filter(pk=target.pk).update(live_revision=revision)
    return target


def restore_live_content(target, live_revision):
    """Put ``live_revision``'s content back into the row of ``target``, keeping the newer
    revision as the unpublished draft (as when a reviewer's draft waits for approval)."""
    model = type(target)
    draft = model.objects.get(pk=target.pk)
    restored = live_revision.as_object()
    restored.live = True
    restored.live_revision = live_revision
    restored.latest_revision = draft.latest_revision
    restored.has_unpublished_changes = draft.latest_revision_id != live_revision.pk
    # Publication dates are the row's, not the revision's (a revision is taken before publishing).
    for field in ("first_published_at", "last_published_at"):
        setattr(restored, field, getattr(draft, field))
    if isinstance(draft, Page):
        restored.latest_revision_created_at = draft.latest_revision_created_at
        restored.draft_title = draft.draft_title
        # Tree fields are the row's own, never the revision's (the page may have moved).
        for field in ("path", "depth", "numchild", "url_path", "alias_of_id", "locked"):
            setattr(restored, field, getattr(draft, field))
        restored.save(clean=False)
    else:
        restored.save()


def _new_draft_snippet(source, locale):
    """True when a draft translation of a draftable snippet is about to be created."""
    model = source.specific_content_type.model_class()
    if model is None or issubclass(model, Page) or not issubclass(model, DraftStateMixin):
        return False
    return not model.objects.filter(translation_key=source.object_id, locale=locale).exists()


def stand_in_for_source(obj, source):
    """A new snippet translation waiting for review: the public sees the English text (as an
    untranslated page shows the English page); the translation is the latest revision only."""
    english = source.get_source_instance()
    for field in get_translatable_fields(type(obj)):
        if isinstance(field, TranslatableField):
            setattr(obj, field.field_name, getattr(english, field.field_name))
    draft_revision_id = obj.latest_revision_id
    obj.live = True
    obj.has_unpublished_changes = True
    obj.save()
    type(obj).objects.filter(pk=obj.pk).update(latest_revision_id=draft_revision_id)


@wraps(_ORIGINAL)
def create_or_update_translation(self, locale, user=None, publish=True, **kwargs):
    target = None if publish else _live_target(self, locale)
    new_snippet = not publish and _new_draft_snippet(self, locale)
    with transaction.atomic():
        result = _ORIGINAL(self, locale, user=user, publish=publish, **kwargs)
        if target is not None:
            restore_live_content(target, target.live_revision)
        elif new_snippet:
            stand_in_for_source(result[0], self)
    return result


def install():
    """Called once from ``TranslationsConfig.ready``."""
    if TranslationSource.create_or_update_translation is not create_or_update_translation:
        TranslationSource.create_or_update_translation = create_or_update_translation
