from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Data rights and recovery: backup and restore, subject-access export, retention."""

    name = "liaison.records"
    label = "records"
