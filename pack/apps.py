from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackConfig(AppConfig):
    name = "pack"
    verbose_name = _("Mentor pack")
