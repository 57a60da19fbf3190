from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "liaison.sharing"
    label = "sharing"

    def ready(self) -> None:
        from liaison.pathway import registry
        from liaison.pathway.stages import Step
        from liaison.sharing import sections
        from liaison.sharing.gate import require_service_decision

        registry.add_section(registry.Section("sharing", "sharing/_episode_sharing_section.html", 50, sections.sharing))
        # Screening and assessment wait for the person's decision about the service itself.
        registry.add_prerequisite(Step.SCREEN, require_service_decision)
        registry.add_prerequisite(Step.ASSESS, require_service_decision)
