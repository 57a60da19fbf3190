from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "liaison.linkage"
    label = "linkage"

    def ready(self) -> None:
        # Keep the blocking keys beside every person and alias as they are saved, and offer
        # "Seen before?" to the identification pages of the pathway below.
        from liaison.linkage import keys, seen_before

        keys.connect()
        seen_before.register()
