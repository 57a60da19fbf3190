from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "liaison.screening"
    label = "screening"

    def ready(self) -> None:
        # What screening contributes to an episode (pathway assembles it; see pathway.registry).
        from liaison.pathway import registry
        from liaison.pathway.stages import Step
        from liaison.screening import sections, views

        registry.add_step_page(Step.SCREEN, path="screen", view=views.screen)
        registry.add_section(registry.Section("findings", "screening/_episode_findings.html", 10, sections.findings))
        registry.add_section(
            registry.Section("instruments", "screening/instruments/_episode_section.html", 20, sections.instruments)
        )
