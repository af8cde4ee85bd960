"""Untranslated pages show the English page, with a notice, until their translation is published.

A page exists in every language tree from the moment its English source is published: first as
an alias of the source (see ``sync.py``). Starting a translation turns the alias into a page of
its own, which wagtail-localize would leave live with the English text in it. Here it is
withdrawn instead (``withdraw_untranslated``), so that until a reviewer publishes the
translation, its address serves the live English page
(``core.pages.ShowSourceUntilTranslatedMixin``) and listings show the English title marked as
such (``KnowledgePageQuerySet.listed``).
"""

from django.conf import settings
from django.db import transaction

from wagtail.models import Page


def withdraw_untranslated(page_id):
    """Unpublish a page just converted from an alias, whose live content is the English text."""
    page = (
        Page.objects.filter(pk=page_id, live=True, alias_of__isnull=True)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    if page is not None:
        page.specific.unpublish(log_action=False)


def on_alias_converted(sender, instance, created=False, **kwargs):
    """``post_save`` of ``PageLogEntry``: a page stopped being an alias (a translation began).

    wagtail-localize saves the page again after logging, so the withdrawal waits for the end of
    the transaction; a translation published in the same transaction (publishing is also
    deferred to then, and comes later) stays published.
    """
    if created and instance.action == "wagtail.convert_alias":
        page_id = instance.page_id
        transaction.on_commit(lambda: withdraw_untranslated(page_id))
