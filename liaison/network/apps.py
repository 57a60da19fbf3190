from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "liaison.network"
    label = "network"
    verbose_name = "National programme"
