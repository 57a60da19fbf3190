from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "liaison.standards"
    label = "standards"
    verbose_name = "Quality standards"
