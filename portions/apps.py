from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortionsConfig(AppConfig):
    name = "portions"
    verbose_name = _("Cooking sessions and portions")
