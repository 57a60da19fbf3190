from django.urls import path

from liaison.records import views

app_name = "records"
urlpatterns = [
    path("people/<uuid:person_id>/subject-access/", views.subject_access, name="subject-access"),
]
