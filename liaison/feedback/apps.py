from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "liaison.feedback"
    label = "feedback"
    verbose_name = "Lived experience and feedback"
