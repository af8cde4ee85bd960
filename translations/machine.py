"""MACHINE_TRANSLATION → WAGTAILLOCALIZE_MACHINE_TRANSLATOR. Imported by the settings: no models.

Machine translation only fills in a draft in the translation editor ("Translate whole page with
…"); a person still reads it, and a reviewer still approves it.
"""

from django.core.exceptions import ImproperlyConfigured

CHOICES = ("", "off", "deepl", "libretranslate", "dummy")


def machine_translator_from_env(
    name, *, deepl_api_key="", libretranslate_url="", libretranslate_api_key=""
):
    name = (name or "").strip().lower()
    if name in ("", "off"):
        return None
    if name == "dummy":
        # Reverses the words: for tests and demonstrations, never for real content.
        return {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
    if name == "deepl":
        if not deepl_api_key:
            raise ImproperlyConfigured("MACHINE_TRANSLATION=deepl needs DEEPL_API_KEY.")
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": deepl_api_key},
        }
    if name == "libretranslate":
        if not libretranslate_url:
            raise ImproperlyConfigured(
                "MACHINE_TRANSLATION=libretranslate needs LIBRETRANSLATE_URL."
            )
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": libretranslate_url,
                "API_KEY": libretranslate_api_key,
            },
        }
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATION={name!r} is not one of: off, deepl, libretranslate, dummy."
    )
