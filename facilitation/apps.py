from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitationConfig(AppConfig):
    """A contact with each group every six weeks: the log, the dashboard, the reminders."""

    name = "facilitation"
    verbose_name = _("Facilitation")
