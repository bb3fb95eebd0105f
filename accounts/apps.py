from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People: who logs in (or not), their language and their staff role."""

    name = "accounts"
    verbose_name = _("People")
