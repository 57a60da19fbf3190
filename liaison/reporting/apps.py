from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "liaison.reporting"
    label = "reporting"
    verbose_name = "Reporting"
