from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and shared content")

    def ready(self):
        post_migrate.connect(_ensure_locales, sender=self)


def _ensure_locales(sender, using="default", **kwargs):
    from home.setup import ensure_locales

    ensure_locales(using=using)
