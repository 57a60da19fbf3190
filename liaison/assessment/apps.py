from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "liaison.assessment"
    label = "assessment"

    def ready(self) -> None:
        from liaison.assessment import sections
        from liaison.pathway import registry

        registry.add_section(
            registry.Section("assessment", "assessment/_episode_assessment.html", 30, sections.assessment)
        )
