from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from search.backends import backend_for_url


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Imported once the app registry is ready: the vocabulary uses the models.
        from search import spelling  # noqa: F401 -- connects the vocabulary's signal handlers
        from search.indexing import prepare_indexes  # uses the models: imported once ready

        backend_for_url(settings.SEARCH_URL)  # a SEARCH_URL naming no backend stops start-up
        # The engine's indexes get the project's mapping before content is written to them.
        post_migrate.connect(prepare_indexes, sender=self)
