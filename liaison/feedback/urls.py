from django.urls import path

from liaison.feedback import involvement_views, views

app_name = "feedback"

urlpatterns = [
    # Open without signing in (a fixed interface): a link or QR code presets ?scheme=CODE&site=ID.
    path("feedback/", views.give, name="give"),
    path("feedback/thanks/", views.thanks, name="thanks"),
    path("feedback/results/", views.results, name="results"),
    path("feedback/results/<str:scheme_code>/", views.scheme_results, name="scheme-results"),
    path("feedback/results/<str:scheme_code>/you-said-we-did/", views.action_new, name="action-new"),
    path("feedback/results/<str:scheme_code>/poster/", views.poster, name="poster"),
    path("feedback/you-said-we-did/<int:action_id>/withdraw/", views.action_withdraw, name="action-withdraw"),
    path("feedback/involvement/", involvement_views.groups, name="involvement"),
    path("feedback/involvement/new/", involvement_views.group_new, name="group-new"),
    path("feedback/involvement/<int:group_id>/", involvement_views.group, name="group"),
    path("feedback/involvement/<int:group_id>/meetings/new/", involvement_views.meeting_new, name="meeting-new"),
    path("feedback/involvement/<int:group_id>/decisions/new/", involvement_views.decision_new, name="decision-new"),
]
