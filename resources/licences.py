"""The licences a resource may be published under, and where each one's legal text lives.

The project's default is CC BY-SA 4.0 (``opendata``'s project settings hold which one); a
resource's own ``licence`` overrides it. Licence names are proper names, the same in every
language, so they are not translated.
"""

from django.db import models


class Licence(models.TextChoices):
    CC_BY_SA_4 = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_4 = "cc-by-4.0", "CC BY 4.0"
    CC_BY_NC_SA_4 = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    CC0_1 = "cc0-1.0", "CC0 1.0"


LICENCE_URLS = {
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_NC_SA_4: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC0_1: "https://creativecommons.org/publicdomain/zero/1.0/",
}

DEFAULT_LICENCE = Licence.CC_BY_SA_4


def licence_field(verbose_name, **options):
    """A model field holding one of the ``Licence`` codes."""
    return models.CharField(verbose_name, max_length=20, choices=Licence.choices, **options)


def licence_url(code):
    """The legal code's address of licence ``code`` (the default licence's for an unknown one)."""
    return LICENCE_URLS.get(code, LICENCE_URLS[DEFAULT_LICENCE])


def licence_label(code):
    return dict(Licence.choices).get(code, Licence(DEFAULT_LICENCE).label)
