from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`manage.py seed_demo`): the movement as the 2023 report tells it."""

    name = "demo"
    verbose_name = "Demo"
