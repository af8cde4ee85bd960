"""The notice on pages shown in English because they are not yet translated."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language, get_language_info

from wagtail.users.models import UserProfile

from core.languages import language_name
from core.pages import live_translations, served_page
from translations.machine_review import unreviewed_count, unreviewed_message

register = template.Library()


@register.simple_tag(takes_context=True)
def untranslated_notice(context):
    """For a page showing English content in another language's site: an alias, or the English
    page served at the address of a translation still in draft (translations/fallback.py).

    Returns None for translated pages, or the content's language and the languages the page
    really exists in, each with its address.
    """
    page = served_page(context)
    current = get_language()
    if page is None or not (page.alias_of_id or page.locale.language_code != current):
        return None
    request = context["request"]
    translations = [t for t in live_translations(page) if t.alias_of_id is None]
    source = next((t for t in translations if t.pk == page.alias_of_id), page)
    content_lang = source.locale.language_code
    return {
        "language": get_language_info(current)["name_translated"],
        "content_lang": content_lang,
        "available": [
            {
                "code": t.locale.language_code,
                "name": language_name(t.locale.language_code),
                "url": t.get_url(request),
            }
            for t in translations
        ],
    }


@register.simple_tag
def source_language_code():
    return settings.LANGUAGE_CODE


@register.simple_tag
def source_language_name():
    """The source language's name in the visitor's language ("Английски" on /bg/)."""
    return language_name(settings.LANGUAGE_CODE, get_language())


@register.simple_tag(takes_context=True)
def machine_preview_banner(context):
    """In a preview (the page editor's, a reviewer's from the workflow menu, the translation
    editor's): how many segments are machine translations nobody has reviewed, or ''."""
    request = context.get("request")
    page = context.get("page")
    if not getattr(request, "is_preview", False) or page is None:
        return ""
    count = unreviewed_count(page)
    if not count:
        return ""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return unreviewed_message(count)
    # Said to the person previewing, in their admin language (the page is in its own).
    with translation.override(UserProfile.get_for_user(user).get_preferred_language()):
        return unreviewed_message(count)
