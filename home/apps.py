from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and shared content")

    def ready(self):
        post_migrate.connect(_ensure_locales, sender=self)


def _ensure_locales(sender, using="default", **kwargs):
    """After ``migrate``: a locale per configured language and, once the portal has its English
    home page, the translation roles (a newly added language gets its groups and workflow)."""
    from home.setup import ensure_locales

    ensure_locales(using=using)
    if using != "default":
        return
    from home.models import HomePage

    if HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).exists():
        from translations.roles import setup_translation_roles

        setup_translation_roles()
