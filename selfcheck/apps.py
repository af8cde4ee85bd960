from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfCheckConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "selfcheck"
    verbose_name = _("Mentor self-check")
