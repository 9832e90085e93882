from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set (``seed_demo``): it builds rows of every app, so it sits above them."""

    name = "demo"
