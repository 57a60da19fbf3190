from django.urls import path

from liaison.screening import finding_pages

app_name = "screening"
urlpatterns = [
    path("episodes/<uuid:episode_id>/findings/decide/", finding_pages.decide, name="decide-findings"),
    path("episodes/<uuid:episode_id>/safety-plan/", finding_pages.safety_plan, name="safety-plan"),
]
