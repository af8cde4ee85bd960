from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translation workflow")

    def ready(self):
        from . import signals  # noqa: F401 -- connects the publish receivers

        post_migrate.connect(_setup_roles, sender=self)


def _setup_roles(sender, using="default", **kwargs):
    """After ``migrate``, bring the roles up to date once the English home page exists."""
    from django.conf import settings

    from wagtail.models import Page

    if using != "default":
        return
    if Page.objects.filter(depth=2, locale__language_code=settings.LANGUAGE_CODE).exists():
        from translations.roles import setup_translation_roles

        setup_translation_roles()
