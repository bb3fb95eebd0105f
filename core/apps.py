from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares and that knows no domain: locks, uploads, forms, text, PDF,
    charts, refusals, CSV and mail helpers, the page shell's template tags."""

    name = "core"
    verbose_name = "Core"
