from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "liaison.core"
    label = "core"

    def ready(self) -> None:
        # Each app declares its event tags in its own `events.py`; importing them all here fills
        # the one registry before any request, command or test runs.
        autodiscover_modules("events")
