from django.urls import path

from liaison.screening import views

app_name = "screening"
urlpatterns = [
    path("episodes/<uuid:episode_id>/findings/decide/", views.decide, name="decide-findings"),
    path("episodes/<uuid:episode_id>/safety-plan/", views.safety_plan, name="safety-plan"),
]
