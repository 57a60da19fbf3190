from django.urls import path

from liaison.governance import programme_views, views

app_name = "governance"

urlpatterns = [
    path("governance/", views.home, name="home"),
    path("governance/commissioning/", programme_views.comparison, name="comparison"),
    path("governance/guidance/", programme_views.guidance, name="guidance"),
    path("governance/guidance/<str:guidance_code>/", programme_views.guidance_document, name="guidance-document"),
    path("governance/schemes/<str:scheme_code>/", views.scheme, name="scheme"),
    path("governance/schemes/<str:scheme_code>/board/new/", views.board_new, name="board-new"),
    path("governance/schemes/<str:scheme_code>/members/new/", views.member_new, name="member-new"),
    path("governance/schemes/<str:scheme_code>/meetings/new/", views.meeting_new, name="meeting-new"),
    path("governance/schemes/<str:scheme_code>/decisions/new/", views.decision_new, name="decision-new"),
    path("governance/schemes/<str:scheme_code>/commissioning/new/", views.arrangement_new, name="arrangement-new"),
    path("governance/actions/<int:board_action_id>/close/", views.action_close, name="action-close"),
]
