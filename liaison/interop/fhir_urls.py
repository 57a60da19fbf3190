from django.urls import path

from liaison.interop import fhir

app_name = "fhir"
urlpatterns = [
    path("metadata", fhir.metadata, name="metadata"),
    path("Questionnaire", fhir.questionnaire_search, name="questionnaire-search"),
    path("Questionnaire/<str:instrument>", fhir.questionnaire_read, name="questionnaire-read"),
]
