from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "liaison.assessment"
    label = "assessment"
