from django.urls import path

from liaison.pathway.identification import views

app_name = "people"
urlpatterns = [
    path("people/", views.find, name="find"),
    path("people/identify/", views.identify_new, name="identify-new"),
    path("people/<uuid:person_id>/", views.person, name="person"),
    path("people/<uuid:person_id>/correct/", views.correct, name="correct"),
    path("people/<uuid:person_id>/identify/", views.identify_existing, name="identify-existing"),
    path("people/<uuid:person_id>/break-glass/", views.break_glass, name="break-glass"),
]
