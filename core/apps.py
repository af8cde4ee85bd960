from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        # The receivers import Wagtail's models, which cannot be imported before apps are ready.
        from core.invalidation import connect_receivers

        connect_receivers()
