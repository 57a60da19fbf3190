from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "liaison.sharing"
    label = "sharing"

    def ready(self) -> None:
        from liaison.pathway import registry

        registry.add_section(registry.Section("sharing", "sharing/_episode_sharing.html", order=50))
