from django.urls import path

from liaison.screening.instruments import views

app_name = "instruments"
urlpatterns = [
    path("episodes/<uuid:episode_id>/instruments/", views.choose, name="choose"),
    path("episodes/<uuid:episode_id>/instruments/<slug:instrument>/", views.start, name="start"),
    path("episodes/<uuid:episode_id>/instrument-responses/<uuid:response_id>/", views.result, name="result"),
]
