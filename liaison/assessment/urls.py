from django.urls import path

from liaison.assessment import views

app_name = "assessment"
_ONE = "episodes/<uuid:episode_id>/assessments/<int:assessment_id>/"
urlpatterns = [
    path("episodes/<uuid:episode_id>/assessment/", views.start, name="start"),
    path(_ONE, views.view, name="view"),
    path(f"{_ONE}edit/", views.edit, name="edit"),
    path(f"{_ONE}complete/", views.complete, name="complete"),
    path(f"{_ONE}amend/", views.amend, name="amend"),
]
