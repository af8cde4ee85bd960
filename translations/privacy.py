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
added later. When the trees differ (a page moved in English only: wagtail-localize does not
move translations), a translation also carries the restrictions of the English page's
ancestors whose version in its language is not above it.

When the English page's restrictions change, every other language takes exactly them. While
the English page is private, changing or removing the copy on a translation itself is undone at
once (otherwise removing it there would publish what is private in English); while it is
public, a translation may be made private on its own (it stays so until the English page's
privacy changes, as wagtail-localize's sync would also reset it). Pages without an English
version (made in one language only) keep what is set on them.

The functions below take the models as arguments so the one-off backfill migration
(``translations/migrations/0001``) runs the same code with its historical models.
"""

import threading

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

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


def _ancestor_paths(path, steplen=4):
    """The tree paths of a page's ancestors (treebeard's materialised path, 4 characters a
    level), so the same code runs on historical models in the migration."""
    return [path[:end] for end in range(steplen, len(path), steplen)]


def wanted_for(page_model, restriction_model, target, source):
    """What ``target`` (``source``'s page in another language) must carry: ``source``'s own
    restrictions, plus those of ``source``'s ancestors whose version in ``target``'s language
    is not an ancestor of ``target`` (the trees differ after a page was moved in one only)."""
    wanted = list(restriction_model.objects.filter(page_id=source.pk).order_by("pk"))
    above = list(
        restriction_model.objects.filter(page__path__in=_ancestor_paths(source.path))
        .select_related("page")
        .order_by("page__path", "pk")
    )
    if above:
        covered = set(
            page_model.objects.filter(path__in=_ancestor_paths(target.path)).values_list(
                "translation_key", flat=True
            )
        )
        wanted += [r for r in above if r.page.translation_key not in covered]
    return wanted


def bring_in_step(page_model, restriction_model, target, source, keep_pk=None):
    wanted = wanted_for(page_model, restriction_model, target, source)
    copy_restrictions(restriction_model, wanted, target.pk, keep_pk=keep_pk)


def source_changed(page_model, restriction_model, source):
    """``source``'s restrictions changed: bring its pages in other languages in step, and the
    other-language pages of everything below it that do not sit below its version there."""
    partners = page_model.objects.filter(translation_key=source.translation_key).exclude(
        pk=source.pk
    )
    inside = Q()
    for partner in partners:
        bring_in_step(page_model, restriction_model, partner, source)
        inside |= Q(path__startswith=partner.path)
    below = page_model.objects.filter(
        path__startswith=source.path,
        depth__gt=source.depth,
        locale_id=source.locale_id,
        alias_of__isnull=True,
    )
    strays = page_model.objects.filter(translation_key__in=below.values("translation_key"))
    strays = strays.exclude(locale_id=source.locale_id)
    if inside:
        strays = strays.exclude(inside)
    for stray in strays:
        stray_source = below.filter(translation_key=stray.translation_key).first()
        bring_in_step(page_model, restriction_model, stray, stray_source)


def mirror_everything(page_model, restriction_model, source_language):
    """Bring every translation and alias in step with its source page (the backfill)."""
    if not restriction_model.objects.exists():
        return
    sources = {
        page.translation_key: page
        for page in page_model.objects.filter(
            locale__language_code=source_language, alias_of__isnull=True
        )
    }
    for target in page_model.objects.exclude(locale__language_code=source_language):
        source = sources.get(target.translation_key)
        if source is not None:
            bring_in_step(page_model, restriction_model, target, source)


def _is_source(page):
    return page.locale.language_code == settings.LANGUAGE_CODE and page.alias_of_id is None


def follow_source(page, keep_pk=None):
    """``page``'s restrictions changed: if it is a source page, copy them to its translations;
    if it has a private source page, put the source's back on it."""
    if _is_source(page):
        source_changed(Page, PageViewRestriction, page)
        return
    source = source_of(Page, page)
    if source is None:
        return
    wanted = wanted_for(Page, PageViewRestriction, page, source)
    if wanted:  # (a translation of a public page may be made private on its own)
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
        wanted = wanted_for(Page, PageViewRestriction, instance, source)
        if wanted:
            copy_restrictions(PageViewRestriction, wanted, instance.pk)


@receiver(post_page_move, dispatch_uid="privacy_page_moved")
def page_moved(sender, instance, **kwargs):
    """A page moved in one language only: it and everything below it, in every language, carry
    what their place in the English tree asks for."""
    if _busy():
        return
    moved = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
    if moved is None:
        return
    for page in Page.objects.filter(path__startswith=moved).select_related("locale"):
        if _is_source(page):
            for partner in Page.objects.filter(translation_key=page.translation_key).exclude(
                pk=page.pk
            ):
                bring_in_step(Page, PageViewRestriction, partner, page)
        else:
            source = source_of(Page, page)
            if source is not None:
                bring_in_step(Page, PageViewRestriction, page, source)
