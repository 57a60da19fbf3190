from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "liaison.people"
    label = "people"

    def ready(self) -> None:
        from liaison.people import names

        names.connect()
