from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "liaison.governance"
    label = "governance"
    verbose_name = "Governance, commissioning and guidance"

    def ready(self) -> None:
        # The standards pages show the guidance that supports a criterion; standards sits below
        # governance in the layers, so governance hands it the lookup instead of being imported.
        from liaison.governance.guidance import guidance_for_criteria
        from liaison.standards.related import provide

        provide("guidance", guidance_for_criteria)
