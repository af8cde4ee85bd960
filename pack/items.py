"""The mentor pack: what a visitor collected, kept in their session, and the pages it stands for
in the visitor's language.

An item is a resource's ``translation_key`` (the same in every language), or
``<translation_key>:<activity block id>`` for one activity of a guide (wagtail-localize keeps a
block's id in every translation). Items are added by page id (the "Add to my pack" form is the
same HTML for every visitor of a kept page) and read back in whatever language the visitor asks:
the live, public page in that language, else the live English page with a note. Nothing else:
drafts, private pages, aliases' stand-ins of withdrawn sources and other sites' pages never
come out of ``resolve``.
"""

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from wagtail.models import Locale

from core.cache import content_version
from core.pages import public
from core.sites import site_root_paths
from resources.licences import DEFAULT_LICENCE, licence_label, licence_url
from resources.models import KnowledgePage

SESSION_KEY = "mentor_pack"
MAX_ITEMS = 30


class PackFull(Exception):
    """The pack holds ``MAX_ITEMS`` already."""


@dataclass
class Entry:
    """One item of a pack as shown: its page (in the visitor's language or English), the
    activity when the item is one, and whether the page is the English stand-in."""

    item: str
    page: KnowledgePage
    activity: object = None
    fallback: bool = False
    url: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def title(self):
        return self.activity.value["title"] if self.activity is not None else self.page.title

    @property
    def licence(self):
        """(name, address) of the resource's licence: its own, else the project's default."""
        code = getattr(self.page, "licence", "") or DEFAULT_LICENCE
        return licence_label(code), licence_url(code)


def make_item(translation_key, activity_id=""):
    return f"{translation_key}:{activity_id}" if activity_id else str(translation_key)


def split_item(item):
    """(translation key, activity id) of a well-formed item, else None."""
    key, _sep, activity = str(item).partition(":")
    try:
        uuid.UUID(key)
    except ValueError:
        return None
    if activity and (len(activity) > 64 or not activity.replace("-", "").isalnum()):
        return None
    return key, activity


def stored_items(session):
    """The items in a session, well-formed ones only (no session is created to read them)."""
    items = session.get(SESSION_KEY, [])
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, str) and split_item(item)][:MAX_ITEMS]


def add_item(session, item):
    """Add ``item`` to the session's pack (once); PackFull past ``MAX_ITEMS``."""
    items = stored_items(session)
    if item in items:
        return False
    if len(items) >= MAX_ITEMS:
        raise PackFull
    session[SESSION_KEY] = [*items, item]
    return True


def remove_item(session, item):
    items = stored_items(session)
    if item in items:
        session[SESSION_KEY] = [other for other in items if other != item]
        return True
    return False


def site_paths(request):
    """The url_path of the request's site's home page in every language (no query)."""
    site = getattr(request, "_wagtail_site", None)
    if site is None:
        return ()
    return tuple(
        root.root_path for root in site_root_paths(content_version()) if root.site_id == site.pk
    )


def on_site(queryset, request):
    paths = site_paths(request)
    if not paths:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(url_path__startswith=path)
    return queryset.filter(condition)


def page_for_id(request, page_id):
    """The live, public resource ``page_id`` of this site (an alias included: it stands for its
    source), or None."""
    return on_site(public(KnowledgePage.objects.live().filter(pk=page_id)), request).first()


def keys_for_ids(request, page_ids):
    """{page id: translation key} for the ids that are live, public resources of this site."""
    pages = on_site(public(KnowledgePage.objects.live().filter(pk__in=page_ids)), request)
    return dict(pages.values_list("pk", "translation_key"))


def resolve(request, items, language):
    """(entries, skipped): each item as an ``Entry`` in ``language`` (or in English, marked
    ``fallback``), in order; ``skipped`` counts the items with no live public page any more."""
    parsed = [(item, split_item(item)) for item in items]
    keys = {found[0] for _item, found in parsed if found}
    languages = {language, settings.LANGUAGE_CODE}
    pages = on_site(
        public(
            KnowledgePage.objects.live().filter(
                translation_key__in=keys,
                locale__language_code__in=languages,
                alias_of__isnull=True,
            )
        ),
        request,
    ).specific()
    pages = list(pages)
    # Wagtail's specific() drops select_related: every page's locale in one query.
    locales = Locale.objects.in_bulk({page.locale_id for page in pages})
    by_key = {}
    for page in pages:
        page.locale = locales[page.locale_id]
        own = page.locale.language_code == language
        if own or str(page.translation_key) not in by_key:
            by_key[str(page.translation_key)] = page
    entries, skipped = [], 0
    for item, found in parsed:
        page = by_key.get(found[0]) if found else None
        activity = None
        if page is not None and found[1]:
            activity = find_activity(page, found[1])
            if activity is None:
                page = None
        if page is None:
            skipped += 1
            continue
        entries.append(
            Entry(
                item=item,
                page=page,
                activity=activity,
                fallback=page.locale.language_code != language,
            )
        )
    return entries, skipped


def find_activity(page, activity_id):
    for block in getattr(page, "activities", None) or []:
        if block.id == activity_id:
            return block
    return None
