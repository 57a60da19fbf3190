from django.apps import AppConfig


class GeographyConfig(AppConfig):
    name = "liaison.geography"
    label = "geography"
    verbose_name = "Reference geography"
