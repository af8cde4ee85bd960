from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and shared content")

    def ready(self):
        from core.fragments import rebuild_after_change
        from home.models import HomePage  # the models: imported once they are ready
        from home.setup import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self)
        rebuild_after_change(HomePage.rebuild_home_content)
