from django.apps import AppConfig


class CdqConfig(AppConfig):
    """The project itself: the page shell, the home pages and what every app shares."""

    name = "cdq"
    verbose_name = "Cuisines de Quartier"
