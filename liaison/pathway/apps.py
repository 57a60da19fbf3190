from django.apps import AppConfig


class PathwayConfig(AppConfig):
    name = "liaison.pathway"
    label = "pathway"
