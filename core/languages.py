"""Names of the portal's languages."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info


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
