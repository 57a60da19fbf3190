from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "liaison.screening"
    label = "screening"
