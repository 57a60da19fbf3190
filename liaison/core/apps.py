from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "liaison.core"
    label = "core"

    def ready(self) -> None:
        # Each app declares its event tags in its own `events.py`; importing them all here fills
        # the one registry before any request, command or test runs.
        autodiscover_modules("events")
        # After every migrate (once, for this app), the append-only tables get their triggers.
        from liaison.core.triggers import install_after_migrate

        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="liaison_append_only_triggers")
        # Free text has one limit in the form, the API and the model (issue 12).
        from liaison.core.limits import connect

        connect()
