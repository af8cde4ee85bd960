"""Which languages a user works in.

A user works in the locales of the trees their groups hold page permissions on; permissions on
the root page (Wagtail's "Moderators") or superuser status mean every locale. Wagtail already
limits pages this way; the same rule narrows snippets and wagtail-localize's translation views,
which Wagtail and wagtail-localize check per model only.
"""

from django.conf import settings

from wagtail.models import GroupPagePermission, Locale

_CACHE_ATTR = "_translation_locale_ids"
ALL = "all"


def locale_ids(user):
    """``ALL`` or the set of locale ids ``user`` may work in (one query, cached on the user)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return ALL
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        rows = GroupPagePermission.objects.filter(group__user=user).values_list(
            "page__depth", "page__locale_id"
        )
        cached = set()
        for depth, locale_id in rows:
            if depth == 1:
                cached = ALL
                break
            cached.add(locale_id)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def can_work_in(user, locale_id):
    allowed = locale_ids(user)
    return allowed == ALL or locale_id in allowed


def is_unrestricted(user):
    return locale_ids(user) == ALL


def team_language(user):
    """The first of a user's team languages (for the snippet lists' default language), or None
    for editors and administrators, who work in English and see every language."""
    allowed = locale_ids(user)
    if allowed == ALL or not allowed:
        return None
    codes = set(Locale.objects.filter(pk__in=allowed).values_list("language_code", flat=True))
    return next((code for code, _name in settings.LANGUAGES if code in codes), None)
