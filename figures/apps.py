from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """The movement's figures for the annual report, computed from the data."""

    name = "figures"
    verbose_name = _("Figures")
