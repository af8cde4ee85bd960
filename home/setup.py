"""Bring a database to the state every installation needs: locales, a home page, a site.

``ensure_locales`` runs after every ``migrate`` (see ``HomeConfig.ready``); ``ensure_site`` runs
from the ``load_demo_content`` command (and the tests' fixtures).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from home.models import HomePage
from translations.roles import setup_translation_roles
from translations.sync import create_draft_translations


def on_post_migrate(sender, using="default", **kwargs):
    """After ``migrate``: a locale per configured language and, once the portal has its English
    home page, the translation roles (a newly added language gets its groups and workflow)."""
    ensure_locales(using=using)
    if using != "default":
        return
    if HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).exists():
        setup_translation_roles()


def ensure_locales(using="default"):
    """One Wagtail locale per configured language; every partner tree follows the source tree.

    A language added to an installation that already has content (``PORTAL_LANGUAGES``, then
    ``migrate``) gets draft translations of everything, for its translators and reviewers.
    """
    source, _created = Locale.objects.using(using).get_or_create(
        language_code=settings.LANGUAGE_CODE
    )
    has_content = (
        Page.objects.using(using)
        .filter(locale=source, depth=2, content_type__app_label="home")
        .exists()
    )
    for code, _name in settings.LANGUAGES:
        locale, created = Locale.objects.using(using).get_or_create(language_code=code)
        if locale.pk != source.pk:
            LocaleSynchronization.objects.using(using).get_or_create(
                locale=locale, defaults={"sync_from": source}
            )
            if created and has_content and using == "default":
                create_draft_translations(locale)
    return source


def _base_url_host():
    parts = urlsplit(settings.PORTAL_BASE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


@transaction.atomic
def ensure_site():
    """The source-language home page under the root, and the default site pointing at it."""
    source = ensure_locales()
    home = HomePage.objects.filter(locale=source, depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's placeholder "Welcome" page (and its copies in other locales, made when the
        # locales were synchronised) is not needed once the portal has a home page.
        Page.objects.filter(
            depth=2, content_type__app_label="wagtailcore", content_type__model="page"
        ).delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(
                title=str(_("SoftComInVET knowledge portal")), slug="home", locale=source
            )
        )
        home.save_revision().publish()
    hostname, port = _base_url_host()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="SoftComInVET",
        )
    elif (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port):
        site.root_page, site.hostname, site.port = home, hostname, port
        site.save()
    return home
