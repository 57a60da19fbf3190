from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "liaison.workforce"
    label = "workforce"
    verbose_name = "Workforce"
