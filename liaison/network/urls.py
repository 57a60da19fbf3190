from django.urls import path

from liaison.network import views

app_name = "network"

urlpatterns = [
    path("network/coverage/", views.coverage, name="coverage"),
]
