from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sunshine.demo"
    label = "demo"
    verbose_name = "Demo and benchmark data"  # no models: shown nowhere, so not translated
