from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translation workflow")

    def ready(self):
        from . import (  # noqa: F401 -- connect receivers
            admin_language,
            drafts,
            editor_dates,
            history,
            signals,
        )

        admin_language.install()
        drafts.install()
        editor_dates.install()
