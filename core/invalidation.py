"""What makes cached pages stale: the receivers that bump the content version and purge the
frontend cache (a CDN, configured by ``WAGTAILFRONTENDCACHE``).

An allowlist: only saves and deletions of what visitors see bump the version: pages (but not a
draft revision, a lock or a comment, which touch only ``DRAFT_FIELDS``), registered snippets,
view restrictions, tags (their links to pages are saved with the page), sites, locales,
redirects, settings, collections, images and documents; and Wagtail's publish, unpublish and
move signals (which also fire for translation publishes, aliases and scheduled publishing).
Search logs, sessions, revisions, log entries, workflow states, wagtail-localize's strings,
renditions, embeds and login attempts change nothing a visitor sees, so they keep the cache.

A bump happens at once and again when the transaction commits, so a request that rendered the
old content in between cannot keep it under the new version.

Frontend cache: a publish or unpublish purges the page in every language and its ancestors (the
listings and home pages that show it); a move purges the old and new addresses of the moved
pages; every other change (a snippet, a restriction, a setting…) purges every live page.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save

from taggit.models import TagBase
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Collection, Locale, Page, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)
from wagtail.snippets.models import get_snippet_models

from core.cache import bump_content_version

# Fields a draft revision, a lock or a comment saves on a page or snippet: not what visitors see.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)
PUBLIC_MODELS = (
    Page,
    BaseViewRestriction,
    TagBase,
    Site,
    Locale,
    Redirect,
    BaseSiteSetting,
    BaseGenericSetting,
    Collection,
    AbstractImage,
    AbstractDocument,
)


def shows_publicly(instance) -> bool:
    return isinstance(instance, PUBLIC_MODELS) or type(instance) in get_snippet_models()


def content_changed(using="default"):
    """Bump the content version now and once more after the transaction commits."""
    bump_content_version()
    transaction.on_commit(bump_content_version, using=using)


def frontend_cache_on() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_after_commit(pages, using="default"):
    """Purge ``pages`` from the frontend cache once the change is committed (their addresses are
    taken now: a deleted page has none afterwards)."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    transaction.on_commit(batch.purge, using=using)


def purge_everything(using="default"):
    purge_after_commit(Page.objects.live().exclude(depth=1).defer_streamfields(), using)


def pages_showing(page):
    """The page in every language, and their parents up to the home pages: their listings show
    it."""
    translations = list(Page.objects.filter(translation_key=page.translation_key))
    ancestors = Page.objects.none()
    for translation in translations:
        ancestors |= Page.objects.ancestor_of(translation).exclude(depth=1)
    return [*translations, *ancestors.live()]


def purge_page(page, using="default"):
    """Addresses taken now (an unpublish before a deletion) and again after the commit (the
    aliases a first publish creates in the other languages)."""
    batch = PurgeBatch()
    batch.add_pages(pages_showing(page))

    def purge():
        batch.add_pages(pages_showing(page))
        batch.purge()

    transaction.on_commit(purge, using=using)


def on_save_or_delete(sender, instance, using="default", update_fields=None, **kwargs):
    if update_fields and DRAFT_FIELDS.issuperset(update_fields):
        return
    if not shows_publicly(instance):
        return
    content_changed(using)
    # Page publishes are purged by their own signal; anything else may show on every page.
    if frontend_cache_on() and not isinstance(instance, Page):
        purge_everything(using)


def on_page_published(sender, instance, **kwargs):
    content_changed()
    if frontend_cache_on():
        purge_page(instance)


def on_page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    content_changed()
    if frontend_cache_on():
        purge_moved(instance, url_path_before, url_path_after)


def purge_moved(page, url_path_before, url_path_after):
    """The old and new addresses of the moved page and its descendants, and the listings they
    left and joined."""
    before, after = url_path_before.strip("/").split("/"), url_path_after.strip("/").split("/")
    shared = 0
    while shared < min(len(before), len(after)) and before[shared] == after[shared]:
        shared += 1
    old, new = "/".join(before[shared:]) + "/", "/".join(after[shared:]) + "/"
    batch = PurgeBatch()
    moved = PurgeBatch()
    moved.add_pages(Page.objects.descendant_of(page, inclusive=True).live())
    batch.add_urls(moved.urls)
    batch.add_urls(url.replace(new, old, 1) for url in moved.urls)
    batch.add_pages(Page.objects.ancestor_of(page).exclude(depth=1).live())
    old_parent = Page.objects.filter(url_path=url_path_before.rsplit("/", 2)[0] + "/")
    batch.add_pages(old_parent.live())
    transaction.on_commit(batch.purge)


def on_published(sender, instance, **kwargs):
    """A page or snippet published or unpublished (the object's save already purged)."""
    content_changed()


def on_migrated(using="default", **kwargs):
    """After ``migrate``: a migration writes through historical models, which send no signals,
    and may change anything (view restrictions among them): nothing kept before it is used."""
    if using == "default":
        bump_content_version()


def connect_receivers():
    # sent once per app with models (core has none); a bump is one cache write
    post_migrate.connect(on_migrated, dispatch_uid="core.page_cache.migrated")
    post_save.connect(on_save_or_delete, dispatch_uid="core.page_cache.save")
    post_delete.connect(on_save_or_delete, dispatch_uid="core.page_cache.delete")
    page_published.connect(on_page_published, dispatch_uid="core.page_cache.page_published")
    page_unpublished.connect(on_page_published, dispatch_uid="core.page_cache.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="core.page_cache.page_moved")
    published.connect(on_published, dispatch_uid="core.page_cache.published")
    unpublished.connect(on_published, dispatch_uid="core.page_cache.unpublished")
