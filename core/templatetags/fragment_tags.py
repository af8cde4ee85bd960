"""``{% fragment_cache as kept %}``: what a kept fragment's ``{% wagtailcache %}`` needs.

    {% load wagtail_cache fragment_tags %}{% fragment_cache as kept %}
    {% wagtailcache kept.timeout footer kept.version LANGUAGE_CODE request.get_host %}
    …
    {% endwagtailcache %}

Wagtail's ``{% wagtailcache %}`` is Django's ``{% cache %}`` that never uses nor fills the cache
in a preview. ``kept.version`` is the content version (``core.cache``): every kept fragment puts
it in its key, so a publish, an unpublish, a move, a privacy or a snippet change makes them all
stale at once, as it does the navigation and the listings' results (``core.fragments``).
"""

from django import template

from core.cache import content_version
from core.fragments import TIMEOUT

register = template.Library()


@register.simple_tag
def fragment_cache():
    return {"timeout": TIMEOUT, "version": content_version()}
