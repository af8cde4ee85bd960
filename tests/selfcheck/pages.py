"""What the self-check tests read on a page."""

from django.urls import reverse
from django.utils import translation

from tests.helpers import text_of


def url(language="en", name="page"):
    with translation.override(language):
        return reverse(f"selfcheck:{name}")


def legends(page):
    return [(text_of(legend), legend.get("lang")) for legend in page.select("fieldset legend")]


def titles(page):
    return [text_of(a) for a in page.select(".selfcheck__item .card__title a")]


def scale(page, name="a1"):
    """(value, label, lang) of each answer of statement ``name``."""
    found = []
    for radio in page.select(f"input[type=radio][name={name}]"):
        label = page.select_one(f"label[for={radio['id']}]")
        found.append((radio["value"], text_of(label), label.get("lang")))
    return found
