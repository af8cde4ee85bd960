"""Names of the portal's languages, and the request's Wagtail locale."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import get_language_info

from wagtail.models import Locale

# language code asked → its Locale, held by this process (the locales follow the settings'
# languages: they change with a deployment, and a saved or deleted one empties this)
_locales = {}


def language_name(code, in_language=None):
    """The name of a language: in that language itself ("Български"), as visitors choose it, or,
    with ``in_language``, in that one (``language_name("bg", "en")`` is "Bulgarian": the stable
    English names of groups and workflows; the visitor's language names the source language)."""
    if in_language is None:
        try:
            return get_language_info(code)["name_local"]
        except KeyError:
            return code
    with translation.override(in_language):
        return str(settings.KNOWN_LANGUAGES.get(code, code))


def active_locale():
    """``Locale.get_active()`` without its query on every request."""
    code = translation.get_language()
    locale = _locales.get(code)
    if locale is None:
        locale = _locales[code] = Locale.get_active()
    return locale


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def _forget_locales(**kwargs):
    _locales.clear()
