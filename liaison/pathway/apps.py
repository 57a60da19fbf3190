from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PathwayConfig(AppConfig):
    name = "liaison.pathway"
    label = "pathway"

    def ready(self) -> None:
        # The apps above pathway register how their events read on the timeline (their
        # `timeline.py`); pathway assembles them without importing any of them.
        autodiscover_modules("timeline")
