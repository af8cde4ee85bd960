"""Template helpers for the project's identity: the footer's standard pages and the partners
page's partner organisations (see ``home.identity``)."""

from django import template

from home import identity
from home.models import active_language
from resources.licences import DEFAULT_LICENCE, licence_label, licence_url

register = template.Library()


@register.simple_tag
def footer_pages():
    """Contact, privacy and accessibility pages in the visitor's language, in that order."""
    return identity.footer_pages()


@register.simple_tag(takes_context=True)
def page_partners(context):
    """The partner organisations in the page's language if the page shown is the partners
    page, else an empty list."""
    page = context.get("page")
    if not identity.is_partners_page(page):
        return []
    return identity.partners(page.locale_id)


@register.simple_tag
def page_licence(page):
    """The licence a resource page is published under (its own, else the project's default):
    ``label`` (a proper name, the same in every language), ``url`` (its deed in the active
    language) and ``code``."""
    code = getattr(page, "licence", "") or DEFAULT_LICENCE
    url = licence_url(code)
    return {
        "code": code,
        "label": licence_label(code),
        "url": f"{url}deed.{active_language()}" if "creativecommons.org" in url else url,
    }
