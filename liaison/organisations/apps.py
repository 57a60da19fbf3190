from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "liaison.organisations"
    label = "organisations"
