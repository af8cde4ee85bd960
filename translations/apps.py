from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translation workflow")

    def ready(self):
        # Imported once the app registry is ready: these modules use the models.
        from . import (  # noqa: F401 -- connect receivers
            admin_language,
            drafts,
            editor_dates,
            history,
            machine,
            signals,
        )

        machine.check_configuration(settings.MACHINE_TRANSLATION, settings.MACHINE_TRANSLATORS)

        admin_language.install()
        drafts.install()
        editor_dates.install()
