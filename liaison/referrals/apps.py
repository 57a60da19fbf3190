from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "liaison.referrals"
    label = "referrals"

    def ready(self) -> None:
        # The refer step's page, the referrals section, active referrals holding a closure, and
        # the worklist's follow-ups due.
        from liaison.pathway import registry
        from liaison.pathway.stages import Step
        from liaison.referrals import sections, selectors, views

        registry.add_step_page(Step.REFER, path="refer", view=views.refer)
        registry.add_section(
            registry.Section("referrals", "referrals/_episode_referrals_section.html", 40, sections.referrals)
        )
        registry.add_continuing(lambda ep: selectors.active_referrals(episode=ep))
        registry.add_panel(
            registry.Panel(
                "follow-ups",
                "referrals/_follow_ups.html",
                order=10,
                context=lambda user: {"follow_ups": selectors.follow_ups_due(user=user), "heading": "Follow-ups due"},
            )
        )
