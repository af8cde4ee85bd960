"""Privacy follows the source page, in every language.

A view restriction (password, login or groups) is set on an English page. Wagtail's
``.public()`` — which every listing, tag and skill page, home section, search, suggestion and
the sitemap use — looks only at restrictions stored on a page and its ancestors in the same
tree, and wagtail-localize copies a restriction to a translation only when the translation is
created or synced. So here every page in another language that shares the English page's
``translation_key`` (real translation or alias) always carries a copy of the English page's own
restrictions: made, changed or removed the moment the English one is, in the same transaction;
and given to a translation or alias when it is created. A restriction on an English section
thus covers the section in every language, and every page below it there, including pages
added later.

A partner-language page that has an English page takes exactly its restrictions: changing or
removing the copy on the translation itself is undone at once (otherwise removing it there
would publish what is private in English). Pages without an English version (made in one
language only) keep what is set on them.

The functions below take the models as arguments so the one-off backfill migration
(``translations/migrations/0001``) runs the same code with its historical models.
"""

import threading

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction

_state = threading.local()


class _Mirroring:
    """While copies are written, the receivers below ignore the saves they cause."""

    def __enter__(self):
        self.outer = getattr(_state, "busy", False)
        _state.busy = True

    def __exit__(self, *exc):
        _state.busy = self.outer


def _busy():
    return getattr(_state, "busy", False)


# --- the rule, model-agnostic (also used by the migration) --------------------------------
def source_of(page_model, page, source_language=None):
    """The source-language page (not an alias) sharing ``page``'s translation_key, or None."""
    source_language = source_language or settings.LANGUAGE_CODE
    return (
        page_model.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=source_language,
            alias_of__isnull=True,
        )
        .exclude(pk=page.pk)
        .first()
    )


def copy_restrictions(restriction_model, wanted, target_page_id, keep_pk=None):
    """Make the restrictions on page ``target_page_id`` equal to ``wanted`` (the source page's
    restrictions): same type, password and groups; extra ones removed, missing ones added.
    ``keep_pk``: a restriction just saved on the target, kept (and corrected) in preference
    to older ones, so the caller can still set its groups."""
    existing = sorted(
        restriction_model.objects.filter(page_id=target_page_id),
        key=lambda r: (r.pk != keep_pk, r.pk),
    )
    with _Mirroring():
        for have, want in zip(existing, wanted, strict=False):
            if (have.restriction_type, have.password) != (want.restriction_type, want.password):
                have.restriction_type, have.password = want.restriction_type, want.password
                have.save()
            _copy_groups(want, have)
        for want in wanted[len(existing) :]:
            copy = restriction_model(
                page_id=target_page_id,
                restriction_type=want.restriction_type,
                password=want.password,
            )
            copy.save()
            _copy_groups(want, copy)
        for extra in existing[len(wanted) :]:
            extra.delete()


def _copy_groups(want, have):
    groups = set(want.groups.values_list("pk", flat=True))
    if set(have.groups.values_list("pk", flat=True)) != groups:
        have.groups.set(groups)


def mirror_page(page_model, restriction_model, source):
    """Copy ``source``'s own restrictions onto its page in every other language."""
    wanted = list(restriction_model.objects.filter(page_id=source.pk).order_by("pk"))
    targets = page_model.objects.filter(translation_key=source.translation_key).exclude(
        pk=source.pk
    )
    for target_id in targets.values_list("pk", flat=True):
        copy_restrictions(restriction_model, wanted, target_id)


def mirror_everything(page_model, restriction_model, source_language):
    """Bring every translation and alias in step with its source page (the backfill)."""
    sources = page_model.objects.filter(
        locale__language_code=source_language, alias_of__isnull=True
    )
    keys = page_model.objects.exclude(locale__language_code=source_language).values(
        "translation_key"
    )
    for source in sources.filter(translation_key__in=keys).only("pk", "translation_key"):
        mirror_page(page_model, restriction_model, source)


# --- when it happens ------------------------------------------------------------------------
def follow_source(page, keep_pk=None):
    """``page``'s restrictions changed: if it is a source page, copy them to its translations;
    if it has a source page, put the source's back on it."""
    if page.locale.language_code == settings.LANGUAGE_CODE and page.alias_of_id is None:
        mirror_page(Page, PageViewRestriction, page)
        return
    source = source_of(Page, page)
    if source is not None:
        wanted = list(source.view_restrictions.order_by("pk"))
        copy_restrictions(PageViewRestriction, wanted, page.pk, keep_pk=keep_pk)


def _page(page_id):
    return Page.objects.filter(pk=page_id).select_related("locale").first()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="privacy_restriction_saved")
def restriction_saved(sender, instance, raw=False, **kwargs):
    if raw or _busy():
        return
    page = _page(instance.page_id)
    if page is not None:
        follow_source(page, keep_pk=instance.pk)


@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="privacy_restriction_deleted")
def restriction_deleted(sender, instance, origin=None, **kwargs):
    # Only a restriction removed as such: when a page is deleted, its restriction goes with it
    # and its translations keep theirs (deleting pages is not a way to make them public).
    removed_itself = isinstance(origin, PageViewRestriction) or (
        isinstance(origin, QuerySet) and issubclass(origin.model, PageViewRestriction)
    )
    if _busy() or not removed_itself:
        return
    page = _page(instance.page_id)
    if page is not None:
        follow_source(page)


@receiver(
    m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="privacy_groups_changed"
)
def restriction_groups_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if _busy() or action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # group.pageviewrestriction_set changed
        restrictions = PageViewRestriction.objects.filter(pk__in=pk_set or ())
        page_ids = set(restrictions.values_list("page_id", flat=True))
    else:
        page_ids = {instance.page_id}
    for page_id in page_ids:
        page = _page(page_id)
        if page is not None:
            follow_source(page, keep_pk=None if reverse else instance.pk)


@receiver(post_save, dispatch_uid="privacy_page_created")
def page_created(sender, instance, created=False, raw=False, **kwargs):
    """A new translation or alias takes its source page's restrictions at once."""
    if not created or raw or _busy() or not isinstance(instance, Page):
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE and instance.alias_of_id is None:
        return
    source = source_of(Page, instance)
    if source is not None:
        wanted = list(source.view_restrictions.order_by("pk"))
        if wanted:
            copy_restrictions(PageViewRestriction, wanted, instance.pk)
